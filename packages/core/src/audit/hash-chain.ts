import { createHash } from "node:crypto";
import type { AuditEntriesTable } from "@advo/db";

export const AUDIT_GENESIS_HASH = "0".repeat(64);

export type AuditFields = Omit<AuditEntriesTable, "prevHash" | "hash">;

/**
 * An entry's hash covers the previous entry's hash and every stored field of the entry, so changing
 * any value (or removing, inserting or reordering an entry) breaks the chain there. JSON of an array
 * keeps field boundaries unambiguous.
 */
export function auditEntryHash(prevHash: string, e: AuditFields): string {
  const material = JSON.stringify([
    prevHash,
    e.tenantId,
    Number(e.seq),
    Number(e.at),
    e.actorType,
    e.actorId,
    e.actorName,
    e.action,
    e.method,
    e.route,
    e.path,
    Number(e.statusCode),
    e.resourceKind,
    e.resourceId,
    e.requestId,
    e.body,
    e.before,
    e.beforeSource,
    e.after,
  ]);
  return createHash("sha256").update(material).digest("hex");
}
