import { createTestTenant, describeDialects } from "@advo/test-kit";
import { expect, it } from "vitest";
import { createAccount } from "../accounts/index.ts";
import { asksOf, recordAsk } from "../asks/index.ts";
import { createContact } from "../contacts/index.ts";
import { getBalance } from "../ledger/index.ts";
import { manualClock } from "../shared/clock.ts";
import { insertInto, type Scope, selectFrom } from "../shared/scope.ts";
import { setTenantSetting } from "../tenants/index.ts";
import type { Actor } from "../users/index.ts";
import {
  approveRequest,
  askCandidate,
  type CreateProfileInput,
  coverageReport,
  createProfile,
  fileRequest,
  influenceReport,
  matchCandidates,
  recordOutcome,
  requestCandidates,
  respondToAsk,
  respondWithToken,
  setReferenceSettings,
  utilisationReport,
} from "./index.ts";

const DAY = 86_400_000;
const NOW = Date.parse("2026-11-10T10:00:00Z");
const sales: Actor = { type: "user", id: "usr_sales", name: "Sam Sales" };
const manager: Actor = { type: "user", id: "usr_mgr", name: "Marco Manager" };

async function advocate(
  scope: Scope,
  name: string,
  account: { industry: string; employeeCount: number; region: string; country?: string },
  profile: Partial<CreateProfileInput> = {},
) {
  const acc = await createAccount(scope, { name: `${name} Corp`, ...account });
  const contact = await createContact(scope, {
    email: `${name.toLowerCase()}@${name.toLowerCase()}.example`,
    firstName: name,
    lastName: "Doe",
    accountId: acc.id,
  });
  const p = await createProfile(
    scope,
    {
      contactId: contact.id,
      consent: { granted: true, source: "email reply" },
      activities: ["reference_call", "case_study"],
      products: ["Payments"],
      ...profile,
    },
    manager,
  );
  return { contact, profile: p };
}

/** Five fintech-ish references and the people who may not be asked. */
async function seed(scope: Scope) {
  const ada = await advocate(
    scope,
    "Ada",
    { industry: "Fintech", employeeCount: 450, region: "EMEA", country: "GB" },
    {
      competitorsReplaced: ["Globex"],
      results: ["Closed the books 40% faster"],
    },
  );
  const ben = await advocate(scope, "Ben", { industry: "fintech", employeeCount: 800, region: "EMEA" });
  const cara = await advocate(
    scope,
    "Cara",
    { industry: "saas", employeeCount: 500, region: "emea" },
    {
      competitorsReplaced: ["globex"],
    },
  );
  const dan = await advocate(
    scope,
    "Dan",
    { industry: "fintech", employeeCount: 600, region: "NA" },
    {
      competitorsReplaced: ["Globex"],
    },
  );
  const eve = await advocate(
    scope,
    "Eve",
    { industry: "fintech", employeeCount: 520, region: "EMEA" },
    {
      competitorsReplaced: ["Globex"],
      maxAsksPerQuarter: 1,
    },
  );
  await recordAsk(scope, {
    contactId: eve.contact.id,
    kind: "reference",
    sourceType: "manual",
    sourceId: "x",
    at: NOW - 20 * DAY,
  });
  const finn = await advocate(
    scope,
    "Finn",
    { industry: "fintech", employeeCount: 500, region: "EMEA" },
    {
      competitorsReplaced: ["Globex"],
    },
  );
  await insertInto(scope, "surveyResponses", {
    messageId: "nps-finn",
    contactId: finn.contact.id,
    survey: "NPS",
    kind: "nps",
    score: 3,
    comment: null,
    sentiment: null,
    occurredAt: NOW - 30 * DAY,
  }).execute();
  const gus = await advocate(
    scope,
    "Gus",
    { industry: "fintech", employeeCount: 500, region: "EMEA" },
    {
      competitorsReplaced: ["Globex"],
    },
  );
  await insertInto(scope, "tickets", {
    id: "T-77",
    contactId: gus.contact.id,
    status: "open",
    priority: "high",
    subject: "Payouts delayed",
    text: null,
    escalated: 1,
    satisfaction: null,
    sentiment: null,
    openedAt: NOW - 2 * DAY,
    resolvedAt: null,
    updatedAt: NOW - 2 * DAY,
  }).execute();
  await advocate(
    scope,
    "Hana",
    { industry: "fintech", employeeCount: 500, region: "EMEA" },
    {
      competitorsReplaced: ["Globex"],
      consent: { granted: false },
    },
  );
  const ida = await advocate(
    scope,
    "Ida",
    { industry: "fintech", employeeCount: 500, region: "EMEA" },
    {
      competitorsReplaced: ["Globex"],
      blackouts: [{ from: "2026-11-01", to: "2026-11-30", reason: "quarter close" }],
    },
  );
  await insertInto(scope, "surveyResponses", {
    messageId: "nps-ada",
    contactId: ada.contact.id,
    survey: "NPS",
    kind: "nps",
    score: 10,
    comment: null,
    sentiment: null,
    occurredAt: NOW - 12 * DAY,
  }).execute();
  return { ada, ben, cara, dan, eve, finn, gus, ida };
}

