import { describe, expect, it } from "vitest";
import { combine, explain } from "./combine.ts";
import type { Component, Weights } from "./components.ts";
import { decodeExplanation, encodeExplanation, explanationLines } from "./stored-explanation.ts";

const weights: Weights = { satisfaction: 0.3, engagement: 0.25, relationship: 0.15, advocacy: 0.2, social: 0.1 };
const components: Component[] = [
  { name: "satisfaction", hasData: true, value: 86, facts: [{ label: "NPS 10 on 2026-10-02", points: 36 }] },
  { name: "engagement", hasData: true, value: 58, facts: [{ label: "active in the last 7 days", points: 8 }] },
  { name: "relationship", hasData: false, value: 50, facts: [] },
  { name: "advocacy", hasData: true, value: 100, facts: [{ label: "4 advocacy acts", points: 60 }] },
  { name: "social", hasData: false, value: 50, facts: [] },
];
const evidence = { educator: 1, validator: 2.5, status_seeker: 0, collaborator: 0 };

describe("stored explanation", () => {
  it("reads back exactly what combine explained, from the compact form and the score row's values", () => {
    const combined = combine(components, weights);
    const text = encodeExplanation(explain(components, weights).lines, weights, evidence);
    const values = Object.fromEntries(combined.components.map((c) => [c.name, c.value])) as Parameters<
      typeof decodeExplanation
    >[1];
    expect(decodeExplanation(text, values)).toEqual({
      lines: combined.explanation,
      components: combined.components,
      evidence,
    });
    expect(explanationLines(text).reduce((s, l) => s + l.points, 0)).toBe(combined.score);
    // The capped advocacy component adds a line of its own, and it survives the round trip.
    expect(explanationLines(text).some((l) => l.label === "advocacy capped at 100")).toBe(true);
    expect(text.length).toBeLessThan(JSON.stringify({ ...combined, evidence }).length / 2);
  });

  it("keeps any text a label can hold", () => {
    const label = 'active on 3 of 90 days (more than 10% of "Pro \\ Plus" \u2014 ünïcode\n plan peers)';
    const text = encodeExplanation(
      { components: ["engagement"], labels: [label], points: [-3] },
      { ...weights, social: 0.125 },
      evidence,
    );
    expect(JSON.parse(text)).toEqual({
      v: 2,
      w: [0.3, 0.25, 0.15, 0.2, 0.125],
      l: [["engagement", label, -3]],
      e: [1, 2.5, 0, 0],
    });
    expect(explanationLines(text)[1]).toEqual({ component: "engagement", label, points: -3 });
  });

  it("reads explanations stored in the earlier readable form as they are", () => {
    const combined = combine(components, weights);
    const legacy = { lines: combined.explanation, components: combined.components, evidence };
    const values = { satisfaction: 1, engagement: 2, relationship: 3, advocacy: 4, social: 5 };
    expect(decodeExplanation(JSON.stringify(legacy), values)).toEqual(legacy);
    expect(explanationLines(JSON.stringify(legacy))).toEqual(combined.explanation);
  });
});
