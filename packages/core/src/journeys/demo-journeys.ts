import { listEvents } from "../community/index.ts";
import { listPrograms } from "../programs/index.ts";
import { listSegments } from "../segments/index.ts";
import type { Scope } from "../shared/scope.ts";
import { selectFrom, updateTable } from "../shared/scope.ts";
import { advanceJourneys } from "./engine.ts";
import { enrollFromSignals } from "./enrollment-signals.ts";
import { activateJourney, createJourney } from "./journeys.ts";

const DAY = 86_400_000;

/**
 * The demo's journeys: one that has been running for nine days (its promoters thanked, invited to the
 * Champions Circle where the fatigue limits allowed, some still waiting), one that asks this week's
 * promoters for a review as their answers arrive, and a draft win-back.
 */
export async function loadDemoJourneys(scope: Scope): Promise<void> {
  const segments = await listSegments(scope);
  const promoters = segments.find((s) => s.name === "Promoters not yet in the Champions Circle");
  const activeThisMonth = segments.find((s) => s.name === "Promoters active this month");
  const circle = (await listPrograms(scope)).find((p) => p.name === "Champions Circle");
  if (!promoters || !activeThisMonth || !circle) return;
  const now = scope.clock.now();
  const at = (ms: number): Scope => ({ ...scope, clock: { now: () => ms } });

  const welcome = await createJourney(at(now - 10 * DAY), {
    name: "Thank promoters, then invite them to the Champions Circle",
    description:
      "Everyone who scores us 9 or 10 gets a thank-you; three days later, those with an advocacy score of 70 or more are invited to the Circle.",
    trigger: { type: "segment_joined", segmentId: promoters.id },
    condition: "open_tickets = 0",
    steps: [
      {
        type: "send_email",
        subject: "Thank you, {{firstName}}",
        body: "Hi {{firstName}},\n\nThank you for the kind score. It means a lot to everyone here.\n\nThe Demo Co team",
        ask: false,
      },
      { type: "wait", days: 3 },
      { type: "invite_to_program", programId: circle.id, onlyIf: "advocacy_score >= 70" },
      { type: "wait", days: 7 },
      { type: "set_lifecycle_stage", stage: "invited" },
    ],
  });
  await activateJourney(at(now - 9 * DAY), welcome.id, { enrollCurrentMembers: true });
  for (const daysAgo of [9, 6, 2, 0]) await advanceJourneys(at(now - daysAgo * DAY));
  // The thank-yous went out when they were written: the outbox shows them delivered, not waiting.
  await updateTable(scope, "emailOutbox")
    .set((eb) => ({ status: "logged", sentAt: eb.ref("createdAt") }))
    .where("purpose", "=", "journey")
    .where("status", "=", "queued")
    .execute();

  // Listening since two days ago: this week's promoter answers, which the demo's import brought in
  // just now, enroll their people as the worker's job would have.
  const reviews = await createJourney(at(now - 3 * DAY), {
    name: "Ask fresh promoters for a review",
    description: "The day after someone answers NPS 9 or 10, ask them to say so on G2 (an ask: fatigue limits apply).",
    trigger: { type: "survey_answered", kind: "nps", minScore: 9, maxScore: 10 },
    condition: "open_tickets = 0",
    steps: [
      { type: "wait", days: 1 },
      {
        type: "send_email",
        subject: "Would you tell others, {{firstName}}?",
        body: "Hi {{firstName}},\n\nThank you for scoring us so well. Would you share what you like on G2? It takes five minutes and helps teams like yours find us.\n\nThe Demo Co team",
      },
    ],
  });
  await activateJourney(at(now - 2 * DAY), reviews.id);
  const answered = await selectFrom(scope, "surveyResponses")
    .select("contactId")
    .where("kind", "=", "nps")
    .where("score", ">=", 9)
    .where("occurredAt", ">=", now - 7 * DAY)
    .execute();
  await enrollFromSignals(
    scope,
    answered.flatMap((r) => (r.contactId ? [r.contactId] : [])),
  );

  await createJourney(scope, {
    name: "Win back promoters who went quiet",
    description: "A draft: a note two weeks after a promoter stops using the product.",
    trigger: { type: "segment_left", segmentId: activeThisMonth.id },
    steps: [
      { type: "wait", days: 14 },
      {
        type: "send_email",
        subject: "We miss you at {{company}}",
        body: "Hi {{firstName}},\n\nWe noticed it has been a while. Is there anything we can help with?",
        ask: false,
      },
    ],
  });
}

/**
 * A draft that invites EMEA promoters to the community's next Berlin meetup: loaded after the
 * community, whose event it names.
 */
export async function loadDemoEventJourney(scope: Scope): Promise<void> {
  const promoters = (await listSegments(scope)).find((s) => s.name === "Promoters active this month");
  const meetup = (await listEvents(scope, { when: "upcoming" })).find(
    (e) => e.title === "Berlin User Group: winter meetup",
  );
  if (!promoters || !meetup) return;
  await createJourney(scope, {
    name: "Invite EMEA promoters to the Berlin meetup",
    description: "A draft: promoters in EMEA are invited to the winter meetup (or its waitlist).",
    trigger: { type: "segment_joined", segmentId: promoters.id },
    condition: 'region = "EMEA"',
    steps: [
      {
        type: "invite_to_event",
        eventId: meetup.id,
        message: "You told us you like what we do: come and meet the people behind it, and other customers.",
      },
    ],
  });
}
