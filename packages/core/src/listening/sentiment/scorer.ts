import { B2B_LEXICON } from "./domain-lexicon.ts";
import { EMOJI } from "./emoji.ts";
import { IDIOMS } from "./idioms.ts";
import { type CompiledLexicon, compileLexicon, extendLexicon } from "./lexicon.ts";
import { opinionLexicon, opinionValences } from "./opinion-lexicon.ts";
import { ADVO_METHOD, type SentimentMethod, scoreTokens, VADER_METHOD } from "./score.ts";
import { newTokens, tokenize } from "./tokenize.ts";
import type { LexiconEntries, SentimentScore, SentimentScorer } from "./types.ts";
import { VADER_CASED_EMOTICONS, vaderLexicon } from "./vader-lexicon.ts";

/** The lexicon layers over VADER's own. */
export interface LexiconLayers {
  /** Regular inflections of lexicon words ("delights", "delighted"). */
  inflect: boolean;
  emoji: boolean;
  /** General English idioms ("waste of time", "can't wait"). */
  idioms: boolean;
  /** The B2B software-feedback lexicon. */
  domain: boolean;
  /** Hu & Liu's opinion words that no other layer rates, at one valence per polarity (README.md). */
  opinion: boolean;
}

export interface SentimentOptions {
  /** Parts of Advo's method to switch off (for measuring them); all on by default. */
  method?: Partial<SentimentMethod>;
  /** Lexicon layers to leave out; all in by default. */
  lexicon?: Partial<LexiconLayers>;
}

const ALL_LAYERS: LexiconLayers = { inflect: true, emoji: true, idioms: true, domain: true, opinion: true };

/** VADER's rules over VADER's lexicon alone, through Advo's tokenizer: the baseline in README.md. */
export const VADER_BASELINE: SentimentOptions = {
  method: VADER_METHOD,
  lexicon: { inflect: false, emoji: false, idioms: false, domain: false, opinion: false },
};

const tokens = newTokens();

function scorerOver(lexicon: CompiledLexicon, method: SentimentMethod): SentimentScorer {
  const isEmoticon = (raw: string) => !Number.isNaN(lexicon.get(raw)?.valence ?? Number.NaN);
  return (text) => {
    tokenize(typeof text === "string" ? text : "", tokens, isEmoticon);
    return scoreTokens(tokens, lexicon, method);
  };
}

const shared = new Map<string, CompiledLexicon>();

/** The built-in lexicon for these layers, compiled once per process (about 0.1 s) and shared. */
function builtIn(layers: LexiconLayers): CompiledLexicon {
  const key = JSON.stringify(layers);
  let lexicon = shared.get(key);
  if (!lexicon) {
    const sources: Iterable<readonly [string, number]>[] = [vaderLexicon()];
    if (layers.emoji) sources.push(Object.entries(EMOJI));
    if (layers.idioms) sources.push(Object.entries(IDIOMS));
    if (layers.domain) sources.push(Object.entries(B2B_LEXICON));
    const fallback = layers.opinion ? opinionValences(opinionLexicon(), vaderLexicon()) : undefined;
    const exact = layers.emoji ? VADER_CASED_EMOTICONS : undefined;
    lexicon = compileLexicon({ layers: sources, inflect: layers.inflect, fallback, exact });
    shared.set(key, lexicon);
  }
  return lexicon;
}

/**
 * A sentiment scorer for English text: VADER's lexicon and rules, improved (README.md), plus emoji,
 * idioms and a B2B software-feedback lexicon. `extra` adds or overrides entries — single words or
 * multi-word phrases, valence -4 … +4 — such as a tenant's product vocabulary; it shares the built-in
 * lexicon, so making one costs a copy of the index (tens of milliseconds), not a compilation. Keep and reuse it.
 */
export function createSentimentScorer(extra?: LexiconEntries, options: SentimentOptions = {}): SentimentScorer {
  const layers = { ...ALL_LAYERS, ...options.lexicon };
  const method = { ...ADVO_METHOD, ...options.method };
  const base = builtIn(layers);
  const entries = extra ? Object.entries(extra) : [];
  return scorerOver(entries.length > 0 ? extendLexicon(base, entries, layers.inflect) : base, method);
}

let defaultScorer: SentimentScorer | null = null;

/** Scores one text with the built-in lexicons. */
export function scoreSentiment(text: string): SentimentScore {
  defaultScorer ??= createSentimentScorer();
  return defaultScorer(text);
}
