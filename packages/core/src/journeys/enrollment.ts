import type { JourneysTable } from "@advo/db";
import { inTransaction } from "@advo/db";
import { filterOf, segmentBase } from "../segments/index.ts";
import { newId } from "../shared/ids.ts";
import { insertInto, type Scope, selectFrom, updateTable, withDb } from "../shared/scope.ts";
import { isSegmentTrigger, triggerOf } from "./journey.schemas.ts";

/**
 * Segment changes are read this long after they happen. Ids sort by time within a process, but a
 * change committed late by a slow transaction (or another server) could carry an id below one
 * already read; waiting for the changes to settle keeps the cursor from stepping over it.
 */
export const SETTLE_MS = 30_000;
const BATCH = 500;

export async function latestChangeId(scope: Scope, segmentId: string): Promise<string | null> {
  const row = await selectFrom(scope, "segmentChanges")
    .select((eb) => eb.fn.max("id").as("id"))
    .where("segmentId", "=", segmentId)
    .executeTakeFirst();
  return (row?.id as string | null | undefined) ?? null;
}

/**
 * Enrolls whichever of these contacts may enter: not erased, not already in the journey (nor through
 * it, unless it allows re-entry), matching its condition and not already at its goal (who is there
 * needs no journey, and would count as converted by it). Returns how many entered.
 */
export async function enrollContacts(
  scope: Scope,
  journey: Pick<JourneysTable, "id" | "condition" | "goal" | "allowReentry">,
  contactIds: readonly string[],
): Promise<number> {
  const candidates = [...new Set(contactIds)];
  if (candidates.length === 0) return 0;
  const earlier = await selectFrom(scope, "journeyEnrollments")
    .select(["contactId", "status"])
    .where("journeyId", "=", journey.id)
    .where("contactId", "in", candidates)
    .execute();
  const barred = new Set(
    earlier.filter((e) => e.status === "active" || journey.allowReentry !== 1).map((e) => e.contactId),
  );
  const open = candidates.filter((id) => !barred.has(id));
  if (open.length === 0) return 0;
  let matching = segmentBase(scope)
    .select("contacts.id as id")
    .where("contacts.id", "in", open)
    .where("contacts.erasedAt", "is", null);
  if (journey.condition) matching = matching.where(filterOf(scope, journey.condition));
  let entering = (await matching.execute()).map((r) => r.id);
  if (entering.length > 0 && journey.goal) {
    const there = await segmentBase(scope)
      .select("contacts.id as id")
      .where("contacts.id", "in", entering)
      .where(filterOf(scope, journey.goal))
      .execute();
    const reached = new Set(there.map((r) => r.id));
    entering = entering.filter((id) => !reached.has(id));
  }
  if (entering.length === 0) return 0;
  const now = scope.clock.now();
  await insertInto(
    scope,
    "journeyEnrollments",
    entering.map((contactId) => ({
      id: newId("jen"),
      journeyId: journey.id,
      contactId,
      status: "active" as const,
      step: 0,
      nextRunAt: now,
      enteredAt: now,
      finishedAt: null,
      exitReason: null,
    })),
  ).execute();
  return entering.length;
}

/**
 * Reads the trigger segment's settled changes past the journey's cursor and enrolls their contacts,
 * moving the cursor in the same transaction (a second worker doing the same finds it moved and stops).
 */
export async function enrollFromTrigger(scope: Scope, journey: JourneysTable): Promise<number> {
  const trigger = triggerOf(journey);
  // Signals enroll as they arrive (enrollFromSignals), not on the journeys' pass.
  if (!isSegmentTrigger(trigger)) return 0;
  const change = trigger.type === "segment_joined" ? "joined" : "left";
  const settled = scope.clock.now() - SETTLE_MS;
  let cursor = journey.cursor;
  let enrolled = 0;
  for (;;) {
    let query = selectFrom(scope, "segmentChanges")
      .select(["id", "contactId"])
      .where("segmentId", "=", trigger.segmentId)
      .where("change", "=", change)
      .where("at", "<=", settled)
      .orderBy("id")
      .limit(BATCH);
    if (cursor !== null) query = query.where("id", ">", cursor);
    const changes = await query.execute();
    const last = changes.at(-1);
    if (!last) return enrolled;
    const from = cursor;
    const moved = await inTransaction(scope.db, async (trx) => {
      const t = withDb(scope, trx);
      let claim = updateTable(t, "journeys")
        .set({ cursor: last.id })
        .where("id", "=", journey.id)
        .where("status", "=", "active");
      claim = from === null ? claim.where("cursor", "is", null) : claim.where("cursor", "=", from);
      const [result] = await claim.execute();
      if (Number(result?.numUpdatedRows ?? 0) === 0) return false;
      enrolled += await enrollContacts(
        t,
        journey,
        changes.map((c) => c.contactId),
      );
      return true;
    });
    if (!moved) return enrolled;
    cursor = last.id;
    if (changes.length < BATCH) return enrolled;
  }
}
