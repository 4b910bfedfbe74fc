import { type TermOptions, textTerms } from "./terms.ts";
import { textStatistics, textStatNames } from "./text-stats.ts";
import type { LabelledExample, PropensityExample, TextSettings } from "./types.ts";

/** A document as sorted unique term ids with their counts. */
export interface TermCounts {
  ids: Int32Array;
  counts: Float64Array;
}

/**
 * Examples analysed once, before any fitting: terms interned to ids, text statistics and raw
 * numeric and categorical values by column. Nothing here depends on labels or on a fold.
 */
export interface PreparedData {
  size: number;
  labels: Uint8Array;
  termNames: string[];
  docs: TermCounts[];
  textStatNames: string[];
  /** [stat][example] */
  textStats: Float64Array[];
  numericNames: string[];
  /** [feature][example], NaN = missing */
  numeric: Float64Array[];
  categoryNames: string[];
  /** [attribute][example] */
  categories: (string | null)[][];
  hasText: boolean;
}

/** Term counts of an example's texts; `idOf` returns -1 for unknown terms (which are skipped). */
export function countTerms(texts: readonly string[], text: TermOptions, idOf: (term: string) => number): TermCounts {
  const terms: string[] = [];
  for (const t of texts) if (typeof t === "string" && t !== "") textTerms(t, text, terms);
  const counts = new Map<number, number>();
  for (const term of terms) {
    const id = idOf(term);
    if (id >= 0) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const ids = Int32Array.from(counts.keys()).sort();
  return { ids, counts: Float64Array.from(ids, (id) => counts.get(id) as number) };
}

export const numericValue = (example: PropensityExample, name: string): number => {
  const v = example.numeric[name];
  return typeof v === "number" && Number.isFinite(v) ? v : Number.NaN;
};

export const categoryValue = (example: PropensityExample, name: string): string | null => {
  const v = example.categories?.[name];
  return typeof v === "string" && v.trim() !== "" ? v.trim() : null;
};

export function prepareExamples(examples: readonly LabelledExample[], text: TextSettings): PreparedData {
  const size = examples.length;
  const hasText = examples.some((e) => e.texts.some((t) => typeof t === "string" && t.trim() !== ""));
  const termIds = new Map<string, number>();
  const termNames: string[] = [];
  const intern = (term: string) => {
    let id = termIds.get(term);
    if (id === undefined) {
      id = termNames.length;
      termIds.set(term, id);
      termNames.push(term);
    }
    return id;
  };
  const empty: TermCounts = { ids: new Int32Array(0), counts: new Float64Array(0) };
  const docs = examples.map((e) => (hasText ? countTerms(e.texts, text, intern) : empty));

  const statNames = hasText ? textStatNames(text.sentiment) : [];
  const textStats = statNames.map(() => new Float64Array(size));
  if (hasText) {
    examples.forEach((e, i) => {
      textStatistics(e.texts, text.sentiment).forEach((v, s) => {
        (textStats[s] as Float64Array)[i] = v;
      });
    });
  }

  const numericNames = [...new Set(examples.flatMap((e) => Object.keys(e.numeric)))].sort();
  const categoryNames = [...new Set(examples.flatMap((e) => Object.keys(e.categories ?? {})))].sort();
  return {
    size,
    labels: Uint8Array.from(examples, (e) => (e.label === 1 ? 1 : 0)),
    termNames,
    docs,
    textStatNames: statNames,
    textStats,
    numericNames,
    numeric: numericNames.map((name) => Float64Array.from(examples, (e) => numericValue(e, name))),
    categoryNames,
    categories: categoryNames.map((name) => examples.map((e) => categoryValue(e, name))),
    hasText,
  };
}
