import { createSecretKey } from "node:crypto";
import { createTestTenant, describeDialects } from "@advo/test-kit";
import { expect, it } from "vitest";
import { createAccount } from "../accounts/index.ts";
import { asksOf, setFatigueSettings } from "../asks/index.ts";
import { createEvent, getEvent } from "../community/index.ts";
import { createContact, updateContact } from "../contacts/index.ts";
import { listOutbox } from "../email/index.ts";
import { getBalance as balanceOf } from "../ledger/index.ts";
import { createProgram, getMember } from "../programs/index.ts";
import { createSegment, refreshSegmentsFor } from "../segments/index.ts";
import { manualClock } from "../shared/clock.ts";
import { fixedSecretKey } from "../shared/secret-box.ts";
import { mergeContactsNow } from "../signals/index.ts";
import {
  activateJourney,
  advanceJourneys,
  archiveJourney,
  createJourney,
  getJourney,
  listEnrollments,
  listJourneyActions,
  pauseJourney,
  previewJourneyEmail,
  renderTemplate,
  SETTLE_MS,
  STEP_RETRY_MS,
  updateJourney,
} from "./index.ts";

const NOW = Date.parse("2026-11-02T09:00:00Z");
const DAY = 86_400_000;
const emailConsent = { marketingEmail: { granted: true } };

it("fills placeholders, with words for what a contact lacks", () => {
  const base = { id: "c", email: "a@x.com", consent: "{}", lastName: null, company: null };
  expect(renderTemplate("Hi {{firstName}} at {{ company }}", { ...base, firstName: "Ana" })).toBe(
    "Hi Ana at your team",
  );
  expect(renderTemplate("Hi {{firstName}}, {{name}}", { ...base, firstName: null })).toBe("Hi there, there");
});

