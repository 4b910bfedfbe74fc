import { createHash } from "node:crypto";
import type { AuditEntriesTable } from "@advo/db";

export const AUDIT_GENESIS_HASH = "0".repeat(64);

export type AuditFields = Omit<AuditEntriesTable, "prevHash" | "hash">;

/**
 * A recorded document (body, before, after) whose personal data was erased is replaced by
 * "erased:<sha256 of what it was>". Recorded documents are JSON, which never starts with "e",
 * so the two cannot be confused.
 */
export const ERASED_PREFIX = "erased:";
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
export const erasedForm = (text: string) => (text.startsWith(ERASED_PREFIX) ? text : `${ERASED_PREFIX}${sha256(text)}`);

/** The chain covers each document's digest, so erasing one (keeping its digest) leaves the chain intact. */
const digestOf = (text: string | null) =>
  text === null ? null : text.startsWith(ERASED_PREFIX) ? text.slice(ERASED_PREFIX.length) : sha256(text);

/**
 * An entry's hash covers the previous entry's hash and every stored field of the entry (documents by
 * their SHA-256), so changing any value (or removing, inserting or reordering an entry) breaks the
 * chain there; only replacing a document by its erased form keeps it. JSON of an array
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
    digestOf(e.body),
    digestOf(e.before),
    e.beforeSource,
    digestOf(e.after),
  ]);
  return createHash("sha256").update(material).digest("hex");
}
