import { createSentimentScorer, type SentimentScorer, scoreSentiment, VADER_BASELINE } from "../../listening/index.ts";
import type { SentimentSource } from "./types.ts";

/** Dense statistics of a contact's texts, standardised like numeric features. */
const SENTIMENT_STATS = [
  "sentiment compound (mean)",
  "sentiment compound (most negative text)",
  "sentiment positive share",
  "sentiment negative share",
];
const LENGTH_STATS = ["words (log)", "no text"];

export const textStatNames = (sentiment: SentimentSource): string[] =>
  sentiment === "none" ? LENGTH_STATS : [...SENTIMENT_STATS, ...LENGTH_STATS];

let vader: SentimentScorer | null = null;

function scorerOf(source: Exclude<SentimentSource, "none">): SentimentScorer {
  if (source === "advo") return scoreSentiment;
  vader ??= createSentimentScorer(undefined, VADER_BASELINE);
  return vader;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Sentiment averaged over the non-empty texts and of the most negative one, then length; see textStatNames. */
export function textStatistics(texts: readonly string[], sentiment: SentimentSource): number[] {
  let compound = 0;
  let minCompound = 0;
  let pos = 0;
  let neg = 0;
  let words = 0;
  let count = 0;
  for (const text of texts) {
    if (typeof text !== "string" || text.trim() === "") continue;
    count++;
    words += text.match(WORD)?.length ?? 0;
    if (sentiment === "none") continue;
    const s = scorerOf(sentiment)(text);
    compound += s.compound;
    minCompound = count === 1 ? s.compound : Math.min(minCompound, s.compound);
    pos += s.pos;
    neg += s.neg;
  }
  const share = (v: number) => (count > 0 ? v / count : 0);
  const length = [Math.log1p(words), count === 0 ? 1 : 0];
  return sentiment === "none" ? length : [share(compound), minCompound, share(pos), share(neg), ...length];
}
