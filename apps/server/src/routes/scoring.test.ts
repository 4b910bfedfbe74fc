import { manualClock, systemClock } from "@advo/core";
import { createAccount } from "@advo/core/accounts";
import { createContact } from "@advo/core/contacts";
import { loadDemo } from "@advo/core/demo";
import { type JobContext, runDueJobs } from "@advo/core/jobs";
import { rescoreAll, rescoreContacts } from "@advo/core/scoring";
import { CONTACTS_CHANGED, ingestMessages, normalizeBatch } from "@advo/core/signals";
import { createApiKey } from "@advo/core/users";
import { createTestTenant, describeDialects } from "@advo/test-kit";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp } from "../testing.ts";
import { jobHandlers } from "../worker.ts";

describeDialects("scoring and segments API", (ctx) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp(ctx.db);
  });
  afterAll(async () => {
    await app.close();
  });

  it("scores contacts in the background after signals arrive, ranks them, and previews segments", async () => {
    const t = await createTestTenant(ctx.db);
    const headers = bearer(t.adminKey);
    const fan = await createContact(t.scope, { email: "fan@x.com", firstName: "Fan" });
    await createContact(t.scope, { email: "meh@x.com", firstName: "Meh" });
    const { messages } = normalizeBatch(
      [
        {
          type: "track",
          userId: "f",
          context: { traits: { email: "fan@x.com" } },
          event: "Survey Responded",
          properties: { score: 10 },
        },
        {
          type: "track",
          userId: "m",
          context: { traits: { email: "meh@x.com" } },
          event: "Survey Responded",
          properties: { score: 3 },
        },
      ],
      { receivedAt: Date.now(), checkSizes: false },
    );
    await ingestMessages({ db: ctx.db, clock: systemClock, tenantId: t.tenant.id, sourceId: null }, messages);
    expect(await runDueJobs(ctx.db, systemClock, jobHandlers)).toBeGreaterThan(0);

    const ranked = (await app.inject({ method: "GET", url: "/api/v1/advocates?limit=10", headers })).json();
    expect(ranked.data.map((a: { firstName: string }) => a.firstName)).toEqual(["Fan", "Meh"]);
    expect(ranked.data[0].topReason).toMatch(/^NPS 10/);

    const score = (await app.inject({ method: "GET", url: `/api/v1/contacts/${fan.id}/score`, headers })).json();
    expect(score.explanation.reduce((s: number, l: { points: number }) => s + l.points, 0)).toBe(score.score);

    const preview = await app.inject({
      method: "POST",
      url: "/api/v1/segments/preview",
      headers,
      payload: { expression: "nps >= 9" },
    });
    expect(preview.json()).toMatchObject({ count: 1, advocates: [{ contactId: fan.id }] });
    const bad = await app.inject({
      method: "POST",
      url: "/api/v1/segments/preview",
      headers,
      payload: { expression: "nps >= 9 and (" },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ path: "expression" });
    expect(bad.json().errors[0].message).toMatch(/^at position 15: expected a field name/);

    const saved = await app.inject({
      method: "POST",
      url: "/api/v1/segments",
      headers,
      payload: { name: "Fans", expression: "nps >= 9" },
    });
    expect(saved.statusCode).toBe(201);
    const within = (
      await app.inject({ method: "GET", url: `/api/v1/advocates?segment=${saved.json().id}`, headers })
    ).json();
    expect(within.data).toHaveLength(1);
    const byExpr = (
      await app.inject({ method: "GET", url: `/api/v1/advocates?segment=${encodeURIComponent("nps < 5")}`, headers })
    ).json();
    expect(byExpr.data.map((a: { firstName: string }) => a.firstName)).toEqual(["Meh"]);

    // A weight change rescores everyone in the background: saved segments follow, not only for new signals.
    const usage = normalizeBatch(
      [{ type: "track", userId: "f", context: { traits: { email: "fan@x.com" } }, event: "Report Exported" }],
      { receivedAt: Date.now(), checkSizes: false },
    ).messages;
    await ingestMessages({ db: ctx.db, clock: systemClock, tenantId: t.tenant.id, sourceId: null }, usage);
    await runDueJobs(ctx.db, systemClock, jobHandlers);
    const before = (await app.inject({ method: "GET", url: `/api/v1/contacts/${fan.id}/score`, headers })).json();
    const high = await app.inject({
      method: "POST",
      url: "/api/v1/segments",
      headers,
      payload: { name: "High", expression: `advocacy_score >= ${before.score}` },
    });
    expect(high.json().memberCount).toBe(1);
    const put = await app.inject({
      method: "PUT",
      url: "/api/v1/settings/scoring-weights",
      headers,
      payload: { satisfaction: 0.05, engagement: 0.35, relationship: 0.2, advocacy: 0.25, social: 0.15 },
    });
    expect(put.statusCode).toBe(200);
    expect(await runDueJobs(ctx.db, systemClock, jobHandlers)).toBeGreaterThan(0);
    const rescored = (await app.inject({ method: "GET", url: `/api/v1/contacts/${fan.id}/score`, headers })).json();
    expect(rescored.score).toBeLessThan(before.score);
    const after = (await app.inject({ method: "GET", url: `/api/v1/segments/${high.json().id}`, headers })).json();
    expect(after.memberCount).toBe(0);
    const changes = (
      await app.inject({ method: "GET", url: `/api/v1/segments/${high.json().id}/changes`, headers })
    ).json();
    expect(JSON.stringify(changes)).toContain("left");
  });

  it("rescores a contact once for the signals of many batches waiting for the worker", async () => {
    const t = await createTestTenant(ctx.db);
    const scope = { db: ctx.db, clock: systemClock, tenantId: t.tenant.id, sourceId: null };
    const handler = jobHandlers[CONTACTS_CHANGED];
    if (!handler || typeof handler === "function") throw new Error("contacts.changed jobs are folded");
    for (let batch = 0; batch < 3; batch++) {
      const { messages } = normalizeBatch(
        ["a", "b", batch === 2 ? "c" : "a"].map((user) => ({
          type: "track",
          userId: user,
          context: { traits: { email: `${user}@x.com` } },
          event: "Feature Used",
          properties: { batch },
        })),
        { receivedAt: Date.now(), checkSizes: false },
      );
      await ingestMessages(scope, messages);
    }
    const runs: string[][] = [];
    const counting = {
      ...jobHandlers,
      [CONTACTS_CHANGED]: {
        ...handler,
        run: async (job: JobContext) => {
          runs.push(job.payload.contactIds as string[]);
          await handler.run(job);
        },
      },
    };
    expect(await runDueJobs(ctx.db, systemClock, counting)).toBe(3);
    expect(runs).toHaveLength(1);
    const contacts = await ctx.db.selectFrom("contacts").select("id").where("tenantId", "=", t.tenant.id).execute();
    expect([...(runs[0] ?? [])].sort()).toEqual(contacts.map((c) => c.id).sort());
    const scored = await ctx.db
      .selectFrom("contactScores")
      .select("contactId")
      .where("tenantId", "=", t.tenant.id)
      .execute();
    expect(scored).toHaveLength(3);
  });

  it("rolls contacts up to their account, with the mean active days of its scored contacts", async () => {
    const t = await createTestTenant(ctx.db);
    const headers = bearer(t.adminKey);
    const account = await createAccount(t.scope, { name: "Acme", domain: "acme.io" });
    const url = `/api/v1/accounts/${account.id}/score`;
    expect((await app.inject({ method: "GET", url, headers })).statusCode).toBe(404);
    const activeDays = { ana: 4, bo: 1 };
    const events: object[] = [];
    for (const [who, days] of Object.entries(activeDays)) {
      await createContact(t.scope, { email: `${who}@acme.io`, firstName: who, accountId: account.id });
      for (let d = 0; d < days; d++)
        events.push({
          type: "track",
          userId: who,
          context: { traits: { email: `${who}@acme.io` } },
          event: "Dashboard Viewed",
          timestamp: new Date(Date.now() - (d + 1) * 86_400_000).toISOString(),
        });
    }
    const { messages } = normalizeBatch(events, { receivedAt: Date.now(), checkSizes: false });
    await ingestMessages({ db: ctx.db, clock: systemClock, tenantId: t.tenant.id, sourceId: null }, messages);
    await rescoreAll(t.scope);
    const score = await app.inject({ method: "GET", url, headers });
    expect(score.statusCode).toBe(200);
    expect(score.json()).toMatchObject({ accountId: account.id, contactsScored: 2, meanActiveDays: 2.5 });

    // A contact scored later (the worker's incremental rescore) joins the roll-up of its account only.
    const cy = await createContact(t.scope, { email: "cy@acme.io", firstName: "Cy", accountId: account.id });
    const other = await createAccount(t.scope, { name: "Other", domain: "other.io" });
    await createContact(t.scope, { email: "di@other.io", firstName: "Di", accountId: other.id });
    await rescoreContacts(t.scope, [cy.id]);
    const after = (await app.inject({ method: "GET", url, headers })).json();
    expect(after).toMatchObject({ accountId: account.id, contactsScored: 3, meanActiveDays: 1.7 });
    const otherUrl = `/api/v1/accounts/${other.id}/score`;
    expect((await app.inject({ method: "GET", url: otherUrl, headers })).statusCode).toBe(404);
  });
});

