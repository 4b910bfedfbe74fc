import type { CommunityEventsTable, CommunityRegistrationsTable, RegistrationRole, RegistrationStatus } from "@advo/db";
import { inTransaction } from "@advo/db";
import type { z } from "zod";
import { displayName, peopleByContact } from "../contacts/people.ts";
import { awardPointsBatch } from "../ledger/index.ts";
import { toIso } from "../shared/clock.ts";
import { AppError, conflictOn, invalidField, notFound } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { sanitizeRichText } from "../shared/rich-text.ts";
import { insertInto, type Scope, selectFrom, updateTable, withDb } from "../shared/scope.ts";
import { recordAdvocacyActs } from "../signals/advocacy-acts.ts";
import type { Actor } from "../users/index.ts";
import {
  attendanceInput,
  type CommunityEvent,
  type CommunityEventDetail,
  type CreateEventInput,
  createEventInput,
  eventListQuery,
  type Registration,
  registerInput,
  type UpdateEventInput,
  updateEventInput,
} from "./community.schemas.ts";
import { notifyRegistrants } from "./notices.ts";
import { requireLiveContacts, requireSpace } from "./spaces.ts";

/** A new registration: nobody has been asked how the event was, nor answered. */
export const NO_FEEDBACK = { feedbackAskedAt: null, feedbackRating: null, feedbackComment: null, feedbackAt: null };

type EventRow = CommunityEventsTable & { spaceName: string | null };
type Counts = CommunityEvent["counts"];
const noCounts = (): Counts => ({ going: 0, waitlisted: 0, invited: 0, declined: 0, attended: 0, noShow: 0 });

/** Who holds an attendee place: speakers and hosts take none. */
const holdsPlace = (r: Pick<CommunityRegistrationsTable, "role" | "status">) =>
  r.role === "attendee" && (r.status === "going" || r.status === "attended");

export const eventRows = (scope: Scope) =>
  selectFrom(scope, "communityEvents")
    .leftJoin("communitySpaces", (j) =>
      j
        .onRef("communitySpaces.tenantId", "=", "communityEvents.tenantId")
        .onRef("communitySpaces.id", "=", "communityEvents.spaceId"),
    )
    .selectAll("communityEvents")
    .select("communitySpaces.name as spaceName");

/** Counts by status and the places taken, for some events. */
export async function eventTallies(scope: Scope, eventIds: string[]) {
  const out = new Map<string, { counts: Counts; placesTaken: number }>();
  for (const id of eventIds) out.set(id, { counts: noCounts(), placesTaken: 0 });
  for (let i = 0; i < eventIds.length; i += 500) {
    const rows = await selectFrom(scope, "communityRegistrations")
      .select(["eventId", "role", "status", (eb) => eb.fn.countAll<number>().as("n")])
      .where("eventId", "in", eventIds.slice(i, i + 500))
      .groupBy(["eventId", "role", "status"])
      .execute();
    for (const r of rows) {
      const entry = out.get(r.eventId);
      if (!entry) continue;
      const n = Number(r.n);
      entry.counts[r.status === "no_show" ? "noShow" : r.status] += n;
      if (holdsPlace(r)) entry.placesTaken += n;
    }
  }
  return out;
}

export function toEvent(r: EventRow, tally = { counts: noCounts(), placesTaken: 0 }): CommunityEvent {
  return {
    id: r.id,
    spaceId: r.spaceId,
    spaceName: r.spaceName,
    title: r.title,
    kind: r.kind,
    description: r.description,
    startsAt: toIso(Number(r.startsAt)),
    endsAt: toIso(Number(r.endsAt)),
    timezone: r.timezone,
    location: r.location,
    onlineUrl: r.onlineUrl,
    capacity: r.capacity,
    placesLeft: r.capacity === null ? null : Math.max(0, r.capacity - tally.placesTaken),
    attendancePoints: r.attendancePoints,
    status: r.status,
    cancelReason: r.cancelReason,
    counts: tally.counts,
    createdAt: toIso(Number(r.createdAt)),
  };
}

