import { z } from "zod";

export const timelineEventOutput = z.object({
  messageId: z.string(),
  type: z.string(),
  event: z.string().nullable(),
  occurredAt: z.string(),
  receivedAt: z.string(),
  sourceId: z.string().nullable(),
  properties: z.record(z.string(), z.unknown()),
});
export type TimelineEvent = z.infer<typeof timelineEventOutput>;

export const contactSignalsOutput = z.object({
  surveys: z.array(
    z.object({
      messageId: z.string(),
      survey: z.string(),
      kind: z.enum(["nps", "csat"]),
      score: z.number(),
      comment: z.string().nullable(),
      sentiment: z.number().nullable(),
      occurredAt: z.string(),
    }),
  ),
  tickets: z.array(
    z.object({
      id: z.string(),
      status: z.string(),
      priority: z.string().nullable(),
      subject: z.string().nullable(),
      escalated: z.boolean(),
      satisfaction: z.number().nullable(),
      openedAt: z.string(),
      resolvedAt: z.string().nullable(),
    }),
  ),
  purchases: z.array(
    z.object({
      messageId: z.string(),
      kind: z.string(),
      orderId: z.string().nullable(),
      amount: z.number(),
      currency: z.string(),
      occurredAt: z.string(),
    }),
  ),
});
export type ContactSignals = z.infer<typeof contactSignalsOutput>;

const identifier = z
  .object({
    email: z.string().optional(),
    userId: z.string().max(512).optional(),
    anonymousId: z.string().max(512).optional(),
  })
  .refine((v) => v.email || v.userId || v.anonymousId, {
    message: "give an email, userId or anonymousId",
    path: ["email"],
  });

const base = {
  contact: identifier.describe("Who the signal is about; resolved to one contact"),
  messageId: z.string().min(1).max(512).optional().describe("Your id for this signal; a repeat is stored once"),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
};

/** Typed signals for tools that are not Segment-instrumented: survey tools, help desks, billing. */
export const signalInput = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("survey"),
    ...base,
    survey: z.string().min(1).max(200).optional(),
    surveyKind: z.enum(["nps", "csat"]).default("nps"),
    score: z.number().int().min(0).max(10),
    comment: z.string().max(10_000).optional(),
  }),
  z.object({
    kind: z.literal("ticket"),
    ...base,
    action: z.enum(["opened", "updated", "resolved", "rated"]),
    ticketId: z.string().min(1).max(200),
    subject: z.string().max(500).optional(),
    text: z.string().max(10_000).optional(),
    priority: z.string().max(40).optional(),
    escalated: z.boolean().optional(),
    satisfaction: z.number().int().min(1).max(5).optional(),
  }),
  z.object({
    kind: z.literal("purchase"),
    ...base,
    purchaseKind: z.enum(["purchase", "renewal", "refund"]).default("purchase"),
    orderId: z.string().max(200).optional(),
    amount: z.number().min(0),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, "must be a 3-letter ISO 4217 code such as USD")
      .default("USD"),
  }),
]);
export type SignalInput = z.input<typeof signalInput>;

export const signalBatchInput = z.object({ signals: z.array(signalInput).min(1).max(1000) });

export const ingestResultOutput = z.object({
  received: z.number(),
  stored: z.number(),
  duplicates: z.number(),
});
