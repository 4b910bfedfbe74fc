import { z } from "zod";

const listedStatuses = ["queued", "running", "failed"] as const;

/** A job as an operator sees it: what it is and how its attempts went (its payload stays internal). */
export const jobOutput = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.enum(listedStatuses),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  lastError: z.string().nullable(),
  runAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type JobOutput = z.infer<typeof jobOutput>;

export const jobListQuery = z.object({
  status: z
    .enum(listedStatuses)
    .optional()
    .describe("only jobs in this state; default every waiting, running or failed job"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type JobListQuery = z.input<typeof jobListQuery>;
