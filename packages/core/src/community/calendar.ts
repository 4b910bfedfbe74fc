import type { CommunityEventsTable } from "@advo/db";
import { createEvent } from "ics";
import { richTextToPlain } from "../shared/rich-text.ts";

/**
 * The event as an iCalendar file (RFC 5545) that calendars import: one stable UID per event, so a
 * file downloaded again after a change updates the entry rather than adding a second one, and a
 * cancelled event comes as CANCELLED. Times are written in UTC; calendars show them in the reader's zone.
 */
export function eventCalendar(
  event: Pick<
    CommunityEventsTable,
    | "id"
    | "title"
    | "description"
    | "startsAt"
    | "endsAt"
    | "location"
    | "onlineUrl"
    | "status"
    | "createdAt"
    | "updatedAt"
  >,
  options: { host: string; onlineUrl: boolean },
): string {
  const about = richTextToPlain(event.description);
  const online = options.onlineUrl ? event.onlineUrl : null;
  const { error, value } = createEvent({
    uid: `${event.id}@${options.host}`,
    productId: "advo/community",
    method: "PUBLISH",
    title: event.title,
    description: [about, online ? `Join online: ${online}` : null].filter(Boolean).join("\n\n") || undefined,
    location: event.location ?? online ?? undefined,
    ...(online ? { url: online } : {}),
    start: Number(event.startsAt),
    startInputType: "utc",
    startOutputType: "utc",
    end: Number(event.endsAt),
    endInputType: "utc",
    endOutputType: "utc",
    status: event.status === "cancelled" ? "CANCELLED" : "CONFIRMED",
    // Seconds since it was created: grows with every change, as calendars expect of SEQUENCE.
    sequence: Math.max(0, Math.floor((Number(event.updatedAt) - Number(event.createdAt)) / 1000)),
  });
  if (error || !value) throw error ?? new Error("the calendar file could not be written");
  return value;
}
