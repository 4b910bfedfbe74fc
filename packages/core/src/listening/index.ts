// Listening: what customers say, and how they feel about it.
export {
  type Agreement,
  agreement,
  evaluateScorer,
  macroF1,
  parseRatedTexts,
  pearson,
  type RatedText,
  weightedF1,
} from "./sentiment/evaluation.ts";
export { ADVO_METHOD, type SentimentMethod, VADER_METHOD } from "./sentiment/score.ts";
export {
  createSentimentScorer,
  type LexiconLayers,
  type SentimentOptions,
  scoreSentiment,
  VADER_BASELINE,
} from "./sentiment/scorer.ts";
export {
  type LexiconEntries,
  labelOf,
  NEGATIVE_THRESHOLD,
  POSITIVE_THRESHOLD,
  type SentimentLabel,
  type SentimentScore,
  type SentimentScorer,
} from "./sentiment/types.ts";
export {
  lexiconEntriesInput,
  MAX_TEXT_LENGTH,
  MAX_TEXTS,
  type ScoreTextsInput,
  scoreTextsInput,
  scoreTextsOutput,
  sentimentScoreOutput,
} from "./sentiment.schemas.ts";
