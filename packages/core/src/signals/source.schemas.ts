import { z } from "zod";

export const sourceKinds = ["segment", "import", "webhook"] as const;

export const createSourceInput = z.object({
  name: z.string().trim().min(1).max(120),
  kind: z.enum(sourceKinds).default("segment"),
});
export type CreateSourceInput = z.input<typeof createSourceInput>;

export const sourceOutput = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(sourceKinds),
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
  disabledAt: z.string().nullable(),
});
export type Source = z.infer<typeof sourceOutput>;

export const createdSourceOutput = sourceOutput.extend({
  writeKey: z.string().describe("Use as the Segment write key (HTTP Basic username). Shown once."),
});
