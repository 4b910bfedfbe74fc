import { describe, expect, it } from "vitest";
import { minimizeLbfgs } from "./lbfgs.ts";
import { decisionValues, fitLogistic, sigmoid } from "./logistic.ts";
import { rocAuc } from "./metrics.ts";
import { gaussian, seededRandom } from "./random.ts";
import { sparseBuilder } from "./sparse.ts";

describe("L2-regularised logistic regression", () => {
  it("L-BFGS finds the minimum of the Rosenbrock function", () => {
    const result = minimizeLbfgs(
      (x, g) => {
        const [a, b] = [x[0] as number, x[1] as number];
        g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
        g[1] = 200 * (b - a * a);
        return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
      },
      Float64Array.from([-1.2, 1]),
      { gradientTolerance: 1e-8, relativeTolerance: 0 },
    );
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 5);
    expect(result.x[1]).toBeCloseTo(1, 5);
  });

  it("recovers a known linear rule from labels drawn from it", () => {
    const truth = [2, -1, 0.5, 0];
    const bias = -0.7;
    const random = seededRandom(3);
    const n = 20_000;
    const builder = sparseBuilder(truth.length, n * truth.length);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      let z = bias;
      truth.forEach((w, j) => {
        const v = gaussian(random);
        builder.push(j, v);
        z += w * v;
      });
      builder.endRow();
      labels[i] = random() < sigmoid(z) ? 1 : 0;
    }
    const x = builder.build();
    const fit = fitLogistic(x, labels, { l2: 1e-6, optimizer: { gradientTolerance: 1e-7 } });
    expect(fit.converged).toBe(true);
    truth.forEach((w, j) => {
      expect(Math.abs((fit.weights[j] as number) - w)).toBeLessThan(0.08);
    });
    expect(Math.abs(fit.bias - bias)).toBeLessThan(0.08);
  });

  it("shrinks the weights as the L2 strength grows, never the bias", () => {
    const random = seededRandom(5);
    const builder = sparseBuilder(1, 2000);
    const labels = new Uint8Array(2000);
    for (let i = 0; i < 2000; i++) {
      const v = gaussian(random);
      builder.push(0, v);
      builder.endRow();
      labels[i] = random() < sigmoid(1.5 * v + 1) ? 1 : 0;
    }
    const x = builder.build();
    const weak = fitLogistic(x, labels, { l2: 1e-4 });
    const strong = fitLogistic(x, labels, { l2: 10 });
    expect(Math.abs(strong.weights[0] as number)).toBeLessThan(0.2 * Math.abs(weak.weights[0] as number));
    // With the weight shrunk to ~0, the bias still matches the base rate.
    const rate = labels.reduce((s, y) => s + y, 0) / labels.length;
    expect(sigmoid(strong.bias)).toBeCloseTo(rate, 1);
  });

  it("weighted examples count as repeated ones", () => {
    const builder = sparseBuilder(1, 8);
    const values = [1, -1, 2, 0.5];
    const labels = Uint8Array.from([1, 0, 1, 0]);
    for (const v of values) {
      builder.push(0, v);
      builder.endRow();
    }
    const once = builder.build();
    const twice = sparseBuilder(1, 8);
    const twiceLabels: number[] = [];
    values.forEach((v, i) => {
      for (let r = 0; r < (i === 3 ? 2 : 1); r++) {
        twice.push(0, v);
        twice.endRow();
        twiceLabels.push(labels[i] as number);
      }
    });
    const weighted = fitLogistic(once, labels, { l2: 0.01, sampleWeights: Float64Array.from([1, 1, 1, 2]) });
    const repeated = fitLogistic(twice.build(), Uint8Array.from(twiceLabels), { l2: 0.01 });
    expect(weighted.weights[0]).toBeCloseTo(repeated.weights[0] as number, 4);
    expect(weighted.bias).toBeCloseTo(repeated.bias, 4);
    expect(rocAuc(decisionValues(once, weighted.weights, weighted.bias), labels)).toBeGreaterThan(0.5);
  });
});
