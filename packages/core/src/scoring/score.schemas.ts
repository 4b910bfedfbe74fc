import { z } from "zod";
import { componentNames } from "./components.ts";
import { personalities } from "./personalities.ts";

export const personality = z.enum(personalities);

export const weightsInput = z
  .object(
    Object.fromEntries(componentNames.map((n) => [n, z.number().min(0).max(1)])) as Record<
      (typeof componentNames)[number],
      z.ZodNumber
    >,
  )
  .partial()
  .refine((w) => Object.values(w).some((v) => (v ?? 0) > 0), { message: "at least one weight must be above 0" });

export const explanationLine = z.object({ component: z.string(), label: z.string(), points: z.number() });

export const contactScoreOutput = z.object({
  contactId: z.string(),
  score: z.number().describe("0–100"),
  confidence: z.number().describe("0–1: the share of the score's weight backed by data"),
  computedAt: z.string(),
  components: z.array(
    z.object({
      name: z.string(),
      value: z.number().nullable(),
      weight: z.number(),
      effectiveWeight: z.number(),
      hasData: z.boolean(),
    }),
  ),
  explanation: z.array(explanationLine).describe("Lines that add up exactly to the score"),
  personality: z
    .object({
      value: personality.nullable(),
      detected: personality.nullable(),
      overridden: z.boolean(),
      confidence: z.number().nullable(),
      evidence: z.record(z.string(), z.number()),
      suggestedAsks: z.array(z.string()),
      suggestedRewards: z.array(z.string()),
    })
    .describe("Educator, Validator, Status seeker or Collaborator, from behaviour"),
  propensity: z
    .number()
    .nullable()
    .describe(
      "0–1: the workspace's trained model's chance of an advocacy act in its window; null before one is trained",
    ),
  history: z.array(z.object({ date: z.string(), score: z.number(), confidence: z.number() })),
});
export type ContactScore = z.infer<typeof contactScoreOutput>;

export const advocateOutput = z.object({
  contactId: z.string(),
  email: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  title: z.string().nullable(),
  accountId: z.string().nullable(),
  accountName: z.string().nullable(),
  lifecycleStage: z.string(),
  score: z.number(),
  confidence: z.number(),
  latestNps: z.number().nullable(),
  personality: personality.nullable(),
  propensity: z.number().nullable().describe("0–1, from the trained propensity model; null before one is trained"),
  topReason: z.string().nullable(),
});
export type Advocate = z.infer<typeof advocateOutput>;
