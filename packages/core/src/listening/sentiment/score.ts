import {
  type CompiledLexicon,
  type Entry,
  ROLE_CONCESSION,
  ROLE_CONTRAST,
  ROLE_IRREALIS,
  ROLE_NEGATOR,
  ROLE_NONE,
} from "./lexicon.ts";
import { SENTENCE_END, type Tokens } from "./tokenize.ts";
import { labelOf, type SentimentScore } from "./types.ts";
import {
  BOOST,
  CAPS_BOOST,
  DAMPEN,
  DETERMINERS,
  LIKE_SUBJECTS,
  NEG_RAISING_VERBS,
  NEGATION_SCALAR,
} from "./word-lists.ts";

/** Switches for each departure from VADER, so the benchmark can measure them one by one. */
export interface SentimentMethod {
  /** Negation and degree words act only within their clause; negation reaches past articles. */
  clauseScope: boolean;
  /** Contrast within each sentence ("but", "however", "although …"), not text-wide. */
  contrast: boolean;
  /** Multi-word expressions: idioms, negating phrases ("far from", "lacks"), "not only". */
  phrases: boolean;
  /** Counterfactuals ("should have been", "tries to be") weaken and reverse what follows. */
  irrealis: boolean;
  /** Word-sense checks for "like", "kind", "pretty", "well". */
  senses: boolean;
  /** Compound normalised for text length, so long texts do not saturate at ±1. */
  lengthNorm: boolean;
  /** A question asserts less than a statement: praise in "is it any good?" counts half, a complaint in full. */
  questions: boolean;
  /** "too" before a word without sentiment of its own is a complaint: "too small", "too slow". */
  excess: boolean;
  /** A clause opened by "if"/"unless" is a supposition, not a report: "if it works, great". */
  conditionals: boolean;
  /** "I don't think it's good": a negated opinion verb negates the rest of its clause. */
  negRaising: boolean;
  /** Each further word of the same polarity adds a little less than the one before. */
  diminishing: boolean;
  /** "!" after a positive text is enthusiasm: it adds more than the same "!" after a negative one. */
  enthusiasm: boolean;
  /** Emoticons, emoji and laughter are the writer's mood: negation and counterfactuals do not reach them. */
  faces: boolean;
}

export const ADVO_METHOD: SentimentMethod = {
  clauseScope: true,
  contrast: true,
  phrases: true,
  irrealis: true,
  senses: true,
  lengthNorm: true,
  questions: true,
  excess: true,
  conditionals: true,
  negRaising: true,
  diminishing: true,
  enthusiasm: true,
  faces: true,
};

export const VADER_METHOD: SentimentMethod = {
  clauseScope: false,
  contrast: false,
  phrases: false,
  irrealis: false,
  senses: false,
  lengthNorm: false,
  questions: false,
  excess: false,
  conditionals: false,
  negRaising: false,
  diminishing: false,
  enthusiasm: false,
  faces: false,
};

// Scratch space reused across calls (scoring is synchronous): no allocation per token.
let valence = new Float64Array(256);
let positives = new Float64Array(256);
let negatives = new Float64Array(256);
let modifier = new Float64Array(256);
let kind = new Uint8Array(256);
let role = new Uint8Array(256);
/** For a negator that is also a sentiment word ("lacks", the "lack" of "lack of"): where that word is. */
let anchor = new Int32Array(256);

function ensure(n: number) {
  if (valence.length >= n) return;
  const size = Math.max(n, valence.length * 2);
  valence = new Float64Array(size);
  positives = new Float64Array(size);
  negatives = new Float64Array(size);
  modifier = new Float64Array(size);
  kind = new Uint8Array(size);
  role = new Uint8Array(size);
  anchor = new Int32Array(size);
}

/** kind[i]: a plain word, a sentiment word, or a word inside a phrase (never a modifier on its own). */
const PLAIN = 0;
const SENTIMENT = 1;
const IN_PHRASE = 2;

const NEGATION_WINDOW = 3;
const IRREALIS_WINDOW = 5;
const IRREALIS_SCALAR = -0.5;
/** "too X": a mild complaint on VADER's scale (between "meh" and "boring"). */
const EXCESS_VALENCE = -1;

