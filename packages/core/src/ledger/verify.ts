import type { LedgerTransactionsTable } from "@advo/db";
import { sql } from "kysely";
import { type Scope, selectFrom } from "../shared/scope.ts";
import { contactOfAccount } from "./accounts.ts";
import { entryHash, GENESIS_HASH } from "./hash-chain.ts";
import { readHead } from "./ledger.queries.ts";
import type { VerifyReport } from "./ledger.schemas.ts";

const PAGE = 5000;
const MAX_PROBLEMS = 1000;

type Problem = VerifyReport["problems"][number];

/**
 * Walks a tenant's ledger in chain order and recomputes every hash. Reports the exact entry whose
 * stored values no longer match its hash, a broken link, a gap (a deleted entry), a transaction
 * that does not balance or has no entries, a moved head, and cached balances that drifted from
 * the entries. Read-only.
 */
export async function verifyLedger(scope: Scope, onProgress?: (checked: number) => void): Promise<VerifyReport> {
  const problems: Problem[] = [];
  const report = (p: Problem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
  };
  const sums = new Map<string, number>();
  const earned = new Map<string, number>();
  const txSums = new Map<string, number>();
  const txKinds = new Map<string, Pick<LedgerTransactionsTable, "kind" | "reversesId">>();
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let lastSeq = 0;

  for (;;) {
    const rows = await selectFrom(scope, "ledgerEntries")
      .leftJoin("ledgerTransactions as t", (join) =>
        join.onRef("t.tenantId", "=", "ledgerEntries.tenantId").onRef("t.id", "=", "ledgerEntries.transactionId"),
      )
      .select([
        "ledgerEntries.tenantId",
        "ledgerEntries.seq",
        "ledgerEntries.transactionId",
        "ledgerEntries.accountId",
        "ledgerEntries.amount",
        "ledgerEntries.createdAt",
        "ledgerEntries.prevHash",
        "ledgerEntries.hash",
        "t.id as txId",
        "t.idempotencyKey",
        "t.kind",
        "t.reason",
        "t.contactId",
        "t.programId",
        "t.sourceType",
        "t.sourceId",
        "t.reversesId",
        "t.actor",
        "t.createdAt as txCreatedAt",
      ])
      .where("ledgerEntries.seq", ">", lastSeq)
      .orderBy("ledgerEntries.seq")
      .limit(PAGE)
      .execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      const seq = Number(r.seq);
      const at = { seq, transactionId: r.transactionId, accountId: r.accountId };
      if (seq !== expectedSeq) {
        report({ ...at, problem: `entries ${expectedSeq}–${seq - 1} are missing (deleted from the chain)` });
      }
      if (r.prevHash !== prevHash) {
        report({
          ...at,
          problem: `chain broken: prev_hash does not match entry ${seq - 1}'s hash (entry ${seq - 1} was altered, replaced or removed)`,
        });
      }
      if (r.txId === null || r.kind === null || r.actor === null || r.idempotencyKey === null || r.reason === null) {
        report({ ...at, problem: `its transaction ${r.transactionId} is missing` });
      } else {
        const tx = {
          id: r.txId,
          idempotencyKey: r.idempotencyKey,
          kind: r.kind,
          reason: r.reason,
          contactId: r.contactId,
          programId: r.programId,
          sourceType: r.sourceType,
          sourceId: r.sourceId,
          reversesId: r.reversesId,
          actor: r.actor,
          createdAt: Number(r.txCreatedAt),
          tenantId: r.tenantId,
        };
        if (entryHash(r.prevHash, r, tx) !== r.hash) {
          report({
            ...at,
            problem: "altered: the stored entry or its transaction no longer matches the entry's hash",
          });
        }
        txKinds.set(r.txId, { kind: r.kind, reversesId: r.reversesId });
      }
      const amount = Number(r.amount);
      // Lifetime earnings: awards, less reversed awards, on advocate accounts (the original precedes its reversal).
      const kind = r.kind === "reversal" && r.reversesId ? txKinds.get(r.reversesId)?.kind : r.kind;
      if (kind === "award" && contactOfAccount(r.accountId))
        earned.set(r.accountId, (earned.get(r.accountId) ?? 0) + amount);
      sums.set(r.accountId, (sums.get(r.accountId) ?? 0) + amount);
      txSums.set(r.transactionId, (txSums.get(r.transactionId) ?? 0) + amount);
      prevHash = r.hash;
      expectedSeq = seq + 1;
      lastSeq = seq;
      checked++;
    }
    onProgress?.(checked);
  }

  for (const [transactionId, sum] of txSums) {
    if (sum !== 0)
      report({ seq: null, transactionId, accountId: null, problem: `does not balance: its entries sum to ${sum}` });
  }

  const orphans = await selectFrom(scope, "ledgerTransactions")
    .select("id")
    .where(({ not, exists, selectFrom: sub }) =>
      not(
        exists(
          sub("ledgerEntries as e")
            .select(sql.lit(1).as("one"))
            .whereRef("e.tenantId", "=", "ledgerTransactions.tenantId")
            .whereRef("e.transactionId", "=", "ledgerTransactions.id"),
        ),
      ),
    )
    .execute();
  for (const o of orphans)
    report({ seq: null, transactionId: o.id, accountId: null, problem: "has no entries (they were deleted)" });

  const head = await readHead(scope);
  const headSeq = Number(head?.lastSeq ?? 0);
  const headHash = head?.lastHash ?? GENESIS_HASH;
  if (headSeq !== lastSeq || headHash !== prevHash) {
    report({
      seq: headSeq,
      transactionId: null,
      accountId: null,
      problem: `the chain head says entry ${headSeq} (${headHash.slice(0, 12)}…) but the entries end at ${lastSeq} (${prevHash.slice(0, 12)}…)`,
    });
  }

  const accounts = await selectFrom(scope, "ledgerAccounts").select(["id", "balance", "lifetimeEarned"]).execute();
  for (const a of accounts) {
    const sum = sums.get(a.id) ?? 0;
    if (Number(a.balance) !== sum) {
      report({
        seq: null,
        transactionId: null,
        accountId: a.id,
        problem: `cached balance ${a.balance} differs from its entries' sum ${sum}`,
      });
    }
    if (contactOfAccount(a.id) && Number(a.lifetimeEarned) !== (earned.get(a.id) ?? 0)) {
      report({
        seq: null,
        transactionId: null,
        accountId: a.id,
        problem: `cached lifetime earnings ${a.lifetimeEarned} differ from its awards' sum ${earned.get(a.id) ?? 0}`,
      });
    }
  }

  return {
    ok: problems.length === 0,
    entriesChecked: checked,
    transactionsChecked: txSums.size,
    lastSeq,
    lastHash: prevHash,
    problems,
  };
}
