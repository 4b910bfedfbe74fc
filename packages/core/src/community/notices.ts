import type { CommunityEventsTable, RegistrationStatus } from "@advo/db";
import { queueEmail } from "../email/index.ts";
import { type Scope, selectFrom } from "../shared/scope.ts";

export type Notice = "changed" | "cancelled" | "place_opened" | "reminder" | "feedback";

/** "Tuesday 12 January 2027, 18:00–20:00 (Europe/Berlin)": the event's own local time. */
export function whenText(event: Pick<CommunityEventsTable, "startsAt" | "endsAt" | "timezone">): string {
  const zone = event.timezone;
  const day = new Intl.DateTimeFormat("en-GB", { timeZone: zone, dateStyle: "full" });
  const time = new Intl.DateTimeFormat("en-GB", { timeZone: zone, timeStyle: "short" });
  const start = new Date(Number(event.startsAt));
  const end = new Date(Number(event.endsAt));
  const sameDay = day.format(start) === day.format(end);
  return sameDay
    ? `${day.format(start)}, ${time.format(start)}–${time.format(end)} (${zone})`
    : `${day.format(start)} ${time.format(start)} – ${day.format(end)} ${time.format(end)} (${zone})`;
}

/** The lines every event email carries: what, when, where. */
export function eventDetails(
  event: Pick<CommunityEventsTable, "title" | "startsAt" | "endsAt" | "timezone" | "location" | "onlineUrl">,
): string {
  return [
    event.title,
    `When: ${whenText(event)}`,
    event.location ? `Where: ${event.location}` : null,
    event.onlineUrl ? `Online: ${event.onlineUrl}` : null,
  ]
    .filter(Boolean)
    .join("\n");
}

const subjects: Record<Notice, (title: string) => string> = {
  changed: (t) => `New time or place: ${t}`,
  cancelled: (t) => `Cancelled: ${t}`,
  place_opened: (t) => `A place opened up for you: ${t}`,
  reminder: (t) => `Tomorrow: ${t}`,
  feedback: (t) => `How was it? ${t}`,
};

function bodyOf(
  notice: Notice,
  event: Pick<
    CommunityEventsTable,
    "title" | "startsAt" | "endsAt" | "timezone" | "location" | "onlineUrl" | "cancelReason"
  >,
  firstName: string | null,
  hubLink: string,
): string {
  const hello = `Hi ${firstName || "there"},`;
  const details = eventDetails(event);
  switch (notice) {
    case "changed":
      return [
        hello,
        "The event you registered for has a new time or place:",
        details,
        `Your registration stands. Change it here: ${hubLink}`,
      ].join("\n\n");
    case "cancelled":
      return [
        hello,
        "We're sorry: this event is cancelled.",
        details,
        `Why: ${event.cancelReason ?? "not given"}`,
      ].join("\n\n");
    case "reminder":
      return [
        hello,
        "A reminder: you are coming to this event, starting within a day.",
        details,
        `Can't make it after all? Let us know, so someone on the waitlist can come: ${hubLink}`,
      ].join("\n\n");
    case "feedback":
      return [
        hello,
        `Thank you for coming to ${event.title}. How was it?`,
        `Rate it in one click, and tell us what would make the next one better, if you like: ${hubLink}`,
        "Your answer goes to the team who ran it.",
      ].join("\n\n");
    case "place_opened":
      return [
        hello,
        "A place opened up and it is yours: you are now registered.",
        details,
        `Can't come after all? Let us know: ${hubLink}`,
      ].join("\n\n");
  }
}

/**
 * Emails the registrations in `statuses` about the event (only those in `only`, when given). These
 * are about an event the person registered for, not marketing: they go to anyone with an address.
 */
export async function notifyRegistrants(
  scope: Scope,
  event: CommunityEventsTable,
  statuses: RegistrationStatus[],
  notice: Notice,
  options: { linkBase?: string; only?: string[]; except?: string[] } = {},
): Promise<number> {
  let query = selectFrom(scope, "communityRegistrations")
    .innerJoin("contacts", (j) =>
      j
        .onRef("contacts.tenantId", "=", "communityRegistrations.tenantId")
        .onRef("contacts.id", "=", "communityRegistrations.contactId"),
    )
    .select(["contacts.id", "contacts.email", "contacts.firstName"])
    .where("communityRegistrations.eventId", "=", event.id)
    .where("communityRegistrations.status", "in", statuses)
    .where("contacts.erasedAt", "is", null)
    .where("contacts.email", "is not", null);
  if (options.only) {
    if (options.only.length === 0) return 0;
    query = query.where("contacts.id", "in", options.only);
  }
  if (options.except && options.except.length > 0) query = query.where("contacts.id", "not in", options.except);
  const people = await query.execute();
  if (people.length === 0) return 0;
  const hubLink = `${(options.linkBase ?? "").replace(/\/+$/, "")}/hub/community`;
  for (const p of people)
    await queueEmail(scope, {
      to: p.email as string,
      subject: subjects[notice](event.title),
      text: bodyOf(notice, event, p.firstName, hubLink),
      purpose: `community_${notice}`,
      contactId: p.id,
    });
  return people.length;
}
