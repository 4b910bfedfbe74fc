import type { ContactsTable } from "@advo/db";
import { inTransaction } from "@advo/db";
import { findContact, type Identity, listIdentities, moveIdentity } from "../contacts/index.ts";
import { enqueueJob } from "../jobs/index.ts";
import { toIso } from "../shared/clock.ts";
import { AppError, notFound } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { parseJsonObject, toJson } from "../shared/json.ts";
import { type Scope, updateTable, withDb } from "../shared/scope.ts";
import { CONTACTS_CHANGED } from "./ingest.ts";
import {
  clearTopContact,
  deleteAllOf,
  deleteContactRow,
  deleteRow,
  dropSegmentMemberships,
  findMerge,
  insertMerge,
  insertRow,
  latestOpenMerge,
  listMerges,
  markMergeUndone,
  openMergesInto,
  reassignAll,
  reassignKeys,
  restoreContactRow,
  rowsOf,
  updateRow,
} from "./merge.queries.ts";
import {
  consentSince,
  deleteConsentRecords,
  foldConsent,
  foldReferenceProfile,
  movePoints,
  moveProfileBack,
  type PointsMoved,
  type ProfileFold,
  unfoldReferenceProfile,
} from "./merge-folds.ts";
import { DERIVED_TABLES, OWNED_TABLES, type OwnedTable, ownedId, type Row, SIGN_IN_TABLES } from "./merge-tables.ts";

type ContactRow = Omit<ContactsTable, "tenantId">;

/** What a merge changed, stored with it so an unmerge can take exactly that back. */
interface MergeSnapshot {
  merged: ContactRow;
  survivorBefore: ContactRow;
  identities: Identity[];
  /** Per `table.column`, the keys of the rows that moved to the survivor. */
  moved?: Record<string, Row[]>;
  /** Per `table.column`, merged rows dropped for the survivor's own, with the survivor's values they changed. */
  clashed?: Record<string, { merged: Row; before: Row }[]>;
  points?: PointsMoved | null;
  /** Consent records the merge wrote for the survivor (the stricter choice it took over). */
  consentRecordIds?: string[];
  profile?: { movedId: string } | { fold: ProfileFold } | null;
  /** Merges recorded before every contact table was covered: moved message ids / ticket ids by table. */
  owned?: Record<string, string[]>;
}

const FILLABLE = ["email", "firstName", "lastName", "title", "phone", "locale", "region", "accountId"] as const;

const stripTenant = (row: ContactsTable): ContactRow => {
  const { tenantId: _ignored, ...rest } = row;
  return rest;
};

const pick = (row: Row, columns: readonly string[]): Row => Object.fromEntries(columns.map((c) => [c, row[c]]));
const keyOf = (spec: OwnedTable, row: Row) => JSON.stringify(spec.key.map((k) => String(row[k])));

/** Moves one table's rows of `mergedId` to the survivor; where the survivor has the same row, folds. */
async function moveOwnedRows(scope: Scope, spec: OwnedTable, survivorId: string, mergedId: string) {
  const { table, column, key } = spec;
  if (!spec.unique) {
    const moved = await rowsOf(scope, table, column, mergedId, key);
    if (moved.length > 0) await reassignAll(scope, table, column, mergedId, survivorId);
    return { moved, clashed: [] };
  }
  const theirs = await rowsOf(scope, table, column, mergedId);
  if (theirs.length === 0) return { moved: [], clashed: [] };
  const ours = new Map((await rowsOf(scope, table, column, survivorId)).map((r) => [keyOf(spec, r), r]));
  const moved: Row[] = [];
  const clashed: { merged: Row; before: Row }[] = [];
  for (const row of theirs) {
    const mine = ours.get(keyOf(spec, row));
    if (!mine) {
      moved.push(pick(row, key));
      continue;
    }
    const patch = spec.fold?.(mine, row) ?? null;
    if (patch) await updateRow(scope, table, column, survivorId, key, row, patch);
    await deleteRow(scope, table, column, mergedId, key, row);
    clashed.push({ merged: row, before: patch ? pick(mine, Object.keys(patch)) : {} });
  }
  await reassignKeys(scope, table, column, key, moved, mergedId, survivorId);
  return { moved, clashed };
}

