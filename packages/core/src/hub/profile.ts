import { inTransaction } from "@advo/db";
import { z } from "zod";
import { consentRecord, recordConsents } from "../contacts/index.ts";
import { notFound } from "../shared/errors.ts";
import { parseJsonObject, toJson } from "../shared/json.ts";
import { type Scope, selectFrom, updateTable, withDb } from "../shared/scope.ts";

// What an advocate sees and may change about themselves in the hub.
export const hubConsentPurposes = [
  "marketingEmail",
  "publicRecognition",
  "quoteUse",
  "logoUse",
  "referenceCalls",
] as const;
type HubPurpose = (typeof hubConsentPurposes)[number];

/** The wording an advocate agrees to in the hub, kept with each record as what they agreed to. */
export const hubConsentStatements: Record<HubPurpose, string> = {
  marketingEmail: "Send me news, invitations and program updates by email.",
  publicRecognition: "Show my name on leaderboards and in shout-outs that others can see.",
  quoteUse: "Quote my words (reviews, testimonials, challenge answers) in marketing, with my name.",
  logoUse: "Show my company's logo as a customer.",
  referenceCalls: "Ask me to speak with prospective customers as a reference.",
};

export const hubProfileOutput = z.object({
  contactId: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  email: z.string().nullable(),
  title: z.string().nullable(),
  company: z.string().nullable(),
  consent: z.record(z.string(), consentRecord),
  consentStatements: z
    .record(z.string(), z.string())
    .describe("What the advocate agrees to by purpose, in the words recorded with their consent"),
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
    consentStatements: hubConsentStatements,
    communication: { emailFrequency: attributes.emailFrequency ?? "immediately" },
  };
}

export async function updateHubProfile(scope: Scope, contactId: string, input: z.infer<typeof updateHubProfileInput>) {
  const changes = Object.entries(input.consent ?? {}).flatMap(([purpose, granted]) =>
    granted === undefined ? [] : [{ purpose, granted, statement: hubConsentStatements[purpose as HubPurpose] }],
  );
  // One transaction: the consent records (recordConsents joins it) and the profile fields land together.
  await inTransaction(scope.db, async (trx) => {
    const s = withDb(scope, trx);
    const c = await selectFrom(s, "contacts").select(["attributes"]).where("id", "=", contactId).executeTakeFirst();
    if (!c) throw notFound("contact", contactId);
    await recordConsents(s, contactId, changes, { type: "advocate", id: contactId }, "advocate hub");
    const attributes = parseJsonObject<Record<string, unknown>>(c.attributes);
    if (input.communication) attributes.emailFrequency = input.communication.emailFrequency;
    await updateTable(s, "contacts")
      .set({
        ...(input.firstName !== undefined && { firstName: input.firstName }),
        ...(input.lastName !== undefined && { lastName: input.lastName }),
        ...(input.title !== undefined && { title: input.title }),
        attributes: toJson(attributes),
        updatedAt: scope.clock.now(),
      })
      .where("id", "=", contactId)
      .execute();
  });
  return hubProfile(scope, contactId);
}
