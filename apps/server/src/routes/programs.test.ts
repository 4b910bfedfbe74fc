import { createContact } from "@advo/core/contacts";
import { verifyLedger } from "@advo/core/ledger";
import { createSegment } from "@advo/core/segments";
import { createTestTenant, describeDialects } from "@advo/test-kit";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp } from "../testing.ts";

type App = Awaited<ReturnType<typeof buildTestApp>>;

describeDialects("programs, challenges, ledger and rewards over HTTP", (ctx) => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp(ctx.db);
  });
  afterAll(async () => {
    await app.close();
  });

  const post = (key: string, url: string, payload: unknown, idempotencyKey?: string) =>
    app.inject({
      method: "POST",
      url,
      payload: payload as object,
      headers: { ...bearer(key), ...(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}) },
    });

  // 1,500 concurrent writes and their replays: minutes, not seconds, on a busy 2-core CI machine.
  it("keeps every balance equal to its approved awards under 1,000 concurrent submissions, and replays change nothing", {
    timeout: 180_000,
  }, async () => {
    const t = await createTestTenant(ctx.db);
    const people = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        createContact(t.scope, { email: `advocate${i}@example.com`, firstName: `A${i}` }),
      ),
    );
    const program = (await post(t.adminKey, "/api/v1/programs", { name: "Champions", type: "ambassador" })).json();
    const auto = await post(t.adminKey, "/api/v1/challenges", {
      programId: program.id,
      type: "social_share",
      title: "Share our launch post",
      points: 7,
      perAdvocateLimit: null,
      evidence: [],
      approval: "automatic",
    });
    expect(auto.statusCode).toBe(201);
    const reviewed = (
      await post(t.adminKey, "/api/v1/challenges", {
        programId: program.id,
        type: "testimonial",
        title: "Tell us about your rollout",
        points: 25,
        perAdvocateLimit: 5,
        approval: "review",
      })
    ).json();

    // 10 submissions per advocate: 5 automatic, 5 for review (4 approved, 1 rejected below).
    const requests = people.flatMap((person, p) =>
      Array.from({ length: 10 }, (_, i) => ({
        key: `sub-${p}-${i}`,
        url: `/api/v1/challenges/${i < 5 ? auto.json().id : reviewed.id}/submissions`,
        body: { contactId: person.id, evidence: { text: `Rollout story ${p}/${i}` } },
      })),
    );
    const first = await Promise.all(requests.map((r) => post(t.adminKey, r.url, r.body, r.key)));
    expect(first.filter((r) => r.statusCode !== 201).map((r) => r.body)).toEqual([]);
    const pending = first.map((r) => r.json()).filter((s) => s.state === "pending");
    expect(pending).toHaveLength(500);
    expect(pending.every((s) => s.incentivised && s.disclosure?.includes("25 points"))).toBe(true);

    const decisions = await Promise.all(
      pending.map((s, i) =>
        post(
          t.adminKey,
          `/api/v1/submissions/${s.id}/review`,
          i % 5 === 0
            ? { decision: "reject", category: "off_topic", reason: "not about the rollout" }
            : { decision: "approve" },
          `review-${s.id}`,
        ),
      ),
    );
    expect(decisions.every((d) => d.statusCode === 200)).toBe(true);

    const expected = new Map<string, number>();
    for (const s of [...first.map((r) => r.json()), ...decisions.map((d) => d.json())]) {
      if (s.state === "approved") expected.set(s.id, s.points);
    }
    const perContact = new Map<string, number>();
    for (const s of [...first.map((r) => r.json()), ...decisions.map((d) => d.json())]) {
      if (s.state === "approved" && expected.has(s.id)) {
        perContact.set(s.contactId, (perContact.get(s.contactId) ?? 0) + s.points);
        expected.delete(s.id);
      }
    }
    const balances = async () =>
      Promise.all(
        people.map(
          async (p) =>
            (
              await app.inject({
                method: "GET",
                url: `/api/v1/ledger/accounts/${p.id}?limit=1`,
                headers: bearer(t.adminKey),
              })
            ).json().balance as number,
        ),
      );
    const before = await balances();
    for (const [i, p] of people.entries()) expect(before[i], p.email ?? "").toBe(perContact.get(p.id));
    expect(before.reduce((a, b) => a + b, 0)).toBe(100 * (5 * 7 + 4 * 25));

    // Replaying every request with its key changes nothing.
    const replays = await Promise.all(requests.map((r) => post(t.adminKey, r.url, r.body, r.key)));
    expect(replays.every((r) => r.statusCode === 201 && r.headers["idempotent-replayed"] === "true")).toBe(true);
    const again = await Promise.all(
      pending.map((s, i) =>
        post(
          t.adminKey,
          `/api/v1/submissions/${s.id}/review`,
          i % 5 === 0
            ? { decision: "reject", category: "off_topic", reason: "not about the rollout" }
            : { decision: "approve" },
          `review-${s.id}`,
        ),
      ),
    );
    expect(again.every((r) => r.statusCode === 200)).toBe(true);
    expect(await balances()).toEqual(before);
    const txCount = await sql<{
      n: number;
    }>`select count(*) as n from ledger_transactions where tenant_id = ${t.tenant.id}`.execute(ctx.db);
    expect(Number(txCount.rows[0]?.n)).toBe(100 * 5 + 100 * 4);
    const verified = await app.inject({ method: "GET", url: "/api/v1/ledger/verify", headers: bearer(t.adminKey) });
    expect(verified.json()).toMatchObject({ ok: true, transactionsChecked: 900, problems: [] });

    // The per-advocate limit holds: a sixth testimonial is refused.
    const sixth = await post(t.adminKey, `/api/v1/challenges/${reviewed.id}/submissions`, {
      contactId: people[0]?.id,
      evidence: { text: "one more" },
    });
    expect(sixth.statusCode).toBe(201);
    const seventh = await post(t.adminKey, `/api/v1/challenges/${reviewed.id}/submissions`, {
      contactId: people[0]?.id,
      evidence: { text: "and another" },
    });
    expect(seventh.statusCode).toBe(409);
    expect(seventh.json().detail).toContain("limit per advocate");

    const board = await app.inject({
      method: "GET",
      url: `/api/v1/leaderboards?programId=${program.id}&period=all&limit=3`,
      headers: bearer(t.adminKey),
    });
    expect(board.json().entries).toHaveLength(3);
    expect(board.json().entries[0].points).toBe(5 * 7 + 4 * 25);
    const prog = await app.inject({
      method: "GET",
      url: `/api/v1/programs/${program.id}`,
      headers: bearer(t.adminKey),
    });
    expect(prog.json()).toMatchObject({ pointsAwarded: 100 * (5 * 7 + 4 * 25), members: { active: 100 } });
  });

  it("sells the last item once: of 50 concurrent redemptions for stock 1, one succeeds and 49 get a clear 409", async () => {
    const t = await createTestTenant(ctx.db);
    const people = await Promise.all(
      Array.from({ length: 50 }, (_, i) => createContact(t.scope, { email: `r${i}@example.com` })),
    );
    await Promise.all(
      people.map((p, i) =>
        post(t.adminKey, `/api/v1/ledger/accounts/${p.id}/adjustments`, {
          points: 1000,
          reason: "welcome bonus",
          idempotencyKey: `welcome-${i}`,
        }),
      ),
    );
    const reward = (
      await post(t.adminKey, "/api/v1/rewards", {
        name: "Signed keyboard",
        kind: "swag",
        costPoints: 800,
        valueCents: 12000,
        stock: 1,
      })
    ).json();
    const results = await Promise.all(
      people.map((p) => post(t.adminKey, "/api/v1/redemptions", { rewardId: reward.id, contactId: p.id })),
    );
    const won = results.filter((r) => r.statusCode === 201);
    const lost = results.filter((r) => r.statusCode === 409);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    expect(lost.every((r) => r.json().detail.includes("out of stock"))).toBe(true);
    const total = await sql<{
      s: number;
    }>`select sum(balance) as s from ledger_accounts where tenant_id = ${t.tenant.id} and kind = 'advocate'`.execute(
      ctx.db,
    );
    expect(Number(total.rows[0]?.s)).toBe(50 * 1000 - 800);
    expect(
      (await app.inject({ method: "GET", url: `/api/v1/rewards/${reward.id}`, headers: bearer(t.adminKey) })).json()
        .stock,
    ).toBe(0);

    // Rejecting it refunds the points and restocks.
    const redemption = won[0]?.json();
    const rejected = await post(t.adminKey, `/api/v1/redemptions/${redemption.id}/decision`, {
      decision: "reject",
      reason: "shipping region not covered",
    });
    expect(rejected.json()).toMatchObject({ state: "rejected", refundTransactionId: expect.any(String) });
    const account = await app.inject({
      method: "GET",
      url: `/api/v1/ledger/accounts/${redemption.contactId}`,
      headers: bearer(t.adminKey),
    });
    expect(account.json().balance).toBe(1000);
    expect(
      (await app.inject({ method: "GET", url: `/api/v1/rewards/${reward.id}`, headers: bearer(t.adminKey) })).json()
        .stock,
    ).toBe(1);
    expect((await verifyLedger(t.scope)).ok).toBe(true);
  });

  it("enforces budgets, approval thresholds, short balances and gift restrictions", async () => {
    const t = await createTestTenant(ctx.db);
    const ann = await createContact(t.scope, { email: "ann@example.gov", giftsRestricted: true });
    const ben = await createContact(t.scope, { email: "ben@example.com" });
    for (const [i, c] of [ann, ben].entries()) {
      await post(t.adminKey, `/api/v1/ledger/accounts/${c.id}/adjustments`, {
        points: 3000,
        reason: "seed",
        idempotencyKey: `seed-${i}`,
      });
    }
    const giftCard = (
      await post(t.adminKey, "/api/v1/rewards", {
        name: "$50 gift card",
        kind: "gift_card",
        costPoints: 2000,
        valueCents: 5000,
      })
    ).json();
    const donation = (
      await post(t.adminKey, "/api/v1/rewards", {
        name: "Donate $20 to charity",
        kind: "charity",
        costPoints: 500,
        valueCents: 2000,
      })
    ).json();
    const refused = await post(t.adminKey, "/api/v1/redemptions", { rewardId: giftCard.id, contactId: ann.id });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toContain("may not accept gifts");
    const annCatalog = await app.inject({
      method: "GET",
      url: `/api/v1/rewards?contactId=${ann.id}`,
      headers: bearer(t.adminKey),
    });
    expect(annCatalog.json().data.map((r: { name: string }) => r.name)).toEqual(["Donate $20 to charity"]);

    const quarter = `${new Date().getUTCFullYear()}-Q${Math.floor(new Date().getUTCMonth() / 3) + 1}`;
    await app.inject({
      method: "PUT",
      url: "/api/v1/reward-budgets",
      payload: { quarter, limitCents: 6000 },
      headers: bearer(t.adminKey),
    });
    await app.inject({
      method: "PUT",
      url: "/api/v1/settings/rewards",
      payload: { approvalAbovePoints: 1000 },
      headers: bearer(t.adminKey),
    });
    const big = await post(t.adminKey, "/api/v1/redemptions", { rewardId: giftCard.id, contactId: ben.id });
    expect(big.json()).toMatchObject({ state: "requested", points: 2000 });
    const small = await post(t.adminKey, "/api/v1/redemptions", { rewardId: donation.id, contactId: ben.id });
    expect(small.statusCode).toBe(409);
    expect(small.json().detail).toContain("budget");
    const short = await post(t.adminKey, "/api/v1/redemptions", { rewardId: giftCard.id, contactId: ben.id });
    expect(short.statusCode).toBe(409);
    const approved = await post(t.adminKey, `/api/v1/redemptions/${big.json().id}/decision`, { decision: "approve" });
    expect(approved.json().state).toBe("approved");
    const fulfilled = await post(t.adminKey, `/api/v1/redemptions/${big.json().id}/decision`, {
      decision: "fulfil",
      note: "code emailed",
    });
    expect(fulfilled.json()).toMatchObject({ state: "fulfilled", fulfilledAt: expect.any(String) });
    const budgets = await app.inject({
      method: "GET",
      url: `/api/v1/reward-budgets?quarter=${quarter}`,
      headers: bearer(t.adminKey),
    });
    expect(budgets.json().data[0]).toMatchObject({ limitCents: 6000, spentCents: 5000, remainingCents: 1000 });
  });

  it("refuses review gating and over-cap review incentives, and discloses incentives", async () => {
    const t = await createTestTenant(ctx.db);
    const happy = await createSegment(t.scope, { name: "Promoters", expression: "nps >= 9" });
    const everyone = await createSegment(t.scope, { name: "EMEA", expression: 'region = "EMEA"' });
    const gated = await post(t.adminKey, "/api/v1/challenges", {
      type: "review",
      title: "Review us on G2",
      points: 500,
      reviewSite: "g2",
      audienceSegmentId: happy.id,
    });
    expect(gated.statusCode).toBe(400);
    expect(gated.json().errors[0]).toMatchObject({
      path: "audienceSegmentId",
      message: expect.stringContaining("review gating"),
    });
    const override = await post(t.adminKey, "/api/v1/challenges", {
      type: "review",
      title: "Review us on G2",
      points: 500,
      reviewSite: "g2",
      audienceSegmentId: happy.id,
      gatingOverride: { reason: "beta cohort all promoters by construction" },
    });
    expect(override.statusCode).toBe(403);

    await app.inject({
      method: "PUT",
      url: "/api/v1/settings/compliance",
      payload: { reviewSiteCaps: { g2: 2500 }, pointValueCents: 10 },
      headers: bearer(t.adminKey),
    });
    const overCap = await post(t.adminKey, "/api/v1/challenges", {
      type: "review",
      title: "Review us",
      points: 300,
      reviewSite: "g2",
      audienceSegmentId: everyone.id,
    });
    expect(overCap.statusCode).toBe(400);
    expect(overCap.json().errors[0].path).toBe("points");
    const ok = await post(t.adminKey, "/api/v1/challenges", {
      type: "review",
      title: "Review us on G2 <script>alert(1)</script>",
      description: '<p onclick="steal()">Honest reviews welcome</p><script>alert(1)</script>',
      points: 250,
      reviewSite: "g2",
      approval: "automatic",
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().description).toBe("<p>Honest reviews welcome</p>");
    expect(ok.json()).toMatchObject({ incentivised: true, disclosure: expect.stringContaining("250 points") });
    const dee = await createContact(t.scope, { email: "dee@example.com" });
    const wrongSite = await post(t.adminKey, `/api/v1/challenges/${ok.json().id}/submissions`, {
      contactId: dee.id,
      evidence: { url: "https://example.com/review" },
    });
    expect(wrongSite.statusCode).toBe(400);
    expect(wrongSite.json().errors[0].path).toBe("evidence.url");
    const sub = await post(t.adminKey, `/api/v1/challenges/${ok.json().id}/submissions`, {
      contactId: dee.id,
      evidence: { url: "https://www.g2.com/products/advo/reviews/1" },
    });
    expect(sub.json()).toMatchObject({
      state: "approved",
      points: 250,
      incentivised: true,
      disclosure: expect.stringContaining("250 points"),
    });
  });
});
