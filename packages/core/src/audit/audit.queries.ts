import type { AuditEntriesTable } from "@advo/db";
import { insertInto, type Scope, selectFrom, updateTable } from "../shared/scope.ts";
import { AUDIT_GENESIS_HASH } from "./hash-chain.ts";

/** Locks the tenant's audit head row (creating it on first use): appends are serialised per tenant. */
export async function lockAuditHead(scope: Scope): Promise<{ lastSeq: number; lastHash: string }> {
  const now = scope.clock.now();
  const lock = () =>
    updateTable(scope, "auditHeads").set({ updatedAt: now }).returning(["lastSeq", "lastHash"]).executeTakeFirst();
  let head = await lock();
  if (!head) {
    await insertInto(scope, "auditHeads", { lastSeq: 0, lastHash: AUDIT_GENESIS_HASH, updatedAt: now })
      .onConflict((oc) => oc.column("tenantId").doNothing())
      .execute();
    head = await lock();
  }
  if (!head) throw new Error("audit head could not be locked");
  return { lastSeq: Number(head.lastSeq), lastHash: head.lastHash };
}

export const moveAuditHead = (scope: Scope, lastSeq: number, lastHash: string) =>
  updateTable(scope, "auditHeads").set({ lastSeq, lastHash, updatedAt: scope.clock.now() }).execute();

export const readAuditHead = (scope: Scope) =>
  selectFrom(scope, "auditHeads").select(["lastSeq", "lastHash"]).executeTakeFirst();

export const insertAuditEntry = (scope: Scope, row: Omit<AuditEntriesTable, "tenantId">) =>
  insertInto(scope, "auditEntries", row).execute();

/** The newest entry about one resource that recorded its state afterwards. */
export const lastAfterOf = (scope: Scope, kind: string, id: string) =>
  selectFrom(scope, "auditEntries")
    .select(["after"])
    .where("resourceKind", "=", kind)
    .where("resourceId", "=", id)
    .where("after", "is not", null)
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();

export interface AuditFilter {
  actor?: string | undefined;
  resourceKind?: string | undefined;
  resourceId?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
}

export function filteredEntries(scope: Scope, f: AuditFilter) {
  let q = selectFrom(scope, "auditEntries").selectAll();
  if (f.actor) q = q.where("actorId", "=", f.actor);
  if (f.resourceKind) q = q.where("resourceKind", "=", f.resourceKind);
  if (f.resourceId) q = q.where("resourceId", "=", f.resourceId);
  if (f.from !== undefined) q = q.where("at", ">=", f.from);
  if (f.to !== undefined) q = q.where("at", "<", f.to);
  return q;
}

export const entriesAfter = (scope: Scope, afterSeq: number, limit: number) =>
  selectFrom(scope, "auditEntries").selectAll().where("seq", ">", afterSeq).orderBy("seq").limit(limit).execute();
