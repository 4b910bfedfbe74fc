import { z } from "zod";
import { consentRecord } from "./contact.schemas.ts";

/** Purposes Advo itself acts on; tenants may record others (any name up to 60 characters). */
export const knownConsentPurposes = [
  "marketingEmail",
  "publicRecognition",
  "quoteUse",
  "logoUse",
  "referenceCalls",
  "caseStudy",
] as const;

const purpose = z.string().trim().min(1).max(60);

/**
 * How long a grant lasts when it is recorded without its own expiry, by purpose (null: until
 * withdrawn). Permission to use someone's words, name or logo is time-boxed by default so that a
 * quote from years ago is re-confirmed before it is used again.
 */
export const DEFAULT_CONSENT_DURATION_DAYS: Record<string, number | null> = {
  marketingEmail: null,
  publicRecognition: 730,
  quoteUse: 730,
  logoUse: 730,
  caseStudy: 730,
  referenceCalls: 365,
};

export const consentPolicyInput = z.object({
  durationDays: z
    .record(purpose, z.number().int().min(1).max(3650).nullable())
    .describe("Default lifetime of a grant in days, by purpose (null: until withdrawn); unnamed purposes keep theirs"),
});
export type ConsentPolicyInput = z.infer<typeof consentPolicyInput>;
export const consentPolicyOutput = z.object({ durationDays: z.record(z.string(), z.number().nullable()) });
export type ConsentPolicy = z.infer<typeof consentPolicyOutput>;

export const recordConsentInput = z
  .object({
    purpose,
    granted: z.boolean().describe("true: consent given; false: withdrawn"),
    statement: consentRecord.shape.statement,
    covers: consentRecord.shape.covers,
    source: z.string().trim().min(1).max(100).optional().describe('Where it came from, e.g. "signed release form"'),
    at: z.iso.datetime({ offset: true }).optional().describe("When it was given or withdrawn; default now"),
    expiresAt: consentRecord.shape.expiresAt,
  })
  .refine((c) => c.granted || c.expiresAt == null, {
    message: "only a grant can expire; a withdrawal lasts until consent is given again",
    path: ["expiresAt"],
  });
export type RecordConsentInput = z.input<typeof recordConsentInput>;

export const consentStatus = z.enum(["granted", "withdrawn", "expired"]);

export const consentRecordOutput = z.object({
  id: z.string(),
  purpose: z.string(),
  granted: z.boolean(),
  statement: z.string().nullable(),
  covers: z.string().nullable(),
  source: z.string(),
  recordedBy: z.object({ type: z.string(), id: z.string() }),
  at: z.string(),
  expiresAt: z.string().nullable(),
});
export type ConsentRecordOutput = z.infer<typeof consentRecordOutput>;

export const contactConsentsOutput = z.object({
  contactId: z.string(),
  current: z
    .array(
      consentRecordOutput.extend({
        status: consentStatus,
        effective: z.boolean().describe("Granted and not expired: Advo may act on it now"),
      }),
    )
    .describe("The latest record per purpose"),
  history: z.array(consentRecordOutput).describe("Every grant and withdrawal, newest first"),
});

export const expiringConsentsQuery = z.object({
  withinDays: z.coerce.number().int().min(0).max(3650).default(30),
  purpose: purpose.optional(),
  includeExpired: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true")
    .describe("Also list grants that have already lapsed and were not renewed"),
});

export const expiringConsentsOutput = z.object({
  items: z.array(
    z.object({
      contactId: z.string(),
      name: z.string().nullable(),
      email: z.string().nullable(),
      purpose: z.string(),
      grantedAt: z.string(),
      expiresAt: z.string(),
      expired: z.boolean(),
    }),
  ),
});
