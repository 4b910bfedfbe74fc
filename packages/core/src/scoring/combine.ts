import type { Component, ComponentName, Fact, Weights } from "./components.ts";

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

/** A score's explanation after the base line, as parallel arrays: each line's component, label and points. */
export interface ExplainedLines {
  components: ComponentName[];
  labels: string[];
  points: number[];
}

/**
 * Each fact's share of the score, in order: its points × its component's weight, the weights of the
 * components with data renormalised to sum to 1; after a component's facts, what capping it at 0 or 100
 * took (`fact` null). The score is 50 plus their sum, whoever adds them up.
 */
function eachShare(
  components: Component[],
  weights: Weights,
  add: (component: Component, fact: Fact | null, share: number) => void,
) {
  let dataWeight = 0;
  for (const c of components) if (c.hasData) dataWeight += weights[c.name];
  for (const c of components) {
    if (!c.hasData) continue;
    const w = dataWeight > 0 ? weights[c.name] / dataWeight : 0;
    let factSum = 0;
    for (const f of c.facts) {
      factSum += f.points;
      add(c, f, w * f.points);
    }
    const clamped = c.value - NEUTRAL - factSum;
    if (clamped !== 0) add(c, null, w * clamped);
  }
}

/**
 * Weighted mean of the components that have data (eachShare). Missing components lower the
 * confidence, not the score. Nothing is built but the answer: a full rescore scores a million
 * contacts and explains none of them (explain() does, when a score is read).
 */
export function scoreOf(components: Component[], weights: Weights): { score: number; confidence: number } {
  let totalWeight = 0;
  let dataWeight = 0;
  for (const c of components) {
    totalWeight += weights[c.name];
    if (c.hasData) dataWeight += weights[c.name];
  }
  let sum = 0;
  eachShare(components, weights, (_component, _fact, share) => {
    sum += share;
  });
  return {
    score: Math.round(NEUTRAL + sum),
    confidence: totalWeight > 0 ? Math.round((dataWeight / totalWeight) * 100) / 100 : 0,
  };
}

/**
 * scoreOf(), explained line by line: each fact's share, rounded so that the lines add up exactly to
 * the integer score.
 */
export function explain(
  components: Component[],
  weights: Weights,
): { score: number; confidence: number; lines: ExplainedLines } {
  const { score, confidence } = scoreOf(components, weights);
  const lineComponents: ComponentName[] = [];
  const labels: string[] = [];
  const exact: number[] = [];
  eachShare(components, weights, (component, fact, share) => {
    lineComponents.push(component.name);
    labels.push(fact ? fact.label : `${component.name} capped at ${component.value}`);
    exact.push(share);
  });
  return {
    score,
    confidence,
    lines: { components: lineComponents, labels, points: largestRemainder(exact, score - NEUTRAL) },
  };
}

/** The explanation's lines as the API shows them: the base line, then each fact's. */
export function explanationLines(lines: ExplainedLines): ExplanationLine[] {
  const explanation: ExplanationLine[] = [{ ...baseLine }];
  for (let i = 0; i < lines.points.length; i++)
    explanation.push({
      component: lines.components[i] as ComponentName,
      label: lines.labels[i] as string,
      points: lines.points[i] as number,
    });
  return explanation;
}

/** explain(), with each component's weighting and the explanation as lines from the base line on. */
export function combine(components: Component[], weights: Weights): CombinedScore {
  const { score, confidence, lines } = explain(components, weights);
  return {
    score,
    confidence,
    components: componentWeighting(
      components.map((c) => ({ name: c.name, value: c.hasData ? c.value : null })),
      weights,
    ),
    explanation: explanationLines(lines),
  };
}

/** Rounds values to integers whose sum is exactly `target`, adjusting those nearest to rounding up or down. */
export function largestRemainder(values: number[], target: number): number[] {
  const out = values.map((v) => Math.floor(v));
  let remaining = target - out.reduce((s, v) => s + v, 0);
  if (values.length === 0 || remaining === 0) return out;
  // Indices by fraction, largest first and ties in index order (as a stable sort orders them), by
  // insertion: an explanation has a handful of lines, and Array.prototype.sort allocates its working
  // arrays even for those.
  const fraction = (i: number) => (values[i] as number) - Math.floor(values[i] as number);
  const byFraction: number[] = [];
  for (let i = 0; i < values.length; i++) {
    let at = byFraction.length;
    byFraction.push(i);
    while (at > 0 && fraction(byFraction[at - 1] as number) < fraction(i)) {
      byFraction[at] = byFraction[at - 1] as number;
      at--;
    }
    byFraction[at] = i;
  }
  const step = remaining > 0 ? 1 : -1;
  const n = byFraction.length;
  for (let k = 0; remaining !== 0; k++) {
    const idx = byFraction[step > 0 ? k % n : n - 1 - (k % n)] as number;
    out[idx] = (out[idx] ?? 0) + step;
    remaining -= step;
  }
  return out;
}
