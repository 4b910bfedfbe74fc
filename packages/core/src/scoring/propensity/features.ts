import type { CategoryStat, FeatureKind, FeatureSpec, NumericStat } from "./model.schemas.ts";
import type { PreparedData, TermCounts } from "./prepare.ts";
import { type SparseMatrix, sparseBuilder } from "./sparse.ts";
import type { TrainOptions } from "./types.ts";

const CLIP = 5;

/** A fitted spec plus, for the prepared data it came from, each interned term's column (-1 = unused). */
export interface FittedFeatures {
  spec: FeatureSpec;
  columnOf: Int32Array;
}

function standardiser(
  name: string,
  values: Float64Array,
  rows: readonly number[],
  allowLog: boolean,
): NumericStat | null {
  const seen: number[] = [];
  for (const i of rows) {
    const v = values[i] as number;
    if (!Number.isNaN(v)) seen.push(v);
  }
  if (seen.length === 0) return null;
  const missingIndicator = seen.length < rows.length;
  const moments = (xs: number[]) => {
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    const sd = Math.sqrt(variance);
    const skew = sd > 0 ? xs.reduce((s, x) => s + ((x - mean) / sd) ** 3, 0) / xs.length : 0;
    return { mean, sd, skew };
  };
  const raw = moments(seen);
  // Heavy right tails (counts, durations) are compressed so a few huge values do not dominate.
  const transform = allowLog && raw.skew > 2 && Math.min(...seen) >= 0 ? "log1p" : "linear";
  const m = transform === "log1p" ? moments(seen.map(Math.log1p)) : raw;
  return { name, transform, mean: m.mean, sd: m.sd > 0 ? m.sd : 1, missingIndicator };
}

/** Standardised value, clipped to ±5 SD. */
export function standardise(stat: NumericStat, raw: number): number {
  const t = stat.transform === "log1p" ? Math.log1p(Math.max(0, raw)) : raw;
  const z = (t - stat.mean) / stat.sd;
  return Math.min(CLIP, Math.max(-CLIP, z));
}

