import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { packageFile } from "./package-file.ts";

describe("packageFile", () => {
  it("finds files inside workspace and third-party packages from their package root", () => {
    expect(existsSync(packageFile("@advo/core", "src/referrals/disposable-domains.txt"))).toBe(true);
    expect(existsSync(packageFile("@advo/core", "src/listening/sentiment/opinion-lexicon.txt"))).toBe(true);
    expect(existsSync(packageFile("vader-sentiment", "vader_lexicon.txt"))).toBe(true);
  });

  it("names the package it could not find", () => {
    expect(() => packageFile("@advo/no-such-package", "x.txt")).toThrow(/@advo\/no-such-package not found/);
  });
});
