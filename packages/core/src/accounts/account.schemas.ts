import { z } from "zod";

const optionalText = (max: number) => z.string().trim().min(1).max(max).nullable().optional();

export const externalIds = z
  .record(z.string().min(1).max(40), z.string().min(1).max(200))
  .describe('Ids of this record in other systems, e.g. {"hubspot": "123", "salesforce": "0015g00000XyZ"}');

/** Custom attributes of an account or contact, as JSON, are at most this long. */
export const ATTRIBUTES_MAX = 16_384;

export const attributes = z
  .record(z.string().min(1).max(100), z.unknown())
  .refine((value) => JSON.stringify(value).length <= ATTRIBUTES_MAX, "must serialise to at most 16 KB of JSON")
  .describe("Custom attributes: any JSON values, up to 16 KB in all");

export const accountFields = {
  name: z.string().trim().min(1).max(200),
  domain: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^(?=.{1,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/, "must be a domain like example.com")
    .nullable()
    .optional(),
  industry: optionalText(100),
  employeeCount: z.number().int().min(0).max(10_000_000).nullable().optional(),
  region: optionalText(60),
  country: optionalText(60),
  plan: optionalText(60),
  arr: z.number().min(0).max(1e12).nullable().optional().describe("Annual recurring revenue"),
  lifecycleStage: optionalText(40),
  externalIds: externalIds.optional(),
  attributes: attributes.optional(),
};

export const createAccountInput = z.object(accountFields);
export type CreateAccountInput = z.input<typeof createAccountInput>;

export const updateAccountInput = z.object(accountFields).partial();
export type UpdateAccountInput = z.input<typeof updateAccountInput>;

export const accountOutput = z.object({
  id: z.string(),
  name: z.string(),
  domain: z.string().nullable(),
  industry: z.string().nullable(),
  employeeCount: z.number().nullable(),
  region: z.string().nullable(),
  country: z.string().nullable(),
  plan: z.string().nullable(),
  arr: z.number().nullable(),
  lifecycleStage: z.string().nullable(),
  externalIds: z.record(z.string(), z.string()),
  attributes: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Account = z.infer<typeof accountOutput>;

export const listAccountsQuery = z.object({
  q: z.string().trim().max(200).optional().describe("Matches name or domain"),
  industry: z.string().max(100).optional(),
  region: z.string().max(60).optional(),
});
export type ListAccountsQuery = z.infer<typeof listAccountsQuery>;
