import type { Component, ComponentName, Weights } from "./components.ts";

export interface ExplanationLine {
  component: ComponentName | "base";
  label: string;
  /** Points this fact adds to (or takes from) the final score; the lines sum to the score. */
  points: number;
}

export interface CombinedScore {
  score: number;
  confidence: number;
  components: {
    name: ComponentName;
    value: number | null;
    weight: number;
    effectiveWeight: number;
    hasData: boolean;
  }[];
  explanation: ExplanationLine[];
}

const NEUTRAL = 50;
/** The first line of every explanation: where each score starts before its facts move it. */
export const baseLine: ExplanationLine = { component: "base", label: "neutral starting point", points: NEUTRAL };

export type ComponentWeighting = CombinedScore["components"][number];

/**
 * Each component's weight as set and as applied: the weights of the components with data (a
 * non-null value) are renormalised to sum to 1, and the rest count 0.
 */
export function componentWeighting(
  values: { name: ComponentName; value: number | null }[],
  weights: Weights,
): ComponentWeighting[] {
  const dataWeight = values.reduce((s, c) => s + (c.value === null ? 0 : weights[c.name]), 0);
  return values.map(({ name, value }) => ({
    name,
    value,
    weight: weights[name],
    effectiveWeight: value !== null && dataWeight > 0 ? Math.round((weights[name] / dataWeight) * 1000) / 1000 : 0,
    hasData: value !== null,
  }));
}

/**
 * Weighted mean of the components that have data (weights renormalised over them), explained
 * line by line: each fact contributes weight × points; the lines are rounded so that they add up
 * exactly to the integer score. Missing components lower the confidence, not the score.
 */
export function combine(components: Component[], weights: Weights): CombinedScore {
  const withData = components.filter((c) => c.hasData);
  const totalWeight = components.reduce((s, c) => s + weights[c.name], 0);
  const dataWeight = withData.reduce((s, c) => s + weights[c.name], 0);
  const raw: { component: ComponentName; label: string; exact: number }[] = [];
  for (const c of withData) {
    const w = dataWeight > 0 ? weights[c.name] / dataWeight : 0;
    const factSum = c.facts.reduce((s, f) => s + f.points, 0);
    for (const f of c.facts) raw.push({ component: c.name, label: f.label, exact: w * f.points });
    const clamped = c.value - NEUTRAL - factSum;
    if (clamped !== 0) raw.push({ component: c.name, label: `${c.name} capped at ${c.value}`, exact: w * clamped });
  }
  const exactScore = NEUTRAL + raw.reduce((s, r) => s + r.exact, 0);
  const score = Math.round(exactScore);
  const rounded = largestRemainder(
    raw.map((r) => r.exact),
    score - NEUTRAL,
  );
  const explanation: ExplanationLine[] = [
    { ...baseLine },
    ...raw.map((r, i) => ({ component: r.component, label: r.label, points: rounded[i] ?? 0 })),
  ];
  return {
    score,
    confidence: totalWeight > 0 ? Math.round((dataWeight / totalWeight) * 100) / 100 : 0,
    components: componentWeighting(
      components.map((c) => ({ name: c.name, value: c.hasData ? c.value : null })),
      weights,
    ),
    explanation,
  };
}

/** Rounds values to integers whose sum is exactly `target`, adjusting those nearest to rounding up or down. */
export function largestRemainder(values: number[], target: number): number[] {
  const out = values.map((v) => Math.floor(v));
  let remaining = target - out.reduce((s, v) => s + v, 0);
  if (values.length === 0) return out;
  const byFraction = values.map((v, i) => ({ i, frac: v - Math.floor(v) })).sort((a, b) => b.frac - a.frac);
  const step = remaining > 0 ? 1 : -1;
  const order = step > 0 ? byFraction : [...byFraction].reverse();
  for (let k = 0; remaining !== 0; k++) {
    const idx = (order[k % order.length] as { i: number }).i;
    out[idx] = (out[idx] ?? 0) + step;
    remaining -= step;
  }
  return out;
}
