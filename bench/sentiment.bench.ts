import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  agreement,
  createSentimentScorer,
  parseRatedTexts,
  pearson,
  type RatedText,
  type SentimentScorer,
  VADER_BASELINE,
} from "@advo/core/listening";
import { parse } from "csv-parse/sync";
import { fmt, perSecond, report, timed } from "./harness.ts";
import type { Benchmark } from "./registry.ts";

const THROUGHPUT_TEXTS = 100_000;
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const sentimentDir = resolve(repoRoot, "../shared/data/sentiment");
const reviewsDir = resolve(repoRoot, "../shared/data/recommend");

const FILES = [
  { corpus: "tweets", file: "tweets_GroundTruth.txt" },
  { corpus: "movie_reviews", file: "movieReviewSnippets_GroundTruth.txt" },
] as const;

type Compound = (text: string) => number;

interface VaderModule {
  SentimentIntensityAnalyzer: { polarity_scores(text: string): { compound: number } };
}

/** The `vader-sentiment` npm package (a JavaScript port of VADER), measured in the same run. */
function npmVader(): Compound {
  const vader = createRequire(import.meta.url)("vader-sentiment") as VaderModule;
  return (text) => vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;
}

const compoundOf =
  (scorer: SentimentScorer): Compound =>
  (text) =>
    scorer(text).compound;

/** Table 4 of Hutto & Gilbert (2014), as transcribed beside the data. */
function published(): Map<string, { r: string; f1: string }> {
  const file = resolve(sentimentDir, "published_table4_hutto_gilbert_2014.csv");
  const rows = existsSync(file)
    ? (parse(readFileSync(file, "utf8"), { columns: true }) as Record<string, string>[])
    : [];
  return new Map(
    rows
      .filter((row) => row.method === "VADER")
      .map((row) => [row.corpus ?? "", { r: row.pearson_r_vs_mean_of_20_humans ?? "", f1: row.overall_f1 ?? "" }]),
  );
}

/** Real product reviews with a 1–5 star rating: a domain neither method was developed on. */
function heldOutReviews(): RatedText[] {
  if (!existsSync(reviewsDir)) return [];
  const items: RatedText[] = [];
  for (const part of [1, 2, 3]) {
    const file = resolve(reviewsDir, `womens_clothing_reviews_part${part}.csv`);
    if (!existsSync(file)) continue;
    for (const row of parse(readFileSync(file, "utf8"), { columns: true }) as Record<string, string>[]) {
      const text = [row.Title, row["Review Text"]].filter(Boolean).join(". ");
      if (text) items.push({ text, rating: Number(row.Rating) });
    }
  }
  return items;
}

function throughput(score: Compound, texts: readonly string[]): { rate: number; ms: number } {
  for (let i = 0; i < 2_000; i++) score(texts[i % texts.length] as string); // warm-up
  const start = process.hrtime.bigint();
  let sink = 0;
  for (let i = 0; i < THROUGHPUT_TEXTS; i++) sink += score(texts[i % texts.length] as string);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (Number.isNaN(sink)) throw new Error("a scorer returned NaN");
  return { rate: perSecond(THROUGHPUT_TEXTS, ms), ms };
}

const f = (x: number) => x.toFixed(3);

function ablation(corpora: { corpus: string; items: RatedText[] }[]) {
  const variants: [string, SentimentScorer][] = [
    ["VADER rules + lexicon (Advo tokenizer)", createSentimentScorer(undefined, VADER_BASELINE)],
    ["Advo", createSentimentScorer()],
  ];
  const method = [
    "clauseScope",
    "contrast",
    "phrases",
    "irrealis",
    "senses",
    "questions",
    "excess",
    "lengthNorm",
    "conditionals",
    "negRaising",
    "diminishing",
    "enthusiasm",
    "faces",
  ] as const;
  const layers = ["inflect", "emoji", "idioms", "domain", "opinion"] as const;
  for (const key of method)
    variants.push([`Advo without ${key}`, createSentimentScorer(undefined, { method: { [key]: false } })]);
  for (const key of layers)
    variants.push([`Advo without ${key}`, createSentimentScorer(undefined, { lexicon: { [key]: false } })]);
  report(
    variants.map(([name, scorer]) => {
      const row: Record<string, string> = { variant: name };
      for (const { corpus, items } of corpora) {
        const compounds = items.map((item) => scorer(item.text).compound);
        const a = agreement(
          compounds,
          items.map((item) => item.rating),
        );
        row[`${corpus} r`] = a.pearson.toFixed(4); // ablation differences are often below 0.001
        if (corpus !== "held-out reviews") row[`${corpus} F1`] = f(a.macroF1);
      }
      return row;
    }),
  );
}