const prospect = {
  prospectName: "Initech Payments",
  industry: "fintech",
  employeeCount: 500,
  region: "EMEA",
  competitor: "Globex",
  products: ["payments"],
};

describeDialects("reference matching and workflow", (ctx) => {
  it("ranks references for a 500-person fintech in EMEA replacing Globex by fit, with readable reasons and exclusions", async () => {
    const t = await createTestTenant(ctx.db, manualClock(NOW));
    const s = await seed(t.scope);
    const result = await matchCandidates(t.scope, prospect);
    expect(result.candidates.map((c) => c.name)).toEqual(["Ada Doe", "Dan Doe", "Ben Doe", "Cara Doe"]);
    const [ada] = result.candidates;
    expect(ada?.score).toBeGreaterThan(result.candidates[1]?.score ?? 100);
    expect(ada?.reasons.map((r) => r.message)).toEqual(
      expect.arrayContaining([
        "Same industry: fintech",
        "Replaced Globex, the competitor the prospect is evaluating",
        "Same region: EMEA (GB)",
        "Company of 450 employees, same size band as the prospect's 500 (201–1,000)",
        "Uses 1 of the 1 product asked about: Payments",
      ]),
    );
    expect(ada?.nps).toEqual({ score: 10, at: new Date(NOW - 12 * DAY).toISOString() });
    const why = Object.fromEntries(result.excluded.map((e) => [e.name, e.exclusions]));
    expect(why["Eve Doe"]).toEqual([
      { code: "over_ask_limit", message: expect.stringContaining("at their own limit: 1 reference ask per quarter") },
    ]);
    expect(why["Finn Doe"]?.[0]).toMatchObject({
      code: "detractor",
      message: expect.stringContaining("NPS 3 on 2026-10-11"),
    });
    expect(why["Gus Doe"]?.[0]).toMatchObject({
      code: "escalated_ticket",
      message: expect.stringContaining('escalated support ticket T-77 "Payouts delayed"'),
    });
    expect(why["Ida Doe"]?.[0]).toMatchObject({
      code: "blackout",
      message: "blackout 2026-11-01 – 2026-11-30 (quarter close)",
    });
    expect(Object.keys(why)).not.toContain("Hana Doe"); // no consent: never considered
    expect(s.eve.profile.maxAsksPerQuarter).toBe(1);
    // A prospect described by nothing but the activity still gets the willing, available references.
    const anyone = await matchCandidates(t.scope, { activity: "case_study" });
    expect(anyone.candidates.map((c) => c.name).sort()).toEqual(["Ada Doe", "Ben Doe", "Cara Doe", "Dan Doe"]);
  });

  it("calls a score stale by when a rescore last confirmed it, not when it last changed", async () => {
    const t = await createTestTenant(ctx.db, manualClock(NOW));
    const { contact } = await advocate(t.scope, "Olga", { industry: "fintech", employeeCount: 400, region: "EMEA" });
    await insertInto(t.scope, "contactScores", {
      contactId: contact.id,
      score: 80,
      confidence: 0.9,
      activeDays: 10,
      openTickets: 0,
      advocacyActs: 2,
      computedAt: NOW - 40 * DAY,
      satisfaction: null,
      engagement: null,
      relationship: null,
      advocacy: null,
      social: null,
      latestNps: null,
      latestCsat: null,
      lastActiveAt: null,
      personality: null,
      personalityConfidence: null,
      personalityOverride: null,
      propensity: null,
    }).execute();
    const advocacyReason = async () => {
      const [olga] = (await matchCandidates(t.scope, prospect)).candidates;
      return { reason: olga?.reasons.find((r) => r.factor === "advocacy")?.message, score: olga?.advocacyScore };
    };
    expect((await advocacyReason()).reason).toContain("stale, over 30 days old");
    // The last full rescore began yesterday and found the score as stored, so left it alone.
    await setTenantSetting(t.scope.db, t.scope.tenantId, "scoringPeers", {
      computedAt: NOW - DAY,
      startedAt: NOW - DAY,
      rows: [],
    });
    const confirmed = await advocacyReason();
    expect(confirmed.reason).toBe("Advocacy score 80 (computed 2026-11-09, yesterday)");
    expect(confirmed.score).toEqual({ score: 80, computedAt: new Date(NOW - DAY).toISOString() });
  });

  it("offers the next candidate after a decline, thanks the advocate once and enforces the cooldown", async () => {
    const clock = manualClock(NOW);
    const t = await createTestTenant(ctx.db, clock);
    const s = await seed(t.scope);
    const filed = await fileRequest(t.scope, { ...prospect, dealAmount: 120_000, opportunityId: "opp-9" }, sales);
    expect(filed.status).toBe("submitted");
    expect(filed.match.candidates[0]?.name).toBe("Ada Doe");

    const asked = await approveRequest(t.scope, filed.id, { contactId: s.ada.contact.id }, manager, {
      linkBase: "https://advo.example",
    });
    expect(asked).toMatchObject({ status: "asked", contactId: s.ada.contact.id, approvedBy: "Marco Manager" });
    const mail = await selectFrom(t.scope, "emailOutbox").selectAll().where("purpose", "=", "reference_ask").execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]?.toAddress).toBe("ada@ada.example");
    const token = decodeURIComponent(/token=([^\s]+)/.exec(mail[0]?.textBody ?? "")?.[1] ?? "");
    expect(token).toMatch(/^advo\./);

    const scopeOf = (tenantId: string) => ({ ...t.scope, tenantId });
    const declined = await respondWithToken(scopeOf, { token, decision: "decline", reason: "travelling all month" });
    expect(declined.status).toBe("declined");
    await expect(respondWithToken(scopeOf, { token, decision: "accept" })).rejects.toMatchObject({ code: "conflict" });
    await expect(respondWithToken(scopeOf, { token: `${token}x`, decision: "accept" })).rejects.toMatchObject({
      code: "not_found",
    });

    const next = await requestCandidates(t.scope, filed.id);
    expect(next.candidates[0]?.name).toBe("Dan Doe");
    expect(next.excluded.find((e) => e.name === "Ada Doe")?.exclusions[0]).toEqual({
      code: "already_asked",
      message: "declined this request on 2026-11-10: travelling all month",
    });

    const dan = await askCandidate(t.scope, filed.id, {}, manager);
    expect(dan.contactId).toBe(s.dan.contact.id);
    const danAsk = dan.asks.find((a) => a.contactId === s.dan.contact.id);
    const { next: none, request } = await respondToAsk(t.scope, danAsk?.id ?? "", { decision: "accept" }, "manager");
    expect(none).toBeNull();
    expect(request.status).toBe("accepted");

    clock.advance(2 * DAY);
    const done = await recordOutcome(t.scope, filed.id, { callStatus: "completed", dealStatus: "open" }, manager);
    expect(done).toMatchObject({ status: "completed", callStatus: "completed" });
    expect(done.asks.find((a) => a.contactId === s.dan.contact.id)?.pointsTransactionId).toMatch(/^[a-z]+_/);
    await recordOutcome(t.scope, filed.id, { dealStatus: "won", wonAmount: 110_000 }, manager);
    expect(await getBalance(t.scope, s.dan.contact.id)).toEqual({ balance: 100, lifetimeEarned: 100 });
    expect((await asksOf(t.scope, s.dan.contact.id)).map((a) => a.kind)).toEqual(["reference"]);
    // The reference is an advocacy act on Dan's timeline, once however often the outcome is updated.
    const acts = await selectFrom(t.scope, "events")
      .select("event")
      .where("contactId", "=", s.dan.contact.id)
      .where("event", "=", "Reference Call Completed")
      .execute();
    expect(acts).toHaveLength(1);

    // Dan just gave a reference: in cooldown for the next request.
    const again = await matchCandidates(t.scope, prospect);
    expect(again.excluded.find((e) => e.name === "Dan Doe")?.exclusions.map((e) => e.code)).toEqual(
      expect.arrayContaining(["cooldown"]),
    );
  });

  it("with auto-pick, asks the best candidate on filing and the next one after a decline", async () => {
    const t = await createTestTenant(ctx.db, manualClock(NOW));
    const s = await seed(t.scope);
    await setReferenceSettings(t.scope, { autoPick: true });
    const filed = await fileRequest(t.scope, prospect, sales);
    expect(filed).toMatchObject({ status: "asked", contactId: s.ada.contact.id, approvedBy: "Auto-pick" });
    const ask = filed.asks[0];
    const answer = await respondToAsk(t.scope, ask?.id ?? "", { decision: "decline", reason: "busy" }, "manager");
    expect(answer.next?.name).toBe("Dan Doe");
    expect(answer.request).toMatchObject({ status: "asked", contactId: s.dan.contact.id });
  });

  it("rolls outcomes up into influenced revenue once per opportunity, and reports utilisation and coverage gaps", async () => {
    const clock = manualClock(NOW);
    const t = await createTestTenant(ctx.db, clock);
    const s = await seed(t.scope);
    const run = async (
      contactId: string,
      extra: Record<string, unknown>,
      deal: Parameters<typeof recordOutcome>[2],
    ) => {
      const r = await fileRequest(t.scope, { ...prospect, ...extra }, sales);
      const asked = await approveRequest(t.scope, r.id, { contactId }, manager);
      await respondToAsk(t.scope, asked.asks[0]?.id ?? "", { decision: "accept" }, "manager");
      await recordOutcome(t.scope, r.id, { callStatus: "completed" }, manager);
      return recordOutcome(t.scope, r.id, deal, manager);
    };
    await run(s.ada.contact.id, { opportunityId: "opp-1", dealAmount: 50_000 }, { dealStatus: "won" });
    clock.advance(8 * DAY);
    await run(
      s.ben.contact.id,
      { opportunityId: "opp-1", dealAmount: 50_000, activity: "reference_call" },
      { dealStatus: "won" },
    );
    clock.advance(8 * DAY);
    await run(s.cara.contact.id, { dealAmount: 10_000 }, { dealStatus: "won", wonAmount: 12_000 });
    clock.advance(8 * DAY);
    await run(s.dan.contact.id, { opportunityId: "opp-2", dealAmount: 30_000 }, { dealStatus: "open" });
    await fileRequest(t.scope, { prospectName: "Mercy Health", industry: "healthcare", products: ["Claims"] }, sales);

    const influence = await influenceReport(t.scope, { days: 365 });
    expect(influence.opportunities).toBe(3);
    expect(influence.referenceCalls).toBe(4);
    expect(influence.byCurrency).toEqual([
      {
        currency: "USD",
        influencedRevenue: 62_000,
        wonOpportunities: 2,
        influencedPipeline: 30_000,
        openOpportunities: 1,
        lostOpportunities: 0,
      },
    ]);
    expect(influence.topOpportunities.find((o) => o.opportunity === "opp-1")).toMatchObject({
      amount: 50_000,
      references: 2,
    });

    const use = await utilisationReport(t.scope, { days: 90 });
    expect(use.overused.map((r) => r.name)).toContain("Eve Doe");
    expect(use.idle.map((r) => r.name)).toEqual(expect.arrayContaining(["Finn Doe", "Gus Doe", "Ida Doe"]));
    expect(use.busiest.map((r) => r.name)).toEqual(expect.arrayContaining(["Ada Doe", "Ben Doe"]));

    const coverage = await coverageReport(t.scope, { days: 90 });
    const industry = coverage.dimensions.find((d) => d.dimension === "industry");
    expect(industry?.gaps).toContain("healthcare");
    expect(industry?.values.find((v) => v.value === "fintech")).toMatchObject({ gap: false, requested: 4 });
    expect(coverage.dimensions.find((d) => d.dimension === "product")?.gaps).toEqual(["claims"]);
  });
});
