// Classification metrics over scores (any monotone score for AUC and ranking; probabilities for calibration).

export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export interface F1Scores {
  positive: number;
  negative: number;
  /** Unweighted mean of the two classes' F1. */
  macro: number;
}

/** Indices ordered by score, highest first; ties keep index order (deterministic). */
export function rankDescending(scores: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(scores.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
}

/**
 * Area under the ROC curve = the probability that a random positive scores above a random
 * negative, ties counting one half (Mann–Whitney U with average ranks). NaN without both classes.
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const order = rankDescending(scores).reverse();
  const n = order.length;
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < n; ) {
    const value = scores[order[i] as number] as number;
    let j = i;
    while (j + 1 < n && scores[order[j + 1] as number] === value) j++;
    const averageRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k] as number] === 1) {
        positives++;
        rankSum += averageRank;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Predicted positive when score ≥ threshold. */
export function confusionAt(scores: ArrayLike<number>, labels: ArrayLike<number>, threshold: number): Confusion {
  const c: Confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < scores.length; i++) {
    const predicted = (scores[i] as number) >= threshold;
    if (labels[i] === 1) predicted ? c.tp++ : c.fn++;
    else predicted ? c.fp++ : c.tn++;
  }
  return c;
}

const f1 = (hit: number, wrong: number) => (hit === 0 ? 0 : (2 * hit) / (2 * hit + wrong));

export function f1Scores(c: Confusion): F1Scores {
  const positive = f1(c.tp, c.fp + c.fn);
  const negative = f1(c.tn, c.fn + c.fp);
  return { positive, negative, macro: (positive + negative) / 2 };
}

/**
 * The threshold maximising macro-F1 on these scores: every cut between two distinct scores is
 * tried; the threshold is the midpoint of the cut (the highest such cut wins a tie).
 */
export function bestMacroF1Threshold(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
): { threshold: number; macroF1: number } {
  const order = rankDescending(scores);
  const n = order.length;
  let positives = 0;
  for (let i = 0; i < n; i++) if (labels[i] === 1) positives++;
  const c: Confusion = { tp: 0, fp: 0, tn: n - positives, fn: positives };
  const top = n > 0 ? (scores[order[0] as number] as number) : 0;
  let best = { threshold: top + Math.max(Math.abs(top) * 1e-9, 1e-12), macroF1: f1Scores(c).macro };
  for (let i = 0; i < n; ) {
    const value = scores[order[i] as number] as number;
    let j = i;
    while (j < n && scores[order[j] as number] === value) {
      if (labels[order[j] as number] === 1) {
        c.tp++;
        c.fn--;
      } else {
        c.fp++;
        c.tn--;
      }
      j++;
    }
    const macro = f1Scores(c).macro;
    if (macro > best.macroF1) {
      const next = j < n ? (scores[order[j] as number] as number) : value;
      best = { threshold: (value + next) / 2, macroF1: macro };
    }
    i = j;
  }
  return best;
}

/** Share of positives among the `fraction` highest-scored examples (at least one). */
export function precisionAtTop(scores: ArrayLike<number>, labels: ArrayLike<number>, fraction: number): number {
  const order = rankDescending(scores);
  const k = Math.min(order.length, Math.max(1, Math.ceil(fraction * order.length)));
  let hits = 0;
  for (let i = 0; i < k; i++) if (labels[order[i] as number] === 1) hits++;
  return k === 0 ? Number.NaN : hits / k;
}

export interface CalibrationBin {
  /** Predicted probabilities in [from, to) (the last bin includes 1). */
  from: number;
  to: number;
  count: number;
  meanPredicted: number;
  observedRate: number;
}

export interface Calibration {
  bins: CalibrationBin[];
  /** Mean squared error of the probabilities. */
  brier: number;
  /** Expected calibration error: Σ (count / n) · |meanPredicted − observedRate| over the bins. */
  ece: number;
}

export function calibration(probabilities: ArrayLike<number>, labels: ArrayLike<number>, binCount = 10): Calibration {
  const count = new Float64Array(binCount);
  const predicted = new Float64Array(binCount);
  const observed = new Float64Array(binCount);
  let brier = 0;
  const n = probabilities.length;
  for (let i = 0; i < n; i++) {
    const p = probabilities[i] as number;
    const y = labels[i] === 1 ? 1 : 0;
    const b = Math.min(binCount - 1, Math.max(0, Math.floor(p * binCount)));
    count[b] = (count[b] as number) + 1;
    predicted[b] = (predicted[b] as number) + p;
    observed[b] = (observed[b] as number) + y;
    brier += (p - y) ** 2;
  }
  const bins: CalibrationBin[] = [];
  let ece = 0;
  for (let b = 0; b < binCount; b++) {
    const c = count[b] as number;
    const meanPredicted = c > 0 ? (predicted[b] as number) / c : 0;
    const observedRate = c > 0 ? (observed[b] as number) / c : 0;
    bins.push({ from: b / binCount, to: (b + 1) / binCount, count: c, meanPredicted, observedRate });
    if (n > 0) ece += (c / n) * Math.abs(meanPredicted - observedRate);
  }
  return { bins, brier: n > 0 ? brier / n : Number.NaN, ece };
}