export function scoreTokens(t: Tokens, lex: CompiledLexicon, method: SentimentMethod): SentimentScore {
  const n = t.count;
  if (n === 0) return { compound: 0, pos: 0, neu: 0, neg: 0, label: "neutral" };
  ensure(n);
  annotate(t, lex, method);
  const words = t.words;

  let capsCount = 0;
  for (let i = 0; i < n; i++) capsCount += t.caps[i] ?? 0;
  const capsDiffer = capsCount > 0 && capsCount < n;

  for (let i = 0; i < n; i++) {
    if (kind[i] !== SENTIMENT || modifier[i] !== 0) {
      valence[i] = 0;
      continue;
    }
    let v = valence[i] ?? 0;
    const face = method.faces && isFace(words[i] as string);
    // "no" before a sentiment word negates it rather than scoring itself (Advo: within its clause only).
    const scoped = method.clauseScope;
    if (
      words[i] === "no" &&
      i + 1 < n &&
      kind[i + 1] === SENTIMENT &&
      (!scoped || t.breaks[i] === 0) &&
      !(method.faces && isFace(words[i + 1] as string))
    )
      v = 0;
    if (
      !face &&
      ((i > 0 && words[i - 1] === "no" && (!scoped || sameClause(t, i - 1, i))) ||
        (i > 1 && words[i - 2] === "no" && (!scoped || sameClause(t, i - 2, i))) ||
        (i > 2 &&
          words[i - 3] === "no" &&
          (words[i - 1] === "or" || words[i - 1] === "nor") &&
          (!scoped || sameClause(t, i - 3, i))))
    ) {
      v *= NEGATION_SCALAR;
    }
    if (capsDiffer && t.caps[i] === 1) v += v > 0 ? CAPS_BOOST : -CAPS_BOOST;

    // Degree words up to three back, weaker with distance.
    for (let d = 1; d <= 3 && i - d >= 0; d++) {
      const j = i - d;
      if (method.clauseScope && t.breaks[j] !== 0) break;
      // A degree word that also has a valence ("fucking", derived from "fuck") still acts as one.
      if (kind[j] === SENTIMENT && modifier[j] === 0) continue;
      let s = modifier[j] ?? 0;
      if (s === 0) continue;
      if (v < 0) s = -s;
      if (capsDiffer && t.caps[j] === 1) s += v > 0 ? CAPS_BOOST : -CAPS_BOOST;
      if (d === 2) s *= 0.95;
      else if (d === 3) s *= 0.9;
      v += s;
    }

    if (!face) {
      v = method.clauseScope ? negateInClause(t, i, v, method.negRaising) : negateVader(words, i, v);
      if (method.irrealis) v = counterfactual(t, i, v);
    }

    // "least" negates unless it is "at least" / "very least".
    if (i > 0 && words[i - 1] === "least" && kind[i - 1] !== SENTIMENT) {
      const before = i > 1 ? words[i - 2] : "";
      if (before !== "at" && before !== "very") v *= NEGATION_SCALAR;
    }
    valence[i] = v;
  }

  if (method.contrast) weighContrasts(t);
  else butCheck(t);
  if (method.questions) dampenQuestions(t);
  if (method.conditionals) dampenConditionals(t);

  return combine(t, method);
}

/**
 * An emoticon, emoji or laughter: the writer's own mood, outside the clause's proposition, so negation
 * and counterfactuals do not reach it ("I wanted to buy the CD :(" is sad, not hopeful; "not the latter
 * lol" still laughs).
 */
