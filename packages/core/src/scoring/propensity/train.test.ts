import { describe, expect, it } from "vitest";
import { manualClock } from "../../shared/clock.ts";
import { AppError } from "../../shared/errors.ts";
import { predictPropensity, trainPropensity } from "./index.ts";
import { sigmoid } from "./logistic.ts";
import { gaussian, seededRandom } from "./random.ts";
import type { LabelledExample } from "./types.ts";

const clock = manualClock(Date.parse("2026-11-01T09:00:00Z"));

/** Contacts whose advocacy follows a known logistic rule on three signals; "noise" carries nothing. */
function syntheticContacts(n: number, seed: number): LabelledExample[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => {
    const nps = gaussian(random);
    const usage = gaussian(random);
    const tickets = gaussian(random);
    const noise = gaussian(random);
    const z = -0.5 + 1.5 * nps + 1 * usage - 0.8 * tickets;
    return { numeric: { nps, usage, tickets, noise }, texts: [], label: random() < sigmoid(z) ? 1 : 0 };
  });
}

const PRAISE = ["great", "love", "helpful", "fast", "recommend"];
const COMPLAINT = ["slow", "buggy", "confusing", "expensive", "broken"];

/**
 * Both classes use the same words: advocates write "praise, not complaint", the others
 * "complaint, not praise". Only the negation scope tells them apart in a bag of unigrams.
 */
function negatedReviews(n: number, seed: number): LabelledExample[] {
  const random = seededRandom(seed);
  const pick = (words: string[]) => words[Math.floor(random() * words.length)] as string;
  return Array.from({ length: n }, (_, i) => {
    const positive = i % 2 === 0;
    const [first, second] = positive ? [pick(PRAISE), pick(COMPLAINT)] : [pick(COMPLAINT), pick(PRAISE)];
    return { numeric: {}, texts: [`it was ${first}, not ${second}`], label: positive ? 1 : 0 };
  });
}

describe("training a propensity model", () => {
  it("recovers a known linear rule on synthetic signals", () => {
    const { model, metrics } = trainPropensity(syntheticContacts(6000, 11), { clock });
    const weight = (name: string) => model.weights[model.spec.numeric.findIndex((s) => s.name === name)] as number;
    // Features are standardised (SD ≈ 1 here), so the weights are the rule's coefficients.
    expect(weight("nps")).toBeCloseTo(1.5, 0);
    expect(weight("usage")).toBeCloseTo(1, 0);
    expect(weight("tickets")).toBeCloseTo(-0.8, 0);
    expect(Math.abs(weight("noise"))).toBeLessThan(0.1);
    expect(weight("nps") / weight("usage")).toBeGreaterThan(1.25);
    expect(weight("nps") / weight("usage")).toBeLessThan(1.8);
    expect(metrics.topFeatures.positive[0]?.feature).toBe("nps");
    expect(metrics.topFeatures.negative[0]?.feature).toBe("tickets");
    // The Bayes rule's AUC on this distribution is ≈ 0.86; a linear learner should get close.
    expect(metrics.mean.auc).toBeGreaterThan(0.84);
    expect(metrics.calibration.ece).toBeLessThan(0.03);
  });

  it("learns from the negation scope what a bag of words cannot tell apart", () => {
    const text = { maxNgram: 1, sentiment: "none" as const };
    const aware = trainPropensity(negatedReviews(400, 5), { clock, text });
    const blind = trainPropensity(negatedReviews(400, 5), { clock, text: { ...text, negation: false } });
    expect(aware.metrics.mean.auc).toBeGreaterThan(0.99);
    expect(blind.metrics.mean.auc).toBeLessThan(0.7);
    const praised = predictPropensity(aware.model, { numeric: {}, texts: ["helpful, not slow"] });
    const negated = predictPropensity(aware.model, { numeric: {}, texts: ["slow, not helpful"] });
    expect(praised.probability).toBeGreaterThan(0.8);
    expect(negated.probability).toBeLessThan(0.2);
    expect(negated.contributions.map((c) => c.feature)).toContain("not_helpful");
  });

  it("refuses too few positives with a message naming how many there are and how many are needed", () => {
    const examples: LabelledExample[] = syntheticContacts(127, 1).map((e, i) => ({ ...e, label: i < 7 ? 1 : 0 }));
    let error: unknown;
    try {
      trainPropensity(examples, { clock });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("invalid");
    expect((error as AppError).message).toContain("7 positives and 120 negatives");
    expect((error as AppError).message).toContain("at least 20 of each");
  });

  it("refuses too few negatives too", () => {
    const examples: LabelledExample[] = syntheticContacts(60, 2).map((e, i) => ({ ...e, label: i < 50 ? 1 : 0 }));
    expect(() => trainPropensity(examples, { clock })).toThrow(/50 positives and 10 negatives/);
  });

  it("gives the same model for the same data and seed", () => {
    const data = syntheticContacts(800, 3);
    const a = trainPropensity(data, { clock, seed: 9 });
    const b = trainPropensity(data, { clock, seed: 9 });
    expect(JSON.stringify(a.model)).toBe(JSON.stringify(b.model));
  });

  it("reports cross-validated metrics with a threshold chosen without the test fold", () => {
    const { model, metrics } = trainPropensity(syntheticContacts(1000, 4), { clock, folds: 4 });
    expect(metrics.perFold).toHaveLength(4);
    expect(metrics.perFold.reduce((s, f) => s + f.examples, 0)).toBe(1000);
    for (const f of metrics.perFold) {
      expect(f.threshold).toBeGreaterThan(0);
      expect(f.threshold).toBeLessThan(1);
      expect(f.precisionAtTop["10%"]).toBeGreaterThanOrEqual(f.precisionAtTop["1%"] - 1);
    }
    expect(metrics.calibration.bins.reduce((s, b) => s + b.count, 0)).toBe(1000);
    expect(model.threshold).toBeGreaterThan(0);
    expect(model.trainedAt).toBe("2026-11-01T09:00:00.000Z");
    expect(model.metrics).toEqual(metrics);
  });

  it("handles missing numbers, unseen categories and empty texts at prediction time", () => {
    const random = seededRandom(8);
    const examples: LabelledExample[] = syntheticContacts(600, 8).map((e) => ({
      ...e,
      numeric: { ...e.numeric, nps: random() < 0.3 ? null : (e.numeric.nps as number) },
      categories: { plan: random() < 0.5 ? "pro" : "free" },
      texts: [random() < 0.5 ? "love it" : ""],
    }));
    const { model } = trainPropensity(examples, { clock });
    expect(model.spec.numeric.find((s) => s.name === "nps")?.missingIndicator).toBe(true);
    const p = predictPropensity(model, { numeric: { nps: null }, categories: { plan: "enterprise" }, texts: [] });
    expect(p.probability).toBeGreaterThan(0);
    expect(p.probability).toBeLessThan(1);
    expect(p.contributions.map((c) => c.feature)).toContain("nps missing");
  });
});
