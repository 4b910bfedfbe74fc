import { type Scope, selectFrom } from "../shared/scope.ts";
import type { HubCommunity } from "./community.schemas.ts";
import { eventRows, eventTallies, toEvent, waitlistPosition } from "./events.ts";
import { ANSWER_WITHIN } from "./feedback.ts";
import { spaceRows, toSpace } from "./spaces.ts";

const WEEK = 7 * 86_400_000;
/** The hub lists the events an advocate came to in this window: within it, they may say how each was. */
const ATTENDED_SHOWN = ANSWER_WITHIN;

/**
 * What an advocate sees of the community: the open spaces and their own, and the events they may
 * come to (of no space, of an open space, of theirs) or are registered for, soonest first. A
 * cancellation stays in view for a week, so they see it.
 */
export async function communityOfAdvocate(scope: Scope, contactId: string): Promise<HubCommunity> {
  const now = scope.clock.now();
  const memberships = new Map(
    (
      await selectFrom(scope, "communityMembers")
        .select(["spaceId", "role"])
        .where("contactId", "=", contactId)
        .execute()
    ).map((m) => [m.spaceId, m.role]),
  );
  const spaces = (
    await spaceRows(scope).where("communitySpaces.status", "=", "active").orderBy("communitySpaces.name").execute()
  )
    .filter((s) => s.visibility === "open" || memberships.has(s.id))
    .map((row) => {
      const s = toSpace(row);
      return {
        id: s.id,
        name: s.name,
        kind: s.kind,
        description: s.description,
        region: s.region,
        members: s.members,
        member: memberships.has(s.id),
        role: memberships.get(s.id) ?? null,
      };
    });
  const visibleSpaces = new Set(spaces.map((s) => s.id));
  const mine = new Map(
    (
      await selectFrom(scope, "communityRegistrations")
        .select(["eventId", "status", "role", "registeredAt", "feedbackRating", "feedbackComment"])
        .where("contactId", "=", contactId)
        .execute()
    ).map((r) => [r.eventId, r]),
  );
  const upcoming = await eventRows(scope)
    .where("communityEvents.endsAt", ">", now)
    .orderBy("communityEvents.startsAt")
    .orderBy("communityEvents.id")
    .limit(200)
    .execute();
  const shown = upcoming
    .filter((e) => e.spaceId === null || visibleSpaces.has(e.spaceId) || mine.has(e.id))
    .filter((e) => e.status === "scheduled" || (mine.has(e.id) && Number(e.updatedAt) > now - WEEK))
    .slice(0, 50);
  const tallies = await eventTallies(
    scope,
    shown.map((e) => e.id),
  );
  const events = [];
  for (const row of shown) {
    const event = toEvent(row, tallies.get(row.id));
    const registration = mine.get(row.id);
    events.push({
      id: event.id,
      spaceName: event.spaceName,
      title: event.title,
      kind: event.kind,
      description: event.description,
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      timezone: event.timezone,
      location: event.location,
      onlineUrl: registration && ["going", "attended"].includes(registration.status) ? event.onlineUrl : null,
      placesLeft: event.placesLeft,
      attendancePoints: event.attendancePoints,
      status: event.status,
      cancelReason: event.cancelReason,
      myStatus: registration?.status ?? null,
      myRole: registration?.role ?? null,
      waitlistPosition: registration?.status === "waitlisted" ? await waitlistPosition(scope, row.id, contactId) : null,
    });
  }
  const attendedIds = [...mine.values()].filter((r) => r.status === "attended").map((r) => r.eventId);
  const attended =
    attendedIds.length === 0
      ? []
      : (
          await eventRows(scope)
            .where("communityEvents.id", "in", attendedIds)
            .where("communityEvents.endsAt", ">", now - ATTENDED_SHOWN)
            .orderBy("communityEvents.startsAt", "desc")
            .limit(20)
            .execute()
        ).map((row) => {
          const event = toEvent(row);
          const registration = mine.get(row.id);
          return {
            id: event.id,
            title: event.title,
            kind: event.kind,
            startsAt: event.startsAt,
            endsAt: event.endsAt,
            timezone: event.timezone,
            myRating: registration?.feedbackRating ?? null,
            myComment: registration?.feedbackComment ?? null,
          };
        });
  return { spaces, events, attended };
}
