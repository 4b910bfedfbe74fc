import { z } from "zod";

/** Extra lexicon entries a tenant or a CLI user supplies: a word or phrase → valence on VADER's scale. */
export const lexiconEntriesInput = z
  .record(
    z.string().trim().min(1, "a term cannot be empty").max(200),
    z.number().min(-4, "valence runs from -4 to +4").max(4, "valence runs from -4 to +4"),
  )
  .describe("Lexicon entries: word or phrase → valence from -4 (most negative) to +4 (most positive)");

export const MAX_TEXTS = 1000;
export const MAX_TEXT_LENGTH = 10_000;

export const scoreTextsInput = z.object({
  texts: z
    .array(
      z.string().max(MAX_TEXT_LENGTH, `each text has at most ${MAX_TEXT_LENGTH.toLocaleString("en-US")} characters`),
    )
    .min(1, "send at least one text")
    .max(MAX_TEXTS, `send at most ${MAX_TEXTS} texts per request`),
});
export type ScoreTextsInput = z.infer<typeof scoreTextsInput>;

export const sentimentScoreOutput = z.object({
  compound: z.number().min(-1).max(1).describe("Overall sentiment from -1 (most negative) to +1 (most positive)"),
  pos: z.number().min(0).max(1).describe("Share of the text's sentiment mass that is positive"),
  neu: z.number().min(0).max(1),
  neg: z.number().min(0).max(1),
  label: z.enum(["positive", "neutral", "negative"]).describe("compound ≥ 0.05 positive, ≤ -0.05 negative"),
});

export const scoreTextsOutput = z.object({ results: z.array(sentimentScoreOutput) });
