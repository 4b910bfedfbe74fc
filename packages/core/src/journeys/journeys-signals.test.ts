import { createTestTenant, describeDialects } from "@advo/test-kit";
import { sql } from "kysely";
import { expect, it } from "vitest";
import { createContact } from "../contacts/index.ts";
import { manualClock } from "../shared/clock.ts";
import { ingestMessages, normalizeBatch } from "../signals/index.ts";
import {
  activateJourney,
  advanceJourneys,
  createJourney,
  enrollFromSignals,
  getJourney,
  listEnrollments,
  pauseJourney,
  updateJourney,
} from "./index.ts";

const NOW = Date.parse("2026-11-02T09:00:00Z");
const DAY = 86_400_000;

describeDialects("journeys triggered by signals", (ctx) => {
  async function world() {
    const clock = manualClock(NOW);
    const t = await createTestTenant(ctx.db, clock);
    const scope = { ...t.scope, clock };
    const ana = await createContact(scope, { email: "ana@bank.com", firstName: "Ana", title: "CTO" });
    const bo = await createContact(scope, { email: "bo@shop.com", firstName: "Bo", title: "Engineer" });
    const people = { ana, bo };
    let n = 0;
    /** Signals from these people as a Segment batch would bring them, then the worker's job for them. */
    const send = async (
      signals: { who: keyof typeof people; event: string; properties?: Record<string, unknown>; daysAgo?: number }[],
      job = true,
    ) => {
      const { messages } = normalizeBatch(
        signals.map((s) => ({
          type: "track",
          messageId: `m${++n}`,
          userId: s.who,
          context: { traits: { email: people[s.who].email } },
          event: s.event,
          properties: s.properties ?? {},
          timestamp: new Date(clock.now() - (s.daysAgo ?? 0) * DAY).toISOString(),
        })),
        { receivedAt: clock.now(), checkSizes: false },
      );
      await ingestMessages({ db: ctx.db, clock, tenantId: t.tenant.id, sourceId: null }, messages);
      if (!job) return 0;
      return enrollFromSignals(
        scope,
        signals.map((s) => people[s.who].id),
      );
    };
    const enrolled = async (journeyId: string) =>
      (await listEnrollments(scope, journeyId)).map((e) => [e.contactId, e.status]).sort();
    return { clock, scope, ana, bo, send, enrolled };
  }

  const points = [{ type: "award_points" as const, points: 10, reason: "Thanks" }];

  it("enrolls who does the named event once the journey is live, not before, not for history", async () => {
    const { clock, scope, ana, bo, send, enrolled } = await world();
    const journey = await createJourney(scope, {
      name: "Connected an integration",
      trigger: { type: "event_received", event: "Integration Connected" },
      condition: 'title = "CTO"',
      steps: points,
    });
    expect(await send([{ who: "ana", event: "Integration Connected" }])).toBe(0); // a draft hears nothing
    clock.advance(60_000);
    await activateJourney(scope, journey.id);
    expect(await send([{ who: "ana", event: "Report Exported" }])).toBe(0);
    // Sent a month ago, imported today: history.
    expect(await send([{ who: "ana", event: "Integration Connected", daysAgo: 30 }])).toBe(0);
    clock.advance(1000);
    // Bo does it too but is not a CTO (the journey's condition); the name's case does not matter.
    expect(
      await send([
        { who: "ana", event: "integration connected", daysAgo: 2 },
        { who: "bo", event: "Integration Connected" },
      ]),
    ).toBe(1);
    expect(await enrolled(journey.id)).toEqual([[ana.id, "active"]]);
    // The same signals heard again (another job naming Ana) enroll nobody twice.
    expect(await enrollFromSignals(scope, [ana.id, bo.id])).toBe(0);
    await advanceJourneys(scope);
    expect((await getJourney(scope, journey.id)).enrollments).toEqual({ active: 0, completed: 1, exited: 0 });
  });

  it("re-enrolls, where allowed, only for a signal that came after the last entry", async () => {
    const { clock, scope, ana, send, enrolled } = await world();
    const journey = await createJourney(scope, {
      name: "Every promoter answer",
      trigger: { type: "survey_answered", kind: "nps", minScore: 9, maxScore: 10 },
      allowReentry: true,
      steps: points,
    });
    await activateJourney(scope, journey.id);
    clock.advance(1000);
    expect(await send([{ who: "ana", event: "NPS Survey Responded", properties: { score: 8 } }])).toBe(0);
    expect(await send([{ who: "ana", event: "NPS Survey Responded", properties: { score: 10 } }])).toBe(1);
    await advanceJourneys(scope); // through and out
    clock.advance(1000);
    expect(await enrollFromSignals(scope, [ana.id])).toBe(0); // the answer that brought her in once
    expect(await send([{ who: "ana", event: "Report Exported" }])).toBe(0);
    clock.advance(1000);
    expect(await send([{ who: "ana", event: "NPS Survey Responded", properties: { score: 9 } }])).toBe(1);
    expect(await enrolled(journey.id)).toEqual([
      [ana.id, "active"],
      [ana.id, "completed"],
    ]);
  });

  it("hears nothing while paused, unless the resume asks for what it missed", async () => {
    const { clock, scope, ana, bo, send, enrolled } = await world();
    const journey = await createJourney(scope, {
      name: "Unhappy with support",
      trigger: { type: "survey_answered", kind: "csat", minScore: 1, maxScore: 2 },
      steps: points,
    });
    await activateJourney(scope, journey.id);
    await pauseJourney(scope, journey.id);
    clock.advance(1000);
    expect(await send([{ who: "ana", event: "CSAT Responded", properties: { score: 1 } }])).toBe(0);
    clock.advance(1000);
    await activateJourney(scope, journey.id);
    expect(await enrollFromSignals(scope, [ana.id])).toBe(0); // resumed from now on
    await pauseJourney(scope, journey.id);
    clock.advance(1000);
    expect(await send([{ who: "bo", event: "CSAT Responded", properties: { score: 2 } }])).toBe(0);
    clock.advance(1000);
    await activateJourney(scope, journey.id, { enrollWhilePaused: true });
    expect(await enrollFromSignals(scope, [ana.id, bo.id])).toBe(1);
    expect(await enrolled(journey.id)).toEqual([[bo.id, "active"]]);
  });

  it("takes only answers to the surveys it names, when it names one", async () => {
    const { clock, scope, bo, send, enrolled } = await world();
    const journey = await createJourney(scope, {
      name: "Follow up a poor event",
      trigger: { type: "survey_answered", kind: "csat", minScore: 1, maxScore: 2, survey: "event:" },
      steps: points,
    });
    await activateJourney(scope, journey.id);
    clock.advance(1000);
    // A support CSAT of 1 is not this journey's business; an event's 2 is (the name's case aside).
    expect(
      await send([
        { who: "ana", event: "CSAT Responded", properties: { score: 1, survey: "Support ticket 4411" } },
        { who: "bo", event: "CSAT Responded", properties: { score: 2, survey: "Event: Roadmap workshop" } },
      ]),
    ).toBe(1);
    expect(await enrolled(journey.id)).toEqual([[bo.id, "active"]]);
    // % and _ in the name are themselves, not wildcards.
    await expect(
      createJourney(scope, {
        name: "x",
        trigger: { type: "survey_answered", kind: "csat", minScore: 1, maxScore: 2, survey: "%" },
        steps: points,
      })
        .then((j) => activateJourney(scope, j.id))
        .then(() => send([{ who: "ana", event: "CSAT Responded", properties: { score: 1, survey: "Q4" } }])),
    ).resolves.toBe(0);
  });

  it("catches up, after its trigger was changed while paused, only on signals since the change", async () => {
    const { clock, scope, ana, bo, send, enrolled } = await world();
    const journey = await createJourney(scope, {
      name: "Exported a report",
      trigger: { type: "event_received", event: "Report Exported" },
      steps: points,
    });
    await activateJourney(scope, journey.id);
    await pauseJourney(scope, journey.id);
    clock.advance(1000);
    await send([{ who: "ana", event: "Dashboard Shared" }], false); // before the change
    clock.advance(1000);
    await updateJourney(scope, journey.id, { trigger: { type: "event_received", event: "Dashboard Shared" } });
    clock.advance(1000);
    await send([{ who: "bo", event: "Dashboard Shared" }], false);
    clock.advance(1000);
    await activateJourney(scope, journey.id, { enrollWhilePaused: true });
    expect(await enrollFromSignals(scope, [ana.id, bo.id])).toBe(1);
    expect(await enrolled(journey.id)).toEqual([[bo.id, "active"]]);
  });

  it("enrolls a contact once when several workers hear the same signal at the same moment", async () => {
    const { clock, scope, ana, send } = await world();
    const journey = await createJourney(scope, {
      name: "Referral made",
      trigger: { type: "event_received", event: "Referral Sent" },
      steps: points,
    });
    await activateJourney(scope, journey.id);
    clock.advance(1000);
    await send([{ who: "ana", event: "Referral Sent" }], false);
    // Five connections open first, so the five workers' statements really do meet.
    await Promise.all(Array.from({ length: 5 }, () => sql`select 1`.execute(ctx.db)));
    const all = await Promise.all(Array.from({ length: 5 }, () => enrollFromSignals(scope, [ana.id])));
    expect(all.sort()).toEqual([0, 0, 0, 0, 1]);
    expect((await getJourney(scope, journey.id)).enrollments.active).toBe(1);
  });

  it("refuses a survey trigger whose scores are off the scale or the wrong way round, naming the field", async () => {
    const { scope } = await world();
    const make = (trigger: unknown) => createJourney(scope, { name: "x", trigger, steps: points } as never);
    await expect(make({ type: "survey_answered", kind: "csat", minScore: 4, maxScore: 9 })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["trigger", "maxScore"], message: "CSAT scores run from 1 to 5" })],
    });
    await expect(make({ type: "survey_answered", kind: "nps", minScore: 9, maxScore: 7 })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["trigger", "maxScore"], message: "must be at least minScore" })],
    });
    await expect(make({ type: "event_received", event: "  " })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["trigger", "event"] })],
    });
  });
});
