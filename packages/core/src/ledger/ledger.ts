import type { LedgerEntriesTable, LedgerTransactionsTable } from "@advo/db";
import { toIso } from "../shared/clock.ts";
import { AppError, notFound } from "../shared/errors.ts";
import { parseJsonObject } from "../shared/json.ts";
import { type Scope, selectFrom } from "../shared/scope.ts";
import type { Actor } from "../users/index.ts";
import { advocateAccount, SYSTEM_ACCOUNTS } from "./accounts.ts";
import { postGrouped } from "./group-commit.ts";
import { accountHistory, entriesOfTransactions, findAccount, findTransaction } from "./ledger.queries.ts";
import type { AdjustmentInput, LedgerAccount, LedgerTransaction, ReversalInput } from "./ledger.schemas.ts";
import { type PostedTransaction, type Posting, postBatch, postOne } from "./post.ts";

const sourceOf = (type: string | null, id: string | null) => (type && id ? { type, id } : null);
const actorOf = (json: string) => {
  const a = parseJsonObject<{ type?: string; id?: string; name?: string }>(json);
  return { type: a.type ?? "system", id: a.id ?? "", name: a.name ?? "" };
};

export function toLedgerTransaction(posted: PostedTransaction): LedgerTransaction {
  const { row, entries } = posted;
  const wallet = row.contactId ? advocateAccount(row.contactId) : null;
  return {
    id: row.id,
    idempotencyKey: row.idempotencyKey,
    kind: row.kind,
    reason: row.reason,
    contactId: row.contactId,
    programId: row.programId,
    source: sourceOf(row.sourceType, row.sourceId),
    reversesId: row.reversesId,
    actor: actorOf(row.actor),
    points: entries.filter((e) => e.accountId === wallet).reduce((sum, e) => sum + Number(e.amount), 0),
    entries: entries.map((e) => ({ seq: Number(e.seq), accountId: e.accountId, amount: Number(e.amount) })),
    createdAt: toIso(Number(row.createdAt)),
    replayed: posted.replayed,
  };
}

export interface AwardRequest {
  contactId: string;
  points: number;
  reason: string;
  idempotencyKey: string;
  actor: Actor;
  programId?: string | null;
  source?: { type: string; id: string };
}

export function awardPosting(a: AwardRequest): Posting {
  if (!Number.isSafeInteger(a.points) || a.points <= 0) {
    throw new AppError("invalid", "points: must be a positive whole number", [
      { path: "points", message: "must be a positive whole number" },
    ]);
  }
  return {
    idempotencyKey: a.idempotencyKey,
    kind: "award",
    reason: a.reason,
    contactId: a.contactId,
    programId: a.programId ?? null,
    sourceType: a.source?.type ?? null,
    sourceId: a.source?.id ?? null,
    actor: a.actor,
    lines: [
      { accountId: advocateAccount(a.contactId), amount: a.points, earned: a.points },
      { accountId: SYSTEM_ACCOUNTS.award, amount: -a.points },
    ],
  };
}

async function assertContact(scope: Scope, contactId: string) {
  const found = await selectFrom(scope, "contacts").select("id").where("id", "=", contactId).executeTakeFirst();
  if (!found) throw notFound("contact", contactId);
}

/** Awards points to an advocate, exactly once per idempotency key. */
export async function awardPoints(scope: Scope, award: AwardRequest): Promise<LedgerTransaction> {
  const posting = { ...awardPosting(award), requireContact: award.contactId };
  return toLedgerTransaction(await postGrouped(scope, posting));
}

/** Many awards in one database transaction (one chain lock); each succeeds or fails on its own. */
export async function awardPointsBatch(scope: Scope, awards: readonly AwardRequest[]) {
  const outcomes = await postBatch(scope, awards.map(awardPosting));
  return outcomes.map((o) => (o.ok ? { ok: true as const, transaction: toLedgerTransaction(o.posted) } : o));
}

export interface SpendRequest {
  contactId: string;
  points: number;
  kind: "redemption" | "expiry";
  reason: string;
  idempotencyKey: string;
  actor: Actor;
  programId?: string | null;
  source?: { type: string; id: string };
}

