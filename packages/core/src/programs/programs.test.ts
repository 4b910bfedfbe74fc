import { createTestTenant, describeDialects } from "@advo/test-kit";
import { expect, it } from "vitest";
import { createContact, getContact } from "../contacts/index.ts";
import { awardPoints } from "../ledger/index.ts";
import { awardBadge, createBadge, setTiers, standingOf } from "../recognition/index.ts";
import { createSegment } from "../segments/index.ts";
import { manualClock } from "../shared/clock.ts";
import {
  createChallenge,
  createProgram,
  getProgram,
  inviteMembers,
  lapseInactiveMembers,
  listMembers,
  reviewSubmission,
  setMemberState,
  submitToChallenge,
} from "./index.ts";

const manager = { type: "user" as const, id: "usr_test", name: "Manager" };

describeDialects("programs and members", (ctx) => {
  it("moves members invited → joined → active → lapsed and contacts along the lifecycle", async () => {
    const clock = manualClock(Date.parse("2026-03-01T00:00:00Z"));
    const t = await createTestTenant(ctx.db, clock);
    const scope = { ...t.scope, clock };
    const [ann, bob, cy] = await Promise.all(
      ["ann", "bob", "cy"].map((n) => createContact(scope, { email: `${n}@example.com` })),
    );
    if (!ann || !bob || !cy) throw new Error("contacts not created");
    const program = await createProgram(scope, {
      name: "Champions",
      type: "ambassador",
      goals: [{ metric: "active_members", target: 2, period: "all" }],
    });
    expect(await inviteMembers(scope, program.id, { contactIds: [ann.id, bob.id] })).toEqual({
      invited: 2,
      alreadyMembers: 0,
      skipped: [],
    });
    expect(await inviteMembers(scope, program.id, { contactIds: [ann.id] })).toEqual({
      invited: 0,
      alreadyMembers: 1,
      skipped: [],
    });
    // An invitation is an ask: a second program the same day is too soon for ann, unless overridden.
    const other = await createProgram(scope, { name: "Beta", type: "beta" });
    const tooSoon = await inviteMembers(scope, other.id, { contactIds: [ann.id, cy.id] });
    expect(tooSoon).toMatchObject({
      invited: 1,
      skipped: [{ contactId: ann.id, reasons: [expect.stringContaining("day")] }],
    });
    expect((await inviteMembers(scope, other.id, { contactIds: [ann.id], ignoreFatigue: true })).invited).toBe(1);
    await expect(inviteMembers(scope, program.id, { contactIds: ["con_nope"] })).rejects.toMatchObject({
      code: "invalid",
    });
    expect((await getContact(scope, ann.id)).lifecycleStage).toBe("invited");

    await setMemberState(scope, program.id, ann.id, "joined");
    expect((await getContact(scope, ann.id)).lifecycleStage).toBe("onboarded");
    await setMemberState(scope, program.id, bob.id, "declined", "no time");
    await expect(setMemberState(scope, program.id, bob.id, "active")).rejects.toMatchObject({ code: "invalid" });
    // Not invited and no eligibility segment: by invitation only.
    const third = await createProgram(scope, { name: "Closed", type: "custom" });
    await expect(setMemberState(scope, third.id, cy.id, "joined")).rejects.toMatchObject({ code: "forbidden" });

    const challenge = await createChallenge(
      scope,
      { programId: program.id, type: "event", title: "Attend the meetup", points: 20, approval: "automatic" },
      manager,
    );
    await submitToChallenge(scope, challenge.id, ann.id, {}, manager);
    expect((await getContact(scope, ann.id)).lifecycleStage).toBe("active");
    expect((await getProgram(scope, program.id)).goals[0]).toMatchObject({
      metric: "active_members",
      actual: 1,
      progress: 0.5,
    });
    await expect(submitToChallenge(scope, challenge.id, bob.id, {}, manager)).rejects.toMatchObject({
      code: "forbidden",
    });

    clock.advance(91 * 86_400_000);
    expect(await lapseInactiveMembers(scope)).toBe(1);
    const members = await listMembers(scope, program.id, { limit: 10, offset: 0 });
    expect(Object.fromEntries(members.map((m) => [m.email, m.state]))).toEqual({
      "ann@example.com": "lapsed",
      "bob@example.com": "declined",
    });
  });

  it("lets eligible contacts join, holds total limits, and keeps a program inside its points budget", async () => {
    const t = await createTestTenant(ctx.db);
    const people = await Promise.all(
      Array.from({ length: 4 }, (_, i) => createContact(t.scope, { email: `p${i}@example.com`, region: "EMEA" })),
    );
    const emea = await createSegment(t.scope, { name: "EMEA", expression: 'region = "EMEA"' });
    const program = await createProgram(t.scope, {
      name: "EMEA voices",
      type: "content",
      eligibilitySegmentId: emea.id,
      budgetPoints: 250,
    });
    await setMemberState(t.scope, program.id, people[0]?.id as string, "joined");
    const quote = await createChallenge(
      t.scope,
      { programId: program.id, type: "testimonial", title: "A quote", points: 100, totalLimit: 3, evidence: ["text"] },
      manager,
    );
    await expect(submitToChallenge(t.scope, quote.id, people[0]?.id as string, {}, manager)).rejects.toMatchObject({
      code: "invalid",
      errors: [{ path: "evidence.text" }],
    });
    const subs = [];
    for (const p of people.slice(0, 3))
      subs.push(await submitToChallenge(t.scope, quote.id, p.id, { evidence: { text: "Great" } }, manager));
    await expect(
      submitToChallenge(t.scope, quote.id, people[3]?.id as string, { evidence: { text: "Me too" } }, manager),
    ).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("full"),
    });
    // Rejecting frees a slot.
    await reviewSubmission(
      t.scope,
      subs[2]?.id as string,
      { decision: "reject", category: "duplicate", reason: "same as before" },
      manager,
    );
    const fourth = await submitToChallenge(
      t.scope,
      quote.id,
      people[3]?.id as string,
      { evidence: { text: "Me too" } },
      manager,
    );
    await reviewSubmission(t.scope, subs[0]?.id as string, { decision: "approve" }, manager);
    await reviewSubmission(t.scope, subs[1]?.id as string, { decision: "approve" }, manager);
    await expect(reviewSubmission(t.scope, fourth.id, { decision: "approve" }, manager)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("budget"),
    });
    expect((await getProgram(t.scope, program.id)).pointsAwarded).toBe(200);
  });

  it("awards rule badges, manual badges and tiers from lifetime points", async () => {
    const t = await createTestTenant(ctx.db);
    const dee = await createContact(t.scope, { email: "dee@example.com" });
    await setTiers(t.scope, [
      { name: "Member", minLifetimePoints: 0, minBadges: 0 },
      { name: "Pro", minLifetimePoints: 300, minBadges: 0 },
      { name: "Champion", minLifetimePoints: 500, minBadges: 2 },
    ]);
    await createBadge(t.scope, {
      name: "Storyteller",
      rule: { kind: "submissions", challengeType: "testimonial", atLeast: 1 },
    });
    const speaker = await createBadge(t.scope, { name: "Speaker", rule: { kind: "manual" } });
    await expect(createBadge(t.scope, { name: "Speaker", rule: { kind: "manual" } })).rejects.toMatchObject({
      code: "conflict",
    });
    const quote = await createChallenge(
      t.scope,
      { type: "testimonial", title: "Quote", points: 400, approval: "automatic", evidence: [] },
      manager,
    );
    await submitToChallenge(t.scope, quote.id, dee.id, {}, manager);
    let standing = await standingOf(t.scope, dee.id);
    expect(standing).toMatchObject({
      balance: 400,
      tier: "Pro",
      nextTier: { name: "Champion", pointsNeeded: 100, badgesNeeded: 1 },
    });
    expect(standing.badges.map((b) => b.name)).toEqual(["Storyteller"]);
    await awardPoints(t.scope, {
      contactId: dee.id,
      points: 100,
      reason: "webinar",
      idempotencyKey: "w",
      actor: manager,
    });
    standing = await awardBadge(t.scope, speaker.id, dee.id, manager);
    expect(standing).toMatchObject({ tier: "Champion", nextTier: null });
  });
});
