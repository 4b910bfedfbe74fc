import { scoreSentiment } from "../../listening/index.ts";

/** Dense statistics of a contact's texts, standardised like numeric features. */
export const TEXT_STAT_NAMES = [
  "sentiment compound (mean)",
  "sentiment compound (most negative text)",
  "sentiment positive share",
  "sentiment negative share",
  "words (log)",
  "no text",
] as const;

const WORD = /[\p{L}\p{N}]+/gu;

/** Sentiment (Advo's lexicon scorer) averaged over the non-empty texts, the most negative text, and length. */
export function textStatistics(texts: readonly string[], sentiment: boolean): number[] {
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
    if (!sentiment) continue;
    const s = scoreSentiment(text);
    compound += s.compound;
    minCompound = count === 1 ? s.compound : Math.min(minCompound, s.compound);
    pos += s.pos;
    neg += s.neg;
  }
  const share = (v: number) => (count > 0 ? v / count : 0);
  const length = [Math.log1p(words), count === 0 ? 1 : 0];
  return sentiment ? [share(compound), minCompound, share(pos), share(neg), ...length] : length;
}

export const textStatNames = (sentiment: boolean): string[] =>
  sentiment ? [...TEXT_STAT_NAMES] : TEXT_STAT_NAMES.slice(4);
