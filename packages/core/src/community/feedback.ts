import type { Db } from "@advo/db";
import { inTransaction } from "@advo/db";
import type { z } from "zod";
import { displayName } from "../contacts/people.ts";
import type { Clock } from "../shared/clock.ts";
import { toIso } from "../shared/clock.ts";
import { conflictOn } from "../shared/errors.ts";
import { type Scope, selectFrom, updateTable, withDb } from "../shared/scope.ts";
import { recordAdvocacyActs } from "../signals/index.ts";
import { type EventFeedback, eventFeedbackInput } from "./community.schemas.ts";
import { eventRows, requireEvent } from "./events.ts";
import { notifyRegistrants } from "./notices.ts";

const DAY = 86_400_000;
/** Attendance recorded up to two weeks after an event still brings the question; later, it is stale. */
const ASK_WITHIN = 14 * DAY;
/** An attendee may answer for two months after the event. */
export const ANSWER_WITHIN = 60 * DAY;

/**
 * After an event, who came is asked how it was: once each, when the event is over and their
 * attendance recorded. Each person is claimed (feedbackAskedAt) in the same transaction as their
 * email, so two workers never both ask. Returns how many were asked.
 */
export async function sendDueFeedbackRequests(scope: Scope, options: { linkBase?: string } = {}): Promise<number> {
  const now = scope.clock.now();
  const due = await eventRows(scope)
    .where("communityEvents.status", "=", "scheduled")
    .where("communityEvents.endsAt", "<=", now)
    .where("communityEvents.endsAt", ">", now - ASK_WITHIN)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("communityRegistrations as r")
          .select("r.contactId")
          .whereRef("r.tenantId", "=", "communityEvents.tenantId")
          .whereRef("r.eventId", "=", "communityEvents.id")
          .where("r.status", "=", "attended")
          .where("r.feedbackAskedAt", "is", null),
      ),
    )
    .execute();
  let asked = 0;
  for (const event of due) {
    asked += await inTransaction(scope.db, async (trx) => {
      const s = withDb(scope, trx);
      const claimed = await updateTable(s, "communityRegistrations")
        .set({ feedbackAskedAt: now })
        .where("eventId", "=", event.id)
        .where("status", "=", "attended")
        .where("feedbackAskedAt", "is", null)
        .returning("contactId")
        .execute();
      if (claimed.length === 0) return 0;
      return notifyRegistrants(s, event, ["attended"], "feedback", {
        ...options,
        only: claimed.map((c) => c.contactId),
      });
    });
  }
  return asked;
}

/** Feedback requests for every workspace with an event just over (the worker's periodic pass). */
export async function sendAllDueFeedbackRequests(db: Db, clock: Clock, options: { linkBase?: string } = {}) {
  const now = clock.now();
  const tenants = await db
    .selectFrom("communityEvents")
    .innerJoin("communityRegistrations", (j) =>
      j
        .onRef("communityRegistrations.tenantId", "=", "communityEvents.tenantId")
        .onRef("communityRegistrations.eventId", "=", "communityEvents.id"),
    )
    .select("communityEvents.tenantId")
    .distinct()
    .where("communityEvents.status", "=", "scheduled")
    .where("communityEvents.endsAt", "<=", now)
    .where("communityEvents.endsAt", ">", now - ASK_WITHIN)
    .where("communityRegistrations.status", "=", "attended")
    .where("communityRegistrations.feedbackAskedAt", "is", null)
    .execute();
  let asked = 0;
  for (const { tenantId } of tenants) asked += await sendDueFeedbackRequests({ db, clock, tenantId }, options);
  return asked;
}

/**
 * An attendee says how the event was: once, within two months of it. The answer is kept with their
 * registration and recorded as a CSAT survey answer, so scoring reads it, listening weighs what they
 * wrote, and a journey may start on it (a 1 or 2 can bring a personal follow-up).
 */
export async function giveEventFeedback(
  scope: Scope,
  contactId: string,
  eventId: string,
  input: z.input<typeof eventFeedbackInput>,
): Promise<{ rating: number; comment: string | null }> {
  const { rating, comment: written } = eventFeedbackInput.parse(input);
  const comment = written ? written : null;
  const event = await requireEvent(scope, eventId);
  const now = scope.clock.now();
  return inTransaction(scope.db, async (trx) => {
    const s = withDb(scope, trx);
    const registration = await selectFrom(s, "communityRegistrations")
      .select(["status", "feedbackAt"])
      .where("eventId", "=", eventId)
      .where("contactId", "=", contactId)
      .executeTakeFirst();
    if (registration?.status !== "attended")
      throw conflictOn("status", "only who came to the event can say how it was");
    if (now > Number(event.endsAt) + ANSWER_WITHIN)
      throw conflictOn("endsAt", "feedback on an event closes two months after it");
    const saved = await updateTable(s, "communityRegistrations")
      .set({ feedbackRating: rating, feedbackComment: comment, feedbackAt: now })
      .where("eventId", "=", eventId)
      .where("contactId", "=", contactId)
      .where("feedbackAt", "is", null)
      .executeTakeFirst();
    if (Number(saved.numUpdatedRows) === 0) throw conflictOn("rating", "you already said how this event was");
    await recordAdvocacyActs(s, [
      {
        contactId,
        event: "CSAT Responded",
        messageId: `community-feedback:${eventId}:${contactId}`,
        properties: { eventId, title: event.title, score: rating },
        survey: { kind: "survey", survey: `Event: ${event.title}`, surveyKind: "csat", score: rating, comment },
      },
    ]);
    return { rating, comment };
  });
}

/** What an event's attendees said of it, newest answer first. */
export async function eventFeedback(scope: Scope, eventId: string): Promise<EventFeedback> {
  await requireEvent(scope, eventId);
  const rows = await selectFrom(scope, "communityRegistrations")
    .innerJoin("contacts", (j) =>
      j
        .onRef("contacts.tenantId", "=", "communityRegistrations.tenantId")
        .onRef("contacts.id", "=", "communityRegistrations.contactId"),
    )
    .select([
      "communityRegistrations.contactId",
      "communityRegistrations.feedbackAskedAt",
      "communityRegistrations.feedbackRating",
      "communityRegistrations.feedbackComment",
      "communityRegistrations.feedbackAt",
      "contacts.firstName",
      "contacts.lastName",
      "contacts.email",
    ])
    .where("communityRegistrations.eventId", "=", eventId)
    .where("communityRegistrations.status", "=", "attended")
    .execute();
  const ratings = [0, 0, 0, 0, 0];
  let sum = 0;
  const answers: EventFeedback["answers"] = [];
  for (const r of rows) {
    if (r.feedbackRating === null || r.feedbackAt === null) continue;
    const rating = Number(r.feedbackRating);
    ratings[rating - 1] = (ratings[rating - 1] ?? 0) + 1;
    sum += rating;
    answers.push({
      contactId: r.contactId,
      name: displayName(r.firstName, r.lastName, r.email),
      email: r.email,
      rating,
      comment: r.feedbackComment,
      at: toIso(Number(r.feedbackAt)),
    });
  }
  answers.sort((a, b) => b.at.localeCompare(a.at) || a.contactId.localeCompare(b.contactId));
  return {
    attended: rows.length,
    asked: rows.filter((r) => r.feedbackAskedAt !== null).length,
    answered: answers.length,
    averageRating: answers.length > 0 ? Math.round((sum / answers.length) * 10) / 10 : null,
    ratings,
    answers,
  };
}