export async function requireEvent(scope: Scope, id: string): Promise<EventRow> {
  const row = await eventRows(scope).where("communityEvents.id", "=", id).executeTakeFirst();
  if (!row) throw notFound("event", id);
  return row;
}

export async function listEvents(scope: Scope, query: unknown = {}): Promise<CommunityEvent[]> {
  const q = eventListQuery.parse(query ?? {});
  const now = scope.clock.now();
  let rows = eventRows(scope).limit(q.limit);
  if (q.when === "upcoming")
    rows = rows.where("communityEvents.endsAt", ">", now).orderBy("communityEvents.startsAt", "asc");
  else if (q.when === "past")
    rows = rows.where("communityEvents.endsAt", "<=", now).orderBy("communityEvents.startsAt", "desc");
  else rows = rows.orderBy("communityEvents.startsAt", "desc");
  rows = rows.orderBy("communityEvents.id");
  if (q.spaceId) rows = rows.where("communityEvents.spaceId", "=", q.spaceId);
  if (q.contactId) {
    const contactId = q.contactId;
    rows = rows.where(({ exists, selectFrom: from }) =>
      exists(
        from("communityRegistrations")
          .select("communityRegistrations.eventId")
          .whereRef("communityRegistrations.tenantId", "=", "communityEvents.tenantId")
          .whereRef("communityRegistrations.eventId", "=", "communityEvents.id")
          .where("communityRegistrations.contactId", "=", contactId),
      ),
    );
  }
  const found = await rows.execute();
  const ids = found.map((r) => r.id);
  const tallies = await eventTallies(scope, ids);
  const events = found.map((r) => toEvent(r, tallies.get(r.id)));
  if (!q.contactId || ids.length === 0) return events;
  const theirs = new Map(
    (
      await selectFrom(scope, "communityRegistrations")
        .select(["eventId", "status", "role", "feedbackRating"])
        .where("contactId", "=", q.contactId)
        .where("eventId", "in", ids)
        .execute()
    ).map((r) => [
      r.eventId,
      { status: r.status, role: r.role, rating: r.feedbackRating === null ? null : Number(r.feedbackRating) },
    ]),
  );
  return events.map((e) => ({ ...e, registration: theirs.get(e.id) ?? null }));
}

/** Registrations in the order a list shows them: going first, then the waitlist in its order. */
const statusOrder: Record<RegistrationStatus, number> = {
  attended: 0,
  going: 1,
  waitlisted: 2,
  invited: 3,
  no_show: 4,
  declined: 5,
};

export async function getEvent(scope: Scope, id: string): Promise<CommunityEventDetail> {
  const row = await requireEvent(scope, id);
  const registrations = await selectFrom(scope, "communityRegistrations")
    .selectAll()
    .where("eventId", "=", id)
    .orderBy("registeredAt")
    .orderBy("contactId")
    .execute();
  const people = await peopleByContact(
    scope,
    registrations.map((r) => r.contactId),
  );
  let waitlist = 0;
  const out: Registration[] = registrations.map((r) => {
    const person = people.get(r.contactId);
    return {
      contactId: r.contactId,
      name: person?.name ?? displayName(null, null, null),
      email: person?.email ?? null,
      company: person?.accountName ?? null,
      role: r.role,
      status: r.status,
      registeredAt: toIso(Number(r.registeredAt)),
      waitlistPosition: r.status === "waitlisted" ? ++waitlist : null,
      pointsTransactionId: r.pointsTransactionId,
    };
  });
  out.sort((a, b) => statusOrder[a.status] - statusOrder[b.status]);
  const tally = (await eventTallies(scope, [id])).get(id);
  return { ...toEvent(row, tally), registrations: out };
}

