import { describe, expect, it } from "vitest";
import { splitByFold, stratifiedFolds } from "./folds.ts";

describe("stratified folds", () => {
  const labels = Array.from({ length: 103 }, (_, i) => (i % 5 === 0 ? 1 : 0)); // 21 positives, 82 negatives

  it("partitions the examples: every example in exactly one test fold", () => {
    const assignment = stratifiedFolds(labels, 5, 42);
    const all = labels.map((_, i) => i);
    const seen = new Set<number>();
    for (let f = 0; f < 5; f++) {
      const { train, test } = splitByFold(all, assignment, f);
      expect(train.length + test.length).toBe(labels.length);
      expect(train.filter((i) => test.includes(i))).toEqual([]);
      for (const i of test) {
        expect(seen.has(i)).toBe(false);
        seen.add(i);
      }
    }
    expect(seen.size).toBe(labels.length);
  });

  it("gives each fold ⌊n/k⌋ or ⌈n/k⌉ of each class", () => {
    const assignment = stratifiedFolds(labels, 5, 42);
    for (let f = 0; f < 5; f++) {
      const positives = labels.filter((y, i) => y === 1 && assignment[i] === f).length;
      const negatives = labels.filter((y, i) => y === 0 && assignment[i] === f).length;
      expect([4, 5]).toContain(positives);
      expect([16, 17]).toContain(negatives);
    }
  });

  it("is deterministic for a seed and shuffles differently for another", () => {
    expect([...stratifiedFolds(labels, 5, 7)]).toEqual([...stratifiedFolds(labels, 5, 7)]);
    expect([...stratifiedFolds(labels, 5, 7)]).not.toEqual([...stratifiedFolds(labels, 5, 8)]);
  });
});
