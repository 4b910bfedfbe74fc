import type { Scope } from "../shared/scope.ts";
import { selectFrom, updateTable } from "../shared/scope.ts";
import type { Actor } from "../users/index.ts";
import type { CreateEventInput } from "./community.schemas.ts";
import { cancelEvent, createEvent, recordAttendance, registerContacts } from "./events.ts";
import { giveEventFeedback, sendDueFeedbackRequests } from "./feedback.ts";
import { addMembers, createSpace } from "./spaces.ts";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MANAGER: Actor = { type: "user", id: "demo-manager", name: "Marco Manager" };

/**
 * The demo's community, through the real use cases: a regional user group, an advisory board, an
 * ambassador circle and an open online circle; two past events with their attendance (points and
 * advocacy acts recorded, and what most who came said of them), a webinar hosted by a champion, a full meetup with a waitlist, a board
 * meeting by invitation and a cancelled roadshow.
 */
export async function loadDemoCommunity(scope: Scope, options: { linkBase?: string | undefined } = {}): Promise<void> {
  const people = (
    await selectFrom(scope, "contacts")
      .innerJoin("contactScores", (join) =>
        join
          .onRef("contactScores.tenantId", "=", "contacts.tenantId")
          .onRef("contactScores.contactId", "=", "contacts.id"),
      )
      .select("contacts.id")
      .where("contacts.email", "is not", null)
      .where("contacts.erasedAt", "is", null)
      .orderBy("contactScores.score", "desc")
      .orderBy("contacts.id")
      .limit(60)
      .execute()
  ).map((r) => r.id);
  if (people.length < 40) return;
  const now = scope.clock.now();
  const at = (ms: number): Scope => ({ ...scope, clock: { now: () => ms } });
  // Evenings at 17:00 UTC (18:00 in Berlin in winter), `days` from today.
  const evening = (days: number) => Math.floor(now / DAY) * DAY + days * DAY + 17 * HOUR;
  const times = (days: number, hours = 2) => ({
    startsAt: new Date(evening(days)).toISOString(),
    endsAt: new Date(evening(days) + hours * HOUR).toISOString(),
  });
  const slice = (from: number, count: number) => people.slice(from, from + count);

  const created = at(now - 120 * DAY);
  const berlin = await createSpace(created, {
    name: "Berlin User Group",
    kind: "user_group",
    region: "Berlin",
    visibility: "open",
    description: "<p>Customers in and around Berlin swapping playbooks over pretzels, every quarter.</p>",
  });
  const board = await createSpace(created, {
    name: "Customer Advisory Board",
    kind: "advisory_board",
    visibility: "invite_only",
    description: "<p>Eight customers who see the roadmap first and tell us what to build next.</p>",
  });
  const champions = await createSpace(created, {
    name: "Product Champions",
    kind: "ambassador_circle",
    visibility: "invite_only",
    description: "<p>Our most active advocates: early access, speaking slots and a direct line to the team.</p>",
  });
  const admins = await createSpace(created, {
    name: "Admins Online Circle",
    kind: "online_group",
    region: "Online",
    visibility: "open",
    description: "<p>Monthly office hours and a place to ask the people who run Advo at other companies.</p>",
  });
  await addMembers(created, berlin.id, { contactIds: slice(0, 1), role: "leader" }, MANAGER);
  await addMembers(created, berlin.id, { contactIds: slice(1, 14) }, MANAGER);
  await addMembers(created, board.id, { contactIds: slice(0, 8) }, MANAGER);
  await addMembers(created, champions.id, { contactIds: slice(2, 10) }, MANAGER);
  await addMembers(created, admins.id, { contactIds: slice(15, 22) }, MANAGER);

  const event = (days: number, input: Omit<CreateEventInput, "startsAt" | "endsAt">, hours = 2) =>
    createEvent(at(now + Math.min(days, 0) * DAY - 30 * DAY), { ...input, ...times(days, hours) });

  // Past: the spring meetup (a speaker, eight came, two did not) and the last board meeting.
  const spring = await event(-40, {
    title: "Berlin User Group: spring meetup",
    kind: "meetup",
    spaceId: berlin.id,
    location: "Factory Görlitzer Park, Lohmühlenstraße 65, Berlin",
    timezone: "Europe/Berlin",
    capacity: 40,
    attendancePoints: 50,
    description: "<p>Two customer talks on reporting, then drinks.</p>",
  });
  const before = (days: number) => at(now + days * DAY);
  await registerContacts(before(-50), spring.id, { contactIds: slice(0, 1), role: "speaker" });
  await registerContacts(before(-50), spring.id, { contactIds: slice(1, 10) });
  await recordAttendance(
    at(evening(-40) + 3 * HOUR),
    spring.id,
    { attended: [...slice(0, 8)], noShow: slice(8, 2) },
    MANAGER,
  );
  const lastBoard = await event(
    -20,
    {
      title: "Customer Advisory Board: Q4 session",
      kind: "advisory_board",
      spaceId: board.id,
      onlineUrl: "https://meet.example.com/advo-cab",
      timezone: "Europe/London",
      attendancePoints: 100,
      description: "<p>Roadmap review: journeys, content approvals, and what the board wants next.</p>",
    },
    3,
  );
  await registerContacts(before(-30), lastBoard.id, { contactIds: slice(0, 7) });
  await recordAttendance(
    at(evening(-20) + 4 * HOUR),
    lastBoard.id,
    { attended: slice(0, 6), noShow: slice(6, 1) },
    MANAGER,
  );
  // Who came was asked the next morning; most answered within a few days.
  const answers: [string, number, [number, string?][]][] = [
    [
      spring.id,
      -40,
      [
        [5, "The reporting talk was exactly what our team needed. Great venue too."],
        [4, "Good talks, a bit crowded by the bar."],
        [5],
        [3, "Would love more time for questions."],
        [5, "Met two customers in our industry: worth the trip."],
        [4],
      ],
    ],
    [
      lastBoard.id,
      -20,
      [
        [5, "Seeing the journeys roadmap early helps us plan our own rollout."],
        [4, "Useful, though three hours online is long."],
        [5],
        [2, "We spent too little time on content approvals, which is our main pain."],
        [4],
      ],
    ],
  ];
  for (const [eventId, days, said] of answers) {
    await sendDueFeedbackRequests(at(evening(days + 1) - 8 * HOUR), options);
    for (const [i, [rating, comment]] of said.entries())
      await giveEventFeedback(at(evening(days + 1 + (i % 3))), people[i] as string, eventId, {
        rating,
        ...(comment ? { comment } : {}),
      });
  }

  // Upcoming: a webinar a champion hosts, a full meetup with a waitlist, a board meeting by invitation.
  const webinar = await event(
    10,
    {
      title: "Webinar: reporting playbooks from our champions",
      kind: "webinar",
      onlineUrl: "https://meet.example.com/advo-webinar",
      timezone: "America/New_York",
      attendancePoints: 25,
      description: "<p>Three customers show the dashboards their boards read, and take questions.</p>",
    },
    1,
  );
  await registerContacts(before(-3), webinar.id, { contactIds: slice(2, 1), role: "host" });
  await registerContacts(before(-2), webinar.id, { contactIds: slice(10, 25) });
  const winter = await event(18, {
    title: "Berlin User Group: winter meetup",
    kind: "meetup",
    spaceId: berlin.id,
    location: "Factory Görlitzer Park, Lohmühlenstraße 65, Berlin",
    timezone: "Europe/Berlin",
    capacity: 12,
    attendancePoints: 50,
    description: "<p>Year in review, a customer talk on referral programs, and mulled wine.</p>",
  });
  await registerContacts(before(-6), winter.id, { contactIds: slice(3, 1), role: "speaker" });
  await registerContacts(before(-5), winter.id, { contactIds: slice(0, 3) });
  await registerContacts(before(-4), winter.id, { contactIds: slice(4, 12) });
  const nextBoard = await event(
    45,
    {
      title: "Customer Advisory Board: Q1 session",
      kind: "advisory_board",
      spaceId: board.id,
      onlineUrl: "https://meet.example.com/advo-cab",
      timezone: "Europe/London",
      attendancePoints: 100,
      description: "<p>Pricing and packaging for next year: the board's view before anyone else's.</p>",
    },
    3,
  );
  await registerContacts(before(-1), nextBoard.id, { contactIds: slice(0, 3) });
  const roadshow = await event(
    25,
    {
      title: "Hamburg roadshow",
      kind: "conference",
      location: "Hamburg",
      timezone: "Europe/Berlin",
      capacity: 80,
      description: "<p>A day of customer stories in Hamburg.</p>",
    },
    6,
  );
  await registerContacts(before(-8), roadshow.id, { contactIds: slice(20, 6) });
  await cancelEvent(before(-1), roadshow.id, "the venue fell through; we will be back in spring", options);
  // The emails went out when they were written: delivered, not waiting.
  await updateTable(scope, "emailOutbox")
    .set((eb) => ({ status: "logged", sentAt: eb.ref("createdAt") }))
    .where("purpose", "like", "community_%")
    .where("status", "=", "queued")
    .execute();
}