/** Takes points from an advocate (a redemption or an expiry); refused when the balance cannot cover it. */
export async function spendPoints(scope: Scope, spend: SpendRequest): Promise<LedgerTransaction> {
  const wallet = advocateAccount(spend.contactId);
  const posted = await postOne(scope, {
    idempotencyKey: spend.idempotencyKey,
    kind: spend.kind,
    reason: spend.reason,
    contactId: spend.contactId,
    programId: spend.programId ?? null,
    sourceType: spend.source?.type ?? null,
    sourceId: spend.source?.id ?? null,
    actor: spend.actor,
    mustCover: wallet,
    lines: [
      { accountId: wallet, amount: -spend.points },
      {
        accountId: spend.kind === "redemption" ? SYSTEM_ACCOUNTS.redemption : SYSTEM_ACCOUNTS.expiry,
        amount: spend.points,
      },
    ],
  });
  return toLedgerTransaction(posted);
}

/** A manager's correction: credit or debit with a reason. A debit may not overdraw the account. */
export async function adjustPoints(
  scope: Scope,
  contactId: string,
  input: AdjustmentInput,
  actor: Actor,
): Promise<LedgerTransaction> {
  await assertContact(scope, contactId);
  const wallet = advocateAccount(contactId);
  const posted = await postOne(scope, {
    idempotencyKey: input.idempotencyKey,
    kind: "adjustment",
    reason: input.reason,
    contactId,
    actor,
    ...(input.points < 0 ? { mustCover: wallet } : {}),
    lines: [
      { accountId: wallet, amount: input.points },
      { accountId: SYSTEM_ACCOUNTS.adjustment, amount: -input.points },
    ],
  });
  return toLedgerTransaction(posted);
}

/**
 * Undoes a transaction by posting its mirror image: entries are never edited or deleted. An award
 * reversed after the points were spent leaves a negative balance on record rather than hiding it.
 */
export async function reverseTransaction(
  scope: Scope,
  transactionId: string,
  input: ReversalInput,
  actor: Actor,
): Promise<LedgerTransaction> {
  const original = await findTransaction(scope, transactionId);
  if (!original) throw notFound("ledger transaction", transactionId);
  if (original.kind === "reversal")
    throw new AppError("conflict", "a reversal cannot itself be reversed; post an adjustment");
  const entries = await entriesOfTransactions(scope, [transactionId]);
  const posted = await postOne(scope, {
    idempotencyKey: input.idempotencyKey,
    kind: "reversal",
    reason: input.reason,
    contactId: original.contactId,
    programId: original.programId,
    sourceType: original.sourceType,
    sourceId: original.sourceId,
    reversesId: original.id,
    actor,
    lines: entries.map((e) => ({
      accountId: e.accountId,
      amount: -Number(e.amount),
      earned: original.kind === "award" && e.accountId.startsWith("advocate:") ? -Number(e.amount) : 0,
    })),
  });
  return toLedgerTransaction(posted);
}

export async function getTransaction(scope: Scope, id: string): Promise<LedgerTransaction> {
  const row = await findTransaction(scope, id);
  if (!row) throw notFound("ledger transaction", id);
  return toLedgerTransaction({ row, entries: await entriesOfTransactions(scope, [id]), replayed: false });
}

export async function getBalance(
  scope: Scope,
  contactId: string,
): Promise<{ balance: number; lifetimeEarned: number }> {
  const account = await findAccount(scope, advocateAccount(contactId));
  return { balance: Number(account?.balance ?? 0), lifetimeEarned: Number(account?.lifetimeEarned ?? 0) };
}

/** An advocate's balance and entries, newest first. */
export async function getLedgerAccount(
  scope: Scope,
  contactId: string,
  query: { limit: number; cursor?: string | undefined },
): Promise<LedgerAccount> {
  await assertContact(scope, contactId);
  const accountId = advocateAccount(contactId);
  const [totals, rows] = await Promise.all([
    getBalance(scope, contactId),
    accountHistory(scope, accountId, query.limit, query.cursor ? Number(query.cursor) : undefined),
  ]);
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  return {
    contactId,
    ...totals,
    entries: page.map((r) => ({
      seq: Number(r.seq),
      transactionId: r.transactionId,
      kind: r.kind,
      reason: r.reason,
      amount: Number(r.amount),
      programId: r.programId,
      source: sourceOf(r.sourceType, r.sourceId),
      reversesId: r.reversesId,
      actor: actorOf(r.actor),
      createdAt: toIso(Number(r.createdAt)),
    })),
    nextCursor: more ? String(page[page.length - 1]?.seq) : null,
  };
}

export type { LedgerEntriesTable, LedgerTransactionsTable };
