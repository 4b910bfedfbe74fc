import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createSentimentScorer, evaluateScorer, parseRatedTexts } from "../index.ts";

// The human-rated sets of Hutto & Gilbert (2014) live in shared/, beside the repository (../shared).
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../../../..");
const dataDir = resolve(repoRoot, "../shared/data/sentiment");
const present = existsSync(dataDir);
const inCi = process.env.CI === "true";
if (!present && !inCi) {
  console.warn(`sentiment evaluation skipped: no human-rated data at ${dataDir}`);
}

/** Floors a little below what the scorer reaches (README.md), so a regression fails. */
const FLOORS = {
  "tweets_GroundTruth.txt": { pearson: 0.889, macroF1: 0.73 },
  "movieReviewSnippets_GroundTruth.txt": { pearson: 0.537, macroF1: 0.455 },
} as const;

describe.skipIf(!present && !inCi)("sentiment agreement with human raters", () => {
  it("finds the human-rated data (CI always has shared/)", () => {
    expect(present, `no human-rated data at ${dataDir}`).toBe(true);
  });

  const score = createSentimentScorer();
  for (const [file, floor] of Object.entries(FLOORS)) {
    it(`keeps Pearson r and macro-F1 on ${file} at or above ${floor.pearson} and ${floor.macroF1}`, () => {
      const items = parseRatedTexts(readFileSync(resolve(dataDir, file), "utf8"));
      expect(items.length).toBeGreaterThan(4000);
      const result = evaluateScorer(score, items);
      expect(result.pearson).toBeGreaterThanOrEqual(floor.pearson);
      expect(result.macroF1).toBeGreaterThanOrEqual(floor.macroF1);
    });
  }
});
