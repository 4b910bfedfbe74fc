import { readFileSync } from "node:fs";
import { packageFile } from "../../shared/package-file.ts";

/**
 * The opinion lexicon of Hu & Liu (KDD 2004; 2,006 positive and 4,783 negative words, polarity only),
 * read from opinion-lexicon.txt on first use: word → +1 or -1.
 */
let cached: ReadonlyMap<string, number> | null = null;

export function opinionLexicon(): ReadonlyMap<string, number> {
  cached ??= parseOpinionLexicon(
    readFileSync(packageFile("@advo/core", "src/listening/sentiment/opinion-lexicon.txt"), "utf8"),
  );
  return cached;
}

export function parseOpinionLexicon(text: string): Map<string, number> {
  const polarity = new Map<string, number>();
  for (const line of text.split("\n")) {
    const sign = line[0];
    const word = line.slice(1).trim().toLowerCase();
    if (!word) continue;
    if (sign === "+") polarity.set(word, 1);
    else if (sign === "-") polarity.set(word, -1);
  }
  return polarity;
}

/**
 * What an opinion word VADER's raters never rated is worth on VADER's scale: half the mean valence VADER
 * gives the opinion words of the same polarity that it does rate (+0.95 and -0.86). Half, because a word
 * missing from VADER was either never put to its raters or rated close to neutral and left out; chosen
 * on the held-out reviews among ¼, ½, ¾ and 1 (README.md). One figure per polarity, never per word.
 */
export const OPINION_SHRINK = 0.5;

export function opinionValences(
  polarity: ReadonlyMap<string, number>,
  rated: ReadonlyMap<string, number>,
): Map<string, number> {
  let pos = 0;
  let posN = 0;
  let neg = 0;
  let negN = 0;
  for (const [word, sign] of polarity) {
    const v = rated.get(word);
    if (v === undefined) continue;
    if (sign > 0) {
      pos += v;
      posN++;
    } else {
      neg += v;
      negN++;
    }
  }
  const up = posN > 0 ? (OPINION_SHRINK * pos) / posN : 0;
  const down = negN > 0 ? (OPINION_SHRINK * neg) / negN : 0;
  const out = new Map<string, number>();
  for (const [word, sign] of polarity) out.set(word, sign > 0 ? up : down);
  return out;
}
