import { z } from "zod";

export const contentKinds = ["testimonial", "case_study", "quote", "video"] as const;
export const contentStatuses = [
  "draft",
  "awaiting_approval",
  "changes_requested",
  "approved",
  "published",
  "retired",
] as const;
export const contentAttributions = ["full", "company_only", "anonymous"] as const;
export const contentChannels = ["website", "sales", "social", "ads", "press", "events"] as const;

const id = z.string().min(1).max(40);
const isoDate = z.iso.datetime({ offset: true });

/** What the advocate approves: any change to these after approval needs their approval again. */
const approvedFields = {
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(50_000).describe("Rich text (HTML); sanitised when stored"),
  attribution: z
    .enum(contentAttributions)
    .default("full")
    .describe("full: name, title and company; company_only: the company; anonymous: neither"),
  channels: z
    .array(z.enum(contentChannels))
    .min(1)
    .max(contentChannels.length)
    .default(["website", "sales"])
    .describe("Where it may be used"),
  usableUntil: isoDate.nullable().optional().describe("When the right to use it ends; null: no end agreed"),
  disclosure: z
    .string()
    .trim()
    .max(500)
    .nullable()
    .optional()
    .describe("What must be said beside it wherever it is used, e.g. that the advocate was rewarded for it"),
};

export const createContentInput = z.object({
  kind: z.enum(contentKinds),
  ...approvedFields,
  contactId: id.nullable().optional().describe("The advocate it quotes or features, who approves it"),
  accountId: id.nullable().optional().describe("The customer it is about; the advocate's account when omitted"),
  sourceSubmissionId: id.nullable().optional().describe("The challenge submission it grew from"),
});
export type CreateContentInput = z.input<typeof createContentInput>;

export const updateContentInput = z.object({
  kind: z.enum(contentKinds).optional(),
  title: approvedFields.title.optional(),
  body: approvedFields.body.optional(),
  attribution: z.enum(contentAttributions).optional(),
  channels: z.array(z.enum(contentChannels)).min(1).max(contentChannels.length).optional(),
  usableUntil: approvedFields.usableUntil,
  disclosure: approvedFields.disclosure,
  contactId: id.nullable().optional(),
  accountId: id.nullable().optional(),
});
export type UpdateContentInput = z.input<typeof updateContentInput>;

