import { featureNames, type Push, pushDense, pushText } from "./features.ts";
import { sigmoid } from "./logistic.ts";
import type { FeatureKind, PropensityModel } from "./model.schemas.ts";
import { categoryValue, countTerms, numericValue } from "./prepare.ts";
import { textStatistics, textStatNames } from "./text-stats.ts";
import type { Contribution, Prediction, PropensityExample } from "./types.ts";

interface Compiled {
  termColumn: Map<string, number>;
  names: { feature: string; kind: FeatureKind }[];
  weights: Float64Array;
  statIndex: number[];
}

// Compiling builds a term → column map; it is cached per model object, so scoring many contacts
// with one model pays for it once.
const compiled = new WeakMap<PropensityModel, Compiled>();

function compile(model: PropensityModel): Compiled {
  let c = compiled.get(model);
  if (!c) {
    const allStats = textStatNames(model.spec.text?.sentiment ?? "none");
    c = {
      termColumn: new Map((model.spec.text?.terms ?? []).map((t, i) => [t, i])),
      names: featureNames(model.spec),
      weights: Float64Array.from(model.weights),
      statIndex: model.spec.textStats.map((s) => allStats.indexOf(s.name)),
    };
    compiled.set(model, c);
  }
  return c;
}

/** The model's feature vector for one example, as (column, value) pairs. */
function encodeExample(model: PropensityModel, example: PropensityExample): { cols: number[]; values: number[] } {
  const { spec } = model;
  const c = compile(model);
  const cols: number[] = [];
  const values: number[] = [];
  const push: Push = (col, value) => {
    cols.push(col);
    values.push(value);
  };
  const texts = Array.isArray(example.texts) ? example.texts : [];
  if (spec.text) {
    const terms = countTerms(texts, spec.text, (t) => c.termColumn.get(t) ?? -1);
    pushText(push, spec.text.scale, terms.ids, terms.counts);
  }
  const stats = spec.textStats.length > 0 ? textStatistics(texts, spec.text?.sentiment ?? "none") : [];
  pushDense(
    push,
    spec,
    (s) => stats[c.statIndex[s] as number] as number,
    (name) => numericValue(example, name),
    (name) => categoryValue(example, name),
  );
  return { cols, values };
}

/**
 * The probability that this contact completes an advocacy act, and the features that pushed it
 * most (value × weight on the log-odds; dense features relative to an average contact).
 */
export function predictPropensity(
  model: PropensityModel,
  example: PropensityExample,
  options: { contributions?: number } = {},
): Prediction {
  const c = compile(model);
  const { cols, values } = encodeExample(model, example);
  let z = model.bias;
  for (let k = 0; k < cols.length; k++) z += (values[k] as number) * (c.weights[cols[k] as number] as number);
  const probability = sigmoid(z);
  const top = options.contributions ?? 5;
  const contributions: Contribution[] = [];
  if (top > 0) {
    cols.forEach((col, k) => {
      const value = values[k] as number;
      const name = c.names[col] as { feature: string; kind: FeatureKind };
      contributions.push({ ...name, value, contribution: value * (c.weights[col] as number) });
    });
    contributions.sort(
      (a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || (a.feature < b.feature ? -1 : 1),
    );
  }
  return { probability, likely: probability >= model.threshold, contributions: contributions.slice(0, top) };
}
