/**
 * One pass over the text's UTF-16 code units into a reusable token buffer: no regular expressions, one
 * lower-cased copy of the text and one string per token. Each token records whether it was written in
 * ALL CAPS and what punctuation follows it (a clause break, a sentence end, "!" and "?" counts).
 */

export const NO_BREAK = 0;
export const CLAUSE_BREAK = 1;
export const SENTENCE_END = 2;

export interface Tokens {
  count: number;
  words: string[];
  /** 1 when the token has upper-case letters and no lower-case ones. */
  caps: Uint8Array;
  /** The strongest break after the token: NO_BREAK, CLAUSE_BREAK or SENTENCE_END. */
  breaks: Uint8Array;
  /** 1 when a letter repeats three times or more ("sooo"). */
  stretched: Uint8Array;
  /** "!" and "?" written after the token (before the next one). */
  bangs: Uint16Array;
  questions: Uint16Array;
}

export function newTokens(capacity = 64): Tokens {
  return {
    count: 0,
    words: new Array<string>(capacity),
    caps: new Uint8Array(capacity),
    stretched: new Uint8Array(capacity),
    breaks: new Uint8Array(capacity),
    bangs: new Uint16Array(capacity),
    questions: new Uint16Array(capacity),
  };
}

function grow(t: Tokens) {
  const size = t.caps.length * 2;
  const caps = new Uint8Array(size);
  caps.set(t.caps);
  const breaks = new Uint8Array(size);
  breaks.set(t.breaks);
  const stretched = new Uint8Array(size);
  stretched.set(t.stretched);
  const bangs = new Uint16Array(size);
  bangs.set(t.bangs);
  const questions = new Uint16Array(size);
  questions.set(t.questions);
  t.caps = caps;
  t.breaks = breaks;
  t.stretched = stretched;
  t.bangs = bangs;
  t.questions = questions;
}

function push(t: Tokens, word: string, caps: boolean, stretched = false) {
  if (t.count === t.caps.length) grow(t);
  const i = t.count++;
  t.words[i] = word;
  t.caps[i] = caps ? 1 : 0;
  t.stretched[i] = stretched ? 1 : 0;
  t.breaks[i] = NO_BREAK;
  t.bangs[i] = 0;
  t.questions[i] = 0;
}

function markBreak(t: Tokens, kind: number) {
  const i = t.count - 1;
  if (i >= 0 && (t.breaks[i] ?? 0) < kind) t.breaks[i] = kind;
}

enum Kind {
  Space,
  Letter,
  Upper,
  Lower,
  Digit,
  Apostrophe,
  Hyphen,
  Punct,
  Emoji,
  Invisible,
}

function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** The class of the code unit at `i` (for a surrogate pair, of the whole code point). */
function kindAt(text: string, i: number): Kind {
  const c = text.charCodeAt(i);
  if (c < 0x80) {
    if (c >= 97 && c <= 122) return Kind.Lower;
    if (c >= 65 && c <= 90) return Kind.Upper;
    if (c >= 48 && c <= 57) return Kind.Digit;
    if (c === 39) return Kind.Apostrophe;
    if (c === 45) return Kind.Hyphen;
    if (isSpace(c)) return Kind.Space;
    return Kind.Punct;
  }
  if (isSpace(c)) return Kind.Space;
  if (c === 0x2019 || c === 0x2018 || c === 0x02bc) return Kind.Apostrophe;
  if (c === 0x200d || c === 0xfe0f || c === 0xfe0e || c === 0x20e3) return Kind.Invisible;
  if (
    (c >= 0x2010 && c <= 0x2027) ||
    (c >= 0x2030 && c <= 0x205e) ||
    c === 0xab ||
    c === 0xbb ||
    c === 0xa1 ||
    c === 0xbf ||
    (c >= 0x3001 && c <= 0x3003) ||
    (c >= 0xff01 && c <= 0xff0f) ||
    (c >= 0xff1a && c <= 0xff20)
  ) {
    return Kind.Punct;
  }
  if (
    (c >= 0x2190 && c <= 0x21ff) ||
    (c >= 0x2300 && c <= 0x23ff) ||
    (c >= 0x2600 && c <= 0x27bf) ||
    (c >= 0x2b00 && c <= 0x2bff) ||
    c === 0x3030 ||
    c === 0x303d ||
    c === 0x3297 ||
    c === 0x3299
  ) {
    return Kind.Emoji;
  }
  if (c >= 0xd83c && c <= 0xd83e) {
    const low = text.charCodeAt(i + 1);
    // Skin-tone modifiers (U+1F3FB–1F3FF) only tint the emoji before them.
    if (c === 0xd83c && low >= 0xdffb && low <= 0xdfff) return Kind.Invisible;
    return Kind.Emoji;
  }
  if (c >= 0xdc00 && c <= 0xdfff) return Kind.Invisible; // a stray low surrogate
  return Kind.Letter;
}