export const sentimentBench: Benchmark = {
  name: "sentiment",
  description: `Advo's sentiment scorer vs the vader-sentiment npm package: agreement with human ratings, and ${fmt(THROUGHPUT_TEXTS)} texts/s on one core`,
  async run() {
    if (!existsSync(sentimentDir)) {
      console.log(`skipped: no human-rated data at ${sentimentDir} (the shared/ folder sits beside the repo)`);
      return;
    }
    const advo = compoundOf(createSentimentScorer());
    const vader = npmVader();
    const table = published();
    const corpora = FILES.map(({ corpus, file }) => ({
      corpus,
      items: parseRatedTexts(readFileSync(resolve(sentimentDir, file), "utf8")),
    }));
    const reviews = heldOutReviews();

    const rows: Record<string, string | number>[] = [];
    for (const { corpus, items } of corpora) {
      const ratings = items.map((item) => item.rating);
      for (const [method, score] of [
        ["Advo", advo],
        ["vader-sentiment (npm)", vader],
      ] as const) {
        const a = agreement(
          items.map((item) => score(item.text)),
          ratings,
        );
        rows.push({
          corpus,
          n: items.length,
          method,
          r: f(a.pearson),
          "macro-F1": f(a.macroF1),
          "F1 (Table 4)": f(a.tableF1),
        });
      }
      const paper = table.get(corpus);
      if (paper)
        rows.push({
          corpus,
          n: items.length,
          method: "VADER, published",
          r: paper.r,
          "macro-F1": "",
          "F1 (Table 4)": paper.f1,
        });
    }
    if (reviews.length > 0) {
      const stars = reviews.map((item) => item.rating);
      for (const [method, score] of [
        ["Advo", advo],
        ["vader-sentiment (npm)", vader],
      ] as const) {
        const r = pearson(
          reviews.map((item) => score(item.text)),
          stars,
        );
        rows.push({
          corpus: "held-out: clothing reviews vs stars",
          n: reviews.length,
          method,
          r: f(r),
          "macro-F1": "",
          "F1 (Table 4)": "",
        });
      }
    }
    report(rows);
    console.log(
      "r: Pearson vs the mean human rating. macro-F1: positive/neutral/negative at ±0.05 (human mean / 4). " +
        "F1 (Table 4): human class by sign, score by ±0.05, support-weighted, as the paper's table.",
    );

    const texts = corpora.flatMap((c) => c.items.map((item) => item.text));
    const ours = await timed(() => throughput(advo, texts));
    const theirs = await timed(() => throughput(vader, texts));
    report([
      { scorer: "Advo", "texts/s": fmt(ours.result.rate), ms: Math.round(ours.result.ms) },
      { scorer: "vader-sentiment (npm)", "texts/s": fmt(theirs.result.rate), ms: Math.round(theirs.result.ms) },
    ]);
    console.log(
      `ratio Advo / vader-sentiment: ${(ours.result.rate / theirs.result.rate).toFixed(1)}× (${fmt(THROUGHPUT_TEXTS)} texts from both files, one core)`,
    );

    if (process.argv.includes("--ablation")) {
      ablation([...corpora, ...(reviews.length > 0 ? [{ corpus: "held-out reviews", items: reviews }] : [])]);
    }
  },
};
