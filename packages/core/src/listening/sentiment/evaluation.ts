import { labelOf, type SentimentLabel, type SentimentScorer } from "./types.ts";

/** A text with the mean rating of its human judges on VADER's -4 … +4 scale. */
export interface RatedText {
  text: string;
  rating: number;
}

/** Parses the ground-truth files of Hutto & Gilbert (2014): `id <TAB> mean rating <TAB> text` per line. */
export function parseRatedTexts(content: string): RatedText[] {
  const items: RatedText[] = [];
  for (const line of content.split("\n")) {
    const first = line.indexOf("\t");
    const second = line.indexOf("\t", first + 1);
    if (first < 0 || second < 0) continue;
    const rating = Number.parseFloat(line.slice(first + 1, second));
    if (!Number.isFinite(rating)) continue;
    items.push({ text: line.slice(second + 1).replace(/\r$/, ""), rating });
  }
  return items;
}

export interface Agreement {
  /** Pearson correlation of the compound score with the mean human rating. */
  pearson: number;
  /** Macro-averaged F1 over positive / neutral / negative, both sides cut at ±0.05 of a [-1, 1] scale. */
  macroF1: number;
  /**
   * F1 as Hutto & Gilbert's Table 4 computes it (it reproduces their 0.96 for VADER on tweets): the human
   * class by the sign of the mean rating, the score's by ±0.05, F1 averaged weighted by class size.
   */
  tableF1: number;
  n: number;
}

/** How well compound scores agree with human ratings (-4 … +4, scaled to [-1, 1] for the classes). */
export function agreement(compounds: ArrayLike<number>, ratings: ArrayLike<number>): Agreement {
  const truth: SentimentLabel[] = [];
  const predicted: SentimentLabel[] = [];
  for (let i = 0; i < ratings.length; i++) {
    truth.push(labelOf((ratings[i] ?? 0) / 4));
    predicted.push(labelOf(compounds[i] ?? 0));
  }
  const bySign: SentimentLabel[] = [];
  for (let i = 0; i < ratings.length; i++) {
    const r = ratings[i] ?? 0;
    bySign.push(r > 0 ? "positive" : r < 0 ? "negative" : "neutral");
  }
  return {
    pearson: pearson(compounds, ratings),
    macroF1: macroF1(predicted, truth),
    tableF1: weightedF1(predicted, bySign),
    n: ratings.length,
  };
}

export function evaluateScorer(score: SentimentScorer, items: readonly RatedText[]): Agreement {
  return agreement(
    items.map((item) => score(item.text).compound),
    items.map((item) => item.rating),
  );
}

export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = Math.min(x.length, y.length);
  if (n === 0) return 0;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i] ?? 0;
    my += y[i] ?? 0;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] ?? 0) - mx;
    const dy = (y[i] ?? 0) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}

const LABELS: readonly SentimentLabel[] = ["positive", "neutral", "negative"];

export function macroF1(predicted: readonly SentimentLabel[], truth: readonly SentimentLabel[]): number {
  return LABELS.reduce((sum, label) => sum + f1Of(label, predicted, truth), 0) / LABELS.length;
}

/** F1 per class, averaged weighted by how many texts truly are in each class. */
export function weightedF1(predicted: readonly SentimentLabel[], truth: readonly SentimentLabel[]): number {
  if (truth.length === 0) return 0;
  let sum = 0;
  for (const label of LABELS) {
    const support = truth.reduce((n, t) => n + (t === label ? 1 : 0), 0);
    sum += support * f1Of(label, predicted, truth);
  }
  return sum / truth.length;
}

function f1Of(label: SentimentLabel, predicted: readonly SentimentLabel[], truth: readonly SentimentLabel[]): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < truth.length; i++) {
    const p = predicted[i] === label;
    const t = truth[i] === label;
    if (p && t) tp++;
    else if (p) fp++;
    else if (t) fn++;
  }
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}
