import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { manualClock } from "@advo/core";
import { createContact } from "@advo/core/contacts";
import { runDueJobs } from "@advo/core/jobs";
import { createTestTenant, describeDialects } from "@advo/test-kit";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp } from "../testing.ts";
import { jobHandlers } from "../worker.ts";

describeDialects("mentions API", (ctx) => {
  const clock = manualClock(Date.parse("2026-03-10T12:00:00Z"));
  let app: FastifyInstance;
  let hooks: Server;
  let hookUrl = "";
  const received: { path: string; body: unknown }[] = [];
  beforeAll(async () => {
    app = await buildTestApp(ctx.db, clock);
    hooks = createServer((req, res) => {
      let data = "";
      req.on("data", (c) => {
        data += c;
      });
      req.on("end", () => {
        received.push({ path: req.url ?? "", body: JSON.parse(data) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => hooks.listen(0, "127.0.0.1", resolve));
    hookUrl = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app.close();
    await new Promise((resolve) => hooks.close(resolve));
  });

  it("takes mentions by webhook idempotently, lists organic advocates and one spike alert", async () => {
    const t = await createTestTenant(ctx.db, clock);
    const h = bearer(t.adminKey);
    const settings = await app.inject({
      method: "PUT",
      url: "/api/v1/settings/listening",
      headers: h,
      payload: {
        brands: [{ name: "Acme", exclude: ["hiring"] }],
        alerts: { minCount: 5, threshold: 3, webhookUrls: [`${hookUrl}/json`], slackWebhookUrls: [`${hookUrl}/slack`] },
      },
    });
    expect(settings.statusCode).toBe(200);
    expect(settings.json().alerts.baselineDays).toBe(14);
    const fan = await createContact(t.scope, { email: "fan@example.com", lifecycleStage: "identified" });

    const mentions = [
      { url: "https://s.example/1", text: "Acme is fantastic, love it", authorEmail: "fan@example.com", reach: 300 },
      { url: "https://s.example/2", text: "Acme is hiring" },
      ...Array.from({ length: 20 }, (_, i) => ({
        url: `https://s.example/bad-${i}`,
        text: "Acme outage again, terrible and broken",
        authorHandle: `@u${i}`,
      })),
    ];
    const first = await app.inject({ method: "POST", url: "/api/v1/mentions", headers: h, payload: mentions });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ received: 22, stored: 21, duplicates: 0, filtered: 1, linked: 1, alertsRaised: 1 });
    const again = await app.inject({ method: "POST", url: "/api/v1/mentions", headers: h, payload: mentions });
    expect(again.json()).toMatchObject({ stored: 0, duplicates: 21, alertsRaised: 0 });

    const advocates = await app.inject({ url: "/api/v1/listening/organic-advocates", headers: h });
    expect(advocates.statusCode).toBe(200);
    expect(advocates.json().data).toEqual([
      expect.objectContaining({
        contact: expect.objectContaining({ id: fan.id, lifecycleStage: "identified" }),
        mentions: 1,
        reach: 300,
        evidence: [expect.objectContaining({ url: "https://s.example/1" })],
      }),
    ]);

    await runDueJobs(ctx.db, clock, jobHandlers);
    const alerts = (await app.inject({ url: "/api/v1/listening/alerts", headers: h })).json().data;
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ brand: "Acme", sourceId: "webhook", negativeCount: 20, closedAt: null });
    expect(alerts[0].deliveries.map((d: { ok: boolean }) => d.ok)).toEqual([true, true]);
    expect(received.map((r) => r.path).sort()).toEqual(["/json", "/slack"]);
    expect(received.find((r) => r.path === "/slack")?.body).toEqual({ text: expect.stringContaining("Acme") });
  });

  it("rejects an invalid batch and guards settings by permission", async () => {
    const t = await createTestTenant(ctx.db, clock);
    const bad = await app.inject({
      method: "POST",
      url: "/api/v1/mentions",
      headers: bearer(t.adminKey),
      payload: [{ text: "" }],
    });
    expect(bad.statusCode).toBe(400);
    const anonymous = await app.inject({ url: "/api/v1/listening/alerts" });
    expect(anonymous.statusCode).toBe(401);
    const feed = await app.inject({
      method: "POST",
      url: "/api/v1/listening/feeds",
      headers: bearer(t.adminKey),
      payload: { name: "blog", url: "http://127.0.0.1:9/feed.xml" },
    });
    expect(feed.statusCode).toBe(201);
    expect(feed.json()).toMatchObject({ failures: 0, format: null, pollIntervalMinutes: 15 });
    const list = await app.inject({ url: "/api/v1/listening/feeds", headers: bearer(t.adminKey) });
    expect(list.json().data).toHaveLength(1);
  });
});
