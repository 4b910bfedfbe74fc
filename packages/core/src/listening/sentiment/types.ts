export type SentimentLabel = "positive" | "neutral" | "negative";

/** VADER-style scores: `compound` in [-1, 1]; `pos + neu + neg` ≈ 1 (shares of the text's sentiment mass). */
export interface SentimentScore {
  compound: number;
  pos: number;
  neu: number;
  neg: number;
  label: SentimentLabel;
}

/** Extra lexicon entries: a word or multi-word phrase → valence on VADER's scale (-4 … +4). */
export type LexiconEntries = Readonly<Record<string, number>>;

export type SentimentScorer = (text: string) => SentimentScore;

/** The published thresholds (Hutto & Gilbert 2014): compound ≥ 0.05 positive, ≤ -0.05 negative. */
export const POSITIVE_THRESHOLD = 0.05;
export const NEGATIVE_THRESHOLD = -0.05;

export function labelOf(compound: number): SentimentLabel {
  if (compound >= POSITIVE_THRESHOLD) return "positive";
  if (compound <= NEGATIVE_THRESHOLD) return "negative";
  return "neutral";
}