const isWordKind = (k: Kind) => k === Kind.Lower || k === Kind.Upper || k === Kind.Digit || k === Kind.Letter;

const ENTITIES: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#39;": "'",
  "&apos;": "'",
};

/** Tweets often arrive HTML-escaped ("&lt;3" is a heart). */
function decodeEntities(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|apos|#39);/g, (m) => ENTITIES[m] ?? m);
}

/**
 * Splits `input` into `t` (cleared first). `isEmoticon` is asked about short raw tokens holding punctuation
 * (":-)", "</3", ":D") before they are split into words: as written first when they have capitals ("D:"
 * and "d:" differ), then lower-cased.
 */
export function tokenize(input: string, t: Tokens, isEmoticon: (token: string) => boolean): void {
  t.count = 0;
  const text = input.indexOf("&") >= 0 ? decodeEntities(input) : input;
  let lower = text.toLowerCase();
  const lowerAligned = lower.length === text.length;
  if (!lowerAligned) lower = text;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      if (c === 10) markBreak(t, SENTENCE_END);
      i++;
      continue;
    }
    let end = i + 1;
    let plain = true;
    while (end < n && !isSpace(text.charCodeAt(end))) {
      const k = kindAt(text, end);
      if (!isWordKind(k)) plain = false;
      end++;
    }
    if (!isWordKind(kindAt(text, i))) plain = false;
    if (!plain && isLinkOrMention(lower, i, end)) {
      // One neutral token: it names something, and still counts towards the text's length.
      push(t, lower.charCodeAt(i) === 64 ? "@user" : "http://url", false);
      i = end;
      continue;
    }
    if (plain) {
      // The common case: a run of letters and digits.
      pushWord(t, text, lower, lowerAligned, i, end);
      i = end;
      continue;
    }
    if (end - i <= 6) {
      const written = text.slice(i, end);
      if (hasUpperCase(written) && isEmoticon(written)) {
        push(t, written, false);
        i = end;
        continue;
      }
      const raw = lowerAligned ? lower.slice(i, end) : written.toLowerCase();
      if (isEmoticon(raw)) {
        push(t, raw, false);
        i = end;
        continue;
      }
    }
    splitToken(t, text, lower, lowerAligned, i, end);
    i = end;
  }
}

const hasUpperCase = (s: string) => s !== s.toLowerCase();

/** URLs and @mentions name things; they carry no sentiment ("@lovely_jane", "http://great.example"). */
function isLinkOrMention(lower: string, start: number, end: number): boolean {
  const c = lower.charCodeAt(start);
  if (c === 64) return end - start > 1; // @name
  if (lower.startsWith("http", start) || lower.startsWith("www.", start)) return true;
  // "ftp://…", "app://…": look for "://" inside this token only.
  for (let j = start + 1; j + 2 < end; j++) {
    if (lower.charCodeAt(j) === 58 && lower.charCodeAt(j + 1) === 47 && lower.charCodeAt(j + 2) === 47) return true;
  }
  return false;
}

