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
  readonly valence: number;
  /**
   * The valence was not rated for this word itself: derived from another word's ("delighted" from
   * "delight") or filled in from a polarity-only lexicon.
   */
  readonly derived: boolean;
  readonly booster: number;
  readonly role: number;
  /** Phrases starting with this word, longest first. */
  readonly phrases: readonly Phrase[] | null;
}

export type CompiledLexicon = ReadonlyMap<string, Entry>;

export interface LexiconSource {
  /** Sentiment terms, later layers winning; a key with a space is a phrase. */
  layers: Iterable<Iterable<readonly [string, number]>>;
  /** Add inflected forms ("delight" → "delights", "delighted"…) and reversals ("unfunny") of words. */
  inflect: boolean;
  /**
   * Words that get this valence only where nothing above gave them one (no sentiment, degree or role of
   * their own, rated or derived): a coarser lexicon filling the gaps of the rated ones. Not inflected.
   */
  fallback?: ReadonlyMap<string, number>;
  /** Emoticons matched as written, not lower-cased ("D:" is not "d:"). */
  exact?: ReadonlyMap<string, number>;
}

interface MutableEntry {
  valence: number;
  derived: boolean;
  booster: number;
  role: number;
  phrases: Phrase[] | null;
}

/**
 * Writes into an index copy-on-write: entries it did not create are copied before changing, so a
 * tenant's lexicon shares every untouched entry with the base one.
 */
function writer(index: Map<string, Entry>) {
  const owned = new Set<MutableEntry>();
  const phrases = new Map<string, Phrase>();
  const at = (word: string): MutableEntry => {
    const e = index.get(word) as MutableEntry | undefined;
    if (e && owned.has(e)) return e;
    const copy: MutableEntry = e
      ? { ...e, phrases: e.phrases ? [...e.phrases] : null }
      : { valence: Number.NaN, derived: false, booster: 0, role: ROLE_NONE, phrases: null };
    owned.add(copy);
    index.set(word, copy);
    return copy;
  };
  return {
    at,
    phrase(key: string, phrase: Omit<Phrase, "rest">) {
      for (const variant of spellings(key)) phrases.set(variant, { ...phrase, rest: variant.split(" ").slice(1) });
    },
    /** Rated words, then their derived forms wherever no rated word of that form exists. */
    words(words: ReadonlyMap<string, number>, inflect: boolean) {
      for (const [word, valence] of words) {
        const e = at(word);
        e.valence = valence;
        e.derived = false;
      }
      if (!inflect) return;
      const derivedHere = new Set<string>();
      const derive = (form: string, valence: number) => {
        if (words.has(form) || derivedHere.has(form)) return;
        const current = index.get(form);
        if (current && !Number.isNaN(current.valence) && !current.derived) return;
        derivedHere.add(form);
        const e = at(form);
        e.valence = valence;
        e.derived = true;
      };
      for (const [word, valence] of words) for (const form of inflections(word)) derive(form, valence);
      for (const [word, valence] of words) for (const form of reversals(word)) derive(form, valence * NEGATION_SCALAR);
    },
    /** Valences for words that have no sentiment, degree or role yet. */
    fill(words: ReadonlyMap<string, number>) {
      for (const [word, valence] of words) {
        const key = normaliseTerm(word);
        if (!key || key.includes(" ") || !Number.isFinite(valence)) continue;
        const current = index.get(key);
        if (current && (!Number.isNaN(current.valence) || current.booster !== 0 || current.role !== ROLE_NONE))
          continue;
        const e = at(key);
        e.valence = valence;
        e.derived = true;
      }
    },
    /** Files the phrases under their first words, replacing same-worded ones, longest first. */
    finish(): CompiledLexicon {
      for (const [key, phrase] of phrases) {
        const e = at(key.slice(0, key.indexOf(" ")));
        const list = (e.phrases ?? []).filter((p) => p.rest.join(" ") !== phrase.rest.join(" "));
        list.push(phrase);
        e.phrases = list;
      }
      for (const e of owned) e.phrases?.sort((a, b) => b.rest.length - a.rest.length);
      return index;
    },
  };
}

function split(layers: Iterable<Iterable<readonly [string, number]>>) {
  const words = new Map<string, number>();
  const phrases = new Map<string, number>();
  for (const layer of layers) {
    for (const [term, valence] of layer) {
      const key = normaliseTerm(term);
      if (!key || !Number.isFinite(valence)) continue;
      if (key.includes(" ")) phrases.set(key, valence);
      else words.set(key, valence);
    }
  }
  return { words, phrases };
}

/** Builds the lookup index: sentiment layers, their derived forms, then the closed word classes. */
export function compileLexicon(source: LexiconSource): CompiledLexicon {
  const w = writer(new Map());
  const { words, phrases } = split(source.layers);
  w.words(words, source.inflect);
  for (const [key, valence] of phrases) w.phrase(key, { valence, booster: 0, role: ROLE_NONE });

  const none = { valence: Number.NaN, booster: 0, role: ROLE_NONE };
  for (const [word, value] of BOOSTERS) w.at(word).booster = value;
  for (const word of NEGATORS) w.at(word).role = ROLE_NEGATOR;
  for (const word of CONTRAST) w.at(word).role = ROLE_CONTRAST;
  for (const term of CONCESSION) {
    if (term.includes(" ")) w.phrase(term, { ...none, role: ROLE_CONCESSION });
    else w.at(term).role = ROLE_CONCESSION;
  }
  for (const [term, value] of BOOSTER_PHRASES) w.phrase(term, { ...none, booster: value });
  for (const term of NEGATOR_PHRASES) {
    if (term.includes(" ")) w.phrase(term, { ...none, role: ROLE_NEGATOR });
    else w.at(term).role = ROLE_NEGATOR;
  }
  for (const term of NEUTRAL_PHRASES) w.phrase(term, none);
  for (const term of IRREALIS_PHRASES) w.phrase(term, { ...none, role: ROLE_IRREALIS });
  if (source.fallback) w.fill(source.fallback);
  for (const [term, valence] of source.exact ?? []) w.at(term).valence = valence;
  return w.finish();
}

/** A compiled lexicon plus more entries (a tenant's), sharing the base's untouched entries. */
export function extendLexicon(
  base: CompiledLexicon,
  layer: Iterable<readonly [string, number]>,
  inflect: boolean,
): CompiledLexicon {
  const w = writer(new Map(base));
  const { words, phrases } = split([layer]);
  w.words(words, inflect);
  for (const [key, valence] of phrases) w.phrase(key, { valence, booster: 0, role: ROLE_NONE });
  return w.finish();
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
