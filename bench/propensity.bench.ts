// The propensity model on real data: 23,486 clothing reviews, "Recommended IND" as the outcome,
// each review one contact (title + text as survey comments, rating as CSAT, age, department).
// The goals are judged on the product path (propensity-product.ts: imported as contacts and survey
// responses, trained by the workspace on its "recommends" attribute); the same model fed in-memory
// examples and the baselines are measured in the same run for comparison. Every figure is 5-fold
// stratified cross-validation of the whole training procedure. `npm run bench -- propensity [--ablations]`.
import {
  confusionAt,
  f1Scores,
  type LabelledExample,
  type PropensityMetrics,
  serializePropensityModel,
  type TrainOptionsInput,
  trainPropensity,
} from "@advo/core/scoring/propensity";
import { loadReviews, RECOMMEND_DIR, type Review, recommendDataPresent } from "./propensity-data.ts";
import { type ProductRun, productPath } from "./propensity-product.ts";
import type { Benchmark } from "./registry.ts";

type Inputs = { text: boolean; rating: boolean; attributes: boolean };

function examplesOf(reviews: Review[], inputs: Inputs): LabelledExample[] {
  return reviews.map((r) => {
    const numeric: Record<string, number | null> = {};
    const categories: Record<string, string | null> = {};
    if (inputs.rating) numeric.csat = r.rating;
    if (inputs.attributes) {
      numeric.age = r.age;
      categories.department = r.department;
    }
    return { numeric, categories, texts: inputs.text ? [r.title, r.text] : [], label: r.recommended };
  });
}

/** A plain TF-IDF logistic regression: word uni- and bigrams, no negation, sentiment or NB scaling, C = 1. */
const PLAIN: TrainOptionsInput = { c: [1], text: { negation: false, sentiment: "none", nbWeighting: 0 } };

interface Run {
  name: string;
  metrics: PropensityMetrics;
  macroF1AtHalf: number;
  cpuMs: number;
  wallMs: number;
  modelKb: number;
  top: string;
}

function run(name: string, reviews: Review[], inputs: Inputs, options: TrainOptionsInput = {}): Run {
  const examples = examplesOf(reviews, inputs);
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const { model, metrics, outOfFold } = trainPropensity(examples, options);
  const wallMs = performance.now() - wall0;
  const cpu = process.cpuUsage(cpu0);
  const labels = examples.map((e) => e.label);
  const top = (list: { feature: string; effect: number }[]) =>
    list
      .slice(0, 10)
      .map((f) => `${f.feature} ${f.effect > 0 ? "+" : ""}${f.effect.toFixed(2)}`)
      .join(", ");
  return {
    name,
    metrics,
    macroF1AtHalf: f1Scores(confusionAt(outOfFold, labels, 0.5)).macro,
    cpuMs: (cpu.user + cpu.system) / 1000,
    wallMs,
    modelKb: Buffer.byteLength(serializePropensityModel(model)) / 1024,
    top: `  + ${top(metrics.topFeatures.positive)}\n  − ${top(metrics.topFeatures.negative)}`,
  };
}

const f3 = (x: number) => x.toFixed(3);
const f4 = (x: number) => x.toFixed(4);

function row(r: Run | ProductRun) {
  const m = r.metrics;
  return {
    model: r.name,
    "ROC AUC": `${f4(m.mean.auc)} ± ${f4(m.sd.auc)}`,
    "macro-F1": `${f4(m.mean.macroF1)} ± ${f4(m.sd.macroF1)}`,
    "macro-F1 @0.5": "macroF1AtHalf" in r ? f4(r.macroF1AtHalf) : "–",
    "pos F1": f3(m.mean.positiveF1),
    "P@1%": f3(m.mean.precisionAtTop["1%"]),
    "P@5%": f3(m.mean.precisionAtTop["5%"]),
    "P@10%": f3(m.mean.precisionAtTop["10%"]),
    Brier: f4(m.calibration.brier),
    ECE: f4(m.calibration.ece),
    "cpu s": (r.cpuMs / 1000).toFixed(1),
    "wall s": (r.wallMs / 1000).toFixed(1),
  };
}

const goal = (what: string, value: number, target: number) =>
  console.log(`  ${value >= target ? "MET " : "MISS"} ${what}: ${f4(value)} (goal ≥ ${target})`);

