import { createSecretKey } from "node:crypto";
import { createTestTenant, describeDialects } from "@advo/test-kit";
import { expect, it } from "vitest";
import { createAccount } from "../accounts/index.ts";
import { asksOf } from "../asks/index.ts";
import { createContact } from "../contacts/index.ts";
import { getBalance } from "../ledger/index.ts";
import { eraseContact, exportContact } from "../privacy/index.ts";
import { manualClock } from "../shared/clock.ts";
import { selectFrom } from "../shared/scope.ts";
import { fixedSecretKey } from "../shared/secret-box.ts";
import { mergeContactsNow } from "../signals/index.ts";
import type { Actor } from "../users/index.ts";
import {
  addMembers,
  cancelEvent,
  communityOfAdvocate,
  createEvent,
  createSpace,
  eventCalendar,
  eventFeedback,
  getEvent,
  giveEventFeedback,
  inviteToEvent,
  listEvents,
  listSpaces,
  recordAttendance,
  registerContacts,
  requireEvent,
  respondAsAdvocate,
  sendDueFeedbackRequests,
  sendDueReminders,
  setOwnMembership,
  spaceMembers,
  updateEvent,
} from "./index.ts";

const NOW = Date.parse("2026-11-02T09:00:00Z");
const DAY = 86_400_000;
const HOUR = 3_600_000;
const manager: Actor = { type: "user", id: "usr_m", name: "Mia Manager" };
const keys = fixedSecretKey(createSecretKey(Buffer.alloc(32, 7)));
const consented = { marketingEmail: { granted: true } };