function checkTimes(startsAt: number, endsAt: number) {
  if (endsAt <= startsAt) throw invalidField("endsAt", "must be after startsAt");
  if (endsAt - startsAt > 14 * 86_400_000) throw invalidField("endsAt", "an event lasts at most 14 days");
}

export async function createEvent(scope: Scope, input: CreateEventInput): Promise<CommunityEventDetail> {
  const e = createEventInput.parse(input);
  const startsAt = Date.parse(e.startsAt);
  const endsAt = Date.parse(e.endsAt);
  checkTimes(startsAt, endsAt);
  if (e.spaceId) {
    const space = await requireSpace(scope, e.spaceId).catch(() => {
      throw invalidField("spaceId", `space "${e.spaceId}" was not found`);
    });
    if (space.status === "archived") throw invalidField("spaceId", `"${space.name}" is archived`);
  }
  if (!e.location && !e.onlineUrl) throw invalidField("location", "give a location, an onlineUrl, or both");
  const now = scope.clock.now();
  const id = newId("evt");
  await insertInto(scope, "communityEvents", {
    id,
    spaceId: e.spaceId ?? null,
    title: e.title,
    kind: e.kind,
    description: sanitizeRichText(e.description),
    startsAt,
    endsAt,
    timezone: e.timezone,
    location: e.location ?? null,
    onlineUrl: e.onlineUrl ?? null,
    capacity: e.capacity ?? null,
    attendancePoints: e.attendancePoints ?? 0,
    status: "scheduled",
    cancelReason: null,
    remindedAt: null,
    createdAt: now,
    updatedAt: now,
  }).execute();
  return getEvent(scope, id);
}

/**
 * Locks the event for the rest of the transaction (PostgreSQL: its row; SQLite holds one writer), so
 * two registrations never both take the last place.
 */