/** Fits vocabulary, IDF, standardisation and category levels on the training rows only. */
export function fitFeatures(data: PreparedData, rows: readonly number[], options: TrainOptions): FittedFeatures {
  const columnOf = new Int32Array(data.termNames.length).fill(-1);
  let text: FeatureSpec["text"] = null;
  if (data.hasText) {
    const df = new Int32Array(data.termNames.length);
    for (const i of rows) for (const id of (data.docs[i] as TermCounts).ids) df[id] = (df[id] as number) + 1;
    const { minDf, maxDfShare, maxTerms } = options.text;
    const maxDf = Math.max(minDf, Math.floor(maxDfShare * rows.length));
    const kept: number[] = [];
    for (let id = 0; id < df.length; id++)
      if ((df[id] as number) >= minDf && (df[id] as number) <= maxDf) kept.push(id);
    kept.sort((a, b) => (df[b] as number) - (df[a] as number) || cmp(data.termNames[a], data.termNames[b]));
    kept.length = Math.min(kept.length, maxTerms);
    kept.forEach((id, col) => {
      columnOf[id] = col;
    });
    const ratio = naiveBayesRatio(data, rows, df);
    const n = rows.length;
    text = {
      ...options.text,
      terms: kept.map((id) => data.termNames[id] as string),
      scale: kept.map(
        (id) => (Math.log((1 + n) / (1 + (df[id] as number))) + 1) * Math.abs(ratio(id)) ** options.text.nbWeighting,
      ),
    };
  }
  const textStats = data.textStatNames
    .map((name, s) => standardiser(name, data.textStats[s] as Float64Array, rows, false))
    .filter((s): s is NumericStat => s !== null);
  const numeric = data.numericNames
    .map((name, f) => standardiser(name, data.numeric[f] as Float64Array, rows, true))
    .filter((s): s is NumericStat => s !== null);
  const categories: CategoryStat[] = [];
  data.categoryNames.forEach((name, a) => {
    const counts = new Map<string, number>();
    for (const i of rows) {
      const v = (data.categories[a] as (string | null)[])[i];
      if (v != null) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const levels = [...counts].filter(([, c]) => c >= options.minCategoryCount).map(([v]) => v);
    if (levels.length > 0) categories.push({ name, levels: levels.sort(cmp) });
  });
  return { spec: { text, textStats, numeric, categories }, columnOf };
}

/**
 * The log-count ratio of a term between the classes (Wang & Manning 2012, "NBSVM"), from document
 * frequencies with add-one smoothing: how much more often it appears in positives than negatives.
 */
function naiveBayesRatio(data: PreparedData, rows: readonly number[], df: Int32Array): (id: number) => number {
  const dfPositive = new Int32Array(df.length);
  let positives = 0;
  for (const i of rows) {
    if (data.labels[i] !== 1) continue;
    positives++;
    for (const id of (data.docs[i] as TermCounts).ids) dfPositive[id] = (dfPositive[id] as number) + 1;
  }
  const negatives = rows.length - positives;
  return (id) => {
    const p = ((dfPositive[id] as number) + 1) / (positives + 1);
    const q = ((df[id] as number) - (dfPositive[id] as number) + 1) / (negatives + 1);
    return Math.log(p / q);
  };
}

const cmp = (a: string | undefined, b: string | undefined) =>
  (a ?? "") < (b ?? "") ? -1 : (a ?? "") > (b ?? "") ? 1 : 0;

export const textColumns = (spec: FeatureSpec) => spec.text?.terms.length ?? 0;

/** Column count: terms, text stats, numeric (+ missing indicators), category levels. */
export function columnCount(spec: FeatureSpec): number {
  return (
    textColumns(spec) +
    spec.textStats.length +
    spec.numeric.reduce((s, f) => s + (f.missingIndicator ? 2 : 1), 0) +
    spec.categories.reduce((s, c) => s + c.levels.length, 0)
  );
}

export function featureNames(spec: FeatureSpec): { feature: string; kind: FeatureKind }[] {
  const out: { feature: string; kind: FeatureKind }[] = [];
  for (const term of spec.text?.terms ?? []) out.push({ feature: term, kind: "term" });
  for (const s of spec.textStats) out.push({ feature: `text: ${s.name}`, kind: "text-stat" });
  for (const f of spec.numeric) {
    out.push({ feature: f.name, kind: "numeric" });
    if (f.missingIndicator) out.push({ feature: `${f.name} missing`, kind: "missing" });
  }
  for (const c of spec.categories)
    for (const level of c.levels) out.push({ feature: `${c.name}=${level}`, kind: "category" });
  return out;
}

/** Which columns are dense (penalised with the dense factor). */
export function penaltyVector(spec: FeatureSpec, denseFactor: number): Float64Array {
  const p = new Float64Array(columnCount(spec)).fill(denseFactor);
  p.fill(1, 0, textColumns(spec));
  return p;
}

export type Push = (col: number, value: number) => void;

/** Sublinear term frequency × the term's scale (IDF × NB ratio^β), L2-normalised. */
export function pushText(push: Push, scale: readonly number[], cols: ArrayLike<number>, counts: ArrayLike<number>) {
  const values = new Float64Array(cols.length);
  let norm = 0;
  for (let k = 0; k < cols.length; k++) {
    const v = (1 + Math.log(counts[k] as number)) * (scale[cols[k] as number] as number);
    values[k] = v;
    norm += v * v;
  }
  norm = Math.sqrt(norm);
  if (norm === 0) return;
  for (let k = 0; k < cols.length; k++) push(cols[k] as number, (values[k] as number) / norm);
}

/** Dense features from raw values laid out as the spec lists them. */
export function pushDense(
  push: Push,
  spec: FeatureSpec,
  textStat: (s: number) => number,
  numeric: (name: string) => number,
  category: (name: string) => string | null,
) {
  let col = textColumns(spec);
  spec.textStats.forEach((stat, s) => {
    const z = standardise(stat, textStat(s));
    if (z !== 0) push(col, z);
    col++;
  });
  for (const stat of spec.numeric) {
    const raw = numeric(stat.name);
    if (Number.isNaN(raw)) {
      if (stat.missingIndicator) push(col + 1, 1);
    } else {
      const z = standardise(stat, raw);
      if (z !== 0) push(col, z);
    }
    col += stat.missingIndicator ? 2 : 1;
  }
  for (const c of spec.categories) {
    const level = category(c.name);
    const idx = level === null ? -1 : c.levels.indexOf(level);
    if (idx >= 0) push(col + idx, 1);
    col += c.levels.length;
  }
}

/** The design matrix of some prepared rows under a fitted spec. */
export function encodeRows(data: PreparedData, rows: readonly number[], fitted: FittedFeatures): SparseMatrix {
  const { spec, columnOf } = fitted;
  const builder = sparseBuilder(columnCount(spec), rows.length * 64);
  const statIndex = spec.textStats.map((s) => data.textStatNames.indexOf(s.name));
  const numericIndex = new Map(data.numericNames.map((name, f) => [name, f]));
  const categoryIndex = new Map(data.categoryNames.map((name, a) => [name, a]));
  const cols: number[] = [];
  const counts: number[] = [];
  for (const i of rows) {
    if (spec.text) {
      const doc = data.docs[i] as TermCounts;
      cols.length = 0;
      counts.length = 0;
      for (let k = 0; k < doc.ids.length; k++) {
        const col = columnOf[doc.ids[k] as number] as number;
        if (col >= 0) {
          cols.push(col);
          counts.push(doc.counts[k] as number);
        }
      }
      pushText(builder.push, spec.text.scale, cols, counts);
    }
    pushDense(
      builder.push,
      spec,
      (s) => (data.textStats[statIndex[s] as number] as Float64Array)[i] as number,
      (name) => (data.numeric[numericIndex.get(name) as number] as Float64Array)[i] as number,
      (name) => (data.categories[categoryIndex.get(name) as number] as (string | null)[])[i] ?? null,
    );
    builder.endRow();
  }
  return builder.build();
}
