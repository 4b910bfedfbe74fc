import { type TokenOptions, tokenize } from "./tokens.ts";

export interface TermOptions extends TokenOptions {
  /** Longest word n-gram (1 = unigrams only). N-grams never cross a clause boundary. */
  maxNgram: number;
  /** Character n-gram lengths inside each word ("c:" prefix), or null for none. */
  charNgrams: readonly [number, number] | null;
}

/**
 * The terms of one text: word unigrams (negation-marked), word n-grams over the unmarked words
 * joined by a space, and optionally character n-grams of each word padded with spaces.
 */
export function textTerms(text: string, options: TermOptions, out: string[] = []): string[] {
  const tokens = tokenize(text, options);
  const plain = tokens.map((t) => (t?.startsWith("not_") ? t.slice(4) : t));
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === null || token === undefined) continue;
    out.push(token);
    let gram = plain[i] as string;
    for (let n = 2; n <= options.maxNgram; n++) {
      const next = plain[i + n - 1];
      if (next === null || next === undefined) break;
      gram += ` ${next}`;
      out.push(gram);
    }
    if (options.charNgrams) {
      const word = ` ${plain[i]} `;
      const [lo, hi] = options.charNgrams;
      for (let n = lo; n <= hi; n++) for (let s = 0; s + n <= word.length; s++) out.push(`c:${word.slice(s, s + n)}`);
    }
  }
  return out;
}