const isFace = (word: string) => FACE_CHARACTER.test(word) || LAUGHTER.test(word);
const FACE_CHARACTER = /[^\p{L}\p{N}'-]/u;
const LAUGHTER = /^(lol[ol]*|lmf?ao+|rofl|(ha){2,}h?|(he){2,}h?|xd+)$/;

/** No punctuation between token `from` and token `to` ("No. Great product" does not negate "great"). */
function sameClause(t: Tokens, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (t.breaks[k] !== 0) return false;
  return true;
}

/** VADER: a negator one, two or three words back (not itself a sentiment word) flips the valence. */
function negateVader(words: string[], i: number, v: number): number {
  for (let d = 1; d <= 3 && i - d >= 0; d++) {
    const j = i - d;
    if (kind[j] === SENTIMENT) continue;
    if (d > 1 && words[j] === "never") {
      const w1 = words[i - 1];
      const w2 = words[j + 1];
      if (w1 === "so" || w1 === "this" || w2 === "so" || w2 === "this") {
        v *= 1.25;
        continue;
      }
    }
    if (d > 1 && words[j] === "without" && (words[j + 1] === "doubt" || words[i - 1] === "doubt")) continue;
    if (role[j] === ROLE_NEGATOR) v *= NEGATION_SCALAR;
  }
  return v;
}

/**
 * Advo: negators within the same clause, up to three words back not counting articles ("not a good
 * idea"), each flipping once; scope ends at punctuation and at contrast words. With `raising`, a negated
 * opinion verb further back in the clause negates too ("I don't think the export is good").
 */
function negateInClause(t: Tokens, i: number, v: number, raising: boolean): number {
  const words = t.words;
  let counted = 0;
  let flipped = false;
  let lastNegator = -1;
  for (let j = i - 1; j >= 0 && counted < NEGATION_WINDOW; j--) {
    if (t.breaks[j] !== 0) break;
    const r = role[j];
    if (r === ROLE_CONTRAST || r === ROLE_CONCESSION) break;
    const w = words[j] as string;
    if (w === "a" || w === "an" || w === "the") continue;
    counted++;
    if (r !== ROLE_NEGATOR) continue;
    // "lacks charm": the shifter's own sentiment now lives in what it negates.
    const a = anchor[j] ?? -1;
    if (a >= 0) valence[a] = 0;
    if (w === "never" && counted > 1) {
      const next = words[j + 1];
      if (next === "so" || next === "this" || words[i - 1] === "so" || words[i - 1] === "this") {
        v *= 1.25;
        continue;
      }
    }
    // A further negator flips again only right beside the nearer one ("don't not like"): in "don't care
    // don't care" the first "don't" has its own word to negate.
    if (lastNegator >= 0 && lastNegator !== j + 1) break;
    lastNegator = j;
    v *= NEGATION_SCALAR;
    flipped = true;
  }
  return raising && !flipped && negatedOpinionVerb(t, i) ? v * NEGATION_SCALAR : v;
}

/** How far back in its clause a negated opinion verb still reaches a sentiment word. */
const RAISING_REACH = 12;

/** "don't think", "do not believe", "didn't really expect" earlier in the clause of word i. */
function negatedOpinionVerb(t: Tokens, i: number): boolean {
  const words = t.words;
  for (let j = i - 1; j > 0 && i - j <= RAISING_REACH; j--) {
    if (t.breaks[j] !== 0) return false;
    const r = role[j];
    if (r === ROLE_CONTRAST || r === ROLE_CONCESSION) return false;
    if (!NEG_RAISING_VERBS.has(words[j] as string)) continue;
    for (let k = j - 1; k >= 0 && j - k <= 2 && t.breaks[k] === 0; k--) if (role[k] === ROLE_NEGATOR) return true;
    return false;
  }
  return false;
}

/** A counterfactual marker earlier in the clause: "should have been great" is not praise. */
function counterfactual(t: Tokens, i: number, v: number): number {
  for (let j = i - 1; j >= 0 && i - j <= IRREALIS_WINDOW; j--) {
    if (t.breaks[j] !== 0) break;
    if (role[j] === ROLE_IRREALIS) return v * IRREALIS_SCALAR;
  }
  return v;
}

/** Lexicon valences, phrase matches and modifier strengths for every token. */
function annotate(t: Tokens, lex: CompiledLexicon, method: SentimentMethod) {
  const n = t.count;
  const words = t.words;
  for (let i = 0; i < n; i++) {
    kind[i] = PLAIN;
    valence[i] = 0;
    modifier[i] = 0;
    role[i] = ROLE_NONE;
    anchor[i] = -1;
  }
  for (let i = 0; i < n; i++) {
    if (kind[i] === IN_PHRASE) continue;
    const w = words[i] as string;
    let e = lex.get(w);
    let stretch = 0;
    if (t.stretched[i] === 1 && (!e || e.derived)) {
      // "sooo goooood", "haaappy": the word it stretches, emphasised. A spelling only a derived or
      // polarity-only layer knows ("goood" is in Hu & Liu's list) yields to the word it stretches.
      const plain = lex.get(squeeze(w, 2)) ?? lex.get(squeeze(w, 1, 3)) ?? lex.get(squeeze(w, 1));
      if (plain && plain !== e) {
        stretch = BOOST;
        e = plain;
      }
    }
    if (method.excess && w === "too" && t.breaks[i] === 0 && i + 1 < n && isPlain(lex.get(words[i + 1] as string))) {
      // "too small", "too slow", "too many clicks": excess is a complaint.
      kind[i + 1] = SENTIMENT;
      valence[i + 1] = EXCESS_VALENCE;
      i++;
      continue;
    }
    if (!e) continue;
    if (e.phrases && method.phrases) {
      const length = matchPhrase(t, i, e);
      if (length > 0) {
        i += length - 1;
        continue;
      }
    }
    if (!method.phrases && (w === "kind" || w === "sort") && words[i + 1] === "of" && t.breaks[i] === 0) {
      // VADER: "kind of" dampens, its words silent.
      kind[i] = IN_PHRASE;
      kind[i + 1] = IN_PHRASE;
      modifier[i + 1] = DAMPEN;
      i++;
      continue;
    }
    role[i] = e.role;
    modifier[i] = e.booster;
    if (!Number.isNaN(e.valence)) {
      kind[i] = SENTIMENT;
      valence[i] = e.valence + (e.valence > 0 ? stretch : -stretch);
      if (method.senses) senseCheck(t, i, w, lex);
      if (e.role === ROLE_NEGATOR && kind[i] === SENTIMENT) anchor[i] = i;
    }
  }
}

/**
 * Runs of one letter of at least `from` letters cut to `max`: squeeze("goooood", 1) is "god", 2 gives
 * "good"; squeeze("haaappy", 1, 3) is "happy" (a double as written stays).
 */
function squeeze(word: string, max: number, from = max + 1): string {
  let out = "";
  let k = 0;
  while (k < word.length) {
    let end = k + 1;
    while (end < word.length && word[end] === word[k]) end++;
    const run = end - k;
    out += (word[k] as string).repeat(run >= from ? max : run);
    k = end;
  }
  return out;
}

/** A word that is neither a sentiment word nor a function word of the scorer's. */
const isPlain = (e: Entry | undefined) =>
  !e || (Number.isNaN(e.valence) && e.booster === 0 && e.role === ROLE_NONE && !e.phrases);

/** Uses of "like", "kind", "pretty" and "well" that carry no sentiment. */
function senseCheck(t: Tokens, i: number, w: string, lex: CompiledLexicon) {
  const words = t.words;
  const prev = i > 0 && t.breaks[i - 1] === 0 ? (words[i - 1] as string) : "";
  const next = t.breaks[i] === 0 ? words[i + 1] : undefined;
  let neutral = false;
  if (w === "like") neutral = !LIKE_SUBJECTS.has(prev);
  else if (w === "kind") neutral = DETERMINERS.has(prev);
  else if (w === "well") neutral = prev === "as" || prev === "" || next === "as";
  else if (w === "pretty") {
    // "pretty good", "pretty much": an adverb, not praise of looks.
    const e: Entry | undefined = next === undefined ? undefined : lex.get(next);
    neutral = next === "much" || next === "sure" || (e !== undefined && (!Number.isNaN(e.valence) || e.booster !== 0));
  }
  if (neutral) {
    kind[i] = PLAIN;
    valence[i] = 0;
  }
}

function matchPhrase(t: Tokens, i: number, first: Entry): number {
  const words = t.words;
  outer: for (const p of first.phrases ?? []) {
    const len = p.rest.length;
    if (i + len >= t.count) continue;
    for (let k = 0; k < len; k++) {
      if (t.breaks[i + k] !== 0 || words[i + 1 + k] !== p.rest[k]) continue outer;
    }
    // "the kind of film": "kind of" is a noun phrase after a determiner, not a dampener.
    if (p.booster !== 0 && i > 0 && t.breaks[i - 1] === 0 && DETERMINERS.has(words[i - 1] as string)) continue;
    for (let k = 0; k <= len; k++) kind[i + k] = IN_PHRASE;
    if (!Number.isNaN(p.valence)) {
      kind[i] = SENTIMENT;
      valence[i] = p.valence;
    } else {
      role[i + len] = p.role;
      modifier[i + len] = p.booster;
      if (p.role === ROLE_NEGATOR && !Number.isNaN(first.valence)) {
        // "lack of", "fails to": the first word keeps its sentiment unless the phrase negates something.
        kind[i] = SENTIMENT;
        valence[i] = first.valence;
        anchor[i + len] = i;
      }
    }
    return len + 1;
  }
  return 0;
}

/** VADER: the first "but" halves what comes before it and multiplies what follows by 1.5, text-wide. */
function butCheck(t: Tokens) {
  const n = t.count;
  let at = -1;
  for (let i = 0; i < n; i++) {
    if (t.words[i] === "but") {
      at = i;
      break;
    }
  }
  if (at < 0) return;
  scale(0, at, VADER_BEFORE_BUT);
  scale(at + 1, n, VADER_AFTER_BUT);
}

const VADER_BEFORE_BUT = 0.5;
const VADER_AFTER_BUT = 1.5;
/**
 * Advo: what is conceded counts a fifth and what follows keeps its weight. Chosen on the held-out reviews
 * from before × {0, 0.1, 0.2, 0.25, 0.33, 0.5} and after × {0.9, 1, 1.25, 1.5} (README.md).
 */
const BEFORE_CONTRAST = 0.2;
const AFTER_CONTRAST = 1;

/**
 * Contrast, sentence by sentence: what precedes the last "but"/"however" of a sentence counts a fifth
 * and what follows in full (a sentence opening with "But" or "However" contrasts with the sentence
 * before); a clause opened by "although"/"though"/"despite" counts a fifth and the rest of its sentence
 * in full.
 */
function weighContrasts(t: Tokens) {
  const n = t.count;
  let start = 0;
  let previousStart = -1;
  for (let end = 0; end < n; end++) {
    if (t.breaks[end] !== SENTENCE_END && end !== n - 1) continue;
    weighSentence(t, start, end + 1, previousStart);
    previousStart = start;
    start = end + 1;
  }
}

function scale(from: number, to: number, factor: number) {
  for (let k = from; k < to; k++) valence[k] = (valence[k] ?? 0) * factor;
}

function weighSentence(t: Tokens, start: number, end: number, previousStart: number) {
  let pivot = -1;
  for (let i = start; i < end; i++) if (role[i] === ROLE_CONTRAST) pivot = i;
  if (pivot === start) {
    if (previousStart >= 0) scale(previousStart, start, BEFORE_CONTRAST);
    scale(start + 1, end, AFTER_CONTRAST);
    return;
  }
  if (pivot > start) {
    scale(start, pivot, BEFORE_CONTRAST);
    scale(pivot + 1, end, AFTER_CONTRAST);
    return;
  }
  for (let i = start; i < end; i++) {
    if (role[i] !== ROLE_CONCESSION) continue;
    let clauseEnd = i + 1;
    while (clauseEnd < end && t.breaks[clauseEnd - 1] === 0) clauseEnd++;
    // "It was good, though." concedes nothing after it.
    if (clauseEnd === i + 1) return;
    scale(start, i, AFTER_CONTRAST);
    scale(i + 1, clauseEnd, BEFORE_CONTRAST);
    scale(clauseEnd, end, AFTER_CONTRAST);
    return;
  }
}

const QUESTION_SCALAR = 0.5;

/**
 * Praise in a sentence ending in "?" counts half: the question does not assert it ("is it any good?").
 * A complaint keeps its weight: a question holding one is usually a complaint ("why is it so slow?").
 */
function dampenQuestions(t: Tokens) {
  let start = 0;
  for (let end = 0; end < t.count; end++) {
    if (t.breaks[end] !== SENTENCE_END && end !== t.count - 1) continue;
    if ((t.questions[end] ?? 0) > 0) {
      for (let k = start; k <= end; k++) if ((valence[k] ?? 0) > 0) valence[k] = (valence[k] ?? 0) * QUESTION_SCALAR;
    }
    start = end + 1;
  }
}

const CONDITIONAL_SCALAR = 0.5;

/**
 * What a clause opened by "if" or "unless" says counts half ("if the export worked I'd be happy"); not
 * after "as"/"even" ("as if", "even if"), and not "if only", which is a counterfactual.
 */
function dampenConditionals(t: Tokens) {
  const n = t.count;
  const words = t.words;
  for (let i = 0; i < n; i++) {
    const w = words[i];
    if (w !== "if" && w !== "unless") continue;
    if (words[i + 1] === "only") continue;
    const before = i > 0 && t.breaks[i - 1] === 0 ? words[i - 1] : "";
    if (before === "as" || before === "even") continue;
    let end = i + 1;
    while (end < n && t.breaks[end - 1] === 0) end++;
    scale(i + 1, end, CONDITIONAL_SCALAR);
    i = end - 1;
  }
}

/** VADER's normalisation constant: compound = x / √(x² + ALPHA). */
const ALPHA = 15;
/**
 * Texts of up to this many tokens keep VADER's sum; a longer one's sum is divided by √(tokens / 8), so
 * a sentiment word among many neutral ones counts less (chosen on held-out product reviews; README.md).
 */
const CALIBRATED_LENGTH = 8;

/** VADER: each "!" (up to four) adds emphasis. */
function bangEmphasis(t: Tokens): number {
  let bangs = 0;
  for (let i = 0; i < t.count; i++) bangs += t.bangs[i] ?? 0;
  return Math.min(bangs, 4) * 0.292;
}

/** VADER: two or more "?" add emphasis. */
function questionEmphasis(t: Tokens): number {
  let questions = 0;
  for (let i = 0; i < t.count; i++) questions += t.questions[i] ?? 0;
  if (questions <= 1) return 0;
  return questions <= 3 ? questions * 0.18 : 0.96;
}

/**
 * How much more a "!" adds to a positive text than VADER's 0.292 (chosen on the held-out product
 * reviews, where 2–3 were best; README.md).
 */
const ENTHUSIASM = 2.5;
/** The weight of each further word of one polarity relative to the one before (held-out reviews). */
const DIMINISHING = 0.95;

/** Sum of the first `count` values, strongest first, each weighted DIMINISHING times the one before. */
function diminishingSum(values: Float64Array, count: number): number {
  const sorted = values.subarray(0, count).sort();
  let sum = 0;
  let weight = 1;
  for (let k = count - 1; k >= 0; k--) {
    sum += (sorted[k] ?? 0) * weight;
    weight *= DIMINISHING;
  }
  return sum;
}

/** VADER's sum, punctuation emphasis, normalisation and pos/neu/neg shares. */
function combine(t: Tokens, method: SentimentMethod): SentimentScore {
  const n = t.count;
  let posSum = 0;
  let negSum = 0;
  let neutral = 0;
  let plainSum = 0;
  let p = 0;
  let q = 0;
  for (let i = 0; i < n; i++) {
    const v = valence[i] ?? 0;
    plainSum += v;
    if (v > 0) {
      positives[p++] = v;
      posSum += v + 1;
    } else if (v < 0) {
      negatives[q++] = -v;
      negSum += v - 1;
    } else neutral++;
  }
  let sum = method.diminishing ? diminishingSum(positives, p) - diminishingSum(negatives, q) : plainSum;
  const bangs = bangEmphasis(t);
  const boost = bangs + questionEmphasis(t);
  if (sum > 0) sum += boost + (method.enthusiasm ? bangs * (ENTHUSIASM - 1) : 0);
  else if (sum < 0) sum -= boost;
  // Sentiment spread thinly over a long text counts less than the same words said briefly.
  if (method.lengthNorm && n > CALIBRATED_LENGTH) sum /= Math.sqrt(n / CALIBRATED_LENGTH);
  const compound = round(Math.max(-1, Math.min(1, sum / Math.sqrt(sum * sum + ALPHA))), 4);
  if (posSum > -negSum) posSum += boost;
  else if (posSum < -negSum) negSum -= boost;
  const total = posSum - negSum + neutral;
  return {
    compound,
    pos: round(posSum / total, 3),
    neu: round(neutral / total, 3),
    neg: round(-negSum / total, 3),
    label: labelOf(compound),
  };
}

/** Rounded, and never -0. */
const round = (x: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f + 0;
};