describeDialects("community", (ctx) => {
  async function world(people = 5) {
    const clock = manualClock(NOW);
    const t = await createTestTenant(ctx.db, clock);
    const scope = { ...t.scope, clock };
    const bank = await createAccount(scope, { name: "Bank", industry: "fintech" });
    const contacts = [];
    for (let i = 0; i < people; i++)
      contacts.push(
        await createContact(scope, {
          email: `p${i}@bank.com`,
          firstName: `P${i}`,
          lastName: "Lee",
          accountId: bank.id,
          consent: consented,
        }),
      );
    const ids = contacts.map((c) => c.id);
    const mails = (purpose: string) =>
      selectFrom(scope, "emailOutbox")
        .select(["toAddress", "subject", "textBody", "headers"])
        .where("purpose", "=", purpose)
        .orderBy("createdAt")
        .orderBy("id")
        .execute();
    return { clock, scope, ids, mails };
  }
  const inDays = (days: number, hours = 2) => ({
    startsAt: new Date(NOW + days * DAY).toISOString(),
    endsAt: new Date(NOW + days * DAY + hours * HOUR).toISOString(),
  });

  it("fills places in order, keeps a waitlist, and gives a freed place to the first in line with an email", async () => {
    const { scope, ids, mails } = await world(5);
    const event = await createEvent(scope, {
      title: "Spring meetup",
      kind: "meetup",
      location: "Berlin",
      timezone: "Europe/Berlin",
      capacity: 2,
      ...inDays(10),
    });
    await registerContacts(scope, event.id, { contactIds: [ids[0] as string], role: "speaker" });
    const first = await registerContacts(scope, event.id, { contactIds: ids.slice(1, 5) });
    expect(first).toEqual({ going: 2, waitlisted: 2, already: 0, statuses: expect.any(Map) });
    let detail = await getEvent(scope, event.id);
    // The speaker takes no attendee place.
    expect(detail.counts).toMatchObject({ going: 3, waitlisted: 2 });
    expect(detail.placesLeft).toBe(0);
    expect(
      detail.registrations.filter((r) => r.status === "waitlisted").map((r) => [r.contactId, r.waitlistPosition]),
    ).toEqual([
      [ids[3], 1],
      [ids[4], 2],
    ]);
    // Registering again changes nothing.
    expect(await registerContacts(scope, event.id, { contactIds: [ids[1] as string] })).toMatchObject({ already: 1 });

    const answer = await respondAsAdvocate(scope, ids[1] as string, event.id, false, {
      linkBase: "https://advo.example",
    });
    expect(answer.status).toBe("declined");
    detail = await getEvent(scope, event.id);
    expect(detail.registrations.find((r) => r.contactId === ids[3])?.status).toBe("going");
    expect(detail.registrations.find((r) => r.contactId === ids[4])?.waitlistPosition).toBe(1);
    const opened = await mails("community_place_opened");
    expect(opened.map((m) => m.toAddress)).toEqual(["p3@bank.com"]);
    expect(opened[0]?.textBody).toContain("https://advo.example/hub/community");
    expect(opened[0]?.textBody).toMatch(/When: Thursday,? 12 November 2026, 10:00–12:00 \(Europe\/Berlin\)/);

    // More places: the waitlist moves up at once.
    await updateEvent(scope, event.id, { capacity: 3 });
    expect((await getEvent(scope, event.id)).counts).toMatchObject({ going: 4, waitlisted: 0, declined: 1 });
    // Fewer places than people going is refused, naming the field.
    await expect(updateEvent(scope, event.id, { capacity: 1 })).rejects.toMatchObject({
      code: "conflict",
      errors: [{ path: "capacity", message: expect.stringContaining("3 attendees already hold places") }],
    });
    // A new place: who is coming hears of it, who declined does not.
    await updateEvent(scope, event.id, { location: "Factory Görlitzer Park, Berlin" });
    const changed = await mails("community_changed");
    expect(changed.map((m) => m.toAddress).sort()).toEqual([
      "p0@bank.com",
      "p2@bank.com",
      "p3@bank.com",
      "p4@bank.com",
    ]);
    expect(changed[0]?.textBody).toContain("Where: Factory Görlitzer Park, Berlin");
  });

  it("never gives the last place twice when advocates answer at the same moment", async () => {
    const { scope, ids } = await world(5);
    const event = await createEvent(scope, {
      title: "Small dinner",
      kind: "meetup",
      location: "Berlin",
      timezone: "Europe/Berlin",
      capacity: 1,
      ...inDays(5),
    });
    const answers = await Promise.all(ids.map((id) => respondAsAdvocate(scope, id, event.id, true)));
    expect(answers.filter((a) => a.status === "going")).toHaveLength(1);
    expect(answers.filter((a) => a.status === "waitlisted")).toHaveLength(4);
    const detail = await getEvent(scope, event.id);
    expect(detail.counts).toMatchObject({ going: 1, waitlisted: 4 });
    expect(detail.registrations.map((r) => r.waitlistPosition).filter(Boolean)).toEqual([1, 2, 3, 4]);
    // The one going becomes the host: their place goes to the first in line.
    const host = detail.registrations.find((r) => r.status === "going")?.contactId as string;
    const first = detail.registrations.find((r) => r.waitlistPosition === 1)?.contactId;
    await registerContacts(scope, event.id, { contactIds: [host], role: "host" });
    const after = await getEvent(scope, event.id);
    expect(after.registrations.find((r) => r.contactId === first)?.status).toBe("going");
    expect(after.counts).toMatchObject({ going: 2, waitlisted: 3 });
  });

  it("records attendance once: advocacy acts by role, points exactly once, walk-ins added, no-shows kept apart", async () => {
    const { clock, scope, ids } = await world(5);
    const event = await createEvent(scope, {
      title: "Reporting webinar",
      kind: "webinar",
      onlineUrl: "https://meet.example.com/r",
      timezone: "America/New_York",
      attendancePoints: 40,
      ...inDays(1, 1),
    });
    await registerContacts(scope, event.id, { contactIds: [ids[0] as string], role: "host" });
    await registerContacts(scope, event.id, { contactIds: ids.slice(1, 4) });
    await expect(recordAttendance(scope, event.id, { attended: [ids[1] as string] }, manager)).rejects.toMatchObject({
      errors: [{ path: "startsAt" }],
    });
    clock.advance(DAY + 2 * HOUR);
    const attended = [ids[0], ids[1], ids[2], ids[4]] as string[];
    const first = await recordAttendance(scope, event.id, { attended, noShow: [ids[3] as string] }, manager);
    expect(first).toEqual({ attended: 4, noShow: 1, pointsAwarded: 160 });
    const again = await recordAttendance(scope, event.id, { attended }, manager);
    expect(again).toEqual({ attended: 0, noShow: 0, pointsAwarded: 0 });
    expect((await getBalance(scope, ids[1] as string)).balance).toBe(40);
    expect((await getBalance(scope, ids[3] as string)).balance).toBe(0);
    // The walk-in is on the list as an attendee.
    const detail = await getEvent(scope, event.id);
    expect(detail.registrations.find((r) => r.contactId === ids[4])).toMatchObject({
      role: "attendee",
      status: "attended",
    });
    expect(detail.counts).toMatchObject({ attended: 4, noShow: 1 });
    const acts = await selectFrom(scope, "events")
      .select(["contactId", "event"])
      .where("messageId", "like", `community-event:${event.id}:%`)
      .orderBy("contactId")
      .execute();
    expect(acts).toHaveLength(4);
    expect(acts.find((a) => a.contactId === ids[0])?.event).toBe("Webinar Hosted");
    expect(acts.find((a) => a.contactId === ids[1])?.event).toBe("Event Attended");
    // Who got points cannot be turned into a no-show.
    await expect(recordAttendance(scope, event.id, { noShow: [ids[1] as string] }, manager)).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(recordAttendance(scope, event.id, { attended: ["con_nobody"] }, manager)).rejects.toMatchObject({
      code: "invalid",
      errors: [{ path: "attended", message: 'contact "con_nobody" was not found' }],
    });
  });

  it("invites under consent and ask-fatigue limits, with an unsubscribe link, and records each invitation as an ask", async () => {
    const { scope, ids, mails } = await world(3);
    const quiet = await createContact(scope, { email: "quiet@bank.com", firstName: "Q" });
    const event = await createEvent(scope, {
      title: "Winter meetup",
      kind: "meetup",
      location: "Factory, Berlin",
      timezone: "Europe/Berlin",
      ...inDays(20),
    });
    await registerContacts(scope, event.id, { contactIds: [ids[2] as string] });
    const first = await inviteToEvent(
      scope,
      event.id,
      { contactIds: [ids[0] as string, ids[1] as string, ids[2] as string, quiet.id], message: "Come and say hi!" },
      { publicUrl: "https://advo.example", keys },
    );
    expect(first.invited).toBe(2);
    expect(first.skipped).toEqual([
      { contactId: ids[2], reason: "already going" },
      { contactId: quiet.id, reason: "no marketing-email consent on record" },
    ]);
    const sent = await mails("community_invited");
    expect(sent.map((m) => m.toAddress)).toEqual(["p0@bank.com", "p1@bank.com"]);
    expect(sent[0]?.textBody).toContain("Come and say hi!");
    expect(sent[0]?.textBody).toContain("https://advo.example/unsubscribe#token=");
    expect(JSON.parse(sent[0]?.headers ?? "{}")).toHaveProperty("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    expect((await asksOf(scope, ids[0] as string)).map((a) => a.kind)).toEqual(["event"]);
    // A second invitation a day later: already invited, and too soon after the last ask anyway.
    const second = await inviteToEvent(
      scope,
      event.id,
      { contactIds: [ids[0] as string] },
      { publicUrl: "https://advo.example", keys },
    );
    expect(second).toEqual({ invited: 0, skipped: [{ contactId: ids[0], reason: "already invited" }] });
    // The invited advocate answers in the hub.
    expect(await respondAsAdvocate(scope, ids[0] as string, event.id, true)).toEqual({
      status: "going",
      waitlistPosition: null,
    });
  });

  it("shows each advocate the spaces and events open to them, keeps invite-only spaces to their members", async () => {
    const { scope, ids, mails } = await world(3);
    const open = await createSpace(scope, { name: "Berlin User Group", kind: "user_group", region: "Berlin" });
    const board = await createSpace(scope, {
      name: "Advisory Board",
      kind: "advisory_board",
      visibility: "invite_only",
    });
    await addMembers(scope, board.id, { contactIds: [ids[0] as string] }, manager);
    const meetup = await createEvent(scope, {
      title: "Meetup",
      kind: "meetup",
      spaceId: open.id,
      location: "Berlin",
      timezone: "Europe/Berlin",
      ...inDays(3),
    });
    const session = await createEvent(scope, {
      title: "Board session",
      kind: "advisory_board",
      spaceId: board.id,
      onlineUrl: "https://meet.example.com/cab",
      timezone: "Europe/London",
      ...inDays(4),
    });
    const outsider = await communityOfAdvocate(scope, ids[1] as string);
    expect(outsider.spaces.map((s) => s.name)).toEqual(["Berlin User Group"]);
    expect(outsider.events.map((e) => e.title)).toEqual(["Meetup"]);
    await expect(respondAsAdvocate(scope, ids[1] as string, session.id, true)).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(setOwnMembership(scope, ids[1] as string, board.id, true)).rejects.toMatchObject({
      code: "forbidden",
    });
    expect(await setOwnMembership(scope, ids[1] as string, open.id, true)).toEqual({ member: true, role: "member" });

    const insider = await communityOfAdvocate(scope, ids[0] as string);
    expect(insider.spaces.map((s) => [s.name, s.member])).toEqual([
      ["Advisory Board", true],
      ["Berlin User Group", false],
    ]);
    // The joining link is only for who is going.
    expect(insider.events.find((e) => e.title === "Board session")?.onlineUrl).toBeNull();
    await respondAsAdvocate(scope, ids[0] as string, session.id, true);
    const going = await communityOfAdvocate(scope, ids[0] as string);
    expect(going.events.find((e) => e.title === "Board session")).toMatchObject({
      myStatus: "going",
      onlineUrl: "https://meet.example.com/cab",
    });

    // Cancelled: everyone registered hears why, and the hub still shows it with the reason.
    await registerContacts(scope, meetup.id, { contactIds: [ids[1] as string, ids[2] as string] });
    await cancelEvent(scope, meetup.id, "the venue flooded");
    expect((await mails("community_cancelled")).map((m) => m.toAddress)).toEqual(["p1@bank.com", "p2@bank.com"]);
    const after = await communityOfAdvocate(scope, ids[1] as string);
    expect(after.events.find((e) => e.title === "Meetup")).toMatchObject({
      status: "cancelled",
      cancelReason: "the venue flooded",
    });
    await expect(respondAsAdvocate(scope, ids[1] as string, meetup.id, true)).rejects.toMatchObject({
      code: "conflict",
    });

    expect((await listSpaces(scope)).map((s) => [s.name, s.members, s.upcomingEvents])).toEqual([
      ["Advisory Board", 1, 1],
      // Its only event is cancelled.
      ["Berlin User Group", 1, 0],
    ]);
    expect((await spaceMembers(scope, open.id)).map((m) => m.name)).toEqual(["P1 Lee"]);
    expect((await listEvents(scope, { contactId: ids[0] })).map((e) => [e.title, e.registration])).toEqual([
      ["Board session", { status: "going", role: "attendee", rating: null }],
    ]);
  });

  it("writes a calendar file calendars accept, and refuses bad times and unknown zones by field", async () => {
    const { scope } = await world(0);
    const event = await createEvent(scope, {
      title: "Roadshow, Hamburg",
      kind: "conference",
      location: "Hamburg; Hall 2",
      timezone: "Europe/Berlin",
      description: "<p>Customer stories &amp; lunch</p>",
      ...inDays(7, 6),
    });
    const row = await requireEvent(scope, event.id);
    const ics = eventCalendar(row, { host: "advo.example", onlineUrl: false });
    expect(ics).toContain("BEGIN:VCALENDAR");
    expect(ics).toContain(`UID:${event.id}@advo.example`);
    expect(ics).toContain("DTSTART:20261109T090000Z");
    expect(ics).toContain("DTEND:20261109T150000Z");
    expect(ics).toContain("LOCATION:Hamburg\\; Hall 2");
    expect(ics).toContain("Customer stories & lunch");
    expect(ics).toContain("STATUS:CONFIRMED");
    await expect(
      createEvent(scope, { title: "x", kind: "meetup", location: "x", timezone: "Mars/Olympus", ...inDays(1) }),
    ).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["timezone"] })] });
    await expect(
      createEvent(scope, {
        title: "x",
        kind: "meetup",
        location: "x",
        timezone: "UTC",
        startsAt: inDays(2).startsAt,
        endsAt: inDays(1).startsAt,
      }),
    ).rejects.toMatchObject({ errors: [{ path: "endsAt", message: "must be after startsAt" }] });
    await expect(
      createEvent(scope, { title: "x", kind: "meetup", timezone: "UTC", ...inDays(1) }),
    ).rejects.toMatchObject({ errors: [{ path: "location" }] });
  });

  it("follows the person: a merge keeps one registration per event, erasure takes them off what is to come", async () => {
    const { clock, scope, ids } = await world(3);
    const [ana, anaAgain, bo] = ids as [string, string, string];
    const space = await createSpace(scope, { name: "Circle", kind: "ambassador_circle" });
    await addMembers(scope, space.id, { contactIds: [ana, anaAgain] }, manager);
    const past = await createEvent(scope, {
      title: "Past",
      kind: "meetup",
      location: "x",
      timezone: "UTC",
      ...inDays(1),
    });
    const next = await createEvent(scope, {
      title: "Next",
      kind: "meetup",
      location: "x",
      timezone: "UTC",
      ...inDays(9),
    });
    await registerContacts(scope, next.id, { contactIds: [ana, anaAgain, bo] });
    await registerContacts(scope, past.id, { contactIds: [anaAgain, bo] });
    await mergeContactsNow(scope, ana, anaAgain);
    expect((await spaceMembers(scope, space.id)).map((m) => m.contactId)).toEqual([ana]);
    const nextAfter = await getEvent(scope, next.id);
    expect(nextAfter.registrations.map((r) => r.contactId).sort()).toEqual([ana, bo].sort());
    expect((await getEvent(scope, past.id)).registrations.map((r) => r.contactId).sort()).toEqual([ana, bo].sort());

    clock.advance(DAY + 3 * HOUR);
    await recordAttendance(scope, past.id, { attended: [bo] }, manager);
    expect((await exportContact(scope, bo)).eventRegistrations).toHaveLength(2);
    await eraseContact(scope, bo);
    // Off the list of the event to come; the past attendance stays, without a name.
    expect((await getEvent(scope, next.id)).registrations.map((r) => r.contactId)).toEqual([ana]);
    expect((await getEvent(scope, past.id)).registrations.find((r) => r.contactId === bo)).toMatchObject({
      status: "attended",
      email: null,
    });
  });

  it("reminds who is coming the day before, once, and again after the event moves", async () => {
    const { clock, scope, ids, mails } = await world(3);
    const event = await createEvent(scope, {
      title: "Evening meetup",
      kind: "meetup",
      location: "Berlin",
      timezone: "Europe/Berlin",
      capacity: 2,
      ...inDays(1.25),
    });
    await registerContacts(scope, event.id, { contactIds: ids });
    expect(await sendDueReminders(scope, { linkBase: "https://advo.example" })).toBe(0);
    clock.advance(7 * HOUR);
    expect(await sendDueReminders(scope, { linkBase: "https://advo.example" })).toBe(2);
    expect(await sendDueReminders(scope)).toBe(0);
    const sent = await mails("community_reminder");
    // Who is coming, not who waits.
    expect(sent.map((m) => m.toAddress).sort()).toEqual(["p0@bank.com", "p1@bank.com"]);
    expect(sent[0]).toMatchObject({ subject: "Tomorrow: Evening meetup" });
    expect(sent[0]?.textBody).toContain("https://advo.example/hub/community");

    await updateEvent(scope, event.id, { startsAt: inDays(3).startsAt, endsAt: inDays(3).endsAt });
    clock.advance(DAY);
    expect(await sendDueReminders(scope)).toBe(0);
    clock.advance(DAY);
    expect(await sendDueReminders(scope)).toBe(2);
  });
  it("asks who came how it was, once the event is over; keeps each answer once, as a CSAT answer scoring reads", async () => {
    const { clock, scope, ids, mails } = await world(4);
    const [ana, bo, cy, dee] = ids as [string, string, string, string];
    const event = await createEvent(scope, {
      title: "Roadmap workshop",
      kind: "workshop",
      location: "Lisbon",
      timezone: "Europe/Lisbon",
      ...inDays(1, 3),
    });
    await registerContacts(scope, event.id, { contactIds: [ana, bo, cy] });
    clock.advance(DAY + HOUR); // started, not over
    await recordAttendance(scope, event.id, { attended: [ana, bo], noShow: [cy] }, manager);
    expect(await sendDueFeedbackRequests(scope, { linkBase: "https://advo.example.com" })).toBe(0);
    await expect(giveEventFeedback(scope, ana, event.id, { rating: 5 })).resolves.toEqual({ rating: 5, comment: null });
    clock.advance(3 * HOUR); // over
    expect(await sendDueFeedbackRequests(scope, { linkBase: "https://advo.example.com" })).toBe(2);
    expect(await sendDueFeedbackRequests(scope)).toBe(0); // once
    const asked = await mails("community_feedback");
    expect(asked.map((m) => m.toAddress).sort()).toEqual(["p0@bank.com", "p1@bank.com"]);
    expect(asked[0]?.subject).toBe("How was it? Roadmap workshop");
    expect(asked[0]?.textBody).toContain("https://advo.example.com/hub/community");

    // Once each; only who came; on the scale.
    await expect(giveEventFeedback(scope, ana, event.id, { rating: 4 })).rejects.toMatchObject({
      code: "conflict",
      errors: [{ path: "rating" }],
    });
    await expect(giveEventFeedback(scope, cy, event.id, { rating: 4 })).rejects.toMatchObject({
      errors: [{ path: "status" }],
    });
    await expect(giveEventFeedback(scope, dee, event.id, { rating: 4 })).rejects.toMatchObject({
      errors: [{ path: "status" }],
    });
    await expect(giveEventFeedback(scope, bo, event.id, { rating: 6 })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["rating"] })],
    });
    await giveEventFeedback(scope, bo, event.id, { rating: 2, comment: "Too rushed, and the room was terrible." });

    const said = await eventFeedback(scope, event.id);
    expect(said).toMatchObject({ attended: 2, asked: 2, answered: 2, averageRating: 3.5, ratings: [0, 1, 0, 0, 1] });
    expect(said.answers[0]).toMatchObject({
      contactId: bo,
      rating: 2,
      comment: "Too rushed, and the room was terrible.",
    });
    // A CSAT answer like any other: its words weighed, the contact queued for a rescore.
    const answer = await selectFrom(scope, "surveyResponses")
      .select(["kind", "score", "survey", "sentiment"])
      .where("contactId", "=", bo)
      .executeTakeFirstOrThrow();
    expect(answer).toMatchObject({ kind: "csat", score: 2, survey: "Event: Roadmap workshop" });
    expect(Number(answer.sentiment)).toBeLessThan(0);
    // The hub lists what they came to, with what they said.
    expect((await communityOfAdvocate(scope, bo)).attended).toEqual([
      expect.objectContaining({ id: event.id, myRating: 2, myComment: "Too rushed, and the room was terrible." }),
    ]);
    expect((await communityOfAdvocate(scope, cy)).attended).toEqual([]);
    // The contact's page lists the event with how they rated it.
    expect((await listEvents(scope, { when: "all", contactId: bo })).map((e) => e.registration)).toEqual([
      { status: "attended", role: "attendee", rating: 2 },
    ]);
    // Two months on, the question is closed.
    clock.advance(61 * DAY);
    await recordAttendance(scope, event.id, { attended: [cy] }, manager);
    await expect(giveEventFeedback(scope, cy, event.id, { rating: 3 })).rejects.toMatchObject({
      errors: [{ path: "endsAt" }],
    });
    expect(await sendDueFeedbackRequests(scope)).toBe(0); // attendance recorded too late to ask
    // Erased, their words go; the rating stays in the tally.
    await eraseContact(scope, bo);
    expect((await eventFeedback(scope, event.id)).ratings).toEqual([0, 1, 0, 0, 1]);
    const kept = await selectFrom(scope, "communityRegistrations")
      .select(["feedbackRating", "feedbackComment"])
      .where("contactId", "=", bo)
      .executeTakeFirstOrThrow();
    expect(kept).toEqual({ feedbackRating: 2, feedbackComment: null });
  });
});
