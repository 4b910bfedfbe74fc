import { z } from "zod";

// What a workspace trains its propensity model on, and which of its data may be features.

const attributeName = z
  .string()
  .trim()
  .min(1, "must name a contact attribute")
  .max(100, "must be at most 100 characters");

export const propensityOutcomeInput = z
  .object({
    attribute: attributeName.describe(
      'A contact attribute holding yes/no (true/false, 1/0, "yes"/"no", "true"/"false"): the outcome to predict. ' +
        "Contacts without it are left out of training; it is never a feature.",
    ),
  })
  .strict();

export const propensityFeaturesInput = z
  .object({
    surveyScores: z
      .boolean()
      .default(true)
      .describe("NPS and CSAT scores (and the NPS trend) as features; false when the outcome derives from them"),
    attributes: z
      .union([z.boolean(), z.array(attributeName).max(100)])
      .optional()
      .describe(
        "Contact attributes as features (numbers scaled, low-cardinality text one-hot): true, false or a list of names. " +
          "Default: true with an attribute outcome; false with the advocacy-act outcome, because attributes have no " +
          "history and may have been set after the outcome window opened.",
      ),
  })
  .strict();

export const trainPropensityInput = z
  .object({
    windowDays: z
      .number()
      .int()
      .min(14)
      .max(365)
      .default(90)
      .describe("Outcome window: did the contact complete an advocacy act within this many days? (no outcome given)"),
    outcome: propensityOutcomeInput
      .optional()
      .describe("Train on this instead of an advocacy act within windowDays; features are then those known now"),
    features: propensityFeaturesInput.default({ surveyScores: true }),
  })
  .strict();
export type TrainPropensityInput = z.input<typeof trainPropensityInput>;

/** The outcome a stored model was trained on, as the API shows it. */
export const storedOutcome = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("advocacy_act"), windowDays: z.number() }),
  z.object({ kind: z.literal("attribute"), attribute: z.string() }),
]);
export type StoredOutcome = z.infer<typeof storedOutcome>;

/** A stored outcome column: null (models trained before outcomes could be chosen) is the advocacy act. */
export function outcomeOf(stored: string | null, windowDays: number): StoredOutcome {
  return stored ? storedOutcome.parse(JSON.parse(stored)) : { kind: "advocacy_act", windowDays };
}

const YES = new Set(["true", "yes", "y", "1"]);
const NO = new Set(["false", "no", "n", "0"]);

/**
 * An attribute's value as an outcome label: 1, 0, "missing" (absent or empty: the contact is left out)
 * or "unreadable" (present but not a yes/no: also left out, and counted so the caller can say so).
 */
export function outcomeLabel(value: unknown): 0 | 1 | "missing" | "unreadable" {
  if (value === undefined || value === null || (typeof value === "string" && value.trim() === "")) return "missing";
  if (value === true || value === 1) return 1;
  if (value === false || value === 0) return 0;
  if (typeof value === "string") {
    const s = value.trim().toLowerCase();
    if (YES.has(s)) return 1;
    if (NO.has(s)) return 0;
  }
  return "unreadable";
}