describeDialects("journeys", (ctx) => {
  async function world() {
    const clock = manualClock(NOW);
    const t = await createTestTenant(ctx.db, clock);
    const scope = { ...t.scope, clock };
    const bank = await createAccount(scope, { name: "Bank" });
    const ana = await createContact(scope, {
      email: "ana@bank.com",
      firstName: "Ana",
      accountId: bank.id,
      title: "Engineer",
      consent: emailConsent,
    });
    const bo = await createContact(scope, { email: "bo@bank.com", firstName: "Bo", title: "Engineer" });
    const vps = await createSegment(scope, { name: "VPs", expression: 'title = "VP"' });
    /** Who becomes a VP joins the segment, as the worker's refresh after a change records it. */
    const retitle = async (title: string, contacts: { id: string }[]) => {
      for (const c of contacts) await updateContact(scope, c.id, { title });
      await refreshSegmentsFor(
        scope,
        contacts.map((c) => c.id),
      );
    };
    const promote = (...contacts: { id: string }[]) => retitle("VP", contacts);
    const demote = (...contacts: { id: string }[]) => retitle("Engineer", contacts);
    return { clock, scope, ana, bo, vps, promote, demote };
  }

  it("enrolls who joins the trigger segment and runs each step once: email, wait, points, lifecycle", async () => {
    const { clock, scope, ana, bo, vps, promote } = await world();
    const journey = await createJourney(scope, {
      name: "Welcome new VPs",
      trigger: { type: "segment_joined", segmentId: vps.id },
      steps: [
        { type: "send_email", subject: "Thanks, {{firstName}}", body: "Hi {{firstName}} at {{company}}" },
        { type: "wait", days: 2 },
        { type: "award_points", points: 50, reason: "Welcome aboard" },
        { type: "set_lifecycle_stage", stage: "champion" },
      ],
    });
    expect(journey.status).toBe("draft");
    await promote(bo); // before activation: not this journey's business
    await activateJourney(scope, journey.id);
    await promote(ana);
    expect(await advanceJourneys(scope)).toEqual({ enrolled: 0, steps: 0 }); // not settled yet
    await activateJourney(scope, journey.id); // again: changes still settling are not skipped

    clock.advance(SETTLE_MS);
    expect((await advanceJourneys(scope)).enrolled).toBe(1);
    const outbox = await listOutbox(scope);
    expect(outbox).toEqual([
      expect.objectContaining({ to: "ana@bank.com", subject: "Thanks, Ana", purpose: "journey" }),
    ]);
    expect((await asksOf(scope, ana.id)).map((a) => a.kind)).toEqual(["journey"]);
    expect(await advanceJourneys(scope)).toEqual({ enrolled: 0, steps: 0 }); // waiting two days

    clock.advance(2 * DAY);
    await advanceJourneys(scope);
    await advanceJourneys(scope);
    expect(await balanceOf(scope, ana.id)).toMatchObject({ balance: 50 });
    const [enrollment] = await listEnrollments(scope, journey.id);
    expect(enrollment).toMatchObject({ contactId: ana.id, status: "completed", step: 4, nextRunAt: null });
    expect((await getJourney(scope, journey.id)).enrollments).toEqual({ active: 0, completed: 1, exited: 0 });
    const actions = await listJourneyActions(scope, { journeyId: journey.id });
    expect(actions.map((a) => [a.action, a.outcome])).toEqual([
      ["set_lifecycle_stage", "done"],
      ["award_points", "done"],
      ["send_email", "done"],
    ]);
    expect(actions[0]?.detail).toBe("lifecycle stage identified → champion");
    expect((await listOutbox(scope)).length).toBe(1);
  });

  it("skips what consent or ask fatigue forbids, and exits who stops matching the condition", async () => {
    const { clock, scope, ana, bo, vps, promote } = await world();
    const board = await createProgram(scope, { name: "Advisory Board", type: "beta" });
    const journey = await createJourney(scope, {
      name: "Invite VPs",
      trigger: { type: "segment_joined", segmentId: vps.id },
      condition: 'first_name != "Bo"',
      steps: [
        { type: "send_email", subject: "A favour?", body: "Would you review us?" },
        { type: "invite_to_program", programId: board.id },
        { type: "wait", days: 1 },
        { type: "send_email", subject: "Thank you", body: "Thanks {{name}}", ask: false },
      ],
    });
    await activateJourney(scope, journey.id);
    // The email is an ask: with 7 days between asks, the invitation right after it must not go out.
    await setFatigueSettings(scope, { minDaysBetweenAsks: 7 });
    await promote(ana, bo);
    clock.advance(SETTLE_MS);
    expect((await advanceJourneys(scope)).enrolled).toBe(1); // Bo fails the condition
    const actions = await listJourneyActions(scope, { journeyId: journey.id });
    expect(actions.map((a) => [a.action, a.outcome])).toEqual([
      ["invite_to_program", "skipped"],
      ["send_email", "done"],
    ]);
    expect(actions[0]?.detail).toMatch(/^ask-fatigue limits: /);
    await expect(getMember(scope, board.id, ana.id)).rejects.toThrow(/not found/);

    // Ana stops matching before the last step: she exits instead of getting it.
    await updateContact(scope, ana.id, { firstName: "Bo" });
    clock.advance(DAY);
    await advanceJourneys(scope);
    const [enrollment] = await listEnrollments(scope, journey.id);
    expect(enrollment).toMatchObject({ status: "exited", exitReason: "no longer matches the journey's condition" });
    expect((await listOutbox(scope)).map((m) => m.subject)).toEqual(["A favour?"]);

    // No consent, no email: Bo would be skipped even if he matched.
    const thanks = await createJourney(scope, {
      name: "Thanks",
      trigger: { type: "segment_joined", segmentId: vps.id },
      steps: [{ type: "send_email", subject: "Thanks", body: "Thanks", ask: false }],
    });
    await activateJourney(scope, thanks.id, { enrollCurrentMembers: true });
    await advanceJourneys(scope);
    const thanked = await listJourneyActions(scope, { journeyId: thanks.id });
    expect(thanked.map((a) => [a.contactId, a.outcome, a.detail]).sort()).toEqual(
      [
        [ana.id, "done", "emailed ana@bank.com: “Thanks”"],
        [bo.id, "skipped", "no marketing-email consent on record"],
      ].sort(),
    );
  });

  it("pausing holds everyone where they are; archiving lets them go; re-entry only when allowed", async () => {
    const { clock, scope, ana, vps, promote, demote } = await world();
    const journey = await createJourney(scope, {
      name: "Points for VPs",
      trigger: { type: "segment_joined", segmentId: vps.id },
      steps: [
        { type: "award_points", points: 10, reason: "VP" },
        { type: "wait", days: 1 },
        { type: "award_points", points: 5, reason: "VP, a day on" },
      ],
    });
    await activateJourney(scope, journey.id);
    await promote(ana);
    clock.advance(SETTLE_MS);
    await advanceJourneys(scope);
    await pauseJourney(scope, journey.id);
    await expect(updateJourney(scope, journey.id, { name: "Renamed" })).resolves.toMatchObject({ name: "Renamed" });
    clock.advance(2 * DAY);
    await advanceJourneys(scope);
    expect(await balanceOf(scope, ana.id)).toMatchObject({ balance: 10 });
    await activateJourney(scope, journey.id);
    await expect(updateJourney(scope, journey.id, { name: "Again" })).rejects.toThrow(/pause it before changing it/);
    await advanceJourneys(scope);
    expect(await balanceOf(scope, ana.id)).toMatchObject({ balance: 15 });

    // Through once; leaving and joining again does not start it over...
    await demote(ana);
    await promote(ana);
    clock.advance(SETTLE_MS);
    expect((await advanceJourneys(scope)).enrolled).toBe(0);
    // ...unless the journey allows re-entry.
    await pauseJourney(scope, journey.id);
    await updateJourney(scope, journey.id, { allowReentry: true });
    await activateJourney(scope, journey.id);
    await demote(ana);
    await promote(ana);
    clock.advance(SETTLE_MS);
    expect((await advanceJourneys(scope)).enrolled).toBe(1);
    expect(await balanceOf(scope, ana.id)).toMatchObject({ balance: 25 });

    await archiveJourney(scope, journey.id);
    const enrollments = await listEnrollments(scope, journey.id);
    expect(enrollments.map((e) => e.status).sort()).toEqual(["completed", "exited"]);
    expect(enrollments.find((e) => e.status === "exited")?.exitReason).toBe("the journey was archived");
    await expect(activateJourney(scope, journey.id)).rejects.toThrow(/archived/);
  });

  it("resuming enrolls who joined while the journey was paused only when asked to", async () => {
    const { clock, scope, ana, bo, vps, promote } = await world();
    const journey = await createJourney(scope, {
      name: "Points for VPs",
      trigger: { type: "segment_joined", segmentId: vps.id },
      steps: [{ type: "award_points", points: 10, reason: "VP" }],
    });
    await activateJourney(scope, journey.id);
    await expect(activateJourney(scope, journey.id, { enrollWhilePaused: true })).rejects.toMatchObject({
      errors: [{ path: "enrollWhilePaused", message: "the journey is active, not paused: it missed no changes" }],
    });
    await pauseJourney(scope, journey.id);
    await promote(bo);
    clock.advance(SETTLE_MS);
    await activateJourney(scope, journey.id, { enrollWhilePaused: true });
    expect((await advanceJourneys(scope)).enrolled).toBe(1);
    expect(await balanceOf(scope, bo.id)).toMatchObject({ balance: 10 });

    await pauseJourney(scope, journey.id);
    await promote(ana);
    clock.advance(SETTLE_MS);
    await activateJourney(scope, journey.id);
    expect((await advanceJourneys(scope)).enrolled).toBe(0);
    expect(await balanceOf(scope, ana.id)).toMatchObject({ balance: 0 });
  });

  it("a step with its own condition runs for who matches it; the others skip it, saying why", async () => {
    const { clock, scope, ana, bo, vps, promote } = await world();
    const journey = await createJourney(scope, {
      name: "VPs, engineers first",
      trigger: { type: "segment_joined", segmentId: vps.id },
      steps: [
        { type: "award_points", points: 10, reason: "Welcome" },
        { type: "award_points", points: 5, reason: "Has an account", onlyIf: "account is not null" },
      ],
    });
    await activateJourney(scope, journey.id);
    await promote(ana);
    await promote(bo);
    clock.advance(SETTLE_MS);
    await advanceJourneys(scope);
    expect(await balanceOf(scope, ana.id)).toMatchObject({ balance: 15 });
    expect(await balanceOf(scope, bo.id)).toMatchObject({ balance: 10 });
    const actions = await listJourneyActions(scope, { journeyId: journey.id });
    expect(actions.find((a) => a.contactId === bo.id && a.step === 1)).toMatchObject({
      outcome: "skipped",
      detail: "does not match this step's condition (account is not null)",
    });
    expect((await listEnrollments(scope, journey.id)).map((e) => e.status)).toEqual(["completed", "completed"]);
  });

  it("who reaches the goal leaves converted, who is already there does not enter, and the journey counts them", async () => {
    const { clock, scope, ana, bo, vps, promote } = await world();
    const journey = await createJourney(scope, {
      name: "Make VPs champions",
      trigger: { type: "segment_joined", segmentId: vps.id },
      goal: 'lifecycle_stage = "champion"',
      steps: [
        { type: "award_points", points: 10, reason: "Welcome" },
        { type: "wait", days: 7 },
        { type: "award_points", points: 5, reason: "A week on" },
      ],
    });
    expect(journey).toMatchObject({ goal: 'lifecycle_stage = "champion"', goalReached: 0 });
    await activateJourney(scope, journey.id);
    await updateContact(scope, bo.id, { lifecycleStage: "champion" });
    await promote(ana);
    await promote(bo);
    clock.advance(SETTLE_MS);
    expect((await advanceJourneys(scope)).enrolled).toBe(1);
    expect(await balanceOf(scope, ana.id)).toMatchObject({ balance: 10 });

    await updateContact(scope, ana.id, { lifecycleStage: "champion" });
    clock.advance(7 * DAY);
    await advanceJourneys(scope);
    expect(await balanceOf(scope, ana.id)).toMatchObject({ balance: 10 });
    expect(await listEnrollments(scope, journey.id)).toEqual([
      expect.objectContaining({ contactId: ana.id, status: "completed", exitReason: "reached the journey's goal" }),
    ]);
    expect(await getJourney(scope, journey.id)).toMatchObject({ goalReached: 1 });
  });

  it("invites to an event: an ask under consent and fatigue limits, the event named; refuses an unknown event", async () => {
    const { clock, scope, ana, bo, vps, promote } = await world();
    const event = await createEvent(scope, {
      title: "Winter meetup",
      kind: "meetup",
      location: "Berlin",
      timezone: "Europe/Berlin",
      startsAt: new Date(NOW + 20 * DAY).toISOString(),
      endsAt: new Date(NOW + 20 * DAY + 7_200_000).toISOString(),
    });
    await expect(
      createJourney(scope, {
        name: "Bad",
        trigger: { type: "segment_joined", segmentId: vps.id },
        steps: [{ type: "invite_to_event", eventId: "evt_nope" }],
      }),
    ).rejects.toMatchObject({ errors: [{ path: "steps.0.eventId" }] });
    const journey = await createJourney(scope, {
      name: "New VPs to the meetup",
      trigger: { type: "segment_joined", segmentId: vps.id },
      steps: [{ type: "invite_to_event", eventId: event.id, message: "VPs meet in Berlin" }],
    });
    await activateJourney(scope, journey.id);
    await promote(ana, bo);
    clock.advance(SETTLE_MS);
    const links = {
      unsubscribe: {
        publicUrl: "https://advo.example.com",
        keys: fixedSecretKey(createSecretKey(Buffer.alloc(32, 7))),
      },
    };
    await advanceJourneys(scope, links);
    const actions = await listJourneyActions(scope, { journeyId: journey.id });
    expect(actions.map((a) => [a.contactId, a.outcome, a.detail]).sort()).toEqual(
      [
        [ana.id, "done", "invited to Winter meetup"],
        [bo.id, "skipped", "no marketing-email consent on record"],
      ].sort(),
    );
    const invitation = (await listOutbox(scope)).find((m) => m.purpose === "community_invited");
    expect(invitation).toMatchObject({ to: "ana@bank.com", subject: "You're invited: Winter meetup" });
    expect((await getEvent(scope, event.id)).registrations).toMatchObject([{ contactId: ana.id, status: "invited" }]);
  });

  it("previews an email as a contact, the first contact or a sample person would get it; sends nothing", async () => {
    const { scope, ana, bo } = await world();
    const email = { subject: "Thanks, {{firstName}}", body: "Hi {{name}} at {{company}}" };
    const links = {
      unsubscribe: {
        publicUrl: "https://advo.example.com/",
        keys: fixedSecretKey(createSecretKey(Buffer.alloc(32, 7))),
      },
    };
    const asBo = await previewJourneyEmail(scope, { ...email, contactId: bo.id }, links);
    expect(asBo).toMatchObject({ contactId: bo.id, to: "bo@bank.com", subject: "Thanks, Bo" });
    expect(asBo.text).toMatch(/^Hi Bo at your team\n\n--\nYou get this email because you agreed to hear from /);
    // Where the link goes, never a working link.
    expect(asBo.text).toContain(
      "To stop these emails: https://advo.example.com/unsubscribe#token=… (this person's own link)",
    );
    expect(await previewJourneyEmail(scope, email)).toMatchObject({
      contactId: ana.id,
      text: expect.stringContaining("Hi Ana at Bank"),
    });
    const empty = await createTestTenant(ctx.db);
    expect(await previewJourneyEmail(empty.scope, email)).toMatchObject({ contactId: null, subject: "Thanks, Alex" });
    await expect(previewJourneyEmail(scope, { ...email, body: "Hi {{nickname}}" })).rejects.toMatchObject({
      errors: [{ path: "body", message: expect.stringMatching(/^unknown placeholder \{\{nickname\}\}/) }],
    });
    await expect(previewJourneyEmail(scope, { ...email, contactId: "con_nope" })).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await listOutbox(scope)).toEqual([]);
  });

  it("a step that breaks is tried again later, without holding up the other journeys", async () => {
    const { clock, scope, ana, vps, promote } = await world();
    const make = async (name: string) => {
      const j = await createJourney(scope, {
        name,
        trigger: { type: "segment_joined", segmentId: vps.id },
        steps: [{ type: "award_points", points: 5, reason: name }],
      });
      await activateJourney(scope, j.id);
      return j;
    };
    const good = await make("Good");
    const broken = await make("Broken");
    // A step this version does not know (a row written by a newer one, say).
    await scope.db
      .updateTable("journeys")
      .set({ steps: '[{"type": "teleport"}]' })
      .where("tenantId", "=", scope.tenantId)
      .where("id", "=", broken.id)
      .execute();
    await promote(ana);
    clock.advance(SETTLE_MS);
    const errors: string[] = [];
    await advanceJourneys(scope, { onError: (where) => errors.push(where.enrollmentId ?? "") });
    expect(await balanceOf(scope, ana.id)).toMatchObject({ balance: 5 });
    const [stuck] = await listEnrollments(scope, broken.id);
    expect(errors).toEqual([stuck?.id]);
    expect(stuck).toMatchObject({
      status: "active",
      step: 0,
      nextRunAt: new Date(clock.now() + STEP_RETRY_MS).toISOString(),
    });
    expect((await listEnrollments(scope, good.id))[0]?.status).toBe("completed");
    await advanceJourneys(scope, { onError: (where) => errors.push(where.enrollmentId ?? "") });
    expect(errors).toHaveLength(1); // not due again yet
  });

  it("when two enrolled records of one person are merged, the person goes on once", async () => {
    const { clock, scope, ana, bo, vps, promote } = await world();
    const journey = await createJourney(scope, {
      name: "Points twice",
      trigger: { type: "segment_joined", segmentId: vps.id },
      steps: [
        { type: "wait", days: 1 },
        { type: "award_points", points: 7, reason: "A day in" },
      ],
    });
    await activateJourney(scope, journey.id);
    await promote(ana, bo);
    clock.advance(SETTLE_MS);
    expect((await advanceJourneys(scope)).enrolled).toBe(2);
    await mergeContactsNow(scope, ana.id, bo.id, "same person");
    clock.advance(DAY);
    await advanceJourneys(scope);
    expect(await balanceOf(scope, ana.id)).toMatchObject({ balance: 7 });
    const statuses = (await listEnrollments(scope, journey.id)).map((e) => e.status).sort();
    expect(statuses).toEqual(["completed", "exited"]);
  });

  it("refuses a journey that names what does not exist or says what cannot be done, naming the field", async () => {
    const { scope, vps } = await world();
    const base = {
      name: "J",
      trigger: { type: "segment_joined" as const, segmentId: vps.id },
      steps: [{ type: "wait" as const, days: 1 }],
    };
    const fieldOf = async (input: Parameters<typeof createJourney>[1]) => {
      try {
        await createJourney(scope, input);
      } catch (error) {
        return (error as { errors: { path: string; message: string }[] }).errors[0];
      }
      throw new Error("accepted");
    };
    expect(await fieldOf({ ...base, trigger: { type: "segment_left", segmentId: "seg_nope" } })).toEqual({
      path: "trigger.segmentId",
      message: 'no segment "seg_nope" in this workspace',
    });
    expect(await fieldOf({ ...base, condition: "nps >> 9" })).toMatchObject({
      path: "condition",
      message: expect.stringContaining("at position 6"),
    });
    expect(
      await fieldOf({
        ...base,
        steps: [{ type: "send_email", subject: "Hi", body: "Dear {{fullName}}" }],
      }),
    ).toMatchObject({ path: "steps.0.body", message: expect.stringMatching(/^unknown placeholder \{\{fullName\}\}/) });
    expect(
      await fieldOf({
        ...base,
        steps: [...base.steps, { type: "award_points", points: 1, reason: "x", onlyIf: "nps >" }],
      }),
    ).toMatchObject({ path: "steps.1.onlyIf", message: expect.stringContaining("at position 6") });
    expect(await fieldOf({ ...base, goal: "in_program(" })).toMatchObject({ path: "goal" });
    expect(
      await fieldOf({ ...base, steps: [...base.steps, { type: "invite_to_program", programId: "prg_nope" }] }),
    ).toEqual({ path: "steps.1.programId", message: 'no program "prg_nope" in this workspace' });
    const left = await createJourney(scope, { ...base, trigger: { type: "segment_left", segmentId: vps.id } });
    await expect(activateJourney(scope, left.id, { enrollCurrentMembers: true })).rejects.toThrow(
      /only a journey triggered by joining a segment/,
    );
  });
});
