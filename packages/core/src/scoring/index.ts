export { combine, type ExplanationLine, largestRemainder } from "./combine.ts";
export { type ComponentName, componentNames, defaultWeights, meanActiveDays, type Weights } from "./components.ts";
export { computedAtOf, scoresConfirmedAt } from "./confirmed-at.ts";
export {
  actsByPersonality,
  allAdvocacyActs,
  classifyPersonality,
  type Personality,
  personalities,
  personalityLabels,
  suggestionsFor,
} from "./personalities.ts";
export type { FeatureWeight, PropensityMetrics } from "./propensity/index.ts";
export {
  getPropensityModel,
  refreshPropensity,
  scorePropensity,
  trainTenantPropensity,
} from "./propensity-model.ts";
export {
  type StoredOutcome,
  storedOutcome,
  type TrainPropensityInput,
  trainPropensityInput,
} from "./propensity-outcome.ts";
export { findAccountScore, findScore } from "./score.queries.ts";
export {
  type Advocate,
  advocateOutput,
  type ContactScore,
  contactScoreOutput,
  personality,
  weightsInput,
} from "./score.schemas.ts";
export {
  type AdvocateQuery,
  currentScore,
  type Explanation,
  explainScores,
  fullRescoreDue,
  getContactScore,
  getWeights,
  listAdvocates,
  overridePersonality,
  rescoreAll,
  rescoreContacts,
  setWeights,
} from "./scoring.ts";
