import {
  baseLine,
  type ComponentWeighting,
  componentWeighting,
  type ExplainedLines,
  type ExplanationLine,
} from "./combine.ts";
import { type ComponentName, componentNames, type Weights } from "./components.ts";
import { type Personality, personalities } from "./personalities.ts";

/** A score's explanation as the API shows it. */
export interface Explanation {
  lines: ExplanationLine[];
  components: ComponentWeighting[];
  evidence: Record<Personality, number>;
}

/**
 * What is stored per contact. A full rescore writes one for every contact, so it keeps only what is
 * not in the score row already: the weights in force, the lines after the base line as
 * [component, label, points], and the personality evidence, in the order of `componentNames` and
 * `personalities`. (The readable form was 940 bytes a contact; writing and encoding it was a sixth
 * of a full rescore's work.)
 */
interface StoredExplanation {
  v: 2;
  w: number[];
  l: [ExplanationLine["component"], string, number][];
  e: number[];
}

// Stored before the compact form; read as they are until the contact's next rescore replaces them.
type ReadableExplanation = Explanation;

export function encodeExplanation(
  lines: ExplainedLines,
  weights: Weights,
  evidence: Record<Personality, number>,
): string {
  const l: StoredExplanation["l"] = [];
  for (let i = 0; i < lines.points.length; i++)
    l.push([lines.components[i] as ComponentName, lines.labels[i] as string, lines.points[i] as number]);
  const stored: StoredExplanation = {
    v: 2,
    w: componentNames.map((name) => weights[name]),
    l,
    e: personalities.map((p) => evidence[p]),
  };
  return JSON.stringify(stored);
}

const parse = (text: string) => JSON.parse(text) as StoredExplanation | ReadableExplanation;

const linesOf = (stored: StoredExplanation): ExplanationLine[] => [
  { ...baseLine },
  ...stored.l.map(([component, label, points]) => ({ component, label, points })),
];

export function explanationLines(text: string): ExplanationLine[] {
  const parsed = parse(text);
  return "v" in parsed ? linesOf(parsed) : parsed.lines;
}

/** `values`: the component values of the score row the explanation was stored with. */
export function decodeExplanation(text: string, values: Record<ComponentName, number | null>): Explanation {
  const parsed = parse(text);
  if (!("v" in parsed)) return parsed;
  const weights = Object.fromEntries(componentNames.map((name, i) => [name, parsed.w[i] ?? 0])) as Weights;
  return {
    lines: linesOf(parsed),
    components: componentWeighting(
      componentNames.map((name) => ({ name, value: values[name] })),
      weights,
    ),
    evidence: Object.fromEntries(personalities.map((p, i) => [p, parsed.e[i] ?? 0])) as Record<Personality, number>,
  };
}
