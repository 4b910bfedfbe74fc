import { createTestTenant, describeDialects, type TestTenant } from "@advo/test-kit";
import { expect, it } from "vitest";
import { createContact } from "../contacts/index.ts";
import { getBalance } from "../ledger/index.ts";
import { createProgram } from "../programs/index.ts";
import { manualClock } from "../shared/clock.ts";
import { selectFrom } from "../shared/scope.ts";
import {
  CODE_ALPHABET,
  createLead,
  decideReview,
  disposableDomainCount,
  getConversion,
  isDisposable,
  issueCode,
  listReviewQueue,
  loadDemoReferrals,
  PAYOUT_ACTOR,
  payDueConversions,
  recordAdvocateFingerprint,
  recordConversion,
  referralMetrics,
  setCodeStatus,
  setReferralSettings,
} from "./index.ts";

const DAY = 24 * 60 * 60 * 1000;

describeDialects("referrals", (ctx) => {
  const clock = manualClock(Date.parse("2026-05-01T09:00:00Z"));

  async function program(t: TestTenant, referral: Record<string, unknown> = {}) {
    const p = await createProgram(t.scope, { name: "Referrals", type: "referral", landingUrl: "https://x.example/" });
    await setReferralSettings(t.scope, p.id, { holdDays: 0, ...referral });
    return p;
  }
  const advocate = (t: TestTenant, email: string) => createContact(t.scope, { email });

  it("issues unguessable codes, one generated code per advocate, and vanity codes unique ignoring case", async () => {
    const t = await createTestTenant(ctx.db, clock);
    const p = await program(t);
    const ada = await advocate(t, "ada@acme.io");
    const first = await issueCode(t.scope, { programId: p.id, contactId: ada.id });
    expect(first.created).toBe(true);
    expect([...first.code.code].every((ch) => CODE_ALPHABET.includes(ch))).toBe(true);
    expect(first.code.code).toHaveLength(9);
    const again = await issueCode(t.scope, { programId: p.id, contactId: ada.id });
    expect(again).toMatchObject({ created: false, code: { id: first.code.id } });
    await issueCode(t.scope, { programId: p.id, contactId: ada.id, vanity: "AdaLovesAcme" });
    await expect(
      issueCode(t.scope, { programId: p.id, contactId: ada.id, vanity: "adalovesacme" }),
    ).rejects.toMatchObject({
      code: "conflict",
      errors: [{ path: "vanity" }],
    });
    await expect(issueCode(t.scope, { programId: p.id, contactId: ada.id, vanity: "a b" })).rejects.toThrow();
    const other = await createProgram(t.scope, { name: "Reviews", type: "review" });
    await expect(issueCode(t.scope, { programId: other.id, contactId: ada.id })).rejects.toMatchObject({
      code: "invalid",
    });
    await setCodeStatus(t.scope, first.code.id, "paused");
    await expect(createLead(t.scope, { code: first.code.code, email: "x@globex.com" })).rejects.toMatchObject({
      errors: [{ path: "code" }],
    });
    await setCodeStatus(t.scope, first.code.id, "active");
    const many = new Set(
      await Promise.all(
        Array.from({ length: 30 }, async (_, i) => {
          const c = await advocate(t, `a${i}@acme.io`);
          return (await issueCode(t.scope, { programId: p.id, contactId: c.id })).code.code;
        }),
      ),
    );
    expect(many.size).toBe(30);
  });

  it("credits the last advocate by default and the first under first-click, inside the window only", async () => {
    const t = await createTestTenant(ctx.db, clock);
    const p = await program(t, { attributionWindowDays: 30 });
    const [ann, ben, cat] = await Promise.all(["ann@a.io", "ben@b.io", "cat@c.io"].map((e) => advocate(t, e)));
    const codes = [];
    for (const who of [ann, ben, cat])
      codes.push((await issueCode(t.scope, { programId: p.id, contactId: who?.id as string })).code.code);
    const base = clock.now();
    const at = (ms: number) => ({ ...t.scope, clock: { now: () => ms } });
    await createLead(at(base - 40 * DAY), { code: codes[0] as string, email: "dan@globex.com" }); // outside the window
    await createLead(at(base - 20 * DAY), { code: codes[1] as string, email: "dan@globex.com" });
    await createLead(at(base - 2 * DAY), { code: codes[2] as string, email: "dan@globex.com" });
    const last = await recordConversion(t.scope, {
      externalId: "o1",
      amount: 100,
      currency: "usd",
      email: "dan@globex.com",
    });
    expect(last.advocateId).toBe(cat?.id);
    expect(last.attribution.touches).toHaveLength(2);
    expect(last.attribution.explanation).toMatch(/2 advocates touched this customer within 30 days; by last click/);
    await setReferralSettings(t.scope, p.id, {
      holdDays: 0,
      attributionWindowDays: 30,
      attributionRule: "first_click",
    });
    const first = await recordConversion(t.scope, {
      externalId: "o2",
      amount: 100,
      currency: "usd",
      email: "dan@globex.com",
    });
    expect(first.advocateId).toBe(ben?.id);
    expect(first.attribution.rule).toBe("first_click");
    const none = await recordConversion(t.scope, {
      externalId: "o3",
      amount: 100,
      currency: "usd",
      email: "eve@x.org",
    });
    expect(none).toMatchObject({ status: "unattributed", advocateId: null, rewards: [] });
  });

  it("pays tiers after the Nth referral, percentages of the first payment, nothing below the minimum", async () => {
    const t = await createTestTenant(ctx.db, clock);
    const p = await program(t, {
      referrerReward: { type: "percent", percent: 10, pointsPerUnit: 2 },
      tiers: [{ afterReferrals: 2, reward: { type: "fixed", points: 1000 } }],
      friendReward: { type: "discount", description: "20% off the first year", code: "FRIEND20" },
      minAmount: 50,
    });
    const ada = await advocate(t, "ada@acme.io");
    const { code } = await issueCode(t.scope, { programId: p.id, contactId: ada.id });
    const points = [];
    for (const [i, amount] of [120, 80, 300, 20].entries()) {
      const c = await recordConversion(t.scope, { externalId: `t${i}`, amount, currency: "EUR", code: code.code });
      points.push(c.rewards.find((r) => r.side === "referrer")?.points ?? null);
      if (i === 3)
        expect(c).toMatchObject({ status: "ineligible", statusReason: expect.stringContaining("minimum of 50") });
    }
    expect(points).toEqual([24, 16, 1000, null]);
    expect(await payDueConversions(t.scope)).toBe(3);
    expect(await getBalance(t.scope, ada.id)).toMatchObject({ balance: 1040 });
    const paid = await getConversion(
      t.scope,
      (
        await selectFrom(t.scope, "referralConversions")
          .select("id")
          .where("externalId", "=", "t0")
          .executeTakeFirstOrThrow()
      ).id,
    );
    expect(paid.rewards.find((r) => r.side === "friend")).toMatchObject({
      kind: "discount",
      status: "paid",
      detail: { code: "FRIEND20" },
    });
  });

  it("scores named fraud signals: disposable email, same device, device reuse, consumer domain, velocity", async () => {
    expect(disposableDomainCount()).toBeGreaterThan(500);
    expect(isDisposable("mailinator.com")).toBe(true);
    expect(isDisposable("inbox.mailinator.com")).toBe(true);
    expect(isDisposable("acme.io")).toBe(false);
    const t = await createTestTenant(ctx.db, clock);
    const p = await program(t, { audience: "consumer", velocity: { leadsPerHour: 3, leadsPerDay: 50 } });
    const ada = await advocate(t, "ada@smallshop.com");
    const { code } = await issueCode(t.scope, { programId: p.id, contactId: ada.id });
    const signals = async (email: string, deviceId?: string) =>
      (await createLead(t.scope, { code: code.code, email, ...(deviceId ? { deviceId } : {}) })).lead.fraudSignals.map(
        (s) => s.signal,
      );
    expect(await signals("x@mailinator.com")).toEqual(["disposable_email"]);
    expect(await signals("bo@smallshop.com")).toEqual(["self_domain"]);
    expect(await signals("cy@gmail.com", "dev_browser_one")).toEqual([]);
    expect(await signals("dee@gmail.com", "dev_browser_one")).toEqual(["device_reuse", "velocity"]);
    await recordAdvocateFingerprint(t.scope, { contactId: ada.id, deviceId: "dev_adas_laptop" });
    const self = await createLead(t.scope, { code: code.code, email: "alias@proton.me", deviceId: "dev_adas_laptop" });
    expect(self.lead.fraudSignals).toContainEqual(expect.objectContaining({ signal: "self_device", points: 80 }));
    expect(self.lead.review.state).toBe("pending");
    const queue = await listReviewQueue(t.scope, { limit: 50 });
    expect(queue.map((q) => q.email)).toEqual(
      expect.arrayContaining(["x@mailinator.com", "bo@smallshop.com", "alias@proton.me"]),
    );

    // A reviewer clears a lead: its conversion is not sent back to review for the same reasons.
    const lead = queue.find((q) => q.email === "bo@smallshop.com");
    await decideReview(t.scope, lead?.id as string, { decision: "approve", note: "her colleague, fine" }, PAYOUT_ACTOR);
    const c = await recordConversion(t.scope, { externalId: "ok-1", amount: 100, currency: "USD", leadId: lead?.id });
    expect(c).toMatchObject({ status: "held", fraudScore: 0 });
    const acts = await selectFrom(t.scope, "events")
      .select(["contactId", "event"])
      .where("messageId", "=", `referral-conversion:${c.id}`)
      .execute();
    expect(acts).toEqual([{ contactId: ada.id, event: "Referral Converted" }]);
    // A rejected lead's conversion is rejected outright.
    const bad = queue.find((q) => q.email === "x@mailinator.com");
    await decideReview(t.scope, bad?.id as string, { decision: "reject" }, PAYOUT_ACTOR);
    const r = await recordConversion(t.scope, { externalId: "bad-1", amount: 100, currency: "USD", leadId: bad?.id });
    expect(r).toMatchObject({ status: "rejected", rewards: [] });
  });

  it("approving a conversion in review pays it after its hold period", async () => {
    const t = await createTestTenant(ctx.db, clock);
    const p = await program(t, { holdDays: 10 });
    const ada = await advocate(t, "ada@acme.io");
    const { code } = await issueCode(t.scope, { programId: p.id, contactId: ada.id });
    await createLead(t.scope, { code: code.code, email: "ada@acme.io" });
    const c = await recordConversion(t.scope, {
      externalId: "self",
      amount: 100,
      currency: "USD",
      email: "ada@acme.io",
    });
    expect(c.status).toBe("review");
    const converted = () =>
      selectFrom(t.scope, "events")
        .select("contactId")
        .where("event", "=", "Referral Converted")
        .execute()
        .then((rows) => rows.map((r) => r.contactId));
    // Under review it is not yet an advocacy act; approved, it is one, for its advocate.
    expect(await converted()).toEqual([]);
    await decideReview(t.scope, c.id, { decision: "approve", note: "she bought for her team" }, PAYOUT_ACTOR);
    expect(await converted()).toEqual([ada.id]);
    expect(await payDueConversions(t.scope)).toBe(0);
    clock.advance(11 * DAY);
    expect(await payDueConversions(t.scope)).toBe(1);
    const paid = await getConversion(t.scope, c.id);
    expect(paid).toMatchObject({ status: "paid", review: { state: "approved", note: "she bought for her team" } });
    expect(await getBalance(t.scope, ada.id)).toMatchObject({ balance: 750 });
  });

  it("loads the demo program quickly, with paid, held, refunded and reviewed referrals", async () => {
    const t = await createTestTenant(ctx.db, clock);
    const contacts = [];
    for (let i = 0; i < 60; i++)
      contacts.push({ ...(await advocate(t, `person${i}@customer${i % 7}.com`)), lifecycleStage: "active" });
    const demo = await loadDemoReferrals(t.scope, { contacts });
    expect(demo.clicks).toBeGreaterThan(500);
    const statuses = await selectFrom(t.scope, "referralConversions").select(["status"]).execute();
    const by = (s: string) => statuses.filter((r) => r.status === s).length;
    expect(by("paid")).toBeGreaterThan(3);
    expect(by("held")).toBeGreaterThan(0);
    expect(by("refunded")).toBe(1);
    expect(by("review")).toBeGreaterThan(0);
    expect((await listReviewQueue(t.scope, { limit: 100 })).length).toBeGreaterThanOrEqual(4);
    const metrics = await referralMetrics(t.scope, { advocates: 5 });
    expect(metrics.programs[0]?.clicks).toBeGreaterThan(500);
    expect(metrics.programs[0]?.pointsPaid).toBeGreaterThan(0);
    expect(metrics.programs[0]?.topAdvocates).toHaveLength(5);
  });
});
