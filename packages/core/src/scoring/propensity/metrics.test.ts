import { describe, expect, it } from "vitest";
import {
  bestMacroF1Threshold,
  calibration,
  confusionAt,
  f1Scores,
  precisionAtTop,
  rankDescending,
  rocAuc,
} from "./metrics.ts";

describe("propensity metrics on hand-checked examples", () => {
  it("AUC is 1 for a perfect ranking, 0 for a reversed one and 0.5 when everything ties", () => {
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [1, 1, 0, 0])).toBe(1);
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [1, 1, 0, 0])).toBe(0);
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], [1, 0, 1, 0])).toBe(0.5);
  });

  it("AUC counts a tie between a positive and a negative as one half", () => {
    // Pairs (pos, neg): (0.8,0.5)=1 (0.8,0.3)=1 (0.5,0.5)=½ (0.5,0.3)=1 → 3.5 / 4.
    expect(rocAuc([0.8, 0.5, 0.5, 0.3], [1, 1, 0, 0])).toBeCloseTo(0.875, 12);
    // Three positives, two negatives, ties across classes at 0.4:
    // pos 0.9 beats both (2); pos 0.4 ties neg 0.4 (½) beats 0.1 (1); pos 0.1 ties 0.1 (½) → 4 / 6.
    expect(rocAuc([0.9, 0.4, 0.1, 0.4, 0.1], [1, 1, 1, 0, 0])).toBeCloseTo(4 / 6, 12);
  });

  it("AUC is undefined without both classes", () => {
    expect(rocAuc([0.1, 0.2], [1, 1])).toBeNaN();
  });

  it("macro-F1 averages the F1 of the positive and the negative class", () => {
    // Truth 1 1 1 0 0, predicted (≥ 0.5) 1 1 0 1 0 → tp 2, fn 1, fp 1, tn 1.
    const c = confusionAt([0.9, 0.8, 0.3, 0.7, 0.1], [1, 1, 1, 0, 0], 0.5);
    expect(c).toEqual({ tp: 2, fp: 1, tn: 1, fn: 1 });
    const f = f1Scores(c);
    expect(f.positive).toBeCloseTo(4 / 6, 12); // 2·2 / (2·2 + 1 + 1)
    expect(f.negative).toBeCloseTo(2 / 4, 12); // 2·1 / (2·1 + 1 + 1)
    expect(f.macro).toBeCloseTo((4 / 6 + 2 / 4) / 2, 12);
  });

  it("a class never predicted has F1 0, so answering 'yes' always scores macro-F1 below 0.5", () => {
    const f = f1Scores(confusionAt([1, 1, 1, 1, 1], [1, 1, 1, 1, 0], 0.5));
    expect(f.negative).toBe(0);
    expect(f.positive).toBeCloseTo(8 / 9, 12);
    expect(f.macro).toBeCloseTo(4 / 9, 12);
  });

  it("the best threshold separates the classes when they can be separated, cutting midway", () => {
    const best = bestMacroF1Threshold([0.9, 0.7, 0.4, 0.2], [1, 1, 0, 0]);
    expect(best.macroF1).toBe(1);
    expect(best.threshold).toBeCloseTo(0.55, 12);
  });

  it("the best threshold never splits tied scores", () => {
    const scores = [0.9, 0.5, 0.5, 0.1];
    const labels = [1, 1, 0, 0];
    const best = bestMacroF1Threshold(scores, labels);
    const f = f1Scores(confusionAt(scores, labels, best.threshold));
    expect(f.macro).toBeCloseTo(best.macroF1, 12);
    // Cutting after 0.9 or after the tied 0.5s both give macro-F1 11/15; the higher cut wins.
    expect(best.macroF1).toBeCloseTo(11 / 15, 12);
    expect(best.threshold).toBeCloseTo(0.7, 12);
  });

  it("precision at the top takes the highest-scored share, at least one example", () => {
    const scores = [0.1, 0.9, 0.8, 0.7, 0.2, 0.3, 0.4, 0.5, 0.6, 0.05];
    const labels = [0, 1, 0, 1, 1, 0, 0, 0, 0, 1];
    expect(precisionAtTop(scores, labels, 0.1)).toBe(1); // top 1: 0.9 → positive
    expect(precisionAtTop(scores, labels, 0.2)).toBe(0.5); // 0.9, 0.8
    expect(precisionAtTop(scores, labels, 0.3)).toBeCloseTo(2 / 3, 12); // 0.9, 0.8, 0.7
    expect(precisionAtTop(scores, labels, 0.001)).toBe(1);
  });

  it("ranks ties by index so results are deterministic", () => {
    expect([...rankDescending([0.5, 0.9, 0.5, 0.1])]).toEqual([1, 0, 2, 3]);
  });

  it("calibration bins, Brier score and ECE match a hand computation", () => {
    const p = [0.05, 0.15, 0.12, 0.85, 0.95, 1];
    const y = [0, 0, 1, 1, 1, 0];
    const c = calibration(p, y, 10);
    expect(c.bins).toHaveLength(10);
    const b0 = c.bins[0];
    const b1 = c.bins[1];
    const b8 = c.bins[8];
    const b9 = c.bins[9];
    expect(b0).toMatchObject({ count: 1, observedRate: 0 });
    expect(b0?.meanPredicted).toBeCloseTo(0.05, 12);
    expect(b1).toMatchObject({ count: 2, observedRate: 0.5 });
    expect(b1?.meanPredicted).toBeCloseTo(0.135, 12);
    expect(b8).toMatchObject({ count: 1, observedRate: 1 });
    // 0.95 and 1.0 share the last bin (1 is included in it).
    expect(b9).toMatchObject({ count: 2, observedRate: 0.5 });
    expect(b9?.meanPredicted).toBeCloseTo(0.975, 12);
    const ece = (1 * 0.05 + 2 * Math.abs(0.135 - 0.5) + 1 * 0.15 + 2 * Math.abs(0.975 - 0.5)) / 6;
    expect(c.ece).toBeCloseTo(ece, 12);
    const brier = (0.05 ** 2 + 0.15 ** 2 + 0.88 ** 2 + 0.15 ** 2 + 0.05 ** 2 + 1) / 6;
    expect(c.brier).toBeCloseTo(brier, 12);
  });
});
