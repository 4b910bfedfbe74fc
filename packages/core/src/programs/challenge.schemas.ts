import { z } from "zod";

export const challengeTypes = [
  "referral",
  "review",
  "reference_call",
  "testimonial",
  "case_study",
  "social_share",
  "survey",
  "event",
  "beta_feedback",
  "custom",
] as const;
export const evidenceKinds = ["url", "text", "file"] as const;
export const reviewSites = [
  "g2",
  "trustradius",
  "capterra",
  "gartner_peer_insights",
  "app_store",
  "google_play",
  "other",
] as const;

const id = z.string().min(1).max(40);
const isoDate = z.iso.datetime({ offset: true });

const challengeFields = {
  programId: id.nullable().optional(),
  type: z.enum(challengeTypes),
  title: z.string().trim().min(1).max(200),
  description: z.string().max(20_000).default("").describe("Rich text (HTML); sanitised when stored"),
  points: z.number().int().min(0).max(1_000_000),
  audienceSegmentId: id.nullable().optional().describe("Only members of this saved segment see and may answer it"),
  startsAt: isoDate.nullable().optional(),
  endsAt: isoDate.nullable().optional(),
  perAdvocateLimit: z.number().int().min(1).max(1000).nullable().default(1).describe("null: unlimited"),
  totalLimit: z.number().int().min(1).max(10_000_000).nullable().optional().describe("null: unlimited"),
  evidence: z.array(z.enum(evidenceKinds)).max(3).optional().describe("What a submission must include"),
  approval: z.enum(["automatic", "review"]).default("review"),
  reviewSite: z.enum(reviewSites).nullable().optional(),
  targetUrl: z
    .url({ protocol: /^https?$/, message: "must be an http(s) URL" })
    .max(2000)
    .nullable()
    .optional(),
  disclosure: z
    .string()
    .trim()
    .max(500)
    .nullable()
    .optional()
    .describe("Disclosure text; a default is used when incentivised"),
  gatingOverride: z
    .object({ reason: z.string().trim().min(10).max(1000) })
    .optional()
    .describe("Only where the workspace policy allows it: target a satisfaction-filtered audience with a review ask"),
  status: z.enum(["active", "paused", "archived"]).default("active"),
};

export const createChallengeInput = z
  .object(challengeFields)
  .refine((c) => !c.startsAt || !c.endsAt || c.startsAt < c.endsAt, {
    message: "must be after startsAt",
    path: ["endsAt"],
  });
export type CreateChallengeInput = z.input<typeof createChallengeInput>;

export const updateChallengeInput = z.object({
  title: challengeFields.title.optional(),
  description: z.string().max(20_000).optional(),
  points: challengeFields.points.optional(),
  startsAt: challengeFields.startsAt,
  endsAt: challengeFields.endsAt,
  totalLimit: challengeFields.totalLimit,
  status: z.enum(["active", "paused", "archived"]).optional(),
});
export type UpdateChallengeInput = z.input<typeof updateChallengeInput>;

export const challengeOutput = z.object({
  id: z.string(),
  programId: z.string().nullable(),
  type: z.enum(challengeTypes),
  title: z.string(),
  description: z.string(),
  points: z.number(),
  audienceSegmentId: z.string().nullable(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  perAdvocateLimit: z.number().nullable(),
  totalLimit: z.number().nullable(),
  claimed: z.number().describe("Pending and approved submissions"),
  evidence: z.array(z.enum(evidenceKinds)),
  approval: z.enum(["automatic", "review"]),
  reviewSite: z.string().nullable(),
  targetUrl: z.string().nullable(),
  incentivised: z.boolean(),
  disclosure: z.string().nullable().describe("Travels with anything produced under this incentive"),
  gatingOverride: z.object({ reason: z.string(), by: z.string(), at: z.string() }).nullable(),
  status: z.enum(["active", "paused", "archived"]),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Challenge = z.infer<typeof challengeOutput>;

export const listChallengesQuery = z.object({
  programId: id.optional(),
  type: z.enum(challengeTypes).optional(),
  status: z.enum(["active", "paused", "archived"]).optional(),
});

export const evidenceInput = z.object({
  url: z
    .url({ protocol: /^https?$/, message: "must be an http(s) URL" })
    .max(2000)
    .optional(),
  text: z.string().trim().min(1).max(20_000).optional(),
  file: z
    .object({
      name: z.string().trim().min(1).max(200),
      contentType: z.string().max(100),
      dataBase64: z.base64().max(7_000_000).describe("The file, base64 (up to 5 MB)"),
    })
    .optional(),
});

export const submitInput = z.object({
  contactId: id.optional().describe("Staff submitting on an advocate's behalf; advocates submit as themselves"),
  evidence: evidenceInput.default({}),
});
export type SubmitInput = z.input<typeof submitInput>;

export const rejectionCategories = [
  "evidence_missing",
  "not_published",
  "duplicate",
  "not_eligible",
  "off_topic",
  "other",
] as const;

export const reviewSubmissionInput = z.discriminatedUnion("decision", [
  z.object({ decision: z.literal("approve") }),
  z.object({
    decision: z.literal("reject"),
    category: z.enum(rejectionCategories),
    reason: z.string().trim().min(3).max(1000),
  }),
]);
export type ReviewSubmissionInput = z.infer<typeof reviewSubmissionInput>;

export const submissionOutput = z.object({
  id: z.string(),
  challengeId: z.string(),
  challengeTitle: z.string().nullable(),
  contactId: z.string(),
  contactName: z.string().nullable(),
  state: z.enum(["pending", "approved", "rejected"]),
  evidence: z.object({
    url: z.string().optional(),
    text: z.string().optional(),
    file: z.object({ name: z.string(), contentType: z.string(), size: z.number(), sha256: z.string() }).optional(),
  }),
  incentivised: z.boolean(),
  disclosure: z.string().nullable(),
  points: z.number(),
  transactionId: z.string().nullable(),
  submittedAt: z.string(),
  reviewedAt: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  rejectionReason: z.string().nullable(),
});
export type Submission = z.infer<typeof submissionOutput>;

export const listSubmissionsQuery = z.object({
  state: z.enum(["pending", "approved", "rejected"]).optional(),
  contactId: id.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
