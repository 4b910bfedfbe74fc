import { manualClock } from "@advo/core";
import { createAccount } from "@advo/core/accounts";
import { createContact } from "@advo/core/contacts";
import { createApiKey } from "@advo/core/users";
import { createTestTenant, describeDialects } from "@advo/test-kit";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp } from "../testing.ts";

describeDialects("references API", (ctx) => {
  const clock = manualClock(Date.parse("2026-11-10T10:00:00Z"));
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp(ctx.db, clock);
  });
  afterAll(async () => {
    await app.close();
  });

  it("takes a request from sales, a manager's pick, the advocate's answer by link, the outcome and the reports", async () => {
    const t = await createTestTenant(ctx.db, clock);
    const manager = bearer((await createApiKey(t.scope, { name: "m", role: "manager" }, null)).key);
    const sales = bearer((await createApiKey(t.scope, { name: "s", role: "sales" }, null)).key);
    const people: Record<string, string> = {};
    for (const [name, industry, region, competitor] of [
      ["Ada", "fintech", "EMEA", "Globex"],
      ["Ben", "fintech", "EMEA", null],
      ["Cy", "retail", "NA", null],
    ] as const) {
      const account = await createAccount(t.scope, { name: `${name} Ltd`, industry, employeeCount: 500, region });
      const contact = await createContact(t.scope, {
        email: `${name}@x.example`,
        firstName: name,
        accountId: account.id,
      });
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/reference-profiles",
        headers: manager,
        payload: {
          contactId: contact.id,
          consent: { granted: true },
          activities: ["reference_call"],
          competitorsReplaced: competitor ? [competitor] : [],
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ industry, region, sizeBand: "201-1000", consent: { granted: true } });
      people[name] = contact.id;
    }
    const forbidden = await app.inject({
      method: "POST",
      url: "/api/v1/reference-profiles",
      headers: sales,
      payload: { contactId: people.Ada, activities: ["press"] },
    });
    expect(forbidden.statusCode).toBe(403);

    const filed = await app.inject({
      method: "POST",
      url: "/api/v1/reference-requests",
      headers: sales,
      payload: {
        prospectName: "Initech",
        industry: "FinTech",
        employeeCount: 500,
        region: "emea",
        competitor: "globex",
        dealAmount: 80000,
        opportunityId: "006-1",
      },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const request = filed.json();
    expect(request.match.candidates.map((c: { name: string }) => c.name)).toEqual(["Ada", "Ben", "Cy"]);
    expect(request.match.candidates[0].reasons[0].message).toBe("Same industry: fintech");
    expect(request.sla.approval.breached).toBe(false);

    expect(
      (
        await app.inject({
          method: "POST",
          url: `/api/v1/reference-requests/${request.id}/approve`,
          headers: sales,
          payload: {},
        })
      ).statusCode,
    ).toBe(403);
    const approved = await app.inject({
      method: "POST",
      url: `/api/v1/reference-requests/${request.id}/approve`,
      headers: manager,
      payload: { contactId: people.Ada },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: "asked", contactId: people.Ada });

    const mail = await t.scope.db
      .selectFrom("emailOutbox")
      .select("textBody")
      .where("tenantId", "=", t.tenant.id)
      .where("purpose", "=", "reference_ask")
      .executeTakeFirstOrThrow();
    expect(mail.textBody).toContain("http://localhost:3000/hub/reference-asks/respond?token=");
    const token = decodeURIComponent(/token=(\S+)/.exec(mail.textBody)?.[1] ?? "");
    const answer = await app.inject({
      method: "POST",
      url: "/api/v1/reference-asks/respond",
      payload: { token, decision: "decline", reason: "on leave" },
    });
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json().status).toBe("declined");
    const reused = await app.inject({
      method: "POST",
      url: "/api/v1/reference-asks/respond",
      payload: { token, decision: "accept" },
    });
    expect(reused.statusCode).toBe(409);

    const next = await app.inject({
      method: "GET",
      url: `/api/v1/reference-requests/${request.id}/candidates`,
      headers: sales,
    });
    expect(next.json().candidates[0].name).toBe("Ben");
    expect(next.json().excluded[0].name).toBe("Ada");
    expect(next.json().excluded[0].exclusions[0].code).toBe("already_asked");

    const asked = await app.inject({
      method: "POST",
      url: `/api/v1/reference-requests/${request.id}/ask`,
      headers: manager,
      payload: {},
    });
    expect(asked.json()).toMatchObject({ status: "asked", contactId: people.Ben });
    const benAsk = asked.json().asks.find((a: { contactId: string }) => a.contactId === people.Ben);
    const accepted = await app.inject({
      method: "POST",
      url: `/api/v1/reference-asks/${benAsk.id}/respond`,
      headers: manager,
      payload: { decision: "accept" },
    });
    expect(accepted.json()).toMatchObject({ ask: { status: "accepted", respondedVia: "manager" }, next: null });

    const outcome = await app.inject({
      method: "POST",
      url: `/api/v1/reference-requests/${request.id}/outcome`,
      headers: manager,
      payload: { callStatus: "completed", dealStatus: "won" },
    });
    expect(outcome.statusCode, outcome.body).toBe(200);
    expect(outcome.json()).toMatchObject({ status: "completed", dealStatus: "won", wonAmount: 80000 });

    const influence = await app.inject({
      method: "GET",
      url: "/api/v1/references/reports/influence?days=30",
      headers: sales,
    });
    expect(influence.json().byCurrency).toEqual([
      expect.objectContaining({ currency: "USD", influencedRevenue: 80000, wonOpportunities: 1 }),
    ]);
    const usage = await app.inject({ method: "GET", url: "/api/v1/references/reports/utilisation", headers: sales });
    expect(usage.json().idle.map((r: { name: string }) => r.name)).toEqual(["Cy"]);
    const coverage = await app.inject({ method: "GET", url: "/api/v1/references/reports/coverage", headers: sales });
    expect(coverage.statusCode).toBe(200);

    // Each contact's references given: Ada declined (with her reason), Ben took the call that won the deal.
    const given = async (name: keyof typeof people) =>
      (await app.inject({ method: "GET", url: `/api/v1/contacts/${people[name]}/references`, headers: sales })).json();
    expect(await given("Ada")).toMatchObject({
      data: [{ requestId: request.id, askStatus: "declined", declineReason: "on leave", dealStatus: "n/a" }],
      summary: { asked: 1, accepted: 0, declined: 1, wonAmount: 0 },
    });
    expect(await given("Ben")).toMatchObject({
      data: [{ requestId: request.id, askStatus: "completed", dealStatus: "won", wonAmount: 80000, currency: "USD" }],
      summary: { asked: 1, accepted: 1, completed: 1, declined: 0, wonAmount: 80000 },
    });
    expect(await given("Cy")).toMatchObject({ data: [], summary: { asked: 0 } });

    const asks = await app.inject({ method: "GET", url: `/api/v1/contacts/${people.Ben}/asks`, headers: sales });
    expect(asks.json().data).toEqual([
      expect.objectContaining({ kind: "reference", source: { type: "reference_request", id: request.id } }),
    ]);
    const check = await app.inject({
      method: "GET",
      url: `/api/v1/contacts/${people.Ben}/ask-check?kind=review`,
      headers: sales,
    });
    expect(check.json()).toMatchObject({ allowed: false, reasons: [{ code: "too_soon" }] });
  });
});
