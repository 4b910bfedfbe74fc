import { encodeRows, type FittedFeatures, fitFeatures, penaltyVector } from "./features.ts";
import { stratifiedFolds } from "./folds.ts";
import { decisionValues, fitLogistic, sigmoid } from "./logistic.ts";
import { bestMacroF1Threshold } from "./metrics.ts";
import type { PreparedData } from "./prepare.ts";
import type { SparseMatrix } from "./sparse.ts";
import type { TrainOptions } from "./types.ts";

export interface FittedPipeline {
  features: FittedFeatures;
  weights: Float64Array;
  bias: number;
  c: number;
  /** Per column, the mean absolute value over the training rows where it is non-zero. */
  typicalValue: Float64Array;
}

function typicalValues(x: SparseMatrix): Float64Array {
  const sum = new Float64Array(x.cols);
  const count = new Float64Array(x.cols);
  for (let k = 0; k < x.colIdx.length; k++) {
    const j = x.colIdx[k] as number;
    sum[j] = (sum[j] as number) + Math.abs(x.values[k] as number);
    count[j] = (count[j] as number) + 1;
  }
  return sum.map((s, j) => (count[j] ? s / (count[j] as number) : 0));
}

export function sampleWeights(labels: Uint8Array, rows: readonly number[], mode: TrainOptions["classWeight"]) {
  const w = new Float64Array(rows.length).fill(1);
  if (mode === "none") return w;
  let positives = 0;
  for (const i of rows) positives += labels[i] as number;
  const negatives = rows.length - positives;
  rows.forEach((i, r) => {
    w[r] = rows.length / (2 * (labels[i] === 1 ? positives : negatives));
  });
  return w;
}

const labelsOf = (data: PreparedData, rows: readonly number[]) =>
  Uint8Array.from(rows, (i) => data.labels[i] as number);

function fitMatrix(
  data: PreparedData,
  rows: readonly number[],
  x: SparseMatrix,
  features: FittedFeatures,
  c: number,
  options: TrainOptions,
  warmStart?: Float64Array,
) {
  return fitLogistic(x, labelsOf(data, rows), {
    l2: 1 / (c * rows.length),
    penalty: penaltyVector(features.spec, options.denseL2Factor),
    sampleWeights: sampleWeights(data.labels, rows, options.classWeight),
    warmStart,
  });
}

/** Features and weights fitted on `rows` with one inverse L2 strength C. */
export function fitPipeline(
  data: PreparedData,
  rows: readonly number[],
  c: number,
  options: TrainOptions,
): FittedPipeline {
  const features = fitFeatures(data, rows, options);
  const x = encodeRows(data, rows, features);
  const fit = fitMatrix(data, rows, x, features, c, options);
  return { features, weights: fit.weights, bias: fit.bias, c, typicalValue: typicalValues(x) };
}

export function predictRows(data: PreparedData, rows: readonly number[], pipeline: FittedPipeline): Float64Array {
  const logits = decisionValues(encodeRows(data, rows, pipeline.features), pipeline.weights, pipeline.bias);
  return logits.map(sigmoid);
}

function logLoss(p: Float64Array, labels: Uint8Array) {
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const q = Math.min(Math.max(p[i] as number, 1e-12), 1 - 1e-12);
    s -= labels[i] === 1 ? Math.log(q) : Math.log(1 - q);
  }
  return s / p.length;
}

/**
 * Holds out a stratified share of `rows`, picks the L2 strength with the lowest held-out log loss
 * (strongest regularisation first, each fit warm-started from the previous) and the threshold maximising held-out
 * macro-F1, then refits on all of `rows`. Nothing outside `rows` is looked at.
 */
export function fitWithHoldout(data: PreparedData, rows: readonly number[], options: TrainOptions, seed: number) {
  const parts = Math.max(2, Math.round(1 / options.holdoutShare));
  const assignment = stratifiedFolds(labelsOf(data, rows), parts, seed);
  const inner = rows.filter((_, r) => assignment[r] !== 0);
  const holdout = rows.filter((_, r) => assignment[r] === 0);
  const holdoutLabels = labelsOf(data, holdout);
  const features = fitFeatures(data, inner, options);
  const xInner = encodeRows(data, inner, features);
  const xHoldout = encodeRows(data, holdout, features);
  const candidates = [...options.c].sort((a, b) => a - b);
  let best = { c: candidates[0] as number, loss: Number.POSITIVE_INFINITY, probabilities: new Float64Array(0) };
  let warm: Float64Array | undefined;
  for (const c of candidates) {
    const fit = fitMatrix(data, inner, xInner, features, c, options, warm);
    warm = Float64Array.from([...fit.weights, fit.bias]);
    const probabilities = decisionValues(xHoldout, fit.weights, fit.bias).map(sigmoid);
    const loss = logLoss(probabilities, holdoutLabels);
    if (loss < best.loss) best = { c, loss, probabilities };
  }
  const { threshold } = bestMacroF1Threshold(best.probabilities, holdoutLabels);
  return { pipeline: fitPipeline(data, rows, best.c, options), threshold };
}
