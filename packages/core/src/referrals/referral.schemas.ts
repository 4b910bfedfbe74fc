import { z } from "zod";

// Referral settings, inputs and outputs: one zod schema validates, types and documents each.

const httpUrl = z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }).max(2000);
const id = z.string().min(1).max(40);
const domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, "must be a domain such as example.com");

export const pointsRule = z.discriminatedUnion("type", [
  z.object({ type: z.literal("fixed"), points: z.number().int().min(1).max(10_000_000) }),
  z.object({
    type: z.literal("percent"),
    percent: z.number().gt(0).max(100).describe("Share of the first payment"),
    pointsPerUnit: z.number().gt(0).max(10_000).default(1).describe("Points per unit of currency (1 point per $1)"),
    maxPoints: z.number().int().min(1).max(10_000_000).optional(),
  }),
]);
export type PointsRule = z.infer<typeof pointsRule>;

export const friendRule = z.discriminatedUnion("type", [
  ...pointsRule.options,
  z.object({
    type: z.literal("discount"),
    description: z.string().trim().min(1).max(200).describe('What the friend gets, e.g. "20% off the first year"'),
    code: z.string().trim().max(60).optional().describe("A coupon code the billing system honours"),
  }),
  z.object({ type: z.literal("none") }),
]);
export type FriendRule = z.infer<typeof friendRule>;

const DEFAULT_VELOCITY = { leadsPerHour: 10, leadsPerDay: 50 };

/** A referral program's rules, kept in the program's `settings.referral` JSON. */
export const referralSettings = z.object({
  referrerReward: pointsRule.default({ type: "fixed", points: 500 }),
  tiers: z
    .array(z.object({ afterReferrals: z.number().int().min(1).max(10_000), reward: pointsRule }))
    .max(10)
    .default([])
    .describe("From the (afterReferrals + 1)th rewarded referral on, the tier's reward replaces the base one"),
  friendReward: friendRule.default({ type: "fixed", points: 250 }),
  holdDays: z.number().int().min(0).max(365).default(30).describe("Rewards are posted this long after the payment"),
  minAmount: z.number().min(0).max(1e12).default(0).describe("Smaller first payments earn no reward"),
  attributionWindowDays: z.number().int().min(1).max(730).default(90),
  attributionRule: z.enum(["last_click", "first_click"]).default("last_click"),
  fraudThreshold: z
    .number()
    .int()
    .min(1)
    .max(100)
    .default(50)
    .describe("A lead or conversion scoring at least this goes to the review queue"),
  audience: z
    .enum(["business", "consumer"])
    .default("business")
    .describe("consumer: a friend on the advocate's own (non-webmail) email domain is a self-referral signal"),
  velocity: z
    .object({
      leadsPerHour: z.number().int().min(1).max(100_000).default(DEFAULT_VELOCITY.leadsPerHour),
      leadsPerDay: z.number().int().min(1).max(1_000_000).default(DEFAULT_VELOCITY.leadsPerDay),
    })
    .default(DEFAULT_VELOCITY)
    .describe("Leads per code above these counts add the velocity signal"),
  extraDisposableDomains: z.array(domain).max(2000).default([]),
});
export type ReferralSettings = z.infer<typeof referralSettings>;
export type ReferralSettingsInput = z.input<typeof referralSettings>;

export const workspaceSettings = z.object({
  defaultLandingUrl: httpUrl
    .nullable()
    .describe("Where unknown, paused or retired codes land; null: the newest referral program's landing URL"),
});

export const codeStatuses = ["active", "paused", "retired"] as const;

export const issueCodeInput = z.object({
  programId: id,
  contactId: id,
  vanity: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{2,31}$/, "must be 3–32 letters, digits, - or _, starting with a letter or digit")
    .optional()
    .describe("A memorable code instead of a generated one; unique in the workspace, ignoring case"),
});
export type IssueCodeInput = z.input<typeof issueCodeInput>;

export const codeStatusInput = z.object({
  status: z.enum(codeStatuses).describe("paused codes can be resumed; retired is final"),
});

