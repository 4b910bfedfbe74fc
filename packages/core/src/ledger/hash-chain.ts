import { createHash } from "node:crypto";
import type { LedgerEntriesTable, LedgerTransactionsTable } from "@advo/db";

export const GENESIS_HASH = "0".repeat(64);

type EntryFields = Pick<
  LedgerEntriesTable,
  "tenantId" | "seq" | "transactionId" | "accountId" | "amount" | "createdAt"
>;
type TransactionFields = Omit<LedgerTransactionsTable, "fingerprint">;

/**
 * An entry's hash covers the previous entry's hash, the entry and every field of its transaction,
 * so changing any stored value (or removing, inserting or reordering an entry) breaks the chain at
 * that entry. JSON of an array keeps field boundaries unambiguous.
 */
export function entryHash(prevHash: string, entry: EntryFields, tx: TransactionFields): string {
  const material = JSON.stringify([
    prevHash,
    entry.tenantId,
    Number(entry.seq),
    entry.transactionId,
    entry.accountId,
    Number(entry.amount),
    Number(entry.createdAt),
    tx.id,
    tx.idempotencyKey,
    tx.kind,
    tx.reason,
    tx.contactId,
    tx.programId,
    tx.sourceType,
    tx.sourceId,
    tx.reversesId,
    tx.actor,
    Number(tx.createdAt),
  ]);
  return createHash("sha256").update(material).digest("hex");
}
