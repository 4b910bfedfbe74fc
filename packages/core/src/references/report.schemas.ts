import { z } from "zod";

export const reportQuery = z.object({
  days: z.coerce.number().int().min(1).max(730).default(90).describe("Window in days"),
});

const utilisationRow = z.object({
  profileId: z.string(),
  contactId: z.string(),
  name: z.string(),
  asksInWindow: z.number(),
  acceptedInWindow: z.number(),
  declinedInWindow: z.number(),
  completedInWindow: z.number(),
  asksThisQuarter: z.number(),
  limitPerQuarter: z.number().nullable(),
  referencesGiven: z.number(),
  lastAskedAt: z.string().nullable(),
  lastReferenceAt: z.string().nullable(),
  overused: z.boolean().describe("At or over their limit of reference asks this quarter"),
  idle: z.boolean().describe("Not asked in the window"),
});

export const utilisationOutput = z.object({
  days: z.number(),
  quarter: z.string(),
  activeProfiles: z.number(),
  askedProfiles: z.number(),
  asks: z.number(),
  acceptanceRate: z.number().nullable(),
  overusedCount: z.number(),
  idleCount: z.number(),
  overused: z.array(utilisationRow),
  idle: z.array(utilisationRow),
  busiest: z.array(utilisationRow),
});

export const coverageOutput = z.object({
  days: z.number(),
  requests: z.number(),
  dimensions: z.array(
    z.object({
      dimension: z.enum(["industry", "size", "region", "product", "competitor"]),
      values: z.array(z.object({ value: z.string(), available: z.number(), requested: z.number(), gap: z.boolean() })),
      gaps: z.array(z.string()).describe("Values with no available reference"),
    }),
  ),
});

export const influenceOutput = z.object({
  days: z.number(),
  opportunities: z.number().describe("Distinct opportunities with a completed reference call"),
  referenceCalls: z.number(),
  byCurrency: z.array(
    z.object({
      currency: z.string(),
      influencedRevenue: z.number().describe("Won amounts, once per opportunity"),
      wonOpportunities: z.number(),
      influencedPipeline: z.number().describe("Open deal amounts, once per opportunity"),
      openOpportunities: z.number(),
      lostOpportunities: z.number(),
    }),
  ),
  topOpportunities: z.array(
    z.object({
      opportunity: z.string(),
      prospectName: z.string(),
      status: z.enum(["open", "won", "lost"]),
      amount: z.number(),
      currency: z.string(),
      references: z.number(),
    }),
  ),
});
