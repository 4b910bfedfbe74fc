import { z } from "zod";

export const programTypes = [
  "referral",
  "reference",
  "review",
  "content",
  "community",
  "ambassador",
  "beta",
  "custom",
] as const;
export const programStatuses = ["draft", "active", "paused", "archived"] as const;
export const memberStates = ["invited", "joined", "active", "lapsed", "declined"] as const;
export const goalMetrics = [
  "members",
  "active_members",
  "submissions",
  "approved_submissions",
  "points_awarded",
] as const;

const httpUrl = z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }).max(2000);
const id = z.string().min(1).max(40);

export const programGoal = z.object({
  metric: z.enum(goalMetrics),
  target: z.number().int().min(1).max(100_000_000),
  period: z.enum(["month", "quarter", "year", "all"]).default("quarter"),
});

const programFields = {
  name: z.string().trim().min(1).max(120),
  type: z.enum(programTypes),
  description: z.string().max(20_000).default("").describe("Rich text (HTML); sanitised when stored"),
  status: z.enum(programStatuses).default("active"),
  ownerUserId: id.nullable().optional(),
  goals: z.array(programGoal).max(20).default([]),
  budgetPoints: z
    .number()
    .int()
    .min(0)
    .max(1_000_000_000)
    .nullable()
    .optional()
    .describe("Points the program may award"),
  eligibilitySegmentId: id
    .nullable()
    .optional()
    .describe("Saved segment whose members may join; null: invitation only"),
  landingUrl: httpUrl.nullable().optional().describe("Where a referral link lands"),
  settings: z.record(z.string().max(60), z.unknown()).default({}),
};

export const createProgramInput = z.object(programFields);
export type CreateProgramInput = z.input<typeof createProgramInput>;
export const updateProgramInput = z
  .object(programFields)
  .partial()
  .extend({ description: z.string().max(20_000).optional(), goals: z.array(programGoal).max(20).optional() });
export type UpdateProgramInput = z.input<typeof updateProgramInput>;

export const goalProgressOutput = z.object({
  metric: z.enum(goalMetrics),
  target: z.number(),
  period: z.string(),
  actual: z.number(),
  progress: z.number().describe("actual / target, 0–1+"),
});

export const programOutput = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(programTypes),
  description: z.string(),
  status: z.enum(programStatuses),
  ownerUserId: z.string().nullable(),
  goals: z.array(goalProgressOutput),
  budgetPoints: z.number().nullable(),
  pointsAwarded: z.number(),
  eligibilitySegmentId: z.string().nullable(),
  landingUrl: z.string().nullable(),
  settings: z.record(z.string(), z.unknown()),
  members: z.record(z.enum(memberStates), z.number()).describe("Members by state"),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Program = z.infer<typeof programOutput>;

export const listProgramsQuery = z.object({
  type: z.enum(programTypes).optional(),
  status: z.enum(programStatuses).optional(),
});

export const inviteMembersInput = z
  .object({
    contactIds: z.array(id).max(10_000).optional(),
    fromEligibilitySegment: z.boolean().optional().describe("Invite every member of the program's eligibility segment"),
    ignoreFatigue: z
      .boolean()
      .optional()
      .describe(
        "Invite even contacts the workspace's ask-fatigue limits protect right now (they are skipped otherwise)",
      ),
  })
  .refine((v) => Boolean(v.contactIds?.length) || v.fromEligibilitySegment, {
    message: "give contactIds or set fromEligibilitySegment",
    path: ["contactIds"],
  });

export const memberOutput = z.object({
  programId: z.string(),
  contactId: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  state: z.enum(memberStates),
  invitedAt: z.string().nullable(),
  joinedAt: z.string().nullable(),
  lastActiveAt: z.string().nullable(),
  declinedReason: z.string().nullable(),
});
export type Member = z.infer<typeof memberOutput>;

export const memberStateInput = z.object({
  state: z.enum(["joined", "declined", "lapsed", "active"]),
  reason: z.string().trim().max(500).optional(),
});

export const listMembersQuery = z.object({
  state: z.enum(memberStates).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
