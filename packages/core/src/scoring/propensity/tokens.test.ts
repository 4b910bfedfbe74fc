import { describe, expect, it } from "vitest";
import { textTerms } from "./terms.ts";
import { tokenize } from "./tokens.ts";

const words = (text: string, negationWindow = 10) =>
  tokenize(text, { negation: true, negationWindow }).filter((t): t is string => t !== null);

describe("tokens with negation scope", () => {
  it("marks the words after a negator up to the end of the clause", () => {
    expect(words("It is not good at all. Great support!")).toEqual([
      "it",
      "is",
      "not",
      "not_good",
      "not_at",
      "not_all",
      "great",
      "support",
    ]);
  });

  it("closes the scope at a contrast word and honours the window", () => {
    expect(words("didn't love it but the price is fair")).toEqual([
      "didn't",
      "not_love",
      "not_it",
      "but",
      "the",
      "price",
      "is",
      "fair",
    ]);
    expect(words("never would I buy this again", 2)).toEqual(["never", "not_would", "not_i", "buy", "this", "again"]);
  });

  it("lower-cases, folds curly apostrophes and keeps non-English letters", () => {
    expect(words("Doesn’t WORK; très bien")).toEqual(["doesn't", "not_work", "très", "bien"]);
  });

  it("builds bigrams from the unmarked words within a clause, never across one", () => {
    const terms = textTerms("not good, fine", {
      negation: true,
      negationWindow: 10,
      maxNgram: 2,
      charNgrams: null,
    });
    expect(terms).toEqual(["not", "not good", "not_good", "fine"]);
  });

  it("adds character n-grams of padded words when asked", () => {
    const terms = textTerms("ok", { negation: false, negationWindow: 0, maxNgram: 1, charNgrams: [3, 3] });
    expect(terms).toEqual(["ok", "c: ok", "c:ok "]);
  });
});
