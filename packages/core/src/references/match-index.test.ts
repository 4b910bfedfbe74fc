import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDb, type Db, inTransaction, migrateToLatest } from "@advo/db";
import { createTestTenant, type DialectContext, describeDialects, postgresTestUrl } from "@advo/test-kit";
import { expect, it } from "vitest";
import { createAccount } from "../accounts/index.ts";
import { recordAsk } from "../asks/index.ts";
import { createContact } from "../contacts/index.ts";
import { eraseContact } from "../privacy/index.ts";
import { manualClock } from "../shared/clock.ts";
import { insertInto, type Scope, withDb } from "../shared/scope.ts";
import type { Actor } from "../users/index.ts";
import {
  bumpMatchVersion,
  createProfile,
  type MatchInput,
  matchCandidates,
  prospectOf,
  rankFor,
  updateProfile,
} from "./index.ts";
import { activityMask, type ReferenceActivity, sizeBandOf } from "./vocabulary.ts";

// Matching's in-memory index (match-index.ts) must answer exactly as the SQL first pass, and every
// match must see profile changes made since, through this handle or another one (another process).

const NOW = Date.parse("2026-11-10T10:00:00Z");
const manager: Actor = { type: "user", id: "usr_mgr", name: "Marco Manager" };
const fintechEmea: MatchInput = {
  industry: "fintech",
  employeeCount: 500,
  region: "EMEA",
  competitor: "globex",
  activity: "reference_call",
};

async function advocate(scope: Scope, name: string, industry: string, region: string, competitors: string[] = []) {
  const account = await createAccount(scope, { name: `${name} Corp`, industry, employeeCount: 500, region });
  const contact = await createContact(scope, {
    email: `${name.toLowerCase()}@example.com`,
    firstName: name,
    lastName: "Doe",
    accountId: account.id,
  });
  const profile = await createProfile(
    scope,
    {
      contactId: contact.id,
      consent: { granted: true, source: "email reply" },
      activities: ["reference_call"],
      competitorsReplaced: competitors,
    },
    manager,
  );
  return { contact, profile };
}

const names = (result: { candidates: { name: string }[] }) => result.candidates.map((c) => c.name);

