import { describe, expect, it } from "vitest";
import { manualClock } from "../../shared/clock.ts";
import { AppError } from "../../shared/errors.ts";
import { fitPipeline, predictRows } from "./fit.ts";
import {
  type LabelledExample,
  parsePropensityModel,
  predictPropensity,
  serializePropensityModel,
  trainPropensity,
} from "./index.ts";
import { sigmoid } from "./logistic.ts";
import { resolveOptions } from "./options.ts";
import { prepareExamples } from "./prepare.ts";
import { gaussian, seededRandom } from "./random.ts";

const clock = manualClock(Date.parse("2026-11-01T09:00:00Z"));

/** Survey answers with an NPS, a plan and a comment whose wording follows the score. */
function surveyContacts(n: number, seed: number): LabelledExample[] {
  const random = seededRandom(seed);
  const good = ["love the reporting", "support was fast and helpful", "great onboarding", "would recommend"];
  const bad = ["too slow", "not worth the price", "support never answered", "confusing setup"];
  return Array.from({ length: n }, () => {
    const nps = Math.floor(random() * 11);
    const happy = random() < nps / 10;
    const comment = (happy ? good : bad)[Math.floor(random() * 4)] as string;
    const label = random() < (happy ? 0.7 : 0.15) + (nps >= 9 ? 0.2 : 0) ? 1 : 0;
    return {
      numeric: { nps: random() < 0.1 ? null : nps, seats: Math.round(5 * Math.exp(2 * gaussian(random))) },
      categories: { plan: ["free", "team", "enterprise"][Math.floor(random() * 3)] ?? null },
      texts: random() < 0.2 ? [] : [comment],
      label,
    };
  });
}

describe("propensity predictions and stored models", () => {
  const examples = surveyContacts(1500, 21);
  const { model } = trainPropensity(examples, { clock });

  it("serialises to JSON and back with identical predictions", () => {
    const restored = parsePropensityModel(serializePropensityModel(model));
    expect(restored).toEqual(model);
    for (const e of examples.slice(0, 200)) {
      const before = predictPropensity(model, e, { contributions: 3 });
      const after = predictPropensity(restored, e, { contributions: 3 });
      expect(after).toEqual(before);
    }
  });

  it("predicts what the training pipeline computed for the same contacts", () => {
    const options = resolveOptions({ clock });
    const data = prepareExamples(examples, options.text);
    const all = examples.map((_, i) => i);
    const internal = predictRows(data, all, fitPipeline(data, all, model.c, options));
    examples.forEach((e, i) => {
      expect(predictPropensity(model, e).probability).toBeCloseTo(internal[i] as number, 5);
    });
  });

  it("explains a prediction: the contributions and the bias add up to its log-odds", () => {
    const contact = { numeric: { nps: 10, seats: 40 }, categories: { plan: "team" }, texts: ["would recommend"] };
    const p = predictPropensity(model, contact, { contributions: 1000 });
    const logit = model.bias + p.contributions.reduce((s, c) => s + c.contribution, 0);
    expect(sigmoid(logit)).toBeCloseTo(p.probability, 10);
    const top = predictPropensity(model, contact, { contributions: 3 }).contributions;
    expect(top).toEqual(p.contributions.slice(0, 3));
    expect(top.map((c) => c.feature)).toContain("nps");
    expect(p.likely).toBe(p.probability >= model.threshold);
  });

  it("compresses a heavy-tailed count with log1p and clips outliers", () => {
    const seats = model.spec.numeric.find((s) => s.name === "seats");
    expect(seats?.transform).toBe("log1p");
    const huge = predictPropensity(model, { numeric: { seats: 1e12 }, texts: [] }, { contributions: 1000 });
    expect(huge.contributions.find((c) => c.feature === "seats")?.value).toBeLessThanOrEqual(5);
  });

  it("rejects a stored model of another version or with the wrong number of weights", () => {
    const json = JSON.parse(serializePropensityModel(model));
    expect(() => parsePropensityModel({ ...json, version: 2 })).toThrow(AppError);
    expect(() => parsePropensityModel({ ...json, weights: json.weights.slice(1) })).toThrow(/weights/);
    expect(() => parsePropensityModel("{not json")).toThrow(/not valid JSON/);
  });
});
