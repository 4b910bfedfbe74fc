import { inflections, reversals } from "./morphology.ts";
import {
  BOOSTER_PHRASES,
  BOOSTERS,
  CONCESSION,
  CONTRAST,
  IRREALIS_PHRASES,
  NEGATION_SCALAR,
  NEGATOR_PHRASES,
  NEGATORS,
  NEUTRAL_PHRASES,
} from "./word-lists.ts";

export const ROLE_NONE = 0;
export const ROLE_NEGATOR = 1;
export const ROLE_IRREALIS = 2;
export const ROLE_CONTRAST = 3;
export const ROLE_CONCESSION = 4;

/** A multi-word entry, found from its first word. */
export interface Phrase {
  /** The words after the first. */
  rest: readonly string[];
  /** Sentiment valence, or NaN for a function phrase. */
  valence: number;
  /** Degree modifier carried by the phrase's last word (0: none). */
  booster: number;
  role: number;
}

/** Everything the scorer knows about one word: one Map probe per token. */
export interface Entry {
  /** Sentiment valence (-4 … +4), or NaN when the word carries none. */
  valence: number;
  booster: number;
  role: number;
  /** Phrases starting with this word, longest first. */
  phrases: readonly Phrase[] | null;
}

export type CompiledLexicon = ReadonlyMap<string, Entry>;

export interface LexiconSource {
  /** Sentiment terms, later layers winning; a key with a space is a phrase. */
  layers: Iterable<Iterable<readonly [string, number]>>;
  /** Add inflected forms ("delight" → "delights", "delighted", "delightful"…) of sentiment words. */
  inflect: boolean;
}

interface MutableEntry {
  valence: number;
  booster: number;
  role: number;
  phrases: Phrase[] | null;
}

/** Builds the lookup index: sentiment layers, their inflections, then the closed word classes. */
export function compileLexicon(source: LexiconSource): CompiledLexicon {
  const index = new Map<string, MutableEntry>();
  const at = (word: string): MutableEntry => {
    let e = index.get(word);
    if (!e) {
      e = { valence: Number.NaN, booster: 0, role: ROLE_NONE, phrases: null };
      index.set(word, e);
    }
    return e;
  };
  const phrases = new Map<string, Phrase>();
  const addPhrase = (key: string, phrase: Omit<Phrase, "rest">) => {
    for (const variant of spellings(key)) phrases.set(variant, { ...phrase, rest: variant.split(" ").slice(1) });
  };

  const words = new Map<string, number>();
  for (const layer of source.layers) {
    for (const [term, valence] of layer) {
      const key = normaliseTerm(term);
      if (!key || !Number.isFinite(valence)) continue;
      if (key.includes(" ")) addPhrase(key, { valence, booster: 0, role: ROLE_NONE });
      else words.set(key, valence);
    }
  }
  for (const [word, valence] of words) at(word).valence = valence;
  if (source.inflect) {
    const unrated = (form: string) => !words.has(form) && Number.isNaN(index.get(form)?.valence ?? Number.NaN);
    for (const [word, valence] of words) {
      for (const form of inflections(word)) if (unrated(form)) at(form).valence = valence;
    }
    for (const [word, valence] of words) {
      for (const form of reversals(word)) if (unrated(form)) at(form).valence = valence * NEGATION_SCALAR;
    }
  }

  for (const [word, value] of BOOSTERS) at(word).booster = value;
  for (const word of NEGATORS) at(word).role = ROLE_NEGATOR;
  for (const word of CONTRAST) at(word).role = ROLE_CONTRAST;
  for (const term of CONCESSION) {
    if (term.includes(" ")) addPhrase(term, { valence: Number.NaN, booster: 0, role: ROLE_CONCESSION });
    else at(term).role = ROLE_CONCESSION;
  }
  for (const [term, value] of BOOSTER_PHRASES)
    addPhrase(term, { valence: Number.NaN, booster: value, role: ROLE_NONE });
  for (const term of NEGATOR_PHRASES) {
    if (term.includes(" ")) addPhrase(term, { valence: Number.NaN, booster: 0, role: ROLE_NEGATOR });
    else {
      // "lacks" negates what it lacks rather than scoring itself.
      const e = at(term);
      e.role = ROLE_NEGATOR;
      e.valence = Number.NaN;
    }
  }
  for (const term of NEUTRAL_PHRASES) addPhrase(term, { valence: Number.NaN, booster: 0, role: ROLE_NONE });
  for (const term of IRREALIS_PHRASES) addPhrase(term, { valence: Number.NaN, booster: 0, role: ROLE_IRREALIS });

  for (const [key, phrase] of phrases) {
    const e = at(key.slice(0, key.indexOf(" ")));
    e.phrases ??= [];
    e.phrases.push(phrase);
  }
  for (const e of index.values()) e.phrases?.sort((a, b) => b.rest.length - a.rest.length);
  return index;
}

export function normaliseTerm(term: string): string {
  return term
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .trim()
    .split(/\s+/)
    .join(" ");
}

/** "can't wait" is also written "cant wait". */
function spellings(key: string): string[] {
  return key.includes("n't") ? [key, key.replaceAll("n't", "nt")] : [key];
}
