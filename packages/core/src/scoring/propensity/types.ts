import type { Clock } from "../../shared/clock.ts";
import type { FeatureKind } from "./model.schemas.ts";

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

export type SentimentSource = "advo" | "vader" | "none";

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
  /**
   * Sentiment scores (compound, pos, neg) as extra features, from Advo's scorer or plain VADER
   * (VADER_BASELINE of the listening module), or none. Text length is always a feature.
   */
  sentiment: SentimentSource;
  /**
   * β ≥ 0: scale each term by |log-count ratio between the classes|^β (NBSVM-style, fitted on the
   * training rows); 0 = plain TF-IDF.
   */
  nbWeighting: number;
}

export interface TrainOptions {
  text: TextSettings;
  /**
   * Candidates for C, the inverse L2 strength as in LIBLINEAR / scikit-learn (minimise
   * C·Σ loss + ½‖w‖², i.e. λ = 1 / (C·n) on the mean loss); more than one → chosen on an inner
   * held-out split of each training set.
   */
  c: number[];
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

export type {
  FeatureKind,
  FeatureSpec,
  FeatureWeight,
  PropensityMetrics,
  PropensityModel,
  ThresholdedMetrics,
} from "./model.schemas.ts";
