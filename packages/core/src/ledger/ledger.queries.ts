import type { LedgerEntriesTable, LedgerTransactionsTable } from "@advo/db";
import { insertInto, type Scope, selectFrom, updateTable } from "../shared/scope.ts";
import { contactOfAccount } from "./accounts.ts";
import { GENESIS_HASH } from "./hash-chain.ts";

const CHUNK = 400;
const chunks = <T>(items: readonly T[], size = CHUNK): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/**
 * Locks the tenant's chain head for the rest of the transaction and returns it. The UPDATE comes
 * first so SQLite takes its write lock at once and PostgreSQL holds the head row until commit.
 */
export async function lockHead(scope: Scope): Promise<{ lastSeq: number; lastHash: string }> {
  const now = scope.clock.now();
  const locked = await updateTable(scope, "ledgerHeads")
    .set({ updatedAt: now })
    .returning(["lastSeq", "lastHash"])
    .executeTakeFirst();
  if (locked) return { lastSeq: Number(locked.lastSeq), lastHash: locked.lastHash };
  await insertInto(scope, "ledgerHeads", { lastSeq: 0, lastHash: GENESIS_HASH, updatedAt: now })
    .onConflict((oc) => oc.column("tenantId").doNothing())
    .execute();
  const head = await updateTable(scope, "ledgerHeads")
    .set({ updatedAt: now })
    .returning(["lastSeq", "lastHash"])
    .executeTakeFirstOrThrow();
  return { lastSeq: Number(head.lastSeq), lastHash: head.lastHash };
}

export const moveHead = (scope: Scope, lastSeq: number, lastHash: string) =>
  updateTable(scope, "ledgerHeads").set({ lastSeq, lastHash, updatedAt: scope.clock.now() }).execute();

export const readHead = (scope: Scope) =>
  selectFrom(scope, "ledgerHeads").select(["lastSeq", "lastHash"]).executeTakeFirst();

export async function findTransactionsByKeys(scope: Scope, keys: readonly string[]) {
  const rows: LedgerTransactionsTable[] = [];
  for (const part of chunks([...new Set(keys)])) {
    rows.push(
      ...(await selectFrom(scope, "ledgerTransactions").selectAll().where("idempotencyKey", "in", part).execute()),
    );
  }
  return rows;
}

export async function findReversalsOf(scope: Scope, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return selectFrom(scope, "ledgerTransactions")
    .select(["id", "reversesId"])
    .where("reversesId", "in", [...new Set(ids)])
    .execute();
}

export const findTransaction = (scope: Scope, id: string) =>
  selectFrom(scope, "ledgerTransactions").selectAll().where("id", "=", id).executeTakeFirst();

export async function entriesOfTransactions(scope: Scope, ids: readonly string[]) {
  const rows: LedgerEntriesTable[] = [];
  for (const part of chunks([...new Set(ids)])) {
    rows.push(
      ...(await selectFrom(scope, "ledgerEntries")
        .selectAll()
        .where("transactionId", "in", part)
        .orderBy("seq")
        .execute()),
    );
  }
  return rows;
}

export async function balancesOf(scope: Scope, accountIds: readonly string[]): Promise<Map<string, number>> {
  const balances = new Map<string, number>();
  for (const part of chunks([...new Set(accountIds)])) {
    const rows = await selectFrom(scope, "ledgerAccounts").select(["id", "balance"]).where("id", "in", part).execute();
    for (const row of rows) balances.set(row.id, Number(row.balance));
  }
  return balances;
}

export async function insertTransactions(scope: Scope, rows: Omit<LedgerTransactionsTable, "tenantId">[]) {
  for (const part of chunks(rows, 200)) await insertInto(scope, "ledgerTransactions", part).execute();
}

export async function insertEntries(scope: Scope, rows: Omit<LedgerEntriesTable, "tenantId">[]) {
  for (const part of chunks(rows, 400)) await insertInto(scope, "ledgerEntries", part).execute();
}

/**
 * Adds each account's change to its cached balance and lifetime earnings, creating accounts on
 * first use: one upsert per 200 accounts.
 */
export async function addToAccounts(scope: Scope, deltas: Map<string, { amount: number; earned: number }>) {
  const now = scope.clock.now();
  for (const part of chunks([...deltas.entries()], 200)) {
    await insertInto(
      scope,
      "ledgerAccounts",
      part.map(([id, d]) => {
        const contactId = contactOfAccount(id);
        return {
          id,
          kind: contactId ? ("advocate" as const) : ("system" as const),
          contactId,
          balance: d.amount,
          lifetimeEarned: d.earned,
          createdAt: now,
          updatedAt: now,
        };
      }),
    )
      .onConflict((oc) =>
        oc.columns(["tenantId", "id"]).doUpdateSet((eb) => ({
          balance: eb("ledgerAccounts.balance", "+", eb.ref("excluded.balance")),
          lifetimeEarned: eb("ledgerAccounts.lifetimeEarned", "+", eb.ref("excluded.lifetimeEarned")),
          updatedAt: now,
        })),
      )
      .execute();
  }
}

export const findAccount = (scope: Scope, accountId: string) =>
  selectFrom(scope, "ledgerAccounts").selectAll().where("id", "=", accountId).executeTakeFirst();

/** An account's entries with their transactions, newest first, before a seq cursor. */
export function accountHistory(scope: Scope, accountId: string, limit: number, beforeSeq?: number) {
  let query = selectFrom(scope, "ledgerEntries")
    .innerJoin("ledgerTransactions as t", (join) =>
      join.onRef("t.tenantId", "=", "ledgerEntries.tenantId").onRef("t.id", "=", "ledgerEntries.transactionId"),
    )
    .select([
      "ledgerEntries.seq",
      "ledgerEntries.amount",
      "ledgerEntries.createdAt",
      "t.id as transactionId",
      "t.kind",
      "t.reason",
      "t.programId",
      "t.sourceType",
      "t.sourceId",
      "t.reversesId",
      "t.actor",
    ])
    .where("ledgerEntries.accountId", "=", accountId)
    .orderBy("ledgerEntries.seq", "desc")
    .limit(limit + 1);
  if (beforeSeq !== undefined) query = query.where("ledgerEntries.seq", "<", beforeSeq);
  return query.execute();
}

export async function existingContacts(scope: Scope, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks([...new Set(ids)])) {
    const rows = await selectFrom(scope, "contacts").select("id").where("id", "in", part).execute();
    for (const r of rows) found.add(r.id);
  }
  return found;
}
