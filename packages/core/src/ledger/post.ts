import { createHash } from "node:crypto";
import {
  inTransaction,
  type LedgerEntriesTable,
  type LedgerTransactionKind,
  type LedgerTransactionsTable,
} from "@advo/db";
import { AppError, notFound } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { type Scope, withDb } from "../shared/scope.ts";
import type { Actor } from "../users/index.ts";
import { entryHash } from "./hash-chain.ts";
import {
  addToAccounts,
  balancesOf,
  entriesOfTransactions,
  existingContacts,
  findReversalsOf,
  findTransactionsByKeys,
  insertEntries,
  insertTransactions,
  lockHead,
  moveHead,
} from "./ledger.queries.ts";

export interface PostingLine {
  accountId: string;
  /** Signed points; a posting's lines sum to zero. */
  amount: number;
  /** How much of this line counts towards the account's lifetime earnings (tiers). */
  earned?: number;
}

/** One ledger transaction to post. */
export interface Posting {
  idempotencyKey: string;
  kind: LedgerTransactionKind;
  reason: string;
  contactId: string | null;
  programId?: string | null;
  sourceType?: string | null;
  sourceId?: string | null;
  reversesId?: string | null;
  actor: Actor;
  lines: PostingLine[];
  /** An account this posting may not take below zero (the advocate paying for a redemption). */
  mustCover?: string;
  /** Refuse (not found) unless this contact exists; checked once per batch for all postings. */
  requireContact?: string;
}

export interface PostedTransaction {
  row: LedgerTransactionsTable;
  entries: LedgerEntriesTable[];
  /** True when the idempotency key had already been posted: nothing new was written. */
  replayed: boolean;
}

export type PostOutcome = { ok: true; posted: PostedTransaction } | { ok: false; error: AppError };

function fingerprintOf(p: Posting): string {
  const lines = p.lines.map((l) => [l.accountId, l.amount]);
  return createHash("sha256")
    .update(
      JSON.stringify([
        p.kind,
        p.reason,
        p.contactId,
        p.programId ?? null,
        p.sourceType ?? null,
        p.sourceId ?? null,
        p.reversesId ?? null,
        lines,
      ]),
    )
    .digest("hex");
}

function assertBalanced(p: Posting) {
  if (p.lines.length === 0) throw new AppError("invalid", "a ledger transaction needs at least two lines");
  let sum = 0;
  for (const line of p.lines) {
    if (!Number.isSafeInteger(line.amount)) {
      throw new AppError("invalid", "points: must be a whole number", [
        { path: "points", message: "must be a whole number" },
      ]);
    }
    sum += line.amount;
  }
  if (sum !== 0) throw new Error(`unbalanced ledger posting ${p.idempotencyKey}: lines sum to ${sum}`);
}

const keyReused = (key: string) =>
  new AppError("conflict", "Idempotency key was already used for a different ledger transaction", [
    { path: "idempotencyKey", message: `"${key}" already names a different transaction` },
  ]);

/**
 * Posts transactions in order under the tenant's chain lock, in the caller's database transaction
 * or a new one. A key seen before returns the stored transaction (replayed) when the request is
 * the same and a conflict when it is not; a posting that would overdraw its `mustCover` account
 * fails alone. All-or-nothing for the batch's writes: a database error rolls every posting back.
 */
