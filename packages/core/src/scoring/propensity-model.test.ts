import { createTestTenant, describeDialects } from "@advo/test-kit";
import { expect, it } from "vitest";
import { createContact } from "../contacts/index.ts";
import { manualClock } from "../shared/clock.ts";
import { selectFrom } from "../shared/scope.ts";
import { ingestMessages, normalizeBatch } from "../signals/index.ts";
import { getContactScore, getPropensityModel, refreshPropensity, rescoreAll, trainTenantPropensity } from "./index.ts";
import { parsePropensityModel } from "./propensity/index.ts";

const NOW = Date.parse("2026-11-01T12:00:00Z");
const DAY = 86_400_000;

interface Person {
  attributes: Record<string, unknown>;
  comment: string;
  csat: number;
}

describeDialects("propensity on a chosen outcome", (ctx) => {
  async function world(people: Person[]) {
    const clock = manualClock(NOW);
    const t = await createTestTenant(ctx.db, clock);
    const scope = { ...t.scope, clock };
    const ids: string[] = [];
    const items: object[] = [];
    for (const [i, p] of people.entries()) {
      const email = `p${i}@example.com`;
      ids.push((await createContact(scope, { email, attributes: p.attributes })).id);
      items.push({
        type: "track",
        userId: `p${i}`,
        context: { traits: { email } },
        event: "Survey Responded",
        properties: { kind: "csat", score: p.csat, comment: p.comment },
        // Neighbours (i, i + 1) answer on the same day, so the day says nothing about an attribute.
        timestamp: new Date(NOW - (1 + (Math.floor(i / 2) % 20)) * DAY).toISOString(),
      });
    }
    const { messages, errors } = normalizeBatch(items, { receivedAt: NOW, checkSizes: false });
    expect(errors).toEqual([]);
    await ingestMessages({ db: ctx.db, clock, tenantId: t.tenant.id, sourceId: null }, messages);
    await rescoreAll(scope);
    return { scope, ids };
  }

  // Half recommend; the answer is written as each system of record would (booleans, 1/0, yes/no text).
  const yes = [true, 1, "yes", "true", "Yes", "1"];
  const no = [false, 0, "no", "false", "NO", "0"];
  const reviewers = (n: number): Person[] =>
    Array.from({ length: n }, (_, i) => {
      const recommends = i % 2 === 0;
      return {
        attributes: {
          recommends: (recommends ? yes : no)[i % 6],
          age: String(25 + (i % 40)),
          department: ["Tops", "Dresses", "Bottoms"][i % 3],
        },
        comment: recommends ? "Love it, fits well and looks great" : "Not what I hoped, poor quality and it ran small",
        csat: recommends ? 4 + (i % 2) : 1 + (i % 3),
      };
    });

  it("trains on a yes/no attribute, leaves out contacts without a readable answer, and never uses it as a feature", {
    timeout: 60_000,
  }, async () => {
    const people = [
      ...reviewers(60),
      ...Array.from({ length: 4 }, () => ({ attributes: { age: 40 }, comment: "ok", csat: 3 })),
      { attributes: { recommends: "maybe" }, comment: "hm", csat: 3 },
    ];
    const { scope } = await world(people);
    const trained = await trainTenantPropensity(scope, { outcome: { attribute: "recommends" } });
    expect(trained.outcome).toEqual({ kind: "attribute", attribute: "recommends" });
    expect(trained.contacts).toEqual({ used: 60, positives: 30, withoutOutcome: 4, unreadable: 1 });
    expect(trained.features.attributes).toMatchObject({ numeric: ["age"], categories: ["department"] });
    expect(trained.metrics.pooledAuc).toBeGreaterThan(0.9);

    const stored = await selectFrom(scope, "propensityModels").select(["model", "outcome"]).executeTakeFirstOrThrow();
    const model = parsePropensityModel(stored.model);
    const names = [...model.spec.numeric.map((f) => f.name), ...model.spec.categories.map((c) => c.name)];
    expect(names).toEqual(expect.arrayContaining(["attribute: age", "attribute: department", "csat"]));
    expect(names.some((n) => n.includes("recommends"))).toBe(false);

    const shown = await getPropensityModel(scope);
    expect(shown.outcome).toEqual({ kind: "attribute", attribute: "recommends" });
    expect(shown.versions[0]?.outcome).toEqual({ kind: "attribute", attribute: "recommends" });

    // Without survey scores (e.g. when the outcome derives from them) the model reads no score.
    const textOnly = await trainTenantPropensity(scope, {
      outcome: { attribute: "recommends" },
      features: { surveyScores: false },
    });
    const textModel = parsePropensityModel(
      (
        await selectFrom(scope, "propensityModels")
          .select("model")
          .where("id", "=", textOnly.id)
          .executeTakeFirstOrThrow()
      ).model,
    );
    expect(textModel.spec.numeric.map((f) => f.name)).not.toContain("csat");
    expect(textOnly.version).toBe(2);
  });

  it("refuses too few examples of either kind, naming the outcome, and an outcome that is also a feature", async () => {
    const { scope } = await world(reviewers(60).map((p, i) => (i < 50 ? { ...p, attributes: { age: 30 } } : p)));
    await expect(trainTenantPropensity(scope, { outcome: { attribute: "recommends" } })).rejects.toThrow(
      /outcome attribute "recommends": too few examples .* 5 positives and 5 negatives.*50 contacts have no "recommends"/,
    );
    await expect(
      trainTenantPropensity(scope, { outcome: { attribute: "recommends" }, features: { attributes: ["recommends"] } }),
    ).rejects.toThrow(/features.attributes: "recommends" is the outcome/);
    await expect(trainTenantPropensity(scope, { outcome: { attribute: " " } })).rejects.toThrow(
      /must name a contact attribute/,
    );
  });

  it("learns from attributes: contacts alike in every signal but their tier get different propensities", {
    timeout: 60_000,
  }, async () => {
    // The same comment and score for everyone; only the tier attribute says who recommends (mostly).
    const people: Person[] = Array.from({ length: 80 }, (_, i) => {
      const gold = i % 2 === 0;
      const recommends = gold ? i % 10 !== 0 : i % 10 === 1;
      return { attributes: { tier: gold ? "gold" : "basic", recommends }, comment: "It is fine", csat: 3 };
    });
    const { scope, ids } = await world(people);
    const propensity = async (i: number) => (await getContactScore(scope, ids[i] as string)).propensity as number;

    await trainTenantPropensity(scope, { outcome: { attribute: "recommends" }, features: { attributes: false } });
    expect(Math.abs((await propensity(0)) - (await propensity(1)))).toBeLessThan(0.01);

    const trained = await trainTenantPropensity(scope, { outcome: { attribute: "recommends" } });
    expect(trained.features.attributes.categories).toEqual(["tier"]);
    const gold = await propensity(0);
    const basic = await propensity(1);
    expect(gold).toBeGreaterThan(0.6);
    expect(basic).toBeLessThan(0.4);

    // The stored model, read back, encodes contacts the same way: re-applying it changes nothing, and a
    // contact added since is scored from its own tier.
    await refreshPropensity(scope);
    expect(await propensity(0)).toBe(gold);
    expect(await propensity(1)).toBe(basic);
    const late = await createContact(scope, { email: "late@example.com", attributes: { tier: "gold" } });
    await rescoreAll(scope);
    await refreshPropensity(scope);
    expect((await getContactScore(scope, late.id)).propensity).toBeGreaterThan(0.6);
  });
});
