import type { ContactsTable } from "@advo/db";
import { inTransaction } from "@advo/db";
import { findContact, type Identity, listIdentities, moveIdentity } from "../contacts/index.ts";
import { toIso } from "../shared/clock.ts";
import { AppError, notFound } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { parseJsonObject, toJson } from "../shared/json.ts";
import { type Scope, updateTable, withDb } from "../shared/scope.ts";
import {
  contactOwnedTables,
  deleteContactRow,
  findMerge,
  insertMerge,
  keysOwnedBy,
  latestOpenMerge,
  listMerges,
  markMergeUndone,
  reassignAll,
  reassignKeys,
  restoreContactRow,
} from "./merge.queries.ts";

interface MergeSnapshot {
  merged: Omit<ContactsTable, "tenantId">;
  survivorBefore: Omit<ContactsTable, "tenantId">;
  identities: Identity[];
  owned: Record<string, string[]>;
}

const FILLABLE = ["email", "firstName", "lastName", "title", "phone", "locale", "region", "accountId"] as const;

const stripTenant = (row: ContactsTable): Omit<ContactsTable, "tenantId"> => {
  const { tenantId: _ignored, ...rest } = row;
  return rest;
};

/**
 * Folds `mergedId` into `survivorId`: its identities, events and signals move over, the
 * survivor's empty fields are filled from it, and the merged contact is removed. Everything
 * needed to undo it is recorded. Must run inside a transaction (the caller's or its own).
 */
export async function mergeContacts(
  scope: Scope,
  survivorId: string,
  mergedId: string,
  reason: string,
): Promise<string> {
  if (survivorId === mergedId) throw new AppError("invalid", "a contact cannot be merged into itself");
  const survivor = await findContact(scope, survivorId);
  const merged = await findContact(scope, mergedId);
  if (!survivor) throw notFound("contact", survivorId);
  if (!merged) throw notFound("contact", mergedId);

  const owned: Record<string, string[]> = {};
  for (const { table, key } of contactOwnedTables) owned[table] = await keysOwnedBy(scope, table, key, mergedId);
  const identities = (await listIdentities(scope, mergedId)) as Identity[];
  const id = newId("mrg");
  const snapshot: MergeSnapshot = {
    merged: stripTenant(merged),
    survivorBefore: stripTenant(survivor),
    identities,
    owned,
  };

  for (const { table } of contactOwnedTables) await reassignAll(scope, table, mergedId, survivorId);
  for (const identity of identities) await moveIdentity(scope, identity, survivorId);
  await deleteContactRow(scope, mergedId);

  const patch: Partial<Record<(typeof FILLABLE)[number], string | null>> = {};
  for (const field of FILLABLE) if (survivor[field] === null && merged[field] !== null) patch[field] = merged[field];
  const combine = (a: string, b: string) => toJson({ ...parseJsonObject(b), ...parseJsonObject(a) });
  await updateTable(scope, "contacts")
    .set({
      ...patch,
      externalIds: combine(survivor.externalIds, merged.externalIds),
      socialHandles: combine(survivor.socialHandles, merged.socialHandles),
      attributes: combine(survivor.attributes, merged.attributes),
      updatedAt: scope.clock.now(),
    })
    .where("id", "=", survivorId)
    .execute();
  await insertMerge(scope, {
    id,
    survivorId,
    mergedId,
    reason,
    snapshot: JSON.stringify(snapshot),
    createdAt: scope.clock.now(),
    undoneAt: null,
  });
  return id;
}

/** Merges two contacts on a person's request, in its own transaction. */
export function mergeContactsNow(scope: Scope, survivorId: string, mergedId: string, reason = "merged by a person") {
  return inTransaction(scope.db, (trx) => mergeContacts(withDb(scope, trx), survivorId, mergedId, reason));
}

/**
 * Undoes a merge into `contactId` (the given one, or the latest): the merged contact comes back
 * with its identities, events and signals; the survivor gets its own fields back. Anything that
 * arrived for the survivor after the merge stays with the survivor.
 */
export async function unmergeContact(scope: Scope, contactId: string, mergeId?: string) {
  return inTransaction(scope.db, async (trx) => {
    const inTrx = withDb(scope, trx);
    const merge = mergeId ? await findMerge(inTrx, mergeId) : await latestOpenMerge(inTrx, contactId);
    if (!merge || merge.survivorId !== contactId) throw notFound("merge into contact", mergeId ?? contactId);
    if (merge.undoneAt !== null) throw new AppError("conflict", `merge ${merge.id} was already undone`);
    const snapshot = JSON.parse(merge.snapshot) as MergeSnapshot;

    const { id: _id, ...survivorFields } = snapshot.survivorBefore;
    await updateTable(inTrx, "contacts")
      .set({ ...survivorFields, updatedAt: inTrx.clock.now() })
      .where("id", "=", contactId)
      .execute();
    await restoreContactRow(inTrx, snapshot.merged);
    for (const identity of snapshot.identities) await moveIdentity(inTrx, identity, snapshot.merged.id);
    for (const { table, key } of contactOwnedTables) {
      await reassignKeys(inTrx, table, key, snapshot.owned[table] ?? [], snapshot.merged.id);
    }
    await markMergeUndone(inTrx, merge.id, inTrx.clock.now());
    return { mergeId: merge.id, survivorId: contactId, restoredId: snapshot.merged.id };
  });
}

export async function mergeHistory(scope: Scope, contactId: string) {
  const rows = await listMerges(scope, contactId);
  // A contact merged away no longer exists but keeps its history; anything else unknown is a 404.
  if (rows.length === 0 && !(await findContact(scope, contactId))) throw notFound("contact", contactId);
  return rows.map((r) => ({
    id: r.id,
    survivorId: r.survivorId,
    mergedId: r.mergedId,
    reason: r.reason,
    createdAt: toIso(r.createdAt),
    undoneAt: r.undoneAt === null ? null : toIso(r.undoneAt),
  }));
}