export async function postBatch(scope: Scope, postings: readonly Posting[]): Promise<PostOutcome[]> {
  for (const p of postings) assertBalanced(p);
  return inTransaction(scope.db, async (trx) => {
    const s = withDb(scope, trx);
    const head = await lockHead(s);
    const now = scope.clock.now();
    const outcomes: PostOutcome[] = new Array(postings.length);

    const existing = new Map(
      (
        await findTransactionsByKeys(
          s,
          postings.map((p) => p.idempotencyKey),
        )
      ).map((r) => [r.idempotencyKey, r]),
    );
    const replayIds = new Set<string>();
    const reversed = new Map(
      (
        await findReversalsOf(
          s,
          postings.flatMap((p) => (p.reversesId ? [p.reversesId] : [])),
        )
      ).map((r) => [r.reversesId, r.id]),
    );
    const balances = await balancesOf(
      s,
      postings.flatMap((p) => (p.mustCover ? [p.mustCover] : [])),
    );
    const contacts = await existingContacts(
      s,
      postings.flatMap((p) => (p.requireContact ? [p.requireContact] : [])),
    );

    const txRows: LedgerTransactionsTable[] = [];
    const entryRows: LedgerEntriesTable[] = [];
    const deltas = new Map<string, { amount: number; earned: number }>();
    const fresh = new Map<string, { index: number; row: LedgerTransactionsTable; entries: LedgerEntriesTable[] }>();
    let seq = head.lastSeq;
    let hash = head.lastHash;

    postings.forEach((p, index) => {
      const fingerprint = fingerprintOf(p);
      const before = existing.get(p.idempotencyKey);
      if (before) {
        if (before.fingerprint !== fingerprint) outcomes[index] = { ok: false, error: keyReused(p.idempotencyKey) };
        else replayIds.add(before.id);
        return;
      }
      const sameBatch = fresh.get(p.idempotencyKey);
      if (sameBatch) {
        outcomes[index] =
          sameBatch.row.fingerprint === fingerprint
            ? { ok: true, posted: { row: sameBatch.row, entries: sameBatch.entries, replayed: true } }
            : { ok: false, error: keyReused(p.idempotencyKey) };
        return;
      }
      if (p.requireContact && !contacts.has(p.requireContact)) {
        outcomes[index] = { ok: false, error: notFound("contact", p.requireContact) };
        return;
      }
      if (p.reversesId && reversed.has(p.reversesId)) {
        outcomes[index] = {
          ok: false,
          error: new AppError(
            "conflict",
            `transaction ${p.reversesId} was already reversed by ${reversed.get(p.reversesId)}`,
          ),
        };
        return;
      }
      if (p.mustCover) {
        const balance = balances.get(p.mustCover) ?? 0;
        const change = p.lines.filter((l) => l.accountId === p.mustCover).reduce((sum, l) => sum + l.amount, 0);
        if (balance + change < 0) {
          outcomes[index] = {
            ok: false,
            error: new AppError("conflict", `not enough points: the balance is ${balance}, this needs ${-change}`, [
              { path: "points", message: `balance ${balance} is less than ${-change}` },
            ]),
          };
          return;
        }
        balances.set(p.mustCover, balance + change);
      }

      const row: LedgerTransactionsTable = {
        tenantId: scope.tenantId,
        id: newId("ltx"),
        idempotencyKey: p.idempotencyKey,
        fingerprint,
        kind: p.kind,
        reason: p.reason,
        contactId: p.contactId,
        programId: p.programId ?? null,
        sourceType: p.sourceType ?? null,
        sourceId: p.sourceId ?? null,
        reversesId: p.reversesId ?? null,
        actor: JSON.stringify(p.actor),
        createdAt: now,
      };
      const entries: LedgerEntriesTable[] = [];
      for (const line of p.lines) {
        seq += 1;
        const entry = {
          tenantId: scope.tenantId,
          seq,
          transactionId: row.id,
          accountId: line.accountId,
          amount: line.amount,
          createdAt: now,
          prevHash: hash,
          hash: "",
        };
        entry.hash = entryHash(hash, entry, row);
        hash = entry.hash;
        entries.push(entry);
        const delta = deltas.get(line.accountId) ?? { amount: 0, earned: 0 };
        delta.amount += line.amount;
        delta.earned += line.earned ?? 0;
        deltas.set(line.accountId, delta);
      }
      if (p.reversesId) reversed.set(p.reversesId, row.id);
      txRows.push(row);
      entryRows.push(...entries);
      fresh.set(p.idempotencyKey, { index, row, entries });
      outcomes[index] = { ok: true, posted: { row, entries, replayed: false } };
    });

    if (txRows.length > 0) {
      await insertTransactions(
        s,
        txRows.map(({ tenantId: _t, ...r }) => r),
      );
      await insertEntries(
        s,
        entryRows.map(({ tenantId: _t, ...e }) => e),
      );
      await addToAccounts(s, deltas);
      await moveHead(s, seq, hash);
    }

    if (replayIds.size > 0) {
      const replayEntries = await entriesOfTransactions(s, [...replayIds]);
      postings.forEach((p, index) => {
        const before = existing.get(p.idempotencyKey);
        if (!before || !replayIds.has(before.id) || outcomes[index]) return;
        outcomes[index] = {
          ok: true,
          posted: { row: before, entries: replayEntries.filter((e) => e.transactionId === before.id), replayed: true },
        };
      });
    }
    return outcomes;
  });
}

/** Posts one transaction; its failure is thrown. */
export async function postOne(scope: Scope, posting: Posting): Promise<PostedTransaction> {
  const [outcome] = await postBatch(scope, [posting]);
  if (!outcome) throw new Error("postBatch returned no outcome");
  if (!outcome.ok) throw outcome.error;
  return outcome.posted;
}
