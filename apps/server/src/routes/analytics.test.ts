import { manualClock } from "@advo/core";
import { createContact } from "@advo/core/contacts";
import { loadDemo } from "@advo/core/demo";
import { createChallenge, createProgram, reviewSubmission, submitToChallenge } from "@advo/core/programs";
import { fileRequest } from "@advo/core/references";
import { issueCode } from "@advo/core/referrals";
import { createReward, redeemReward } from "@advo/core/rewards";
import { ingestMessages, normalizeBatch } from "@advo/core/signals";
import { createApiKey } from "@advo/core/users";
import { createTestTenant, describeDialects } from "@advo/test-kit";
import { expect, it } from "vitest";
import { bearer, buildTestApp } from "../testing.ts";

describeDialects("workspace overview", (ctx) => {
  it("counts the demo workspace's contacts, scores, NPS and events in one call", { timeout: 120_000 }, async () => {
    const clock = manualClock(Date.parse("2026-11-01T00:00:00Z"));
    const tenant = await loadDemo(ctx.db, clock, { accounts: 40, contactsPerAccount: 5 });
    const key = await createApiKey({ db: ctx.db, tenantId: tenant.id, clock }, { name: "t" }, null);
    const app = await buildTestApp(ctx.db, clock);
    try {
      const res = await app.inject({ method: "GET", url: "/api/v1/analytics/overview", headers: bearer(key.key) });
      expect(res.statusCode).toBe(200);
      const o = res.json();
      // 200 customer contacts, plus the friends the demo referral program brought in.
      expect(o.contacts.total).toBeGreaterThanOrEqual(200);
      expect(o.contacts.total).toBeLessThan(230);
      expect(Object.values(o.contacts.byLifecycleStage).reduce((s: number, n) => s + (n as number), 0)).toBe(
        o.contacts.total,
      );
      expect(o.scores.scored).toBeGreaterThanOrEqual(200);
      expect(o.scores.distribution).toHaveLength(10);
      expect(o.nps.responses).toBe(o.nps.promoters + o.nps.passives + o.nps.detractors);
      expect(o.events.total).toBeGreaterThan(200);

      // The same workspace's impact: what referrals and references earned, by model, and retention by side.
      const impact = await app.inject({
        method: "GET",
        url: "/api/v1/analytics/impact?model=last_touch&otherCostCents=500000",
        headers: bearer(key.key),
      });
      expect(impact.statusCode).toBe(200);
      const i = impact.json();
      expect(i).toMatchObject({ period: { to: "2026-11-01" }, attribution: { model: "last_touch" } });
      expect(i.cost.otherCents).toBe(500_000);
      expect(i.retention.advocateAccounts.accounts + i.retention.otherAccounts.accounts).toBe(40);
      const credited = i.attribution.topAdvocates.reduce((sum: number, a: { revenue: number }) => sum + a.revenue, 0);
      expect(credited).toBeLessThanOrEqual(i.attribution.revenue + 0.01);
      const backwards = await app.inject({
        method: "GET",
        url: "/api/v1/analytics/impact?from=2026-11-02&to=2026-11-01",
        headers: bearer(key.key),
      });
      expect(backwards.statusCode).toBe(400);
      expect(backwards.json().errors[0].path).toBe("from");
      const badModel = await app.inject({
        method: "GET",
        url: "/api/v1/analytics/impact?model=u_shape",
        headers: bearer(key.key),
      });
      expect(badModel.json().errors[0].path).toBe("query.model");
    } finally {
      await app.close();
    }
  });
});

