import { z } from "zod";
import { attributes, externalIds } from "../accounts/index.ts";
import { email } from "../users/index.ts";

export const lifecycleStages = ["identified", "invited", "onboarded", "active", "champion", "lapsed"] as const;
export const lifecycleStage = z.enum(lifecycleStages);
export type LifecycleStage = z.infer<typeof lifecycleStage>;

const optionalText = (max: number) => z.string().trim().min(1).max(max).nullable().optional();

export const consentRecord = z.object({
  granted: z.boolean(),
  at: z.iso.datetime({ offset: true }).optional().describe("When it was given or withdrawn (ISO 8601)"),
  source: z.string().max(100).optional(),
  expiresAt: z.iso
    .datetime({ offset: true })
    .nullable()
    .optional()
    .describe("When a grant lapses (ISO 8601); omitted: the workspace's default duration for the purpose"),
  statement: z.string().trim().max(2000).optional().describe("The wording the contact agreed to, as shown to them"),
  covers: z
    .string()
    .trim()
    .max(500)
    .optional()
    .describe('What it covers, e.g. "quote from the 2026 case study on the website and in sales decks"'),
});

export const contactFields = {
  email: email.nullable().optional(),
  firstName: optionalText(100),
  lastName: optionalText(100),
  title: optionalText(200),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ().-]{4,30}$/, "must be a phone number such as +44 20 7946 0000")
    .nullable()
    .optional(),
  locale: z
    .string()
    .regex(/^[a-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/, "must be a locale such as en or pt-BR")
    .nullable()
    .optional(),
  region: optionalText(60),
  accountId: z.string().max(40).nullable().optional(),
  lifecycleStage: lifecycleStage.optional(),
  externalIds: externalIds.optional(),
  socialHandles: z
    .record(z.string().min(1).max(40), z.string().min(1).max(200))
    .optional()
    .describe('Handles by network, e.g. {"linkedin": "in/jane", "x": "@jane"}'),
  consent: z
    .record(z.string().min(1).max(60), consentRecord)
    .optional()
    .describe('Consent by purpose, e.g. {"marketingEmail": {"granted": true, "at": "2026-01-02T10:00:00Z"}}'),
  attributes: attributes.optional(),
  giftsRestricted: z
    .boolean()
    .optional()
    .describe("May not accept gifts (e.g. a public-sector employee): offered non-monetary recognition only"),
};

export const createContactInput = z
  .object(contactFields)
  .refine((c) => Boolean(c.email || c.firstName || c.lastName || Object.keys(c.externalIds ?? {}).length), {
    message: "a contact needs at least an email, a name or an external id",
    path: ["email"],
  });
export type CreateContactInput = z.input<typeof createContactInput>;

export const updateContactInput = z.object(contactFields).partial();
export type UpdateContactInput = z.input<typeof updateContactInput>;

export const contactOutput = z.object({
  id: z.string(),
  accountId: z.string().nullable(),
  email: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  title: z.string().nullable(),
  phone: z.string().nullable(),
  locale: z.string().nullable(),
  region: z.string().nullable(),
  lifecycleStage,
  externalIds: z.record(z.string(), z.string()),
  socialHandles: z.record(z.string(), z.string()),
  consent: z.record(z.string(), consentRecord),
  attributes: z.record(z.string(), z.unknown()),
  giftsRestricted: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Contact = z.infer<typeof contactOutput>;

export const listContactsQuery = z.object({
  q: z.string().trim().max(200).optional().describe("Matches email, first or last name"),
  accountId: z.string().max(40).optional(),
  lifecycleStage: lifecycleStage.optional(),
});
export type ListContactsQuery = z.infer<typeof listContactsQuery>;
