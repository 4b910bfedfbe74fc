import { fitWithHoldout, predictRows } from "./fit.ts";
import { splitByFold, stratifiedFolds } from "./folds.ts";
import { bestMacroF1Threshold, confusionAt, f1Scores, precisionAtTop, rocAuc } from "./metrics.ts";
import type { ThresholdedMetrics } from "./model.schemas.ts";
import type { PreparedData } from "./prepare.ts";
import type { TrainOptions } from "./types.ts";

/** AUC, F1s and precision at the top of one set of scores, at a threshold chosen elsewhere. */
export function thresholdedMetrics(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
  threshold: number,
): ThresholdedMetrics {
  const f1 = f1Scores(confusionAt(probabilities, labels, threshold));
  return {
    auc: rocAuc(probabilities, labels),
    macroF1: f1.macro,
    positiveF1: f1.positive,
    negativeF1: f1.negative,
    precisionAtTop: {
      "1%": precisionAtTop(probabilities, labels, 0.01),
      "5%": precisionAtTop(probabilities, labels, 0.05),
      "10%": precisionAtTop(probabilities, labels, 0.1),
    },
    threshold,
  };
}

export interface CrossValidation {
  perFold: (ThresholdedMetrics & { c: number; examples: number })[];
  /** Each example's probability from the model that did not see it. */
  outOfFold: Float64Array;
  /** The threshold maximising macro-F1 over all out-of-fold probabilities (for the final model). */
  pooledThreshold: number;
}

/**
 * Stratified k-fold cross-validation. Each fold's model, L2 strength and threshold come from the
 * other folds only (see fitWithHoldout); the fold's metrics are then measured on it.
 */
export function crossValidate(data: PreparedData, options: TrainOptions): CrossValidation {
  const all = Array.from({ length: data.size }, (_, i) => i);
  const assignment = stratifiedFolds(data.labels, options.folds, options.seed);
  const outOfFold = new Float64Array(data.size);
  const perFold: CrossValidation["perFold"] = [];
  for (let f = 0; f < options.folds; f++) {
    const { train, test } = splitByFold(all, assignment, f);
    const { pipeline, threshold } = fitWithHoldout(data, train, options, options.seed + 1 + f);
    const probabilities = predictRows(data, test, pipeline);
    test.forEach((i, r) => {
      outOfFold[i] = probabilities[r] as number;
    });
    const labels = Uint8Array.from(test, (i) => data.labels[i] as number);
    perFold.push({ ...thresholdedMetrics(probabilities, labels, threshold), c: pipeline.c, examples: test.length });
  }
  return { perFold, outOfFold, pooledThreshold: bestMacroF1Threshold(outOfFold, data.labels).threshold };
}

const KEYS = ["auc", "macroF1", "positiveF1", "negativeF1", "threshold", "1%", "5%", "10%"] as const;

const flat = (m: ThresholdedMetrics): Record<(typeof KEYS)[number], number> => ({
  auc: m.auc,
  macroF1: m.macroF1,
  positiveF1: m.positiveF1,
  negativeF1: m.negativeF1,
  threshold: m.threshold,
  ...m.precisionAtTop,
});

const nest = (v: Record<(typeof KEYS)[number], number>): ThresholdedMetrics => ({
  auc: v.auc,
  macroF1: v.macroF1,
  positiveF1: v.positiveF1,
  negativeF1: v.negativeF1,
  precisionAtTop: { "1%": v["1%"], "5%": v["5%"], "10%": v["10%"] },
  threshold: v.threshold,
});

/** Mean and (sample) standard deviation of each metric over the folds. */
export function summarise(perFold: readonly ThresholdedMetrics[]): {
  mean: ThresholdedMetrics;
  sd: ThresholdedMetrics;
} {
  const rows = perFold.map(flat);
  const mean = flat(
    nest({ auc: 0, macroF1: 0, positiveF1: 0, negativeF1: 0, threshold: 0, "1%": 0, "5%": 0, "10%": 0 }),
  );
  const sd = { ...mean };
  for (const k of KEYS) {
    const xs = rows.map((r) => r[k]);
    const m = xs.reduce((s, x) => s + x, 0) / xs.length;
    mean[k] = m;
    sd[k] = Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / Math.max(1, xs.length - 1));
  }
  return { mean: nest(mean), sd: nest(sd) };
}