describeDialects("activity over a date range", (ctx) => {
  it("counts each day's (or week's) activity between two days, and refuses a bad range by field", async () => {
    const day = (iso: string, hour = 12) => Date.parse(`${iso}T${String(hour).padStart(2, "0")}:00:00Z`);
    const clock = manualClock(day("2026-10-01"));
    const t = await createTestTenant(ctx.db, clock);
    const h = bearer(t.adminKey);
    const app = await buildTestApp(ctx.db, clock);
    try {
      const staff = { type: "system" as const, id: "t", name: "t" };
      const contact = await createContact(t.scope, { email: "ria@example.com", firstName: "Ria" });
      const event = (at: number) => ({
        type: "track",
        userId: "ria",
        event: "Report Exported",
        timestamp: new Date(at).toISOString(),
        context: { traits: { email: "ria@example.com" } },
      });
      // Three events in range (two on 10-03, one on 10-05), one the day before and one the day after.
      const { messages } = normalizeBatch(
        [day("2026-10-01"), day("2026-10-03", 1), day("2026-10-03", 23), day("2026-10-05"), day("2026-10-08")].map(
          event,
        ),
        { receivedAt: clock.now(), checkSizes: false },
      );
      await ingestMessages({ db: ctx.db, clock, tenantId: t.tenant.id, sourceId: null }, messages);

      const program = await createProgram(t.scope, { name: "Stories", type: "referral" });
      const challenge = await createChallenge(
        t.scope,
        { programId: program.id, type: "testimonial", title: "Quote", points: 30 },
        staff,
      );
      clock.set(day("2026-10-03"));
      const submission = await submitToChallenge(
        t.scope,
        challenge.id,
        contact.id,
        { evidence: { text: "Great" } },
        staff,
      );
      clock.set(day("2026-10-04"));
      await reviewSubmission(t.scope, submission.id, { decision: "approve" }, staff);
      const reward = await createReward(t.scope, { name: "Mug", kind: "swag", costPoints: 20, stock: 5 });
      await redeemReward(t.scope, contact.id, { rewardId: reward.id }, staff);
      const { code } = await issueCode(t.scope, { programId: program.id, contactId: contact.id });
      const click = await app.inject({ method: "GET", url: `/r/${t.tenant.slug}/${code.code}` });
      expect(click.statusCode).toBe(302);
      // Clicks are written in batches a moment after the redirect (referrals/redirect.ts).
      await new Promise((resolve) => setTimeout(resolve, 400));
      clock.set(day("2026-10-06"));
      await fileRequest(t.scope, { prospectName: "Globex" }, staff);

      const res = await app.inject({
        method: "GET",
        url: "/api/v1/analytics/activity?from=2026-10-02&to=2026-10-07",
        headers: h,
      });
      expect(res.statusCode, res.body).toBe(200);
      const a = res.json();
      expect(a).toMatchObject({ from: "2026-10-02", to: "2026-10-07", bucket: "day" });
      expect(a.series.map((p: { period: string }) => p.period)).toEqual([
        "2026-10-02",
        "2026-10-03",
        "2026-10-04",
        "2026-10-05",
        "2026-10-06",
        "2026-10-07",
      ]);
      const on = (period: string) => a.series.find((p: { period: string }) => p.period === period);
      expect(on("2026-10-03")).toMatchObject({ signals: 2, submissions: 1, approved: 0 });
      expect(on("2026-10-04")).toMatchObject({ approved: 1, redemptions: 1, pointsRedeemed: 20, referralClicks: 1 });
      expect(on("2026-10-05")).toMatchObject({ signals: 1 });
      expect(on("2026-10-06")).toMatchObject({ referenceRequests: 1 });
      // The approval is an advocacy act: one more signal, on the 4th.
      expect(on("2026-10-04")).toMatchObject({ signals: 1 });
      expect(a.totals).toMatchObject({ signals: 4, submissions: 1, approved: 1, redemptions: 1, referralClicks: 1 });
      expect(a.referenceRequestsByStatus).toEqual({ [Object.keys(a.referenceRequestsByStatus)[0] as string]: 1 });

      // Past 92 days the series is weekly, counted from the first day.
      const long = (
        await app.inject({ method: "GET", url: "/api/v1/analytics/activity?from=2026-07-01&to=2026-10-31", headers: h })
      ).json();
      expect(long.bucket).toBe("week");
      expect(long.series[0].period).toBe("2026-07-01");
      expect(long.series[1].period).toBe("2026-07-08");
      expect(long.totals.signals).toBe(6);

      for (const [query, field] of [
        ["from=2026-10-09&to=2026-10-01", "from"],
        ["from=2020-01-01&to=2026-10-01", "from"],
        ["from=yesterday", "from"],
      ]) {
        const bad = await app.inject({ method: "GET", url: `/api/v1/analytics/activity?${query}`, headers: h });
        expect(bad.statusCode, query).toBe(400);
        expect(bad.json().errors[0].path).toContain(field);
      }
    } finally {
      await app.close();
    }
  });
});
