import { manualClock } from "@advo/core";
import { createContact } from "@advo/core/contacts";
import { runDueJobs } from "@advo/core/jobs";
import { getBalance } from "@advo/core/ledger";
import { createProgram } from "@advo/core/programs";
import { createTestTenant, describeDialects, type TestTenant } from "@advo/test-kit";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp } from "../testing.ts";
import { jobHandlers } from "../worker.ts";

const DAY = 24 * 60 * 60 * 1000;

describeDialects("referrals API", (ctx) => {
  const clock = manualClock(Date.parse("2026-03-01T12:00:00Z"));
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp(ctx.db, clock);
  });
  afterAll(async () => {
    await app.close();
  });
  const runJobs = () => runDueJobs(ctx.db, clock, jobHandlers);

  async function setup(t: TestTenant, settings: Record<string, unknown> = {}) {
    const h = bearer(t.adminKey);
    const ada = await createContact(t.scope, { email: "ada@acme.io", firstName: "Ada", lastName: "Lovelace" });
    const program = await createProgram(t.scope, {
      name: "Refer a friend",
      type: "referral",
      landingUrl: "https://acme.io/welcome?src=advo",
    });
    const put = await app.inject({
      method: "PUT",
      url: `/api/v1/referrals/programs/${program.id}/settings`,
      headers: h,
      payload: {
        referrerReward: { type: "fixed", points: 500 },
        friendReward: { type: "percent", percent: 10 },
        holdDays: 30,
        ...settings,
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    const issued = await app.inject({
      method: "POST",
      url: "/api/v1/referrals/codes",
      headers: h,
      payload: { programId: program.id, contactId: ada.id },
    });
    expect(issued.statusCode, issued.body).toBe(201);
    return {
      h,
      ada,
      program,
      code: issued.json() as { id: string; code: string; sharePath: string; shareUrl: string },
    };
  }

  async function click(path: string, cookie?: string) {
    return app.inject({
      method: "GET",
      url: `${path}?utm_source=newsletter&utm_medium=email`,
      headers: {
        "user-agent": "Mozilla/5.0 test",
        referer: "https://mail.example.com/",
        ...(cookie ? { cookie } : {}),
      },
    });
  }

  it("click → lead → conversion → hold passes → both sides' points posted once; replays change nothing", async () => {
    const t = await createTestTenant(ctx.db, clock);
    const { h, ada, code } = await setup(t);
    expect(code.code).toMatch(/^[2-9A-HJKMNP-TV-Z]{9}$/);
    expect(code.shareUrl).toContain(`/r/${t.tenant.slug}/${code.code}`);

    const res = await click(code.sharePath);
    expect(res.statusCode).toBe(302);
    const location = new URL(res.headers.location as string);
    expect(location.origin + location.pathname).toBe("https://acme.io/welcome");
    expect(location.searchParams.get("src")).toBe("advo");
    expect(location.searchParams.get("ref")).toBe(code.code);
    const clickId = location.searchParams.get("ref_click");
    expect(clickId).toMatch(/^rck_/);
    const cookie = String(res.headers["set-cookie"]);
    expect(cookie).toMatch(/^advo_rid=dev_[0-9A-Z]+;/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain(`Max-Age=${365 * 24 * 3600}`);

    // The snippet posts text/plain JSON cross-origin.
    const lead = await app.inject({
      method: "POST",
      url: "/api/v1/referrals/leads",
      headers: { "content-type": "text/plain", "x-forwarded-for": "203.0.113.9" },
      payload: JSON.stringify({
        workspace: t.tenant.slug,
        code: code.code.toLowerCase(),
        clickId,
        email: "Bob@Globex.com",
        name: "Bob Stone",
        company: "Globex",
      }),
    });
    expect(lead.statusCode, lead.body).toBe(201);
    expect(lead.headers["access-control-allow-origin"]).toBe("*");
    expect(lead.json()).toEqual({ id: expect.stringMatching(/^rld_/), received: true });
    const again = await app.inject({
      method: "POST",
      url: "/api/v1/referrals/leads",
      payload: { workspace: t.tenant.slug, clickId, email: "bob@globex.com" },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(lead.json().id);

    const order = { externalId: "ord-1001", amount: 240, currency: "usd", email: "bob@globex.com" };
    const conv = await app.inject({ method: "POST", url: "/api/v1/referrals/conversions", headers: h, payload: order });
    expect(conv.statusCode, conv.body).toBe(201);
    const c = conv.json();
    expect(c).toMatchObject({
      status: "held",
      advocateId: ada.id,
      leadId: lead.json().id,
      currency: "USD",
      nth: 1,
      fraudScore: 0,
      replayed: false,
      attribution: { rule: "last_click", windowDays: 90, chosen: { kind: "lead", code: code.code } },
    });
    expect(c.attribution.explanation).toContain(code.code);
    expect(c.payableAt).toBe(new Date(clock.now() + 30 * DAY).toISOString());
    expect(c.rewards).toEqual([
      expect.objectContaining({ side: "referrer", points: 500, status: "pending", contactId: ada.id }),
      expect.objectContaining({ side: "friend", points: 24, status: "pending", contactId: null }),
    ]);
    const replay = await app.inject({
      method: "POST",
      url: "/api/v1/referrals/conversions",
      headers: h,
      payload: order,
    });
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toMatchObject({ id: c.id, replayed: true });

    // Inside the hold period nothing is paid.
    clock.advance(29 * DAY);
    await runJobs();
    expect(await getBalance(t.scope, ada.id)).toMatchObject({ balance: 0 });

    clock.advance(2 * DAY);
    await runJobs();
    const paid = (await app.inject({ method: "GET", url: `/api/v1/referrals/conversions/${c.id}`, headers: h })).json();
    expect(paid.status).toBe("paid");
    expect(paid.friendContactId).toMatch(/^con_/);
    expect(paid.rewards.map((r: { status: string }) => r.status)).toEqual(["paid", "paid"]);
    expect(await getBalance(t.scope, ada.id)).toMatchObject({ balance: 500 });
    expect(await getBalance(t.scope, paid.friendContactId)).toMatchObject({ balance: 24 });
    const friend = await app.inject({ method: "GET", url: `/api/v1/contacts/${paid.friendContactId}`, headers: h });
    expect(friend.json()).toMatchObject({ email: "bob@globex.com", firstName: "Bob", lastName: "Stone" });

    // Replays of everything change nothing.
    await runJobs();
    await app.inject({ method: "POST", url: "/api/v1/referrals/conversions", headers: h, payload: order });
    clock.advance(DAY);
    await runJobs();
    expect(await getBalance(t.scope, ada.id)).toMatchObject({ balance: 500 });
    expect(await getBalance(t.scope, paid.friendContactId)).toMatchObject({ balance: 24 });

    const metrics = (await app.inject({ method: "GET", url: "/api/v1/referrals/metrics", headers: h })).json();
    expect(metrics.programs[0]).toMatchObject({
      clicks: 1,
      leads: 1,
      conversions: 1,
      clickToLead: 1,
      leadToConversion: 1,
      referredRevenue: 240,
      pointsPaid: 524,
      advocates: 1,
      advocatesWithConversion: 1,
      referralRate: 1,
    });
    expect(metrics.programs[0].topAdvocates[0]).toMatchObject({ contactId: ada.id, clicks: 1, conversions: 1 });
  });

  it("a refund inside the hold period cancels the rewards; after payout it claws them back through the ledger", async () => {
    const t = await createTestTenant(ctx.db, clock);
    const { h, ada, code } = await setup(t);
    for (const email of ["cy@initech.com", "di@umbrella.com"]) {
      const lead = await app.inject({
        method: "POST",
        url: "/api/v1/referrals/leads",
        payload: { workspace: t.tenant.slug, code: code.code, email },
      });
      expect(lead.statusCode).toBe(201);
    }
    const early = (
      await app.inject({
        method: "POST",
        url: "/api/v1/referrals/conversions",
        headers: h,
        payload: { externalId: "ord-a", amount: 100, currency: "EUR", email: "cy@initech.com" },
      })
    ).json();
    clock.advance(5 * DAY);
    const refund = await app.inject({
      method: "POST",
      url: `/api/v1/referrals/conversions/${early.id}/refund`,
      headers: h,
      payload: { reason: "customer cancelled in the trial" },
    });
    expect(refund.statusCode, refund.body).toBe(200);
    expect(refund.json()).toMatchObject({ status: "refunded", statusReason: "customer cancelled in the trial" });
    expect(refund.json().rewards.map((r: { status: string }) => r.status)).toEqual(["cancelled", "cancelled"]);
    clock.advance(40 * DAY);
    await runJobs();
    expect(await getBalance(t.scope, ada.id)).toMatchObject({ balance: 0, lifetimeEarned: 0 });
    const ledger = await app.inject({ method: "GET", url: `/api/v1/contacts/${ada.id}/ledger`, headers: h });
    if (ledger.statusCode === 200) expect(ledger.json().entries).toHaveLength(0);

    // After payout: reversed, once.
    const late = (
      await app.inject({
        method: "POST",
        url: "/api/v1/referrals/conversions",
        headers: h,
        payload: { externalId: "ord-b", amount: 100, currency: "EUR", email: "di@umbrella.com" },
      })
    ).json();
    expect(late.status).toBe("held");
    clock.advance(31 * DAY);
    await runJobs();
    expect(await getBalance(t.scope, ada.id)).toMatchObject({ balance: 500 });
    for (let i = 0; i < 2; i++) {
      const r = await app.inject({
        method: "POST",
        url: `/api/v1/referrals/conversions/${late.id}/refund`,
        headers: h,
        payload: {},
      });
      expect(r.statusCode).toBe(200);
      expect(r.json().rewards.map((x: { status: string }) => x.status)).toEqual(["clawed_back", "clawed_back"]);
    }
    expect(await getBalance(t.scope, ada.id)).toMatchObject({ balance: 0 });
  });

  it("a self-referral lands in the review queue with its reason, and the reviewer's decision is recorded", async () => {
    const t = await createTestTenant(ctx.db, clock);
    const { h, ada, code } = await setup(t);
    const lead = await app.inject({
      method: "POST",
      url: "/api/v1/referrals/leads",
      payload: { workspace: t.tenant.slug, code: code.code, email: "ada@acme.io" },
    });
    expect(lead.statusCode).toBe(201);
    const conv = (
      await app.inject({
        method: "POST",
        url: "/api/v1/referrals/conversions",
        headers: h,
        payload: { externalId: "self-1", amount: 99, currency: "USD", email: "ada@acme.io" },
      })
    ).json();
    expect(conv).toMatchObject({ status: "review", fraudScore: 100 });
    const queue = (await app.inject({ method: "GET", url: "/api/v1/referrals/review-queue", headers: h })).json().data;
    expect(queue.map((i: { kind: string }) => i.kind).sort()).toEqual(["conversion", "lead"]);
    for (const item of queue) {
      expect(item.reasons).toContainEqual(
        expect.objectContaining({ signal: "self_email", detail: expect.stringContaining("advocate's own") }),
      );
    }
    clock.advance(60 * DAY);
    await runJobs();
    expect(await getBalance(t.scope, ada.id)).toMatchObject({ balance: 0 });

    const decision = await app.inject({
      method: "POST",
      url: `/api/v1/referrals/review-queue/${conv.id}/decision`,
      headers: h,
      payload: { decision: "reject", note: "bought for herself" },
    });
    expect(decision.statusCode, decision.body).toBe(200);
    expect(decision.json()).toMatchObject({
      status: "rejected",
      review: { state: "rejected", note: "bought for herself" },
    });
    expect(decision.json().review.by).toContain("api_key");
    const after = (
      await app.inject({ method: "GET", url: `/api/v1/referrals/conversions/${conv.id}`, headers: h })
    ).json();
    expect(after).toMatchObject({ status: "rejected", review: { state: "rejected" } });
    expect(after.rewards.map((r: { status: string }) => r.status)).toEqual(["cancelled", "cancelled"]);
    const twice = await app.inject({
      method: "POST",
      url: `/api/v1/referrals/review-queue/${conv.id}/decision`,
      headers: h,
      payload: { decision: "approve" },
    });
    expect(twice.statusCode).toBe(409);
    const queue2 = (await app.inject({ method: "GET", url: "/api/v1/referrals/review-queue", headers: h })).json().data;
    expect(queue2.map((i: { kind: string }) => i.kind)).toEqual(["lead"]);
  });

  it("unknown, paused and retired codes still redirect to a page and are recorded as unattributed clicks", async () => {
    const t = await createTestTenant(ctx.db, clock);
    const { h, code } = await setup(t);
    const unknown = await click(`/r/${t.tenant.slug}/NOSUCHCODE`);
    expect(unknown.statusCode).toBe(302);
    expect(unknown.headers.location).toBe("https://acme.io/welcome?src=advo");

    const paused = await app.inject({
      method: "PATCH",
      url: `/api/v1/referrals/codes/${code.id}`,
      headers: h,
      payload: { status: "paused" },
    });
    expect(paused.json().status).toBe("paused");
    const whilePaused = await click(code.sharePath);
    expect(whilePaused.statusCode).toBe(302);
    expect(whilePaused.headers.location).not.toContain("ref=");

    await app.inject({
      method: "PUT",
      url: "/api/v1/referrals/settings",
      headers: h,
      payload: { defaultLandingUrl: "https://acme.io/" },
    });
    await app.inject({
      method: "PATCH",
      url: `/api/v1/referrals/codes/${code.id}`,
      headers: h,
      payload: { status: "retired" },
    });
    const retired = await click(code.sharePath);
    expect(retired.headers.location).toBe("https://acme.io/welcome?src=advo");
    const reactivate = await app.inject({
      method: "PATCH",
      url: `/api/v1/referrals/codes/${code.id}`,
      headers: h,
      payload: { status: "active" },
    });
    expect(reactivate.statusCode).toBe(409);
    const unknown2 = await click(`/r/${t.tenant.slug}/ALSO-UNKNOWN`);
    expect(unknown2.headers.location).toBe("https://acme.io/");
    const noWorkspace = await click("/r/no-such-workspace/ABC");
    expect(noWorkspace.statusCode).toBe(302);

    const metrics = (await app.inject({ method: "GET", url: "/api/v1/referrals/metrics", headers: h })).json();
    expect(metrics.programs[0]).toMatchObject({ clicks: 0, unattributedClicks: 2 });
    const rows = await ctx.db
      .selectFrom("referralClicks")
      .select(["outcome", "codeText", "codeId", "ipHash", "utm", "referrer"])
      .where("tenantId", "=", t.tenant.id)
      .orderBy("id")
      .execute();
    expect(rows.map((r) => r.outcome)).toEqual(["unknown_code", "paused_code", "retired_code", "unknown_code"]);
    expect(rows.every((r) => r.codeId === null)).toBe(true);
    expect(rows[0]).toMatchObject({ codeText: "NOSUCHCODE", referrer: "https://mail.example.com/" });
    expect(JSON.parse(rows[0]?.utm ?? "{}")).toEqual({ source: "newsletter", medium: "email" });
    // Never the raw IP: a salted SHA-256.
    expect(rows[0]?.ipHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain("127.0.0.1");
  });

  it("refuses bad input with problem+json naming the field", async () => {
    const t = await createTestTenant(ctx.db, clock);
    const { h, program, ada } = await setup(t);
    const badLead = await app.inject({
      method: "POST",
      url: "/api/v1/referrals/leads",
      payload: { workspace: t.tenant.slug, code: "NOPE", email: "not-an-email" },
    });
    expect(badLead.statusCode).toBe(400);
    expect(badLead.json().errors[0].path).toBe("email");
    const unknownCode = await app.inject({
      method: "POST",
      url: "/api/v1/referrals/leads",
      payload: { workspace: t.tenant.slug, code: "NOPE", email: "x@example.org" },
    });
    expect(unknownCode.statusCode).toBe(400);
    expect(unknownCode.json().errors[0].path).toBe("code");
    const badConv = await app.inject({
      method: "POST",
      url: "/api/v1/referrals/conversions",
      headers: h,
      payload: { externalId: "x", amount: -1, currency: "dollars" },
    });
    expect(badConv.statusCode).toBe(400);
    expect(
      badConv
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(["amount", "currency"]);
    const vanity = await app.inject({
      method: "POST",
      url: "/api/v1/referrals/codes",
      headers: h,
      payload: { programId: program.id, contactId: ada.id, vanity: "ADA-ROCKS" },
    });
    expect(vanity.statusCode).toBe(201);
    const taken = await app.inject({
      method: "POST",
      url: "/api/v1/referrals/codes",
      headers: h,
      payload: { programId: program.id, contactId: ada.id, vanity: "ada-rocks" },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().errors[0].path).toBe("vanity");
    const badSettings = await app.inject({
      method: "PUT",
      url: `/api/v1/referrals/programs/${program.id}/settings`,
      headers: h,
      payload: { holdDays: -3 },
    });
    expect(badSettings.statusCode).toBe(400);
    expect(badSettings.json().errors[0].path).toBe("holdDays");
    const snippet = await app.inject({ method: "GET", url: "/r/snippet.js" });
    expect(snippet.statusCode).toBe(200);
    expect(snippet.headers["content-type"]).toContain("javascript");
    expect(snippet.body).toContain("/api/v1/referrals/leads");
  });
});
