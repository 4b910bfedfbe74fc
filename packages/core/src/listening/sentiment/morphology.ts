// Regular English inflections of a lexicon word, so "delight" also covers "delights", "delighted",
// "delighting" and "delightfully"-style adverbs without listing each form. Generated once, when a lexicon
// is compiled; a form that is itself in the lexicon keeps its own rating.

const VOWELS = "aeiou";
const isVowel = (c: string | undefined) => c !== undefined && VOWELS.includes(c);

/**
 * Forms whose meaning drifts from the base word: "likely" is not "like", "unlike" is a preposition,
 * "originally" means "at first", "striking" and "arresting" praise, "goods" are products, "shooting" is
 * not the exclamation "shoot!".
 */
const NOT_DERIVED = new Set([
  "likely",
  "unlike",
  "hardly",
  "barely",
  "lovely",
  "fairly",
  "pretty",
  "kindly",
  "dearly",
  "kinds",
  "goods",
  "hands",
  "handed",
  "originally",
  "naturally",
  "striking",
  "arresting",
  "numbers",
  "leaves",
  "shooting",
  "shoots",
]);

/**
 * Derivations that reverse a word's sense: "unfunny", "uninspired", "joyless", "flawless". Returned with
 * the scalar VADER applies to a negated word, since "unfunny" reads like "not funny".
 */
export function reversals(word: string): string[] {
  if (word.length < 3 || !/^[a-z]+$/.test(word) || word.startsWith("un")) return [];
  const forms = [`un${word}`].filter((f) => !NOT_DERIVED.has(f));
  if (!word.endsWith("less") && !word.endsWith("ful") && !word.endsWith("ly") && !word.endsWith("ing")) {
    forms.push(word.endsWith("y") && !isVowel(word.at(-2)) ? `${word.slice(0, -1)}iless` : `${word}less`);
  }
  return forms;
}

export function inflections(word: string): string[] {
  if (word.length < 3 || !/^[a-z]+$/.test(word)) return [];
  const forms: string[] = [];
  const last = word.at(-1) as string;
  const beforeLast = word.at(-2);
  const consonantY = last === "y" && !isVowel(beforeLast);
  const stem = consonantY ? word.slice(0, -1) : word;
  // Doubling: "stop" → "stopped", "sad" → "sadder" (short consonant-vowel-consonant words).
  const doubles =
    word.length <= 5 && !isVowel(last) && isVowel(beforeLast) && !isVowel(word.at(-3)) && !"wxy".includes(last);

  // Plural and third person.
  if (/(s|x|z|ch|sh)$/.test(word)) forms.push(`${word}es`);
  else forms.push(consonantY ? `${stem}ies` : `${word}s`);
  // Past tense and participles.
  if (last === "e") forms.push(`${word}d`, `${word.slice(0, -1)}ing`);
  else if (consonantY) forms.push(`${stem}ied`, `${word}ing`);
  else forms.push(`${word}ed`, `${word}ing`);
  if (doubles) forms.push(`${word}${last}ed`, `${word}${last}ing`, `${word}${last}est`);
  // Superlatives, and comparatives of -y adjectives ("happier"); a plain -er is too often a noun
  // ("stranger", "player", "keeper").
  if (last === "e") forms.push(`${word}st`);
  else if (consonantY) forms.push(`${stem}ier`, `${stem}iest`);
  else forms.push(`${word}est`);
  // Adverbs.
  if (consonantY) forms.push(`${stem}ily`);
  else if (word.endsWith("le")) forms.push(`${word.slice(0, -1)}y`);
  else if (word.endsWith("ic")) forms.push(`${word}ally`);
  else forms.push(`${word}ly`);
  // Dropped g, as written in speech and chat ("lovin", "amazin"); short words would collide ("thin", "sin").
  for (const form of [word, ...forms]) if (form.length >= 6 && form.endsWith("ing")) forms.push(form.slice(0, -1));
  return forms.filter((f) => !NOT_DERIVED.has(f));
}
