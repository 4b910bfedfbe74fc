import type { Clock } from "../../shared/clock.ts";
import type { Calibration } from "./metrics.ts";

/** One contact: its signal features and whether it went on to complete an advocacy act. */
export interface PropensityExample {
  /** Numeric signals (NPS, CSAT, usage recency/frequency/breadth, tickets…); null or absent = missing. */
  numeric: Record<string, number | null>;
  /** Free texts (survey comments, ticket texts); treated as one bag, n-grams never cross texts. */
  texts: string[];
  /** Categorical attributes (plan, industry, department…), one-hot encoded; null = missing. */
  categories?: Record<string, string | null>;
}

export interface LabelledExample extends PropensityExample {
  label: 0 | 1;
}

export interface TextSettings {
  /** Mark words after a negator ("not_good"). */
  negation: boolean;
  negationWindow: number;
  /** Longest word n-gram. */
  maxNgram: number;
  /** Character n-gram lengths within words, or null. */
  charNgrams: [number, number] | null;
  /** Terms must occur in at least this many training documents. */
  minDf: number;
  /** Terms in more than this share of the documents are dropped. */
  maxDfShare: number;
  /** Keep at most this many terms (the most frequent). */
  maxTerms: number;
  /** Sentiment scores (compound, pos, neg) and text length as extra features. */
  sentiment: boolean;
}

export interface TrainOptions {
  text: TextSettings;
  /** L2 strength candidates on the mean loss; more than one → chosen on an inner held-out split. */
  l2: number[];
  /** Multiplier of L2 for the dense (numeric, categorical, sentiment) features. */
  denseL2Factor: number;
  /** "balanced" weighs each class by n / (2 · its count). */
  classWeight: "none" | "balanced";
  folds: number;
  /** Share of each training fold held out to choose L2 and the decision threshold. */
  holdoutShare: number;
  /** Refuse to train with fewer positives or negatives than this. */
  minPerClass: number;
  /** Categories seen fewer times than this share a weight of zero ("other"). */
  minCategoryCount: number;
  seed: number;
  clock: Clock;
  /** How many strongest features the metrics list per direction. */
  topFeatures: number;
}

export interface NumericStat {
  name: string;
  transform: "linear" | "log1p";
  mean: number;
  sd: number;
  /** Whether the model has a "missing" indicator for this feature. */
  missingIndicator: boolean;
}

export interface CategoryStat {
  name: string;
  levels: string[];
}

/** Everything needed to turn an example into the model's feature vector. */
export interface FeatureSpec {
  text: (Omit<TextSettings, "minDf" | "maxDfShare" | "maxTerms"> & { terms: string[]; idf: number[] }) | null;
  /** Text statistics (sentiment, length), standardised like numeric features. */
  textStats: NumericStat[];
  numeric: NumericStat[];
  categories: CategoryStat[];
}

export interface FeatureWeight {
  feature: string;
  kind: FeatureKind;
  weight: number;
}

export type FeatureKind = "term" | "text-stat" | "numeric" | "missing" | "category";

export interface ThresholdedMetrics {
  auc: number;
  macroF1: number;
  positiveF1: number;
  negativeF1: number;
  /** Share of positives among the top 1 %, 5 %, 10 % by score. */
  precisionAtTop: { "1%": number; "5%": number; "10%": number };
  threshold: number;
}

export interface PropensityMetrics {
  folds: number;
  examples: number;
  positives: number;
  /** Mean and standard deviation over the test folds. */
  mean: ThresholdedMetrics;
  sd: ThresholdedMetrics;
  perFold: (ThresholdedMetrics & { l2: number; examples: number })[];
  /** Over the pooled out-of-fold probabilities. */
  calibration: Calibration;
  pooledAuc: number;
  /** Strongest weights of the final model (text weights per unit of TF-IDF, dense ones per SD). */
  topFeatures: { positive: FeatureWeight[]; negative: FeatureWeight[] };
}

export interface PropensityModel {
  format: "advo.propensity";
  version: 1;
  trainedAt: string;
  examples: { total: number; positives: number };
  spec: FeatureSpec;
  l2: number;
  bias: number;
  /** Aligned with the columns: text terms, then text stats, numeric (each with its missing indicator), categories. */
  weights: number[];
  /** Probability at or above which a contact counts as a likely advocate (max macro-F1 out of fold). */
  threshold: number;
  metrics: PropensityMetrics;
}

export interface Contribution {
  feature: string;
  kind: FeatureKind;
  /** The feature's value in the model's units (TF-IDF weight, standardised value, 1 for a flag). */
  value: number;
  /** value × weight: its push on the log-odds, relative to an average contact for dense features. */
  contribution: number;
}

export interface Prediction {
  probability: number;
  /** Whether probability ≥ the model's threshold. */
  likely: boolean;
  /** Strongest contributions by absolute size. */
  contributions: Contribution[];
}