/**
 * Folds `mergedId` into `survivorId`: everything that names the merged contact moves over or is
 * folded into the survivor's own (see merge-tables.ts), its points move by a ledger posting, the
 * stricter consent wins, the survivor's empty fields are filled from it, and the merged contact is
 * removed. Everything needed to undo it is recorded. Must run inside a transaction (the caller's or
 * its own). Scores and segments of the survivor are left to the contacts.changed job.
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
  const id = newId("mrg");

  const identities = (await listIdentities(scope, mergedId)) as Identity[];
  const moved: Record<string, Row[]> = {};
  const clashed: Record<string, { merged: Row; before: Row }[]> = {};
  for (const spec of OWNED_TABLES) {
    const result = await moveOwnedRows(scope, spec, survivorId, mergedId);
    if (result.moved.length > 0) moved[ownedId(spec)] = result.moved;
    if (result.clashed.length > 0) clashed[ownedId(spec)] = result.clashed;
  }
  const profile = await foldReferenceProfile(scope, survivorId, mergedId);
  const points = await movePoints(scope, mergedId, survivorId, `merge:${id}`);
  const consent = await foldConsent(scope, survivor.consent, merged.consent, survivorId, id);
  for (const table of DERIVED_TABLES) await deleteAllOf(scope, table, mergedId);
  await dropSegmentMemberships(scope, mergedId);
  await clearTopContact(scope, mergedId);
  for (const table of SIGN_IN_TABLES) await deleteAllOf(scope, table, mergedId);
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
      consent: consent.consent,
      giftsRestricted: Math.max(Number(survivor.giftsRestricted), Number(merged.giftsRestricted)),
      updatedAt: scope.clock.now(),
    })
    .where("id", "=", survivorId)
    .execute();
  const snapshot: MergeSnapshot = {
    merged: stripTenant(merged),
    survivorBefore: stripTenant(survivor),
    identities,
    moved,
    clashed,
    points,
    consentRecordIds: consent.recordIds,
    profile,
  };
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

/** Merges two contacts on a person's request, in its own transaction, and queues the survivor's rescore. */
export function mergeContactsNow(scope: Scope, survivorId: string, mergedId: string, reason = "merged by a person") {
  return inTransaction(scope.db, async (trx) => {
    const s = withDb(scope, trx);
    const id = await mergeContacts(s, survivorId, mergedId, reason);
    await enqueueJob(s, CONTACTS_CHANGED, { contactIds: [survivorId] });
    return id;
  });
}

const LEGACY_KEYS: Record<string, string> = {
  events: "messageId",
  surveyResponses: "messageId",
  tickets: "id",
  purchases: "messageId",
};

/** Moved keys of a merge recorded before every contact table was covered. */
const legacyMoved = (owned: Record<string, string[]>) =>
  Object.fromEntries(
    Object.entries(owned).map(([table, keys]) => [
      `${table}.contactId`,
      keys.map((k) => ({ [LEGACY_KEYS[table] ?? "id"]: k })),
    ]),
  );

async function moveOwnedRowsBack(scope: Scope, snapshot: MergeSnapshot, survivorId: string, mergedId: string) {
  const moved = snapshot.moved ?? legacyMoved(snapshot.owned ?? {});
  for (const spec of OWNED_TABLES) {
    const rows = moved[ownedId(spec)] ?? [];
    if (rows.length > 0) await reassignKeys(scope, spec.table, spec.column, spec.key, rows, survivorId, mergedId);
    const clashes = snapshot.clashed?.[ownedId(spec)] ?? [];
    if (clashes.length === 0) continue;
    const current = new Map((await rowsOf(scope, spec.table, spec.column, survivorId)).map((r) => [keyOf(spec, r), r]));
    for (const { merged, before } of clashes) {
      await insertRow(scope, spec.table, merged);
      const mine = current.get(keyOf(spec, merged));
      const patch = mine && spec.unfold ? spec.unfold(mine, merged, before) : null;
      if (patch) await updateRow(scope, spec.table, spec.column, survivorId, spec.key, merged, patch);
    }
  }
}

