import { systemClock } from "../../shared/clock.ts";
import type { TextSettings, TrainOptions } from "./types.ts";

export const DEFAULT_TEXT: TextSettings = {
  negation: true,
  negationWindow: 10,
  maxNgram: 2,
  charNgrams: null,
  minDf: 2,
  maxDfShare: 1,
  maxTerms: 20_000,
  sentiment: "advo",
  nbWeighting: 0.5,
};

export const DEFAULT_OPTIONS: TrainOptions = {
  text: DEFAULT_TEXT,
  c: [1, 3, 10],
  denseL2Factor: 0.1,
  classWeight: "none",
  folds: 5,
  holdoutShare: 0.2,
  minPerClass: 20,
  minCategoryCount: 5,
  seed: 1,
  clock: systemClock,
  topFeatures: 15,
};

export type TrainOptionsInput = Partial<Omit<TrainOptions, "text">> & { text?: Partial<TextSettings> };

export function resolveOptions(input: TrainOptionsInput = {}): TrainOptions {
  return { ...DEFAULT_OPTIONS, ...input, text: { ...DEFAULT_TEXT, ...input.text } };
}
