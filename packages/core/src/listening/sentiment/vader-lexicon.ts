import { readFileSync } from "node:fs";
import { packageFile } from "../../shared/package-file.ts";

/**
 * VADER's lexicon (Hutto & Gilbert 2014; 7,517 words, emoticons and slang, each the mean of 10 human
 * ratings on -4 … +4), read from the `vader-sentiment` package's vader_lexicon.txt. Read once, on first use.
 * Lines are `term <TAB> mean <TAB> sd <TAB> ratings`; a later duplicate wins, as in the reference code.
 */
let cached: ReadonlyMap<string, number> | null = null;

export function vaderLexicon(): ReadonlyMap<string, number> {
  if (cached) return cached;
  cached = parseVaderLexicon(readFileSync(packageFile("vader-sentiment", "vader_lexicon.txt"), "utf8"));
  return cached;
}

export function parseVaderLexicon(text: string): Map<string, number> {
  const lexicon = new Map<string, number>();
  for (const line of text.split("\n")) {
    const tab = line.indexOf("\t");
    if (tab <= 0) continue;
    const valence = Number.parseFloat(line.slice(tab + 1, line.indexOf("\t", tab + 1)));
    if (Number.isFinite(valence)) lexicon.set(line.slice(0, tab).toLowerCase(), valence);
  }
  return lexicon;
}

/**
 * Emoticons whose case changes their meaning. VADER's lexicon rates "D:" (dismay) -2.9 and "D=" -3.0 in
 * its emoticon block, and "d:" / "d=" (a tongue out) +1.2 / +1.5 among the words. The copy it ships is
 * lower-cased, so the later rating won for both spellings and every "D:" read as happy; these are looked
 * up as written.
 */
export const VADER_CASED_EMOTICONS: ReadonlyMap<string, number> = new Map([
  ["D:", -2.9],
  ["D=", -3.0],
]);
