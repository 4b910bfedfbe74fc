import type { SegmentsTable } from "@advo/db";
import { inTransaction, isUniqueViolation } from "@advo/db";
import { toIso, toIsoOrNull } from "../shared/clock.ts";
import { conflictOn, notFound } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { deleteFrom, insertInto, type Scope, selectFrom, updateTable, withDb } from "../shared/scope.ts";
import { compileSegment, type SegmentFilter } from "./compile.ts";
import { type CreateSegmentInput, createSegmentInput, type Segment, updateSegmentInput } from "./segment.schemas.ts";

const toSegment = (r: SegmentsTable): Segment => ({
  id: r.id,
  name: r.name,
  expression: r.expression,
  memberCount: r.memberCount,
  refreshedAt: toIsoOrNull(r.refreshedAt),
  createdAt: toIso(r.createdAt),
  updatedAt: toIso(r.updatedAt),
});

/** Contacts with their latest score and account: what a segment filters. */
export const segmentBase = (scope: Scope) =>
  selectFrom(scope, "contacts")
    .leftJoin("contactScores", (join) =>
      join
        .onRef("contactScores.tenantId", "=", "contacts.tenantId")
        .onRef("contactScores.contactId", "=", "contacts.id"),
    )
    .leftJoin("accounts", (join) =>
      join.onRef("accounts.tenantId", "=", "contacts.tenantId").onRef("accounts.id", "=", "contacts.accountId"),
    );

export async function countSegment(scope: Scope, filter: SegmentFilter): Promise<number> {
  const row = await segmentBase(scope)
    .where(filter)
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function filterOf(scope: Scope, expression: string): SegmentFilter {
  return compileSegment(expression, scope.clock.now());
}

export async function createSegment(scope: Scope, input: CreateSegmentInput): Promise<Segment> {
  const { name, expression } = createSegmentInput.parse(input);
  filterOf(scope, expression);
  const now = scope.clock.now();
  const row = { id: newId("seg"), name, expression, memberCount: 0, refreshedAt: null, createdAt: now, updatedAt: now };
  try {
    await insertInto(scope, "segments", row).execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw conflictOn("name", `a segment named "${name}" already exists`);
    throw error;
  }
  return refreshSegment(scope, row.id);
}

export async function getSegment(scope: Scope, id: string): Promise<Segment> {
  const row = await selectFrom(scope, "segments").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("segment", id);
  return toSegment(row);
}

export async function listSegments(scope: Scope): Promise<Segment[]> {
  const rows = await selectFrom(scope, "segments").selectAll().orderBy("name").execute();
  return rows.map(toSegment);
}

export async function updateSegment(scope: Scope, id: string, input: unknown): Promise<Segment> {
  const patch = updateSegmentInput.parse(input);
  await getSegment(scope, id);
  if (patch.expression) filterOf(scope, patch.expression);
  try {
    await updateTable(scope, "segments")
      .set({ ...patch, updatedAt: scope.clock.now() })
      .where("id", "=", id)
      .execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw conflictOn("name", `a segment named "${patch.name}" already exists`);
    throw error;
  }
  return refreshSegment(scope, id);
}

export async function deleteSegment(scope: Scope, id: string): Promise<void> {
  await getSegment(scope, id);
  await inTransaction(scope.db, async (trx) => {
    const t = withDb(scope, trx);
    await deleteFrom(t, "segmentMembers").where("segmentId", "=", id).execute();
    await deleteFrom(t, "segmentChanges").where("segmentId", "=", id).execute();
    await deleteFrom(t, "segments").where("id", "=", id).execute();
  });
}

/**
 * Re-evaluates membership (for all contacts, or only the given ones) and records who joined and
 * who left, so other modules can react to the change.
 */
export async function refreshSegment(scope: Scope, id: string, onlyContacts?: string[]): Promise<Segment> {
  const segment = await getSegment(scope, id);
  const filter = filterOf(scope, segment.expression);
  const now = scope.clock.now();
  await inTransaction(scope.db, async (trx) => {
    const t = withDb(scope, trx);
    let matching = segmentBase(t).where(filter).select("contacts.id as id");
    let current = selectFrom(t, "segmentMembers").select("contactId as id").where("segmentId", "=", id);
    if (onlyContacts) {
      if (onlyContacts.length === 0) return;
      matching = matching.where("contacts.id", "in", onlyContacts);
      current = current.where("contactId", "in", onlyContacts);
    }
    const matches = new Set((await matching.execute()).map((r) => r.id));
    const before = new Set((await current.execute()).map((r) => r.id));
    const joined = [...matches].filter((c) => !before.has(c));
    const left = [...before].filter((c) => !matches.has(c));
    for (let i = 0; i < joined.length; i += 500) {
      const chunk = joined.slice(i, i + 500);
      await insertInto(
        t,
        "segmentMembers",
        chunk.map((contactId) => ({ segmentId: id, contactId, joinedAt: now })),
      ).execute();
      await insertInto(
        t,
        "segmentChanges",
        chunk.map((contactId) => ({ id: newId("sgc"), segmentId: id, contactId, change: "joined" as const, at: now })),
      ).execute();
    }
    for (let i = 0; i < left.length; i += 500) {
      const chunk = left.slice(i, i + 500);
      await deleteFrom(t, "segmentMembers").where("segmentId", "=", id).where("contactId", "in", chunk).execute();
      await insertInto(
        t,
        "segmentChanges",
        chunk.map((contactId) => ({ id: newId("sgc"), segmentId: id, contactId, change: "left" as const, at: now })),
      ).execute();
    }
    const count = await selectFrom(t, "segmentMembers")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("segmentId", "=", id)
      .executeTakeFirstOrThrow();
    await updateTable(t, "segments")
      .set({ memberCount: Number(count.n), refreshedAt: now })
      .where("id", "=", id)
      .execute();
  });
  return getSegment(scope, id);
}

/**
 * After a full rescore every score may have moved, and time alone moves `last_active < 30d`: every
 * saved segment re-checks every contact. Returns how many segments were refreshed.
 */
export async function refreshAllSegments(scope: Scope): Promise<number> {
  const segments = await selectFrom(scope, "segments").select("id").execute();
  for (const s of segments) await refreshSegment(scope, s.id);
  return segments.length;
}

/** After signals change some contacts, every saved segment re-checks just those contacts. */
export async function refreshSegmentsFor(scope: Scope, contactIds: string[]): Promise<void> {
  const segments = await selectFrom(scope, "segments").select("id").execute();
  for (const s of segments) {
    for (let i = 0; i < contactIds.length; i += 500) await refreshSegment(scope, s.id, contactIds.slice(i, i + 500));
  }
}

/** Who is in a saved segment now, as of its last refresh. */
export async function segmentMemberIds(scope: Scope, segmentId: string): Promise<string[]> {
  const rows = await selectFrom(scope, "segmentMembers")
    .select("contactId")
    .where("segmentId", "=", segmentId)
    .execute();
  return rows.map((r) => r.contactId);
}

export async function segmentChanges(scope: Scope, id: string, limit = 100) {
  await getSegment(scope, id);
  const rows = await selectFrom(scope, "segmentChanges")
    .selectAll()
    .where("segmentId", "=", id)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ contactId: r.contactId, change: r.change, at: toIso(r.at) }));
}
