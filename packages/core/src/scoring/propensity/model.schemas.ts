import { z } from "zod";
import { columnCount } from "./features.ts";

// The stored model: one schema validates a model read back from the database, types it, and can
// document it in the API.

const numericStat = z.object({
  name: z.string(),
  transform: z.enum(["linear", "log1p"]),
  mean: z.number(),
  sd: z.number().positive(),
  /** Whether the model has a "missing" indicator for this feature. */
  missingIndicator: z.boolean(),
});

const textSpec = z.object({
  // The settings the text features were built with (see TextSettings).
  negation: z.boolean(),
  negationWindow: z.number().int().nonnegative(),
  maxNgram: z.number().int().min(1),
  charNgrams: z.tuple([z.number().int().min(1), z.number().int().min(1)]).nullable(),
  minDf: z.number(),
  maxDfShare: z.number(),
  maxTerms: z.number(),
  sentiment: z.enum(["advo", "vader", "none"]),
  nbWeighting: z.number().nonnegative(),
  terms: z.array(z.string()),
  /** Per term: IDF × |NB log-count ratio|^β, multiplied into the sublinear TF before L2 normalisation. */
  scale: z.array(z.number()),
});

export const featureSpecSchema = z.object({
  text: textSpec.nullable(),
  /** Text statistics (sentiment, length), standardised like numeric features. */
  textStats: z.array(numericStat),
  numeric: z.array(numericStat),
  categories: z.array(z.object({ name: z.string(), levels: z.array(z.string()) })),
});

export const featureKind = z.enum(["term", "text-stat", "numeric", "missing", "category"]);

const featureWeight = z.object({
  feature: z.string(),
  kind: featureKind,
  weight: z.number(),
  /**
   * weight × the feature's mean absolute value where present in training: its typical push on the
   * log-odds. Ranks features fairly even though terms are scaled differently.
   */
  effect: z.number(),
});

export const thresholdedMetricsSchema = z.object({
  auc: z.number(),
  macroF1: z.number(),
  positiveF1: z.number(),
  negativeF1: z.number(),
  /** Share of positives among the top 1 %, 5 %, 10 % by score. */
  precisionAtTop: z.object({ "1%": z.number(), "5%": z.number(), "10%": z.number() }),
  threshold: z.number(),
});

const calibrationSchema = z.object({
  bins: z.array(
    z.object({
      from: z.number(),
      to: z.number(),
      count: z.number(),
      meanPredicted: z.number(),
      observedRate: z.number(),
    }),
  ),
  brier: z.number(),
  ece: z.number(),
});

export const propensityMetricsSchema = z.object({
  folds: z.number().int(),
  examples: z.number().int(),
  positives: z.number().int(),
  /** Mean and standard deviation over the test folds. */
  mean: thresholdedMetricsSchema,
  sd: thresholdedMetricsSchema,
  perFold: z.array(thresholdedMetricsSchema.extend({ c: z.number(), examples: z.number().int() })),
  /** Over the pooled out-of-fold probabilities. */
  calibration: calibrationSchema,
  pooledAuc: z.number(),
  /** The final model's features with the largest typical effect, in each direction. */
  topFeatures: z.object({ positive: z.array(featureWeight), negative: z.array(featureWeight) }),
});

export const propensityModelSchema = z
  .object({
    format: z.literal("advo.propensity"),
    version: z.literal(1),
    trainedAt: z.string(),
    examples: z.object({ total: z.number().int(), positives: z.number().int() }),
    spec: featureSpecSchema,
    /** The inverse L2 strength the final model was fitted with. */
    c: z.number().positive(),
    bias: z.number(),
    /** Aligned with the columns: text terms, text stats, numeric (each then its missing indicator), category levels. */
    weights: z.array(z.number()),
    /** Probability at or above which a contact counts as a likely advocate (max out-of-fold macro-F1). */
    threshold: z.number(),
    metrics: propensityMetricsSchema,
  })
  .superRefine((model, ctx) => {
    const text = model.spec.text;
    if (text && text.terms.length !== text.scale.length)
      ctx.addIssue({ code: "custom", path: ["spec", "text", "scale"], message: "needs one scale per term" });
    const columns = columnCount(model.spec);
    if (model.weights.length !== columns)
      ctx.addIssue({
        code: "custom",
        path: ["weights"],
        message: `needs ${columns} weights, has ${model.weights.length}`,
      });
  });

export type FeatureSpec = z.infer<typeof featureSpecSchema>;
export type NumericStat = FeatureSpec["numeric"][number];
export type CategoryStat = FeatureSpec["categories"][number];
export type FeatureKind = z.infer<typeof featureKind>;
export type FeatureWeight = z.infer<typeof featureWeight>;
export type ThresholdedMetrics = z.infer<typeof thresholdedMetricsSchema>;
export type PropensityMetrics = z.infer<typeof propensityMetricsSchema>;
export type PropensityModel = z.infer<typeof propensityModelSchema>;
