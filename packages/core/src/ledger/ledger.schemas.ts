import { z } from "zod";

const actorOutput = z.object({ type: z.string(), id: z.string(), name: z.string() });

export const ledgerTransactionOutput = z.object({
  id: z.string(),
  idempotencyKey: z.string(),
  kind: z.enum(["award", "redemption", "expiry", "reversal", "adjustment"]),
  reason: z.string(),
  contactId: z.string().nullable(),
  programId: z.string().nullable(),
  source: z.object({ type: z.string(), id: z.string() }).nullable(),
  reversesId: z.string().nullable(),
  actor: actorOutput,
  points: z.number().int().describe("Net change to the advocate's balance"),
  entries: z.array(z.object({ seq: z.number().int(), accountId: z.string(), amount: z.number().int() })),
  createdAt: z.string(),
  replayed: z.boolean().describe("True when this idempotency key had been posted before: nothing new was written"),
});
export type LedgerTransaction = z.infer<typeof ledgerTransactionOutput>;

export const ledgerEntryOutput = z.object({
  seq: z.number().int(),
  transactionId: z.string(),
  kind: z.string(),
  reason: z.string(),
  amount: z.number().int(),
  programId: z.string().nullable(),
  source: z.object({ type: z.string(), id: z.string() }).nullable(),
  reversesId: z.string().nullable(),
  actor: actorOutput,
  createdAt: z.string(),
});

export const ledgerAccountOutput = z.object({
  contactId: z.string(),
  balance: z.number().int().describe("Sum of the account's entries"),
  lifetimeEarned: z.number().int().describe("Points ever awarded, less reversed awards (tiers use it)"),
  entries: z.array(ledgerEntryOutput).describe("Newest first"),
  nextCursor: z.string().nullable(),
});
export type LedgerAccount = z.infer<typeof ledgerAccountOutput>;

export const ledgerHistoryQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z
    .string()
    .regex(/^[0-9]{1,15}$/, "must be the nextCursor of the previous page")
    .optional(),
});

const points = z.number().int().min(1).max(10_000_000);
const idempotencyKey = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, "must be visible ASCII characters")
  .describe("Posting twice with the same key posts once");
const reason = z.string().trim().min(3).max(500);

export const adjustmentInput = z.object({
  points: z
    .number()
    .int()
    .min(-10_000_000)
    .max(10_000_000)
    .refine((n) => n !== 0, "must not be zero")
    .describe("Positive to credit, negative to debit"),
  reason,
  idempotencyKey,
});
export type AdjustmentInput = z.infer<typeof adjustmentInput>;

export const reversalInput = z.object({ reason, idempotencyKey });
export type ReversalInput = z.infer<typeof reversalInput>;

export const awardInput = z.object({
  points,
  reason,
  idempotencyKey,
  programId: z.string().max(40).nullable().optional(),
});

export const verifyProblemOutput = z.object({
  seq: z.number().int().nullable(),
  transactionId: z.string().nullable(),
  accountId: z.string().nullable(),
  problem: z.string(),
});
export const verifyReportOutput = z.object({
  ok: z.boolean(),
  entriesChecked: z.number().int(),
  transactionsChecked: z.number().int(),
  lastSeq: z.number().int(),
  lastHash: z.string(),
  problems: z.array(verifyProblemOutput),
});
export type VerifyReport = z.infer<typeof verifyReportOutput>;