/**
 * Undoes a merge into `contactId` (the given one, or the latest): the merged contact comes back
 * with its identities and every row that moved, the rows it lost to the survivor's own, its points
 * and its reference profile; the survivor gets its own fields back. Anything that arrived for the
 * survivor after the merge stays with the survivor, except consent recorded since, which binds
 * both. Not restored: the merged contact's sign-in sessions (it signs in again) and its daily score
 * history (scores and segments are recomputed by the queued contacts.changed job).
 */
export async function unmergeContact(scope: Scope, contactId: string, mergeId?: string) {
  return inTransaction(scope.db, async (trx) => {
    const inTrx = withDb(scope, trx);
    const merge = mergeId ? await findMerge(inTrx, mergeId) : await latestOpenMerge(inTrx, contactId);
    if (!merge || merge.survivorId !== contactId) throw notFound("merge into contact", mergeId ?? contactId);
    if (merge.undoneAt !== null) throw new AppError("conflict", `merge ${merge.id} was already undone`);
    const snapshot = JSON.parse(merge.snapshot) as MergeSnapshot;
    if (!snapshot.merged) throw new AppError("conflict", `merge ${merge.id} cannot be undone: a contact was erased`);
    const mergedId = snapshot.merged.id;
    const since = Number(merge.createdAt);

    // The survivor's own fields first: they may hold the merged contact's email, which must be free.
    const { id: _id, ...survivorFields } = snapshot.survivorBefore;
    await updateTable(inTrx, "contacts")
      .set({ ...survivorFields, updatedAt: inTrx.clock.now() })
      .where("id", "=", contactId)
      .execute();
    await restoreContactRow(inTrx, snapshot.merged);
    for (const identity of snapshot.identities) await moveIdentity(inTrx, identity, mergedId);
    await moveOwnedRowsBack(inTrx, snapshot, contactId, mergedId);
    const profile = snapshot.profile;
    if (profile && "movedId" in profile) await moveProfileBack(inTrx, profile.movedId, mergedId);
    if (profile && "fold" in profile) await unfoldReferenceProfile(inTrx, profile.fold);
    if (snapshot.points) await movePoints(inTrx, contactId, mergedId, `unmerge:${merge.id}`, snapshot.points);
    // Consent recorded while the two were one contact was the person's choice: it binds both.
    await deleteConsentRecords(inTrx, snapshot.consentRecordIds ?? []);
    for (const [id, consent] of [
      [contactId, snapshot.survivorBefore.consent],
      [mergedId, snapshot.merged.consent],
    ] as const)
      await updateTable(inTrx, "contacts")
        .set({ consent: await consentSince(inTrx, consent, contactId, since) })
        .where("id", "=", id)
        .execute();
    await markMergeUndone(inTrx, merge.id, inTrx.clock.now());
    await enqueueJob(inTrx, CONTACTS_CHANGED, { contactIds: [contactId, mergedId] });
    return { mergeId: merge.id, survivorId: contactId, restoredId: mergedId };
  });
}

/**
 * Contacts merged into this one, and into those in turn, that no unmerge has taken back out: whose
 * history the contact now carries, such as lifetime points that stay in the ledger under their ids.
 */
export async function absorbedContacts(scope: Scope, contactId: string): Promise<string[]> {
  const found = new Set<string>([contactId]);
  for (let frontier = [contactId]; frontier.length > 0; ) {
    const merged = (await openMergesInto(scope, frontier)).map((r) => r.mergedId).filter((id) => !found.has(id));
    for (const id of merged) found.add(id);
    frontier = merged;
  }
  found.delete(contactId);
  return [...found];
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