describeDialects("propensity model API", (ctx) => {
  it("refuses to train without enough outcomes, then trains on the demo history and scores contacts", {
    timeout: 120_000,
  }, async () => {
    const clock = manualClock(Date.parse("2026-11-01T00:00:00Z"));
    const app = await buildTestApp(ctx.db, clock);
    try {
      const empty = await createTestTenant(ctx.db, clock);
      const refused = await app.inject({
        method: "POST",
        url: "/api/v1/models/propensity/train",
        headers: bearer(empty.adminKey),
        payload: {},
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().detail).toMatch(/positives/);
      const train = (payload: object) =>
        app.inject({
          method: "POST",
          url: "/api/v1/models/propensity/train",
          headers: bearer(empty.adminKey),
          payload,
        });
      const misspelt = await train({ outcome: { attr: "recommends" } });
      expect(misspelt.statusCode).toBe(400);
      expect(
        misspelt
          .json()
          .errors.map((e: { path: string }) => e.path)
          .join(" "),
      ).toMatch(/outcome/);
      const blank = await train({ outcome: { attribute: "" } });
      expect(blank.statusCode).toBe(400);
      expect(JSON.stringify(blank.json().errors)).toMatch(/outcome\.attribute.*must name a contact attribute/);
      const unknown = await train({ outcome: { attribute: "recommends" } });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().detail).toMatch(/outcome attribute "recommends": too few examples/);

      const tenant = await loadDemo(ctx.db, clock, { accounts: 300, contactsPerAccount: 5 });
      const key = await createApiKey({ db: ctx.db, tenantId: tenant.id, clock }, { name: "t" }, null);
      const trained = await app.inject({
        method: "POST",
        url: "/api/v1/models/propensity/train",
        headers: bearer(key.key),
        payload: { windowDays: 90 },
      });
      expect(trained.statusCode).toBe(200);
      // The demo trained the first version.
      expect(trained.json().version).toBe(2);
      expect(trained.json().scored).toBeGreaterThanOrEqual(1500);
      const model = (
        await app.inject({ method: "GET", url: "/api/v1/models/propensity", headers: bearer(key.key) })
      ).json();
      expect(model.metrics.pooledAuc).toBeGreaterThan(0.6);
      expect(model.outcome).toEqual({ kind: "advocacy_act", windowDays: 90 });
      const likely = await app.inject({
        method: "POST",
        url: "/api/v1/segments/preview",
        headers: bearer(key.key),
        payload: { expression: "propensity > 0.5" },
      });
      expect(likely.statusCode).toBe(200);
      const top = (
        await app.inject({ method: "GET", url: "/api/v1/advocates?limit=1", headers: bearer(key.key) })
      ).json().data[0];
      expect(top.propensity).toBeGreaterThanOrEqual(0);
      const own = (
        await app.inject({ method: "GET", url: `/api/v1/contacts/${top.contactId}/score`, headers: bearer(key.key) })
      ).json();
      expect(own.propensity).toBe(top.propensity);

      // A contact added after training gets its propensity with the next full rescore.
      const scope = { db: ctx.db, tenantId: tenant.id, clock };
      const late = await createContact(scope, { email: "late@example.com" });
      const { messages } = normalizeBatch(
        [
          {
            type: "track",
            userId: "late",
            context: { traits: { email: "late@example.com" } },
            event: "Survey Responded",
            properties: { score: 9 },
            timestamp: new Date(clock.now() - 3_600_000).toISOString(),
          },
        ],
        { receivedAt: clock.now(), checkSizes: false },
      );
      await ingestMessages({ ...scope, sourceId: null }, messages);
      await runDueJobs(ctx.db, clock, jobHandlers);
      const before = (
        await app.inject({ method: "GET", url: `/api/v1/contacts/${late.id}/score`, headers: bearer(key.key) })
      ).json();
      expect(before.propensity).toBeNull();
      const rescore = await app.inject({ method: "POST", url: "/api/v1/scores/rescore", headers: bearer(key.key) });
      expect(rescore.statusCode).toBe(202);
      // The demo left jobs queued before this one (20 run per call).
      while ((await runDueJobs(ctx.db, clock, jobHandlers)) > 0);
      const after = (
        await app.inject({ method: "GET", url: `/api/v1/contacts/${late.id}/score`, headers: bearer(key.key) })
      ).json();
      expect(after.propensity).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });
});