export const contentListQuery = z.object({
  status: z.enum(contentStatuses).optional(),
  kind: z.enum(contentKinds).optional(),
  contactId: id.optional(),
  usableFor: z
    .enum(contentChannels)
    .optional()
    .describe("Only what may be used there now: published, cleared for that channel, not past its term"),
  q: z.string().trim().max(200).optional().describe("Words in the title or text"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const approvalDecisionInput = z.object({
  token: z.string().min(20).max(400).describe("From the approval link (after #token=)"),
  decision: z.enum(["approve", "request_changes"]),
  comment: z.string().trim().max(2000).optional().describe("Required when asking for changes: what to change"),
});
export type ApprovalDecisionInput = z.input<typeof approvalDecisionInput>;

export const contentEventOutput = z.object({
  at: z.string(),
  actor: z.object({ type: z.string(), id: z.string().nullable(), name: z.string().nullable() }),
  action: z.string(),
  version: z.number().int(),
  detail: z.string().nullable(),
});

export const contentOutput = z.object({
  id: z.string(),
  kind: z.enum(contentKinds),
  title: z.string(),
  body: z.string(),
  contactId: z.string().nullable(),
  contactName: z.string().nullable(),
  accountId: z.string().nullable(),
  accountName: z.string().nullable(),
  attribution: z.enum(contentAttributions),
  attributedTo: z.string().describe("The credit line as it may be shown, per the attribution agreed"),
  channels: z.array(z.enum(contentChannels)),
  usableUntil: z.string().nullable(),
  disclosure: z.string().nullable(),
  status: z.enum(contentStatuses),
  version: z.number().int(),
  approvedVersion: z.number().int().nullable(),
  approvedAt: z.string().nullable(),
  advocateComment: z.string().nullable(),
  approvalExpiresAt: z.string().nullable(),
  sourceSubmissionId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
});
export type Content = z.infer<typeof contentOutput>;
export const contentDetailOutput = contentOutput.extend({ history: z.array(contentEventOutput) });
export type ContentDetail = z.infer<typeof contentDetailOutput>;

/** What the advocate sees behind their approval link. */
export const approvalViewOutput = z.object({
  workspace: z.string(),
  kind: z.enum(contentKinds),
  title: z.string(),
  body: z.string(),
  attributedTo: z.string(),
  channels: z.array(z.enum(contentChannels)),
  usableUntil: z.string().nullable(),
  disclosure: z.string().nullable(),
  version: z.number().int(),
  expiresAt: z.string(),
});
export type ApprovalView = z.infer<typeof approvalViewOutput>;

export const advocateDecisionInput = z.object({
  decision: z.enum(["approve", "request_changes"]),
  comment: z.string().trim().max(2000).optional().describe("Required when asking for changes: what to change"),
  version: z.number().int().min(1).describe("The version the advocate read"),
});
export type AdvocateDecisionInput = z.input<typeof advocateDecisionInput>;

export const advocateContentOutput = approvalViewOutput.omit({ workspace: true, expiresAt: true }).extend({
  id: z.string(),
  status: z.enum(["awaiting_approval", "approved", "published"]),
  live: z.boolean().describe("Published and within its term: in use now"),
  dealsUsedIn: z.number().int().describe("Opportunities sales used it in (the prospects are not named here)"),
  dealsWon: z.number().int().describe("Of those, the deals won"),
});
export type AdvocateContent = z.infer<typeof advocateContentOutput>;

export const contentSummaryOutput = z.object({
  live: z.number().int().describe("Published and within their term: in use now"),
  awaitingApproval: z.number().int(),
  changesRequested: z.number().int(),
  drafts: z.number().int(),
  approved: z.number().int().describe("Approved by their advocate, not yet published"),
  expiringSoon: z.number().int().describe("In use now, with a term ending within 30 days"),
  lapsed: z.number().int().describe("Published, but past their term: no longer usable"),
});
export type ContentSummary = z.infer<typeof contentSummaryOutput>;

export const dealStatuses = ["open", "won", "lost"] as const;
const amount = z.number().min(0).max(1e12);

export const contentUseInput = z.object({
  opportunityId: z.string().trim().min(1).max(100).describe("The CRM opportunity the content went into"),
  prospectName: z.string().trim().min(1).max(200).nullable().optional(),
  dealAmount: amount.nullable().optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as USD")
    .default("USD"),
  usedAt: isoDate.optional().describe("When it was used; now when omitted"),
  note: z.string().trim().max(500).nullable().optional(),
});
export type ContentUseInput = z.input<typeof contentUseInput>;

export const contentUseOutcomeInput = z
  .object({
    dealStatus: z.enum(dealStatuses).optional(),
    dealAmount: amount.nullable().optional(),
    wonAmount: amount.nullable().optional().describe("Defaults to the deal amount when won"),
  })
  .refine((o) => Object.values(o).some((v) => v !== undefined), {
    message: "give dealStatus, dealAmount or wonAmount",
    path: ["dealStatus"],
  });
export type ContentUseOutcomeInput = z.input<typeof contentUseOutcomeInput>;

export const contentUseOutput = z.object({
  id: z.string(),
  contentId: z.string(),
  opportunityId: z.string(),
  prospectName: z.string().nullable(),
  dealAmount: z.number().nullable(),
  currency: z.string(),
  dealStatus: z.enum(dealStatuses),
  wonAmount: z.number().nullable(),
  usedAt: z.string(),
  recordedBy: z.string().nullable(),
  note: z.string().nullable(),
});
export type ContentUse = z.infer<typeof contentUseOutput>;