export const listCodesQuery = z.object({
  programId: id.optional(),
  contactId: id.optional(),
  status: z.enum(codeStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const referralCodeOutput = z.object({
  id: z.string(),
  programId: z.string(),
  contactId: z.string(),
  code: z.string(),
  kind: z.enum(["generated", "vanity"]),
  status: z.enum(codeStatuses),
  sharePath: z.string().describe("/r/<workspace>/<code>; prefix with the server's public URL"),
  shareUrl: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ReferralCode = z.infer<typeof referralCodeOutput>;

const email = z
  .string()
  .trim()
  .max(320)
  .pipe(z.email({ message: "must be an email address like name@example.com" }))
  .transform((v) => v.toLowerCase());
const deviceId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, "must be the advo_rid cookie value")
  .describe("The advo_rid cookie (the snippet sends it)");

export const leadInput = z
  .object({
    workspace: z.string().trim().min(1).max(60).describe("The workspace slug, as in the share link"),
    code: z.string().trim().min(1).max(64).optional(),
    clickId: id.optional().describe("ref_click from the landing URL"),
    email,
    name: z.string().trim().max(200).optional(),
    company: z.string().trim().max(200).optional(),
    deviceId: deviceId.optional(),
  })
  .refine((v) => Boolean(v.code || v.clickId), { message: "give the referral code or the click id", path: ["code"] });
export type LeadInput = z.input<typeof leadInput>;

export const leadReceipt = z.object({ id: z.string(), received: z.literal(true) });

export const fraudSignalOutput = z.object({
  signal: z.string(),
  points: z.number().int(),
  detail: z.string(),
});
export type FraudSignal = z.infer<typeof fraudSignalOutput>;

export const reviewStates = ["none", "pending", "approved", "rejected"] as const;

export const reviewOutput = z.object({
  state: z.enum(reviewStates),
  by: z.string().nullable(),
  at: z.string().nullable(),
  note: z.string().nullable(),
});

export const leadOutput = z.object({
  id: z.string(),
  programId: z.string(),
  codeId: z.string(),
  advocateId: z.string(),
  clickId: z.string().nullable(),
  email: z.string(),
  name: z.string().nullable(),
  company: z.string().nullable(),
  contactId: z.string().nullable(),
  fraudScore: z.number().int(),
  fraudSignals: z.array(fraudSignalOutput),
  review: reviewOutput,
  createdAt: z.string(),
});
export type Lead = z.infer<typeof leadOutput>;

export const conversionInput = z.object({
  externalId: z.string().trim().min(1).max(200).describe("The order or deal id: a repeat changes nothing"),
  amount: z.number().min(0).max(1e12).describe("The first payment, in the currency's major unit"),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, "must be a 3-letter ISO 4217 code")
    .transform((v) => v.toUpperCase()),
  convertedAt: z.iso.datetime({ offset: true }).optional().describe("When it was paid (default: now)"),
  email: email.optional().describe("The customer's email: finds their leads"),
  leadId: id.optional(),
  clickId: id.optional(),
  code: z.string().trim().min(1).max(64).optional().describe("A code entered at checkout"),
  deviceId: deviceId.optional(),
  programId: id.optional().describe("Only touches on this program's codes count"),
});
export type ConversionInput = z.input<typeof conversionInput>;

export const refundInput = z.object({
  reason: z.string().trim().min(1).max(500).default("refunded"),
});

export const conversionStatuses = [
  "unattributed",
  "ineligible",
  "review",
  "held",
  "paid",
  "refunded",
  "rejected",
] as const;

export const touchOutput = z.object({
  kind: z.enum(["lead", "click", "code"]),
  id: z.string(),
  codeId: z.string(),
  code: z.string(),
  programId: z.string(),
  advocateId: z.string(),
  at: z.string(),
});
export type Touch = z.infer<typeof touchOutput>;

export const attributionOutput = z.object({
  rule: z.enum(["last_click", "first_click"]).nullable(),
  windowDays: z.number().int().nullable(),
  chosen: touchOutput.nullable(),
  touches: z.array(touchOutput),
  explanation: z.string(),
});
export type Attribution = z.infer<typeof attributionOutput>;

export const rewardOutput = z.object({
  side: z.enum(["referrer", "friend"]),
  contactId: z.string().nullable(),
  kind: z.enum(["points", "discount", "none"]),
  points: z.number().int(),
  detail: z.record(z.string(), z.unknown()),
  status: z.enum(["pending", "paid", "cancelled", "clawed_back"]),
  transactionId: z.string().nullable(),
  reversalId: z.string().nullable(),
});

export const conversionOutput = z.object({
  id: z.string(),
  externalId: z.string(),
  programId: z.string().nullable(),
  codeId: z.string().nullable(),
  advocateId: z.string().nullable(),
  leadId: z.string().nullable(),
  customerEmail: z.string().nullable(),
  friendContactId: z.string().nullable(),
  amount: z.number(),
  currency: z.string(),
  status: z.enum(conversionStatuses),
  statusReason: z.string().nullable(),
  nth: z.number().int().describe("The advocate's Nth rewarded referral in the program"),
  attribution: attributionOutput,
  fraudScore: z.number().int(),
  fraudSignals: z.array(fraudSignalOutput),
  review: reviewOutput,
  convertedAt: z.string(),
  payableAt: z.string().nullable(),
  paidAt: z.string().nullable(),
  refundedAt: z.string().nullable(),
  rewards: z.array(rewardOutput),
  replayed: z.boolean().describe("True when this external id had been recorded before: nothing changed"),
});
export type Conversion = z.infer<typeof conversionOutput>;

export const listQuery = z.object({
  programId: id.optional(),
  advocateId: id.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const listConversionsQuery = listQuery.extend({ status: z.enum(conversionStatuses).optional() });

export const reviewItemOutput = z.object({
  kind: z.enum(["lead", "conversion"]),
  id: z.string(),
  programId: z.string().nullable(),
  advocateId: z.string().nullable(),
  email: z.string().nullable(),
  amount: z.number().nullable(),
  fraudScore: z.number().int(),
  reasons: z.array(fraudSignalOutput),
  createdAt: z.string(),
});
export type ReviewItem = z.infer<typeof reviewItemOutput>;

export const reviewDecisionInput = z.object({
  decision: z.enum(["approve", "reject"]),
  note: z.string().trim().max(1000).optional(),
});

export const reviewDecisionOutput = z.object({
  kind: z.enum(["lead", "conversion"]),
  id: z.string(),
  review: reviewOutput,
  status: z.string().describe("The conversion's status after the decision, or the lead's review state"),
});

export const fingerprintInput = z
  .object({
    contactId: id,
    deviceId: deviceId.optional(),
    ip: z.union([z.ipv4(), z.ipv6()]).optional().describe("Hashed with the workspace salt before it is stored"),
  })
  .refine((v) => Boolean(v.deviceId || v.ip), { message: "give deviceId or ip", path: ["deviceId"] });

export const metricsQuery = z.object({
  programId: id.optional(),
  advocates: z.coerce.number().int().min(0).max(500).default(20).describe("How many top advocates to list"),
});

const funnel = {
  clicks: z.number().int(),
  unattributedClicks: z.number().int(),
  leads: z.number().int(),
  conversions: z.number().int().describe("Held or paid"),
  clickToLead: z.number().nullable(),
  leadToConversion: z.number().nullable(),
  clickToConversion: z.number().nullable(),
  referredRevenue: z.number().describe("Sum of held and paid conversions' first payments"),
  pointsPaid: z.number().int().describe("Posted to the ledger, less clawbacks"),
  pointsPending: z.number().int().describe("Waiting for the hold period or a review"),
};

export const advocateMetricsOutput = z.object({
  contactId: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  ...funnel,
});

export const cohortOutput = z.object({
  customers: z.number().int(),
  revenuePerCustomer: z.number().nullable(),
  repeatPurchaseRate: z.number().nullable().describe("Share with a purchase 30+ days after their first"),
});

export const programMetricsOutput = z.object({
  programId: z.string(),
  name: z.string(),
  ...funnel,
  inReview: z.number().int(),
  refunded: z.number().int(),
  advocates: z.number().int().describe("Members joined or active, and code holders"),
  advocatesWithConversion: z.number().int(),
  referralRate: z.number().nullable().describe("Share of advocates with at least one conversion"),
  topAdvocates: z.array(advocateMetricsOutput),
});

export const metricsOutput = z.object({
  programs: z.array(programMetricsOutput),
  customers: z
    .object({ referred: cohortOutput, nonReferred: cohortOutput })
    .nullable()
    .describe("From purchases; null when there are none"),
});
export type ReferralMetrics = z.infer<typeof metricsOutput>;
