import { seededRandom, shuffled } from "./random.ts";

/**
 * Stratified k-fold assignment: each class is shuffled (seeded) and dealt round-robin, so every
 * fold holds ⌊n/k⌋ or ⌈n/k⌉ of each class and the folds partition the examples.
 * Returns the fold of each example.
 */
export function stratifiedFolds(labels: ArrayLike<number>, k: number, seed: number): Int32Array {
  const fold = new Int32Array(labels.length);
  const positives: number[] = [];
  const negatives: number[] = [];
  for (let i = 0; i < labels.length; i++) (labels[i] === 1 ? positives : negatives).push(i);
  const random = seededRandom(seed);
  let next = 0;
  for (const group of [positives, negatives]) {
    for (const i of shuffled(group, random)) {
      fold[i] = next;
      next = (next + 1) % k;
    }
  }
  return fold;
}

/** Indices of `subset` split into (train, test) where test is fold `f` of `assignment`. */
export function splitByFold(subset: ArrayLike<number>, assignment: Int32Array, f: number) {
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < subset.length; i++) (assignment[i] === f ? test : train).push(subset[i] as number);
  return { train, test };
}
