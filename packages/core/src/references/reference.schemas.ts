import { z } from "zod";
import { referenceActivities } from "./vocabulary.ts";

export const referenceActivity = z.enum(referenceActivities);

const text = (max: number) => z.string().trim().min(1).max(max);
const terms = (what: string) => z.array(text(100)).max(30).describe(what);
const isoDate = z.iso.datetime({ offset: true }).or(z.iso.date());

export const blackout = z
  .object({ from: isoDate, to: isoDate, reason: text(200).optional() })
  .refine((b) => Date.parse(b.from) <= Date.parse(b.to), { message: "from must not be after to", path: ["to"] });

const profileFields = {
  status: z.enum(["active", "paused", "retired"]).optional(),
  consent: z
    .object({ granted: z.boolean(), source: text(100).optional() })
    .optional()
    .describe("The advocate's agreement to act as a reference; without it the profile is never matched"),
  activities: z.array(referenceActivity).min(1).max(8).describe("What the advocate is willing to do"),
  products: terms("Products they use and can speak to"),
  useCases: terms("Use cases they can speak to"),
  industry: text(100).nullable().optional().describe("Defaults to the account's industry"),
  employeeCount: z.number().int().min(0).max(10_000_000).nullable().optional(),
  region: text(60).nullable().optional(),
  country: text(60).nullable().optional(),
  languages: z.array(text(20)).max(10).optional().describe('e.g. ["en", "de"]; defaults to the contact\'s locale'),
  competitorsReplaced: terms("Competitors their company replaced with you"),
  results: z.array(text(300)).max(10).describe('Results they can speak to, e.g. "cut close time by 40%"'),
  availability: text(500).nullable().optional(),
  maxAsksPerQuarter: z
    .number()
    .int()
    .min(0)
    .max(50)
    .nullable()
    .optional()
    .describe("Their own limit of reference asks per quarter"),
  blackouts: z.array(blackout).max(20).describe("Periods they must not be asked"),
  notes: text(2000).nullable().optional(),
};

export const createProfileInput = z.object({
  contactId: z.string().min(1).max(40),
  ...profileFields,
  products: profileFields.products.default([]),
  useCases: profileFields.useCases.default([]),
  competitorsReplaced: profileFields.competitorsReplaced.default([]),
  results: profileFields.results.default([]),
  blackouts: profileFields.blackouts.default([]),
});
export type CreateProfileInput = z.input<typeof createProfileInput>;

export const updateProfileInput = z.object(profileFields).partial();
export type UpdateProfileInput = z.input<typeof updateProfileInput>;