function pushWord(t: Tokens, text: string, lower: string, aligned: boolean, start: number, end: number) {
  let upper = false;
  let lowerCase = false;
  let curly = false;
  let stretched = false;
  let run = 0;
  for (let j = start; j < end; j++) {
    const c = text.charCodeAt(j);
    if (c >= 65 && c <= 90) upper = true;
    else if (c >= 97 && c <= 122) lowerCase = true;
    else if (c === 0x2019 || c === 0x2018 || c === 0x02bc) curly = true;
    run = j > start && (c | 32) === (text.charCodeAt(j - 1) | 32) ? run + 1 : 1;
    if (run === 3 && c >= 65) stretched = true;
  }
  let word = aligned ? lower.slice(start, end) : text.slice(start, end).toLowerCase();
  if (curly) word = word.replace(/[\u2018\u2019\u02bc]/g, "'");
  push(t, word, upper && !lowerCase, stretched);
}

/** A raw token with punctuation inside or around it: words, emoji and the breaks between them. */
/** The word in [start, end) without leading and trailing apostrophes and hyphens, if any is left. */
function pushTrimmed(t: Tokens, text: string, lower: string, aligned: boolean, start: number, end: number) {
  let s = start;
  let e = end;
  while (s < e && !isWordKind(kindAt(text, s))) s++;
  while (e > s && !isWordKind(kindAt(text, e - 1))) e--;
  if (e > s) pushWord(t, text, lower, aligned, s, e);
}

const widthAt = (text: string, j: number) => {
  const c = text.charCodeAt(j);
  return c >= 0xd800 && c <= 0xdbff ? 2 : 1;
};

/** A raw token with punctuation inside or around it: words, emoji and the breaks between them. */
function splitToken(t: Tokens, text: string, lower: string, aligned: boolean, start: number, end: number) {
  let wordStart = -1;
  let j = start;
  while (j < end) {
    const k = kindAt(text, j);
    if (isWordKind(k) || k === Kind.Apostrophe || k === Kind.Hyphen) {
      if (wordStart < 0) wordStart = j;
      if (k === Kind.Hyphen && j + 1 < end && text.charCodeAt(j + 1) === 45) {
        // "--" is a dash, not a hyphen.
        pushTrimmed(t, text, lower, aligned, wordStart, j);
        wordStart = -1;
        markBreak(t, CLAUSE_BREAK);
        j += 2;
        continue;
      }
      j += widthAt(text, j);
      continue;
    }
    if (wordStart >= 0) {
      pushTrimmed(t, text, lower, aligned, wordStart, j);
      wordStart = -1;
    }
    if (k === Kind.Emoji) {
      const width = widthAt(text, j);
      push(t, text.slice(j, j + width), false);
      j += width;
      continue;
    }
    if (k === Kind.Invisible) {
      j += widthAt(text, j);
      continue;
    }
    punctuation(t, text, j);
    j++;
  }
  if (wordStart >= 0) pushTrimmed(t, text, lower, aligned, wordStart, end);
  // A lone hyphen between words ("good - not great") is a dash.
  if (end - start === 1 && text.charCodeAt(start) === 45) markBreak(t, CLAUSE_BREAK);
}

function punctuation(t: Tokens, text: string, j: number) {
  const c = text.charCodeAt(j);
  const last = t.count - 1;
  switch (c) {
    case 33: // !
    case 0xff01:
    case 0xa1:
      if (last >= 0) t.bangs[last] = (t.bangs[last] ?? 0) + 1;
      markBreak(t, SENTENCE_END);
      return;
    case 63: // ?
    case 0xff1f:
    case 0xbf:
      if (last >= 0) t.questions[last] = (t.questions[last] ?? 0) + 1;
      markBreak(t, SENTENCE_END);
      return;
    case 46: {
      // "3.5" is a number, not a sentence end.
      const before = text.charCodeAt(j - 1);
      const after = text.charCodeAt(j + 1);
      if (before >= 48 && before <= 57 && after >= 48 && after <= 57) return;
      markBreak(t, SENTENCE_END);
      return;
    }
    case 0x3002:
    case 0x2026:
      markBreak(t, SENTENCE_END);
      return;
    case 44:
    case 59:
    case 58:
    case 40:
    case 41:
    case 0x2013:
    case 0x2014:
    case 0xff0c:
    case 0x3001:
      markBreak(t, CLAUSE_BREAK);
      return;
    default:
      return;
  }
}
