import { z } from "zod";

/** Every kind of ask Advo makes of a contact. Modules added later extend this list. */
export const askKinds = ["reference", "referral", "review", "content", "journey", "program", "event", "other"] as const;
export const askKind = z.enum(askKinds);
export type AskKind = z.infer<typeof askKind>;

const limit = z.number().int().min(0).max(1000);

/** Tenant-wide fatigue limits: what any module must respect before asking a contact for something. */
export const fatigueSettings = z.object({
  maxAsksPerQuarter: limit
    .nullable()
    .default(6)
    .describe("Asks of any kind one contact may get per calendar quarter; null: no limit"),
  perKindPerQuarter: z
    .partialRecord(askKind, limit)
    .default({ reference: 3, referral: 4, review: 2 })
    .describe('Per kind of ask, per contact and calendar quarter, e.g. {"reference": 3}'),
  minDaysBetweenAsks: z.number().min(0).max(365).default(7).describe("Days a contact is left alone after any ask"),
});
export type FatigueSettings = z.infer<typeof fatigueSettings>;
export type FatigueSettingsInput = z.input<typeof fatigueSettings>;

export const recordAskInput = z.object({
  contactId: z.string().min(1).max(40),
  kind: askKind,
  sourceType: z.string().min(1).max(60),
  sourceId: z.string().min(1).max(80),
  at: z.number().int().optional(),
});
export type RecordAskInput = z.input<typeof recordAskInput>;

export const askOutput = z.object({
  id: z.string(),
  contactId: z.string(),
  kind: z.string(),
  source: z.object({ type: z.string(), id: z.string() }),
  at: z.string(),
});
export type Ask = z.infer<typeof askOutput>;

export const fatigueReasonCode = z.enum(["global_limit", "kind_limit", "personal_limit", "too_soon"]);
export type FatigueReasonCode = z.infer<typeof fatigueReasonCode>;

export const fatigueReason = z.object({ code: fatigueReasonCode, message: z.string() });
export type FatigueReason = z.infer<typeof fatigueReason>;

export const askCheckOutput = z.object({
  allowed: z.boolean(),
  reasons: z.array(fatigueReason),
  quarter: z.string(),
  asksThisQuarter: z.number().describe("Asks of every kind this quarter"),
  kindAsksThisQuarter: z.number().describe("Asks of this kind this quarter"),
  lastAskAt: z.string().nullable(),
});
export type AskCheck = z.infer<typeof askCheckOutput>;

export const contactAsksOutput = z.object({
  data: z.array(askOutput),
  limits: z.array(z.object({ kind: z.string(), maxPerQuarter: z.number() })),
});