export const propensityBench: Benchmark = {
  name: "propensity",
  description: "propensity model, 5-fold CV on 23,486 real reviews (../shared/data/recommend) vs plain TF-IDF LR",
  async run() {
    if (!recommendDataPresent()) {
      const message = `propensity benchmark skipped: no review data at ${RECOMMEND_DIR}`;
      if (process.env.CI === "true") throw new Error(`${message} (CI=true: it must be there)`);
      console.log(message);
      return;
    }
    const reviews = loadReviews();
    const positives = reviews.filter((r) => r.recommended === 1).length;
    console.log(
      `${reviews.length} reviews, ${positives} recommend (${((100 * positives) / reviews.length).toFixed(1)} %)`,
    );
    console.log('Product path: import as contacts and survey responses, train on the attribute "recommends"');
    const [productText, productBoth] = (await productPath(reviews, console.log)) as [ProductRun, ProductRun];
    for (const p of [productText, productBoth])
      console.log(`  ${p.name}: ${p.contacts.used} contacts used (${p.contacts.positives} recommend); ${p.attributes}`);
    console.log("In-memory examples (the same model, no import), for comparison:");
    const textOnly = { text: true, rating: false, attributes: false };
    const runs: Run[] = [];
    const add = (r: Run) => {
      runs.push(r);
      console.log(`  done: ${r.name} (${(r.wallMs / 1000).toFixed(1)} s)`);
      return r;
    };
    const baseline = add(run("(c) baseline: plain TF-IDF LR, text", reviews, textOnly, PLAIN));
    const text = add(run("(a) Advo, text only", reviews, textOnly));
    const rating = add(run("(c) rating alone", reviews, { text: false, rating: true, attributes: false }));
    const both = add(run("(b) Advo, rating + text", reviews, { text: true, rating: true, attributes: false }));
    add(run("Advo, text + age + department", reviews, { text: true, rating: false, attributes: true }));
    if (process.argv.includes("--ablations")) {
      add(run("  text, without negation marks", reviews, textOnly, { text: { negation: false } }));
      add(run("  text, without sentiment features", reviews, textOnly, { text: { sentiment: "none" } }));
      add(run("  text, sentiment from plain VADER", reviews, textOnly, { text: { sentiment: "vader" } }));
      add(run("  text, without NB scaling", reviews, textOnly, { text: { nbWeighting: 0 } }));
      add(run("  text, C fixed at 1", reviews, textOnly, { c: [1] }));
      add(run("  text, balanced class weights", reviews, textOnly, { classWeight: "balanced" }));
      add(
        run("  text, plus character 3–5-grams", reviews, textOnly, { text: { charNgrams: [3, 5], maxTerms: 150_000 } }),
      );
    }
    console.table([productText, productBoth, ...runs].map(row));
    console.log("macro-F1: at the threshold chosen inside each training fold; @0.5: pooled out-of-fold at 0.5");
    console.log("Goals (product path):");
    goal("(a) text only, ROC AUC", productText.metrics.mean.auc, 0.96);
    goal("(a) text only, macro-F1", productText.metrics.mean.macroF1, 0.82);
    goal("(b) rating + text, ROC AUC", productBoth.metrics.mean.auc, 0.98);
    const gain = (a: Run, b: Run) =>
      `AUC ${f4(a.metrics.mean.auc - b.metrics.mean.auc)} (${((1 - a.metrics.mean.auc) / (1 - b.metrics.mean.auc)).toFixed(2)}× the ranking errors)`;
    console.log(
      `Ratios: text vs plain TF-IDF: ${gain(text, baseline)}; rating + text vs rating: ${gain(both, rating)}`,
    );
    console.log(
      `Model JSON: text ${text.modelKb.toFixed(0)} KB, rating + text ${both.modelKb.toFixed(0)} KB; ` +
        `threshold per fold (text): ${text.metrics.perFold.map((f) => f3(f.threshold)).join(", ")}; ` +
        `C per fold: ${text.metrics.perFold.map((f) => f.c).join(", ")}`,
    );
    console.log(`Strongest features, text only (typical push on the log-odds where present):\n${text.top}`);
    console.log(`Strongest features, rating + text:\n${both.top}`);
  },
};