/** Two handles on one database, as two processes would have. */
async function twoHandles(ctx: DialectContext): Promise<{ a: Db; b: Db; close: () => Promise<void> }> {
  if (ctx.dialect === "postgres") {
    const other = createDb({ url: postgresTestUrl(), ...(ctx.handle.schema ? { schema: ctx.handle.schema } : {}) });
    return { a: ctx.db, b: other.db, close: other.close };
  }
  const dir = mkdtempSync(join(tmpdir(), "advo-match-"));
  const url = `sqlite:${join(dir, "advo.db")}`;
  const a = createDb({ url });
  await migrateToLatest(a.db);
  const b = createDb({ url });
  return {
    a: a.db,
    b: b.db,
    close: async () => {
      await b.close();
      await a.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describeDialects("reference matching's in-memory index", (ctx) => {
  it("sees a profile edited, added, paused and erased since the last match", async () => {
    const { scope: base } = await createTestTenant(ctx.db);
    const scope = { ...base, clock: manualClock(NOW) };
    const ada = await advocate(scope, "Ada", "fintech", "EMEA", ["Globex"]);
    const ben = await advocate(scope, "Ben", "saas", "NA");
    expect(names(await matchCandidates(scope, fintechEmea))).toEqual(["Ada Doe", "Ben Doe"]);

    await updateProfile(scope, ben.profile.id, { industry: "fintech", region: "EMEA" }, manager);
    const edited = await matchCandidates(scope, { ...fintechEmea, competitor: null });
    expect(edited.candidates.find((c) => c.name === "Ben Doe")?.reasons.map((r) => r.factor)).toContain("industry");

    const cara = await advocate(scope, "Cara", "fintech", "EMEA", ["Globex"]);
    expect(names(await matchCandidates(scope, fintechEmea))).toContain("Cara Doe");

    await updateProfile(scope, ada.profile.id, { status: "paused" }, manager);
    expect(names(await matchCandidates(scope, fintechEmea))).not.toContain("Ada Doe");

    await eraseContact(scope, cara.contact.id);
    expect(names(await matchCandidates(scope, fintechEmea))).toEqual(["Ben Doe"]);
  });

  it("excludes an advocate at the next match once a new ask of them is recorded", async () => {
    const { scope: base } = await createTestTenant(ctx.db);
    const scope = { ...base, clock: manualClock(NOW) };
    const ada = await advocate(scope, "Ada", "fintech", "EMEA");
    expect(names(await matchCandidates(scope, fintechEmea))).toEqual(["Ada Doe"]);
    await recordAsk(scope, {
      contactId: ada.contact.id,
      kind: "reference",
      sourceType: "manual",
      sourceId: "m1",
      at: NOW - 86_400_000,
    });
    const after = await matchCandidates(scope, fintechEmea);
    expect(after.candidates).toEqual([]);
    expect(after.excluded.map((e) => e.exclusions.map((x) => x.code))).toEqual([["cooldown"]]);
  });

  it("sees profile changes made through another database handle, as from another process", async () => {
    const { a, b, close } = await twoHandles(ctx);
    try {
      const { scope: base } = await createTestTenant(a);
      const one = { ...base, clock: manualClock(NOW) };
      const two = { ...one, db: b };
      const ada = await advocate(one, "Ada", "fintech", "EMEA");
      expect(names(await matchCandidates(one, fintechEmea))).toEqual(["Ada Doe"]);
      expect(names(await matchCandidates(two, fintechEmea))).toEqual(["Ada Doe"]);

      await advocate(two, "Ben", "fintech", "EMEA", ["Globex"]);
      expect(names(await matchCandidates(one, fintechEmea))).toEqual(["Ben Doe", "Ada Doe"]);

      await updateProfile(two, ada.profile.id, { activities: ["case_study"] }, manager);
      expect(names(await matchCandidates(one, fintechEmea))).toEqual(["Ben Doe"]);
      await updateProfile(one, ada.profile.id, { activities: ["reference_call"] }, manager);
      expect(names(await matchCandidates(two, fintechEmea))).toEqual(["Ben Doe", "Ada Doe"]);
    } finally {
      await close();
    }
  });

  it("picks exactly the candidates the SQL first pass picks, over 1,500 profiles and 60 prospects", async () => {
    const { scope: base } = await createTestTenant(ctx.db);
    const scope = { ...base, clock: manualClock(NOW) };
    let seed = 11;
    const rand = () => {
      seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)] as T;
    // Few industries, regions and competitors, so every first-pass query hits its cap of 200.
    const industries = ["fintech", "saas", "retail"];
    const regions = ["EMEA", "NA"];
    const competitors = ["globex", "initrode", "hooli"];
    const activities: ReferenceActivity[][] = [["reference_call"], ["case_study"], ["reference_call", "video_call"]];
    const rows = Array.from({ length: 1500 }, (_, i) => {
      const employees = Math.round(10 * 5000 ** rand());
      const acts = pick(activities);
      return {
        id: `rfp_${i.toString().padStart(26, "0")}`,
        contactId: `con_${i.toString().padStart(26, "0")}`,
        accountId: null,
        status: rand() < 0.9 ? "active" : "paused",
        consentAt: rand() < 0.95 ? NOW : null,
        consentSource: null,
        activities: JSON.stringify(acts),
        activityMask: activityMask(acts),
        products: JSON.stringify(rand() < 0.6 ? [pick(["Payments", "fraud", "analytics"])] : []),
        useCases: JSON.stringify(rand() < 0.3 ? ["Customer marketing"] : []),
        industry: rand() < 0.95 ? pick(industries) : null,
        employeeCount: employees,
        sizeBand: sizeBandOf(employees),
        region: pick(regions),
        country: null,
        languages: rand() < 0.8 ? '["en"]' : '["de-DE"]',
        competitorsReplaced: JSON.stringify(rand() < 0.5 ? [pick(competitors)] : []),
        results: "[]",
        availability: null,
        maxAsksPerQuarter: null,
        blackouts: "[]",
        notes: null,
        lastReferenceAt: rand() < 0.3 ? NOW - Math.floor(rand() * 90) * 86_400_000 : null,
        referencesGiven: 0,
        updatedBy: null,
        createdAt: NOW,
        updatedAt: NOW,
      } as const;
    });
    await inTransaction(scope.db, async (trx) => {
      const s = withDb(scope, trx);
      for (let i = 0; i < rows.length; i += 100)
        await insertInto(s, "referenceProfiles", rows.slice(i, i + 100)).execute();
      const terms = rows.flatMap((r) =>
        (JSON.parse(r.competitorsReplaced) as string[]).map((term) => ({
          field: "competitor",
          term,
          profileId: r.id,
          matchable: r.status === "active" && r.consentAt !== null ? 1 : 0,
          activityMask: r.activityMask,
          industry: r.industry,
          region: r.region,
          sizeBand: r.sizeBand,
        })),
      );
      for (let i = 0; i < terms.length; i += 100)
        await insertInto(s, "referenceProfileTerms", terms.slice(i, i + 100)).execute();
      await bumpMatchVersion(
        s,
        rows.map((r) => r.id),
      );
    });
    for (let n = 0; n < 60; n++) {
      const prospect = prospectOf({
        industry: rand() < 0.85 ? pick([...industries, "energy"]) : null,
        employeeCount: rand() < 0.85 ? Math.round(10 * 5000 ** rand()) : null,
        region: rand() < 0.85 ? pick([...regions, "APAC"]) : null,
        competitor: rand() < 0.6 ? pick([...competitors, "soylent"]) : null,
        activity: pick(["reference_call", "case_study", "video_call", "press"] as const),
        products: rand() < 0.5 ? [pick(["payments", "Fraud", "billing"])] : [],
        useCase: rand() < 0.3 ? "customer marketing" : null,
        language: rand() < 0.5 ? pick(["en", "de"]) : null,
      });
      // Every profile the first pass chose, not just the first page of them.
      const indexed = await rankFor(scope, prospect, 1000);
      // Inside a transaction, matching takes the SQL first pass.
      const bySql = await inTransaction(scope.db, (trx) => rankFor(withDb(scope, trx), prospect, 1000));
      expect(indexed, JSON.stringify(prospect)).toEqual(bySql);
      // Ranking scores without writing reasons; the reasons shown must add up to the same score.
      for (const c of indexed.candidates)
        expect(c.score).toBe(
          Math.min(
            100,
            c.reasons.reduce((sum, r) => sum + r.points, 0),
          ),
        );
    }
  });
});
