import { manualClock } from "@advo/core";
import { loadDemo } from "@advo/core/demo";
import { createApiKey } from "@advo/core/users";
import { describeDialects } from "@advo/test-kit";
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
    } finally {
      await app.close();
    }
  });
});
