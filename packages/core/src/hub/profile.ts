import { z } from "zod";
import { consentRecord } from "../contacts/index.ts";
import { notFound } from "../shared/errors.ts";
import { parseJsonObject, toJson } from "../shared/json.ts";
import { type Scope, selectFrom, updateTable } from "../shared/scope.ts";

// What an advocate sees and may change about themselves in the hub.
export const hubConsentPurposes = [
  "marketingEmail",
  "publicRecognition",
  "quoteUse",
  "logoUse",
  "referenceCalls",
] as const;

export const hubProfileOutput = z.object({
  contactId: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  email: z.string().nullable(),
  title: z.string().nullable(),
  company: z.string().nullable(),
  consent: z.record(z.string(), consentRecord),
  communication: z.object({
    emailFrequency: z.enum(["immediately", "weekly", "monthly", "never"]),
  }),
});

export const updateHubProfileInput = z.object({
  firstName: z.string().trim().min(1).max(100).optional(),
  lastName: z.string().trim().min(1).max(100).optional(),
  title: z.string().trim().min(1).max(200).optional(),
  consent: z
    .partialRecord(z.enum(hubConsentPurposes), z.boolean())
    .optional()
    .describe("Grant (true) or withdraw (false) consent by purpose; each change is time-stamped"),
  communication: z.object({ emailFrequency: z.enum(["immediately", "weekly", "monthly", "never"]) }).optional(),
});

export async function hubProfile(scope: Scope, contactId: string): Promise<z.infer<typeof hubProfileOutput>> {
  const c = await selectFrom(scope, "contacts")
    .leftJoin("accounts as a", (join) =>
      join.onRef("a.tenantId", "=", "contacts.tenantId").onRef("a.id", "=", "contacts.accountId"),
    )
    .select([
      "contacts.id",
      "contacts.firstName",
      "contacts.lastName",
      "contacts.email",
      "contacts.title",
      "contacts.consent",
      "contacts.attributes",
      "a.name as company",
    ])
    .where("contacts.id", "=", contactId)
    .executeTakeFirst();
  if (!c) throw notFound("contact", contactId);
  const attributes = parseJsonObject<{ emailFrequency?: "immediately" | "weekly" | "monthly" | "never" }>(c.attributes);
  return {
    contactId: c.id,
    firstName: c.firstName,
    lastName: c.lastName,
    email: c.email,
    title: c.title,
    company: c.company,
    consent: parseJsonObject<Record<string, z.infer<typeof consentRecord>>>(c.consent),
    communication: { emailFrequency: attributes.emailFrequency ?? "immediately" },
  };
}

export async function updateHubProfile(scope: Scope, contactId: string, input: z.infer<typeof updateHubProfileInput>) {
  const c = await selectFrom(scope, "contacts")
    .select(["consent", "attributes"])
    .where("id", "=", contactId)
    .executeTakeFirst();
  if (!c) throw notFound("contact", contactId);
  const at = new Date(scope.clock.now()).toISOString();
  const consent = parseJsonObject<Record<string, unknown>>(c.consent);
  for (const [purpose, granted] of Object.entries(input.consent ?? {})) {
    if (granted !== undefined) consent[purpose] = { granted, at, source: "advocate hub" };
  }
  const attributes = parseJsonObject<Record<string, unknown>>(c.attributes);
  if (input.communication) attributes.emailFrequency = input.communication.emailFrequency;
  await updateTable(scope, "contacts")
    .set({
      ...(input.firstName !== undefined && { firstName: input.firstName }),
      ...(input.lastName !== undefined && { lastName: input.lastName }),
      ...(input.title !== undefined && { title: input.title }),
      consent: toJson(consent),
      attributes: toJson(attributes),
      updatedAt: scope.clock.now(),
    })
    .where("id", "=", contactId)
    .execute();
  return hubProfile(scope, contactId);
}
