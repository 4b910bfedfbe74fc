import { z } from "zod";

export const segmentExpression = z
  .string()
  .trim()
  .min(1)
  .max(4000)
  .describe('e.g. nps >= 9 and industry in ("fintech", "saas") and last_active < 30d');

export const createSegmentInput = z.object({ name: z.string().trim().min(1).max(120), expression: segmentExpression });
export type CreateSegmentInput = z.input<typeof createSegmentInput>;
export const updateSegmentInput = createSegmentInput.partial();

export const previewSegmentInput = z.object({
  expression: segmentExpression,
  limit: z.number().int().min(1).max(100).default(20),
});

export const segmentOutput = z.object({
  id: z.string(),
  name: z.string(),
  expression: z.string(),
  memberCount: z.number(),
  refreshedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Segment = z.infer<typeof segmentOutput>;

export const segmentChangeOutput = z.object({
  contactId: z.string(),
  change: z.enum(["joined", "left"]),
  at: z.string(),
});
