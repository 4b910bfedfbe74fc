import { z } from "zod";
import { challengeTypes } from "../programs/challenge.schemas.ts";

export const badgeRule = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("submissions"),
    challengeType: z.enum(challengeTypes).optional().describe("Count only approved submissions of this type"),
    atLeast: z.number().int().min(1).max(100_000),
  }),
  z.object({
    kind: z.literal("events"),
    event: z.string().min(1).max(200).describe('An advocacy act, e.g. "Referral Converted" or "Speaking Engagement"'),
    atLeast: z.number().int().min(1).max(100_000),
  }),
  z.object({ kind: z.literal("points"), atLeast: z.number().int().min(1).max(1_000_000_000) }),
  z.object({ kind: z.literal("manual") }),
]);
export type BadgeRule = z.infer<typeof badgeRule>;

export const createBadgeInput = z.object({
  name: z.string().trim().min(1).max(80),
  description: z.string().trim().max(500).default(""),
  icon: z.string().trim().max(40).nullable().optional().describe("An icon name or emoji"),
  rule: badgeRule,
});

export const badgeOutput = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  icon: z.string().nullable(),
  rule: badgeRule,
  holders: z.number(),
  createdAt: z.string(),
});
export type Badge = z.infer<typeof badgeOutput>;

export const earnedBadgeOutput = z.object({
  badgeId: z.string(),
  name: z.string(),
  icon: z.string().nullable(),
  awardedAt: z.string(),
  reason: z.string(),
});

export const tierDefinition = z.object({
  name: z.string().trim().min(1).max(60),
  minLifetimePoints: z.number().int().min(0).max(1_000_000_000),
  minBadges: z.number().int().min(0).max(1000).default(0),
});
export const tiersInput = z
  .array(tierDefinition)
  .min(1)
  .max(20)
  .refine((tiers) => tiers.every((t, i) => i === 0 || t.minLifetimePoints >= (tiers[i - 1]?.minLifetimePoints ?? 0)), {
    message: "tiers must be in ascending order of minLifetimePoints",
  })
  .refine((tiers) => tiers[0]?.minLifetimePoints === 0, { message: "the first tier must start at 0 points" });
export type Tier = z.infer<typeof tierDefinition>;

export const standingOutput = z.object({
  contactId: z.string(),
  balance: z.number(),
  lifetimeEarned: z.number(),
  tier: z.string(),
  nextTier: z.object({ name: z.string(), pointsNeeded: z.number(), badgesNeeded: z.number() }).nullable(),
  badges: z.array(earnedBadgeOutput),
});
export type Standing = z.infer<typeof standingOutput>;

export const leaderboardQuery = z.object({
  programId: z.string().max(40).optional(),
  period: z.enum(["month", "quarter", "year", "all"]).default("quarter"),
  limit: z.coerce.number().int().min(1).max(100).default(10),
});
export const leaderboardOutput = z.object({
  period: z.string(),
  since: z.string().nullable(),
  programId: z.string().nullable(),
  entries: z.array(z.object({ rank: z.number(), contactId: z.string(), name: z.string(), points: z.number() })),
});

export const createShoutoutInput = z.object({
  contactId: z.string().min(1).max(40),
  programId: z.string().max(40).nullable().optional(),
  message: z.string().trim().min(1).max(2000).describe("Rich text; sanitised"),
});
export const shoutoutOutput = z.object({
  id: z.string(),
  contactId: z.string(),
  name: z.string().describe('The advocate\'s name when they consented to public recognition, otherwise "An advocate"'),
  programId: z.string().nullable(),
  message: z.string(),
  createdAt: z.string(),
});
