import { toIso } from "../../shared/clock.ts";
import { AppError } from "../../shared/errors.ts";
import { crossValidate, summarise } from "./evaluate.ts";
import { featureNames } from "./features.ts";
import { fitPipeline } from "./fit.ts";
import { calibration, rocAuc } from "./metrics.ts";
import type { FeatureWeight, PropensityMetrics, PropensityModel } from "./model.schemas.ts";
import { resolveOptions, type TrainOptionsInput } from "./options.ts";
import { prepareExamples } from "./prepare.ts";
import type { LabelledExample } from "./types.ts";

/** 7 significant digits (about float32): keeps the JSON small; the model holds exactly what is stored. */
const round = (x: number) => Number(x.toPrecision(7));

function validate(examples: readonly LabelledExample[], minPerClass: number, folds: number) {
  if (!Number.isInteger(folds) || folds < 2)
    throw new AppError("invalid", `folds must be an integer ≥ 2, got ${folds}`);
  examples.forEach((e, i) => {
    if (e.label !== 0 && e.label !== 1)
      throw new AppError("invalid", `example ${i}: label must be 0 or 1`, [
        { path: `${i}.label`, message: "must be 0 or 1" },
      ]);
    if (!Array.isArray(e.texts) || typeof e.numeric !== "object" || e.numeric === null)
      throw new AppError("invalid", `example ${i}: needs a numeric object and a texts array`);
  });
  const positives = examples.filter((e) => e.label === 1).length;
  const negatives = examples.length - positives;
  const needed = Math.max(minPerClass, folds * 2);
  if (positives < needed || negatives < needed) {
    throw new AppError(
      "invalid",
      `too few examples to train a propensity model: ${positives} positives and ${negatives} negatives; ` +
        `at least ${needed} of each are needed`,
      [{ path: "examples", message: `needs at least ${needed} positives and ${needed} negatives` }],
    );
  }
}

/**
 * Trains a propensity model on labelled contacts: cross-validates the whole procedure (features,
 * L2 strength and threshold chosen inside each training fold), then fits the final model on all
 * examples with the fold models' median C and the out-of-fold macro-F1 threshold.
 * Throws an AppError "invalid" with too few positives or negatives.
 */
export function trainPropensity(
  examples: readonly LabelledExample[],
  input: TrainOptionsInput = {},
): {
  model: PropensityModel;
  metrics: PropensityMetrics;
  /** Each example's probability from the cross-validation model that did not see it (input order). */
  outOfFold: Float64Array;
} {
  const options = resolveOptions(input);
  validate(examples, options.minPerClass, options.folds);
  const data = prepareExamples(examples, options.text);
  const cv = crossValidate(data, options);

  const cs = cv.perFold.map((f) => f.c).sort((a, b) => a - b);
  const c = cs[Math.floor(cs.length / 2)] as number;
  const all = Array.from({ length: data.size }, (_, i) => i);
  const final = fitPipeline(data, all, c, options);
  const weights = Array.from(final.weights, round);

  const names = featureNames(final.features.spec);
  const ranked: FeatureWeight[] = weights.map((weight, j) => ({
    ...(names[j] as Pick<FeatureWeight, "feature" | "kind">),
    weight,
    effect: round(weight * (final.typicalValue[j] as number)),
  }));
  ranked.sort((a, b) => b.effect - a.effect || (a.feature < b.feature ? -1 : 1));
  const positives = examples.filter((e) => e.label === 1).length;
  const metrics: PropensityMetrics = {
    folds: options.folds,
    examples: data.size,
    positives,
    ...summarise(cv.perFold),
    perFold: cv.perFold,
    calibration: calibration(cv.outOfFold, data.labels),
    pooledAuc: rocAuc(cv.outOfFold, data.labels),
    topFeatures: {
      positive: ranked.slice(0, options.topFeatures).filter((f) => f.effect > 0),
      negative: ranked
        .slice(-options.topFeatures)
        .reverse()
        .filter((f) => f.effect < 0),
    },
  };
  const spec = final.features.spec;
  const model: PropensityModel = {
    format: "advo.propensity",
    version: 1,
    trainedAt: toIso(options.clock.now()),
    examples: { total: data.size, positives },
    spec: spec.text ? { ...spec, text: { ...spec.text, scale: spec.text.scale.map(round) } } : spec,
    c,
    bias: round(final.bias),
    weights,
    threshold: round(cv.pooledThreshold),
    metrics,
  };
  return { model, metrics, outOfFold: cv.outOfFold };
}
