import { z } from "zod";

const when = z
  .union([z.string(), z.number()])
  .refine((v) => Number.isFinite(typeof v === "number" ? v : Date.parse(v)), "an ISO date-time or epoch milliseconds")
  .transform((v) => (typeof v === "number" ? v : Date.parse(v)));

/** One mention as a webhook, a CSV row or a feed item brings it. */
export const mentionInput = z.object({
  url: z.string().trim().url().max(2000).nullish(),
  text: z.string().trim().min(1, "a mention needs its text").max(10_000),
  authorHandle: z.string().trim().max(200).nullish(),
  authorName: z.string().trim().max(200).nullish(),
  authorEmail: z.string().trim().toLowerCase().email().max(320).nullish(),
  publishedAt: when.optional().describe("ISO date-time or epoch ms; default: when it arrives"),
  reach: z.number().int().min(0).max(1_000_000_000).optional().describe("Followers, views or audience size"),
});
export type MentionInput = z.input<typeof mentionInput>;
export type ParsedMention = z.output<typeof mentionInput>;

export const MAX_MENTIONS_PER_REQUEST = 1000;
export const mentionBatchInput = z
  .array(mentionInput)
  .min(1, "send at least one mention")
  .max(MAX_MENTIONS_PER_REQUEST, `send at most ${MAX_MENTIONS_PER_REQUEST} mentions per request`);

export const ingestMentionsOutput = z.object({
  received: z.number().int(),
  stored: z.number().int().describe("New mentions kept"),
  duplicates: z.number().int().describe("Already stored (same url, or same text and author)"),
  filtered: z.number().int().describe("Matched no brand, or matched an exclude term"),
  linked: z.number().int().describe("New mentions linked to a known contact"),
  alertsRaised: z.number().int(),
});
export type IngestMentionsResult = z.infer<typeof ingestMentionsOutput>;

export const mentionOutput = z.object({
  id: z.string(),
  sourceId: z.string(),
  brand: z.string(),
  url: z.string().nullable(),
  authorHandle: z.string().nullable(),
  authorName: z.string().nullable(),
  authorEmail: z.string().nullable(),
  text: z.string(),
  publishedAt: z.string(),
  sentiment: z.number(),
  reach: z.number(),
  contactId: z.string().nullable(),
});
export type Mention = z.infer<typeof mentionOutput>;

export const listMentionsQuery = z.object({
  brand: z.string().max(200).optional(),
  contactId: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const term = z.string().trim().min(1).max(200);
export const brandRule = z.object({
  name: term.describe("The brand; its name is always an include term"),
  include: z.array(term).max(200).default([]).describe("Other words or phrases that mean the brand"),
  exclude: z.array(term).max(200).default([]).describe("A mention with any of these is dropped"),
});
export type BrandRule = z.output<typeof brandRule>;

export const alertSettings = z.object({
  baselineDays: z.number().int().min(1).max(90).default(14),
  threshold: z.number().min(1).max(100).default(3).describe("Alert when today's negatives exceed baseline × this"),
  minCount: z.number().int().min(1).max(100_000).default(5).describe("…and there are at least this many"),
  negativeBelow: z.number().min(-1).max(0).default(-0.05).describe("A mention at or below this sentiment is negative"),
  sentimentDrop: z
    .number()
    .min(0.05)
    .max(2)
    .nullable()
    .default(0.4)
    .describe("Also alert when today's mean sentiment is this far below the baseline's mean (null: never)"),
  sentimentMinCount: z
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(10)
    .describe("…and today has at least this many mentions, so one angry post in a quiet hour does not alert"),
  webhookUrls: z.array(z.string().url()).max(10).default([]).describe("Receive the alert as JSON"),
  slackWebhookUrls: z.array(z.string().url()).max(10).default([]).describe('Slack-compatible: {"text": …}'),
});
export type AlertSettings = z.output<typeof alertSettings>;

export const listeningSettings = z.object({
  brands: z.array(brandRule).max(50).default([]),
  alerts: alertSettings.default(alertSettings.parse({})),
});
export type ListeningSettings = z.output<typeof listeningSettings>;
export type ListeningSettingsInput = z.input<typeof listeningSettings>;

export const createFeedInput = z.object({
  name: z.string().trim().min(1).max(200),
  url: z.string().trim().url().max(2000),
  pollIntervalMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
});
export type CreateFeedInput = z.input<typeof createFeedInput>;

export const feedOutput = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  format: z.string().nullable().describe("rss or atom, once read"),
  pollIntervalMinutes: z.number(),
  failures: z.number().int().describe("Consecutive failed polls; the next poll backs off exponentially"),
  lastError: z.string().nullable(),
  lastPolledAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  nextPollAt: z.string(),
  disabledAt: z.string().nullable(),
});
export type Feed = z.infer<typeof feedOutput>;

export const alertOutput = z.object({
  id: z.string(),
  brand: z.string(),
  sourceId: z.string(),
  negativeCount: z.number().int(),
  baseline: z.number().describe("Mean daily negative mentions over the baseline window"),
  baselineSentiment: z.number().nullable(),
  meanSentiment: z.number().describe("Mean sentiment of today's mentions when the alert opened"),
  threshold: z.number(),
  cause: z
    .enum(["volume", "sentiment", "both"])
    .describe("What opened the episode: negative volume over baseline × threshold, a drop of mean sentiment, or both"),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  deliveries: z.array(
    z.object({ kind: z.enum(["webhook", "slack"]), url: z.string(), ok: z.boolean(), error: z.string().nullable() }),
  ),
});
export type MentionAlert = z.infer<typeof alertOutput>;

export const organicAdvocatesQuery = z.object({
  minSentiment: z.coerce.number().min(-1).max(1).default(0.3),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const organicAdvocateOutput = z.object({
  contact: z.object({
    id: z.string(),
    email: z.string().nullable(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    lifecycleStage: z.string(),
  }),
  mentions: z.number().int(),
  meanSentiment: z.number(),
  reach: z.number().describe("The author's largest reach across their mentions"),
  score: z.number().describe("meanSentiment × max(1, reach): the sort key"),
  evidence: z.array(mentionOutput),
});
export type OrganicAdvocate = z.infer<typeof organicAdvocateOutput>;