export const profileOutput = z.object({
  id: z.string(),
  contactId: z.string(),
  accountId: z.string().nullable(),
  name: z.string(),
  email: z.string().nullable(),
  title: z.string().nullable(),
  accountName: z.string().nullable(),
  status: z.enum(["active", "paused", "retired"]),
  consent: z.object({ granted: z.boolean(), at: z.string().nullable(), source: z.string().nullable() }),
  activities: z.array(referenceActivity),
  products: z.array(z.string()),
  useCases: z.array(z.string()),
  industry: z.string().nullable(),
  employeeCount: z.number().nullable(),
  sizeBand: z.string().nullable(),
  region: z.string().nullable(),
  country: z.string().nullable(),
  languages: z.array(z.string()),
  competitorsReplaced: z.array(z.string()),
  results: z.array(z.string()),
  availability: z.string().nullable(),
  maxAsksPerQuarter: z.number().nullable(),
  blackouts: z.array(z.object({ from: z.string(), to: z.string(), reason: z.string().nullable() })),
  notes: z.string().nullable(),
  lastReferenceAt: z.string().nullable(),
  referencesGiven: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ReferenceProfile = z.infer<typeof profileOutput>;

export const listProfilesQuery = z.object({
  status: z.enum(["active", "paused", "retired"]).optional(),
  industry: z.string().max(100).optional(),
  region: z.string().max(60).optional(),
});
export type ListProfilesQuery = z.infer<typeof listProfilesQuery>;

/** What sales knows about the prospect; every field but the name is optional and improves the match. */
export const prospectFields = {
  industry: text(100).nullable().optional(),
  employeeCount: z.number().int().min(0).max(10_000_000).nullable().optional(),
  region: text(60).nullable().optional(),
  country: text(60).nullable().optional(),
  products: z.array(text(100)).max(20).default([]),
  useCase: text(200).nullable().optional(),
  competitor: text(100).nullable().optional().describe("The competitor the prospect uses or evaluates"),
  language: text(20).nullable().optional(),
  activity: referenceActivity.default("reference_call"),
  neededBy: isoDate.nullable().optional(),
};

export const matchInput = z.object({
  ...prospectFields,
  limit: z.number().int().min(1).max(50).default(10),
});
export type MatchInput = z.input<typeof matchInput>;

export const createRequestInput = z.object({
  prospectName: text(200),
  ...prospectFields,
  dealAmount: z.number().min(0).max(1e12).nullable().optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as USD")
    .default("USD"),
  stage: text(60).nullable().optional(),
  opportunityId: text(100).nullable().optional().describe("The CRM opportunity this reference supports"),
  notes: text(2000).nullable().optional(),
});
export type CreateRequestInput = z.input<typeof createRequestInput>;

export const matchReason = z.object({
  factor: z.enum(["industry", "competitor", "region", "size", "products", "use_case", "language", "advocacy", "nps"]),
  points: z.number(),
  message: z.string(),
});
export type MatchReason = z.infer<typeof matchReason>;

export const exclusionCode = z.enum([
  "over_ask_limit",
  "cooldown",
  "blackout",
  "detractor",
  "escalated_ticket",
  "already_asked",
  "busy",
]);
export type ExclusionCode = z.infer<typeof exclusionCode>;
export const exclusion = z.object({ code: exclusionCode, message: z.string() });
export type Exclusion = z.infer<typeof exclusion>;

const who = {
  contactId: z.string(),
  profileId: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  accountName: z.string().nullable(),
  score: z.number().describe("Match score 0–100"),
};

export const candidateOutput = z.object({
  ...who,
  reasons: z.array(matchReason).describe("What matched, with the points each added"),
  nps: z.object({ score: z.number(), at: z.string() }).nullable(),
  advocacyScore: z.object({ score: z.number(), computedAt: z.string() }).nullable(),
  asksThisQuarter: z.number(),
  lastReferenceAt: z.string().nullable(),
});
export type Candidate = z.infer<typeof candidateOutput>;

export const excludedOutput = z.object({ ...who, exclusions: z.array(exclusion) });
export type ExcludedCandidate = z.infer<typeof excludedOutput>;

export const matchOutput = z.object({
  candidates: z.array(candidateOutput),
  excluded: z.array(excludedOutput).describe("Profiles that would have ranked, and why they may not be asked"),
  considered: z.number().describe("Profiles scored after the SQL pre-filter"),
});
export type MatchResult = z.infer<typeof matchOutput>;

export const askDecisionInput = z.object({
  decision: z.enum(["accept", "decline"]),
  reason: text(500).optional(),
});
export type AskDecisionInput = z.input<typeof askDecisionInput>;

export const tokenDecisionInput = askDecisionInput.extend({ token: z.string().min(20).max(300) });

export const pickInput = z.object({
  contactId: z.string().max(40).optional().describe("The candidate to ask; the best one when omitted"),
});

export const outcomeInput = z.object({
  callStatus: z.enum(["completed", "no_show"]).optional(),
  callAt: isoDate.optional(),
  dealStatus: z.enum(["open", "won", "lost"]).optional(),
  dealAmount: z.number().min(0).max(1e12).optional(),
  wonAmount: z.number().min(0).max(1e12).optional().describe("Defaults to the deal amount when won"),
  stage: text(60).optional(),
  notes: text(2000).optional(),
});
export type OutcomeInput = z.input<typeof outcomeInput>;

export const cancelInput = z.object({ reason: text(500).optional() });

export const requestStatus = z.enum(["submitted", "approved", "asked", "accepted", "completed", "cancelled"]);

export const askOutputSchema = z.object({
  id: z.string(),
  requestId: z.string(),
  contactId: z.string(),
  name: z.string(),
  status: z.enum(["pending", "accepted", "declined", "withdrawn", "completed", "no_show"]),
  matchScore: z.number(),
  reason: z.string().nullable(),
  askedAt: z.string(),
  respondedAt: z.string().nullable(),
  respondedVia: z.string().nullable(),
  expiresAt: z.string(),
  pointsTransactionId: z.string().nullable(),
});
export type ReferenceAsk = z.infer<typeof askOutputSchema>;

const slaStep = z.object({
  dueAt: z.string().nullable(),
  doneAt: z.string().nullable(),
  breached: z.boolean(),
});

export const requestOutput = z.object({
  id: z.string(),
  status: requestStatus,
  requestedBy: z.object({ type: z.string(), id: z.string(), name: z.string() }),
  prospectName: z.string(),
  industry: z.string().nullable(),
  employeeCount: z.number().nullable(),
  region: z.string().nullable(),
  country: z.string().nullable(),
  products: z.array(z.string()),
  useCase: z.string().nullable(),
  competitor: z.string().nullable(),
  language: z.string().nullable(),
  activity: referenceActivity,
  dealAmount: z.number().nullable(),
  currency: z.string(),
  stage: z.string().nullable(),
  opportunityId: z.string().nullable(),
  neededBy: z.string().nullable(),
  notes: z.string().nullable(),
  contactId: z.string().nullable().describe("The advocate asked, or who accepted"),
  callStatus: z.enum(["completed", "no_show"]).nullable(),
  callAt: z.string().nullable(),
  dealStatus: z.enum(["open", "won", "lost"]),
  wonAmount: z.number().nullable(),
  outcomeNotes: z.string().nullable(),
  approvedBy: z.string().nullable(),
  createdAt: z.string(),
  approvedAt: z.string().nullable(),
  askedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  outcomeAt: z.string().nullable(),
  updatedAt: z.string(),
  sla: z.object({ approval: slaStep, response: slaStep, neededBy: slaStep }),
});
export type ReferenceRequest = z.infer<typeof requestOutput>;

export const requestDetailOutput = requestOutput.extend({ asks: z.array(askOutputSchema) });
export type ReferenceRequestDetail = z.infer<typeof requestDetailOutput>;

export const filedRequestOutput = requestDetailOutput.extend({ match: matchOutput });

export const respondOutput = z.object({
  ask: askOutputSchema,
  request: requestOutput,
  next: candidateOutput
    .nullable()
    .describe("After a decline: the next best candidate (already asked when auto-pick is on)"),
});

export const listRequestsQuery = z.object({ status: requestStatus.optional() });

export const referenceSettings = z.object({
  autoPick: z.boolean().default(false).describe("Approve new requests and ask the best candidate without a manager"),
  cooldownDays: z.number().int().min(0).max(365).default(30).describe("Days after a reference call before the next"),
  thankYouPoints: z.number().int().min(0).max(1_000_000).default(100),
  detractorWindowDays: z.number().int().min(1).max(730).default(180).describe("An NPS of 0–6 this recent excludes"),
  askLinkTtlDays: z.number().int().min(1).max(60).default(7),
  slaHours: z
    .object({
      approval: z.number().min(1).max(2000).default(24),
      response: z.number().min(1).max(2000).default(72),
    })
    .default({ approval: 24, response: 72 }),
});
export type ReferenceSettings = z.infer<typeof referenceSettings>;
export type ReferenceSettingsInput = z.input<typeof referenceSettings>;
