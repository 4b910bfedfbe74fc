// Tokenisation and negation scope: language-agnostic word tokens (Unicode letters and digits),
// English negators marking what follows them up to the end of the clause ("not good" → "not_good").

export interface TokenOptions {
  /** Mark tokens inside a negation scope with the prefix "not_". */
  negation: boolean;
  /** At most this many tokens after a negator are marked (the clause end always closes the scope). */
  negationWindow: number;
}

const NEGATORS = new Set([
  "not",
  "no",
  "never",
  "nothing",
  "nobody",
  "none",
  "nowhere",
  "neither",
  "nor",
  "without",
  "cannot",
  "hardly",
  "barely",
  "lack",
  "lacks",
  "lacking",
  // Contractions typed without the apostrophe.
  "dont",
  "didnt",
  "doesnt",
  "isnt",
  "wasnt",
  "arent",
  "werent",
  "cant",
  "couldnt",
  "wouldnt",
  "shouldnt",
  "wont",
  "havent",
  "hasnt",
  "hadnt",
  "aint",
]);

/** Words that end a clause like punctuation does: what follows is no longer negated. */
const CLAUSE_WORDS = new Set(["but", "however", "although", "though", "yet", "except", "whereas"]);

export const isNegator = (token: string) => NEGATORS.has(token) || token.endsWith("n't");

const PUNCTUATION = new Set([".", ",", ";", ":", "!", "?", "(", ")"]);
const TOKEN = /[\p{L}\p{N}]+(?:'[\p{L}]+)*|[.,;:!?()]/gu;
const APOSTROPHES = /[\u2018\u2019\u02bc`´]/g;

/** A token stream where `null` marks a clause boundary (punctuation or a contrast word). */
export function tokenize(text: string, options: TokenOptions): (string | null)[] {
  const out: (string | null)[] = [];
  let scope = 0;
  for (const match of text.toLowerCase().replace(APOSTROPHES, "'").matchAll(TOKEN)) {
    const token = match[0];
    if (PUNCTUATION.has(token)) {
      scope = 0;
      if (out.length > 0 && out[out.length - 1] !== null) out.push(null);
      continue;
    }
    if (CLAUSE_WORDS.has(token)) {
      scope = 0;
      if (out.length > 0 && out[out.length - 1] !== null) out.push(null);
      out.push(token);
      continue;
    }
    if (options.negation && isNegator(token)) {
      out.push(token);
      scope = options.negationWindow;
      continue;
    }
    if (scope > 0) {
      out.push(`not_${token}`);
      scope--;
    } else out.push(token);
  }
  return out;
}
