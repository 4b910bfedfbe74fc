// Propensity: per tenant, predicts which contacts will complete an advocacy act from their signals.

// Evaluation building blocks, for benchmarks and reports.
export {
  bestMacroF1Threshold,
  type Calibration,
  type CalibrationBin,
  calibration,
  confusionAt,
  f1Scores,
  precisionAtTop,
  rocAuc,
} from "./metrics.ts";
export {
  type FeatureKind,
  type FeatureSpec,
  type FeatureWeight,
  featureSpecSchema,
  type PropensityMetrics,
  type PropensityModel,
  propensityMetricsSchema,
  propensityModelSchema,
  type ThresholdedMetrics,
} from "./model.schemas.ts";
export { DEFAULT_OPTIONS, DEFAULT_TEXT, type TrainOptionsInput } from "./options.ts";
export { predictPropensity } from "./predict.ts";
export { parsePropensityModel, serializePropensityModel } from "./serialize.ts";
export { trainPropensity } from "./train.ts";
export type {
  Contribution,
  LabelledExample,
  Prediction,
  PropensityExample,
  TextSettings,
  TrainOptions,
} from "./types.ts";