async function lockEvent(scope: Scope, id: string, contactIds: readonly string[] = []) {
  await updateTable(scope, "communityEvents").set({ updatedAt: scope.clock.now() }).where("id", "=", id).execute();
  const row = await requireEvent(scope, id);
  // Only the rows asked for and a count: a webinar's thousandth answer reads no more than its first.
  const registrations =
    contactIds.length === 0
      ? []
      : await selectFrom(scope, "communityRegistrations")
          .selectAll()
          .where("eventId", "=", id)
          .where("contactId", "in", contactIds)
          .execute();
  const taken = await selectFrom(scope, "communityRegistrations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("eventId", "=", id)
    .where("role", "=", "attendee")
    .where("status", "in", ["going", "attended"])
    .executeTakeFirstOrThrow();
  return { row, registrations, placesTaken: Number(taken.n) };
}

const isOver = (row: Pick<CommunityEventsTable, "endsAt">, now: number) => Number(row.endsAt) <= now;

function assertOpen(row: EventRow, now: number) {
  if (row.status === "cancelled") throw conflictOn("status", "the event is cancelled");
  if (isOver(row, now)) throw conflictOn("endsAt", "the event is over");
}

/** Gives the waitlist's first places that opened (capacity raised, someone cancelled); returns who moved up. */
async function promoteWaitlist(scope: Scope, eventId: string): Promise<string[]> {
  const { row, placesTaken } = await lockEvent(scope, eventId);
  const free = row.capacity === null ? Number.MAX_SAFE_INTEGER : row.capacity - placesTaken;
  if (free <= 0) return [];
  const next = await selectFrom(scope, "communityRegistrations")
    .select("contactId")
    .where("eventId", "=", eventId)
    .where("status", "=", "waitlisted")
    .where("role", "=", "attendee")
    .orderBy("registeredAt")
    .orderBy("contactId")
    .limit(Math.min(free, 100_000))
    .execute();
  if (next.length === 0) return [];
  const ids = next.map((r) => r.contactId);
  for (let i = 0; i < ids.length; i += 500)
    await updateTable(scope, "communityRegistrations")
      .set({ status: "going", updatedAt: scope.clock.now() })
      .where("eventId", "=", eventId)
      .where("contactId", "in", ids.slice(i, i + 500))
      .execute();
  return ids;
}

export async function updateEvent(
  scope: Scope,
  id: string,
  input: UpdateEventInput,
  options: { linkBase?: string } = {},
): Promise<CommunityEventDetail> {
  const e = updateEventInput.parse(input);
  const before = await requireEvent(scope, id);
  if (before.status === "cancelled") throw conflictOn("status", "the event is cancelled");
  const startsAt = e.startsAt === undefined ? Number(before.startsAt) : Date.parse(e.startsAt);
  const endsAt = e.endsAt === undefined ? Number(before.endsAt) : Date.parse(e.endsAt);
  checkTimes(startsAt, endsAt);
  const location = e.location === undefined ? before.location : e.location;
  const onlineUrl = e.onlineUrl === undefined ? before.onlineUrl : e.onlineUrl;
  if (!location && !onlineUrl) throw invalidField("location", "give a location, an onlineUrl, or both");
  const patch: Partial<CommunityEventsTable> = { updatedAt: scope.clock.now(), startsAt, endsAt, location, onlineUrl };
  if (e.title !== undefined) patch.title = e.title;
  if (e.kind !== undefined) patch.kind = e.kind;
  if (e.description !== undefined) patch.description = sanitizeRichText(e.description);
  if (e.timezone !== undefined) patch.timezone = e.timezone;
  if (e.attendancePoints !== undefined) patch.attendancePoints = e.attendancePoints;
  if (e.capacity !== undefined) patch.capacity = e.capacity;
  // Moved: the reminder goes out again the day before the new time.
  if (startsAt !== Number(before.startsAt)) patch.remindedAt = null;
  // Who must hear of it: a new time or place changes their plans.
  const moved =
    startsAt !== Number(before.startsAt) ||
    endsAt !== Number(before.endsAt) ||
    (e.timezone !== undefined && e.timezone !== before.timezone) ||
    location !== before.location ||
    onlineUrl !== before.onlineUrl;
  await inTransaction(scope.db, async (trx) => {
    const s = withDb(scope, trx);
    const { placesTaken } = await lockEvent(s, id);
    if (e.capacity !== undefined && e.capacity !== null && e.capacity < placesTaken)
      throw conflictOn(
        "capacity",
        `${placesTaken} attendees already hold places: cancel some registrations before lowering it to ${e.capacity}`,
      );
    await updateTable(s, "communityEvents").set(patch).where("id", "=", id).execute();
    const up = await promoteWaitlist(s, id);
    const after = await requireEvent(s, id);
    // Who just got a place hears it once: that email carries the new details too.
    if (up.length > 0) await notifyRegistrants(s, after, ["going"], "place_opened", { ...options, only: up });
    if (moved && !isOver(after, scope.clock.now()))
      await notifyRegistrants(s, after, ["going", "waitlisted"], "changed", { ...options, except: up });
  });
  return getEvent(scope, id);
}

/** Cancels the event and tells everyone registered or invited why. */
export async function cancelEvent(
  scope: Scope,
  id: string,
  reason: string,
  options: { linkBase?: string } = {},
): Promise<CommunityEventDetail> {
  await inTransaction(scope.db, async (trx) => {
    const s = withDb(scope, trx);
    const { row } = await lockEvent(s, id);
    assertOpen(row, scope.clock.now());
    await updateTable(s, "communityEvents")
      .set({ status: "cancelled", cancelReason: reason })
      .where("id", "=", id)
      .execute();
    await notifyRegistrants(
      s,
      { ...row, status: "cancelled", cancelReason: reason },
      ["going", "waitlisted", "invited"],
      "cancelled",
      options,
    );
  });
  return getEvent(scope, id);
}

export interface RegistrationResult {
  going: number;
  waitlisted: number;
  already: number;
}

/**
 * Registers contacts (a manager's doing): attendees take a place while there is one and join the
 * waitlist after that; speakers and hosts always come. Someone already going keeps their place (a new
 * role is recorded); someone who declined is registered again.
 */
export async function registerContacts(
  scope: Scope,
  eventId: string,
  input: z.input<typeof registerInput>,
  options: { linkBase?: string } = {},
): Promise<RegistrationResult> {
  const { contactIds, role } = registerInput.parse(input);
  const ids = await requireLiveContacts(scope, "contactIds", contactIds);
  return inTransaction(scope.db, async (trx) => {
    const s = withDb(scope, trx);
    const locked = await lockEvent(s, eventId, ids);
    assertOpen(locked.row, scope.clock.now());
    const placed = await placeContacts(s, locked, ids, role);
    // An attendee made a speaker or host gives their place up: the waitlist moves.
    const up = await promoteWaitlist(s, eventId);
    if (up.length > 0) await notifyRegistrants(s, locked.row, ["going"], "place_opened", { ...options, only: up });
    return placed;
  });
}

async function placeContacts(
  scope: Scope,
  locked: Awaited<ReturnType<typeof lockEvent>>,
  ids: string[],
  role: RegistrationRole,
): Promise<RegistrationResult & { statuses: Map<string, RegistrationStatus> }> {
  const { row } = locked;
  const now = scope.clock.now();
  const existing = new Map(locked.registrations.map((r) => [r.contactId, r]));
  let taken = locked.placesTaken;
  const result = { going: 0, waitlisted: 0, already: 0, statuses: new Map<string, RegistrationStatus>() };
  for (const contactId of ids) {
    const before = existing.get(contactId);
    if (before && (before.status === "going" || before.status === "attended") && before.role === role) {
      result.already += 1;
      result.statuses.set(contactId, before.status);
      continue;
    }
    const heldPlace = before !== undefined && holdsPlace(before);
    let status: RegistrationStatus;
    if (before?.status === "attended") status = "attended";
    else if (role !== "attendee" || heldPlace) status = "going";
    else status = row.capacity === null || taken < row.capacity ? "going" : "waitlisted";
    const holdsNow = holdsPlace({ role, status });
    taken += Number(holdsNow) - Number(heldPlace);
    if (status === "going") result.going += 1;
    if (status === "waitlisted") result.waitlisted += 1;
    result.statuses.set(contactId, status);
    if (before)
      await updateTable(scope, "communityRegistrations")
        .set({
          role,
          status,
          updatedAt: now,
          // Rejoining the waitlist puts you at its end.
          registeredAt: before.status === "waitlisted" || before.status === "going" ? before.registeredAt : now,
        })
        .where("eventId", "=", row.id)
        .where("contactId", "=", contactId)
        .execute();
    else
      await insertInto(scope, "communityRegistrations", {
        eventId: row.id,
        contactId,
        role,
        status,
        registeredAt: now,
        updatedAt: now,
        pointsTransactionId: null,
        ...NO_FEEDBACK,
      }).execute();
  }
  return result;
}

/**
 * Takes a contact off the event (they cancelled, or declined an invitation); the first on the waitlist
 * gets the place and an email saying so.
 */
export async function cancelRegistration(
  scope: Scope,
  eventId: string,
  contactId: string,
  options: { linkBase?: string } = {},
): Promise<RegistrationStatus> {
  return inTransaction(scope.db, async (trx) => {
    const s = withDb(scope, trx);
    const { row, registrations } = await lockEvent(s, eventId, [contactId]);
    assertOpen(row, scope.clock.now());
    const mine = registrations.find((r) => r.contactId === contactId);
    if (!mine) throw notFound("registration", contactId);
    if (mine.status === "declined") return "declined" as const;
    await updateTable(s, "communityRegistrations")
      .set({ status: "declined", updatedAt: scope.clock.now() })
      .where("eventId", "=", eventId)
      .where("contactId", "=", contactId)
      .execute();
    const up = await promoteWaitlist(s, eventId);
    if (up.length > 0) await notifyRegistrants(s, row, ["going"], "place_opened", { ...options, only: up });
    return "declined" as const;
  });
}

/** The advocacy act attending in this role records (scoring and personalities read it). */
export function actOf(kind: CommunityEventsTable["kind"], role: RegistrationRole): string {
  if (role === "speaker") return "Speaking Engagement";
  if (role === "host") return kind === "webinar" ? "Webinar Hosted" : "Training Delivered";
  return kind === "advisory_board" ? "Advisory Board Attended" : "Event Attended";
}

/**
 * Records who came and who did not, once the event has started. Who came gets the event on their
 * timeline as an advocacy act and the event's attendance points, each exactly once however often it
 * is recorded; walk-ins (not registered) are added as attendees. An attendance recorded stays: points
 * were given for it.
 */
export async function recordAttendance(
  scope: Scope,
  eventId: string,
  input: z.input<typeof attendanceInput>,
  actor: Actor,
): Promise<{ attended: number; noShow: number; pointsAwarded: number }> {
  const { attended, noShow } = attendanceInput.parse(input);
  const both = attended.find((id) => noShow.includes(id));
  if (both) throw invalidField("noShow", `contact "${both}" is also listed as attended`);
  const came = await requireLiveContacts(scope, "attended", attended);
  return inTransaction(scope.db, async (trx) => {
    const s = withDb(scope, trx);
    const { row, registrations } = await lockEvent(s, eventId, [...came, ...noShow]);
    if (row.status === "cancelled") throw conflictOn("status", "the event is cancelled");
    const now = scope.clock.now();
    if (Number(row.startsAt) > now)
      throw conflictOn("startsAt", "attendance can be recorded once the event has started");
    const byContact = new Map(registrations.map((r) => [r.contactId, r]));
    for (const contactId of noShow) {
      const r = byContact.get(contactId);
      if (!r) throw invalidField("noShow", `contact "${contactId}" is not registered`);
      if (r.status === "attended")
        throw conflictOn("noShow", `contact "${contactId}" is recorded as attended and got its points`);
    }
    if (noShow.length > 0)
      await updateTable(s, "communityRegistrations")
        .set({ status: "no_show", updatedAt: now })
        .where("eventId", "=", eventId)
        .where("contactId", "in", noShow)
        .execute();
    const walkIns = came.filter((id) => !byContact.has(id));
    if (walkIns.length > 0)
      await insertInto(
        s,
        "communityRegistrations",
        walkIns.map((contactId) => ({
          eventId,
          contactId,
          role: "attendee" as const,
          status: "attended" as const,
          registeredAt: now,
          updatedAt: now,
          pointsTransactionId: null,
          ...NO_FEEDBACK,
        })),
      ).execute();
    const fresh = came.filter((id) => byContact.get(id)?.status !== "attended");
    if (fresh.length > 0)
      await updateTable(s, "communityRegistrations")
        .set({ status: "attended", updatedAt: now })
        .where("eventId", "=", eventId)
        .where("contactId", "in", fresh)
        .execute();
    const roleOf = (id: string) => byContact.get(id)?.role ?? "attendee";
    await recordAdvocacyActs(
      s,
      came.map((contactId) => ({
        contactId,
        event: actOf(row.kind, roleOf(contactId)),
        messageId: `community-event:${eventId}:${contactId}`,
        properties: { eventId, title: row.title, role: roleOf(contactId) },
      })),
    );
    let pointsAwarded = 0;
    const owed = came.filter((id) => !byContact.get(id)?.pointsTransactionId);
    if (row.attendancePoints > 0 && owed.length > 0) {
      const outcomes = await awardPointsBatch(
        s,
        owed.map((contactId) => ({
          contactId,
          points: row.attendancePoints,
          reason: `Thank you for coming to ${row.title}`,
          idempotencyKey: `community-event:${eventId}:${contactId}`,
          actor,
          source: { type: "community_event", id: eventId },
        })),
      );
      for (const [i, outcome] of outcomes.entries()) {
        if (!outcome.ok) continue;
        pointsAwarded += row.attendancePoints;
        await updateTable(s, "communityRegistrations")
          .set({ pointsTransactionId: outcome.transaction.id })
          .where("eventId", "=", eventId)
          .where("contactId", "=", owed[i] as string)
          .execute();
      }
    }
    return { attended: fresh.length, noShow: noShow.length, pointsAwarded };
  });
}

/** The advocate's own answer from the hub: come (a place, or the waitlist when full), or not. */
export async function respondAsAdvocate(
  scope: Scope,
  contactId: string,
  eventId: string,
  going: boolean,
  options: { linkBase?: string } = {},
): Promise<{ status: RegistrationStatus; waitlistPosition: number | null }> {
  const { registration: mine } = await eventForAdvocate(scope, contactId, eventId);
  if (!going) {
    if (!mine) return { status: "declined", waitlistPosition: null };
    return { status: await cancelRegistration(scope, eventId, contactId, options), waitlistPosition: null };
  }
  const status = await inTransaction(scope.db, async (trx) => {
    const s = withDb(scope, trx);
    const locked = await lockEvent(s, eventId, [contactId]);
    assertOpen(locked.row, scope.clock.now());
    // Speakers and hosts stay what the organisers made them.
    const role = mine && mine.role !== "attendee" ? mine.role : "attendee";
    const placed = await placeContacts(s, locked, [contactId], role);
    return placed.statuses.get(contactId) ?? "going";
  });
  return {
    status,
    waitlistPosition: status === "waitlisted" ? await waitlistPosition(scope, eventId, contactId) : null,
  };
}

/** The event as an advocate may see it (registered or invited, or free to come), with their registration. */
export async function eventForAdvocate(scope: Scope, contactId: string, eventId: string) {
  const event = await requireEvent(scope, eventId);
  const registration = await selectFrom(scope, "communityRegistrations")
    .selectAll()
    .where("eventId", "=", eventId)
    .where("contactId", "=", contactId)
    .executeTakeFirst();
  if (!registration && !(await mayCome(scope, event, contactId)))
    throw new AppError("forbidden", `"${event.title}" is for the members of ${event.spaceName ?? "its space"}`);
  return { event, registration };
}

/** Whether an advocate may register themselves: an event of no space, of an open space, or of theirs. */
async function mayCome(scope: Scope, event: EventRow, contactId: string): Promise<boolean> {
  if (!event.spaceId) return true;
  const space = await selectFrom(scope, "communitySpaces")
    .select(["visibility", "status"])
    .where("id", "=", event.spaceId)
    .executeTakeFirst();
  if (space?.visibility === "open" && space.status === "active") return true;
  const member = await selectFrom(scope, "communityMembers")
    .select("contactId")
    .where("spaceId", "=", event.spaceId)
    .where("contactId", "=", contactId)
    .executeTakeFirst();
  return member !== undefined;
}

export async function waitlistPosition(scope: Scope, eventId: string, contactId: string): Promise<number | null> {
  const mine = await selectFrom(scope, "communityRegistrations")
    .select("registeredAt")
    .where("eventId", "=", eventId)
    .where("contactId", "=", contactId)
    .where("status", "=", "waitlisted")
    .executeTakeFirst();
  if (!mine) return null;
  // The order the waitlist moves in: who registered first, then by id.
  const ahead = await selectFrom(scope, "communityRegistrations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("eventId", "=", eventId)
    .where("status", "=", "waitlisted")
    .where((eb) =>
      eb.or([
        eb("registeredAt", "<", mine.registeredAt),
        eb.and([eb("registeredAt", "=", mine.registeredAt), eb("contactId", "<", contactId)]),
      ]),
    )
    .executeTakeFirstOrThrow();
  return Number(ahead.n) + 1;
}
