import { z } from "zod";

export const rewardKinds = ["swag", "gift_card", "charity", "experience", "early_access", "custom"] as const;
const id = z.string().min(1).max(40);

const rewardFields = {
  name: z.string().trim().min(1).max(120),
  description: z.string().max(5000).default("").describe("Rich text; sanitised"),
  kind: z.enum(rewardKinds),
  monetary: z
    .boolean()
    .optional()
    .describe(
      "Has money value to the advocate (gift cards, swag, experiences). Default by kind; never offered to gift-restricted contacts",
    ),
  costPoints: z.number().int().min(1).max(100_000_000),
  valueCents: z
    .number()
    .int()
    .min(0)
    .max(100_000_000)
    .default(0)
    .describe("What it costs the company; counts against budgets"),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as USD")
    .default("USD"),
  stock: z.number().int().min(0).max(10_000_000).nullable().default(null).describe("null: unlimited"),
  perAdvocateLimit: z.number().int().min(1).max(1000).nullable().default(null),
  programId: id.nullable().optional(),
  approvalRequired: z.boolean().default(false),
  active: z.boolean().default(true),
};

export const createRewardInput = z.object(rewardFields);
export type CreateRewardInput = z.input<typeof createRewardInput>;
export const updateRewardInput = z.object({
  name: rewardFields.name.optional(),
  description: z.string().max(5000).optional(),
  costPoints: rewardFields.costPoints.optional(),
  valueCents: z.number().int().min(0).max(100_000_000).optional(),
  stock: z.number().int().min(0).max(10_000_000).nullable().optional(),
  perAdvocateLimit: z.number().int().min(1).max(1000).nullable().optional(),
  approvalRequired: z.boolean().optional(),
  active: z.boolean().optional(),
});

export const rewardOutput = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  kind: z.enum(rewardKinds),
  monetary: z.boolean(),
  costPoints: z.number(),
  valueCents: z.number(),
  currency: z.string(),
  stock: z.number().nullable(),
  perAdvocateLimit: z.number().nullable(),
  programId: z.string().nullable(),
  approvalRequired: z.boolean(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Reward = z.infer<typeof rewardOutput>;

export const listRewardsQuery = z.object({
  contactId: id
    .optional()
    .describe("Only what this advocate may redeem (gift-restricted contacts see non-monetary rewards only)"),
  includeInactive: z.coerce.boolean().default(false),
});

export const redeemInput = z.object({
  rewardId: id,
  contactId: id.optional().describe("Staff redeeming on an advocate's behalf; advocates redeem as themselves"),
  details: z
    .record(z.string().max(60), z.string().max(1000))
    .default({})
    .describe("Shipping address, size, charity choice…"),
});
export type RedeemInput = z.input<typeof redeemInput>;

export const redemptionStates = ["requested", "approved", "fulfilled", "rejected"] as const;

export const redemptionOutput = z.object({
  id: z.string(),
  rewardId: z.string(),
  rewardName: z.string().nullable(),
  contactId: z.string(),
  contactName: z.string().nullable(),
  state: z.enum(redemptionStates),
  points: z.number(),
  valueCents: z.number(),
  quarter: z.string(),
  details: z.record(z.string(), z.string()),
  transactionId: z.string(),
  refundTransactionId: z.string().nullable(),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  fulfilledAt: z.string().nullable(),
  rejectionReason: z.string().nullable(),
});
export type Redemption = z.infer<typeof redemptionOutput>;

export const listRedemptionsQuery = z.object({
  state: z.enum(redemptionStates).optional(),
  contactId: id.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const decideRedemptionInput = z.discriminatedUnion("decision", [
  z.object({ decision: z.literal("approve") }),
  z.object({ decision: z.literal("reject"), reason: z.string().trim().min(3).max(1000) }),
  z.object({ decision: z.literal("fulfil"), note: z.string().trim().max(1000).optional() }),
]);
export type DecideRedemptionInput = z.infer<typeof decideRedemptionInput>;

export const budgetInput = z.object({
  quarter: z.string().regex(/^[0-9]{4}-Q[1-4]$/, 'must be a quarter such as "2026-Q4"'),
  programId: id.nullable().optional().describe("null: the workspace-wide budget"),
  limitCents: z.number().int().min(0).max(100_000_000_000),
});
export const budgetOutput = z.object({
  quarter: z.string(),
  programId: z.string().nullable(),
  limitCents: z.number(),
  spentCents: z.number(),
  remainingCents: z.number(),
});

export const rewardSettings = z.object({
  approvalAbovePoints: z
    .number()
    .int()
    .min(0)
    .nullable()
    .default(null)
    .describe("Redemptions costing more than this wait for a manager; null: only rewards marked approvalRequired"),
});
