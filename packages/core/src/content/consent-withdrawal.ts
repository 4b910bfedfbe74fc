import type { ContentKind } from "@advo/db";
import { CONSENT_WITHDRAWN } from "../contacts/consent.ts";
import type { JobHandler } from "../jobs/index.ts";
import { parseJsonObject } from "../shared/json.ts";
import { type Scope, selectFrom } from "../shared/scope.ts";
import type { Actor } from "../users/index.ts";
import { retireContent } from "./content.ts";

/** Which pieces a consent purpose covers: the person's words, or the story of their company. */
const kindsByPurpose: Record<string, ContentKind[]> = {
  quoteUse: ["testimonial", "quote", "video"],
  caseStudy: ["case_study"],
};

const CONSENT: Actor = { type: "system", id: "consent", name: "Consent withdrawal" };

/**
 * Retires every piece quoting a person who withdrew their consent to the use of their words (quoteUse)
 * or to a case study (caseStudy), with the reason in its history. A withdrawal that was reversed before
 * this ran (granted again) retires nothing.
 */
export async function retireWithdrawnContent(
  scope: Scope,
  withdrawals: { contactId: string; purpose: string }[],
): Promise<number> {
  let retired = 0;
  for (const { contactId, purpose } of withdrawals) {
    const kinds = kindsByPurpose[purpose];
    if (!kinds) continue;
    const contact = await selectFrom(scope, "contacts")
      .select("consent")
      .where("id", "=", contactId)
      .executeTakeFirst();
    const current = parseJsonObject(contact?.consent ?? null)[purpose] as { granted?: boolean } | undefined;
    if (current?.granted) continue;
    const pieces = await selectFrom(scope, "contentItems")
      .select("id")
      .where("contactId", "=", contactId)
      .where("kind", "in", kinds)
      .where("status", "!=", "retired")
      .execute();
    for (const piece of pieces) {
      await retireContent(scope, piece.id, CONSENT, `the advocate withdrew their consent (${purpose})`);
      retired += 1;
    }
  }
  return retired;
}

const withdrawalsOf = (payload: Record<string, unknown>) =>
  (Array.isArray(payload.withdrawals) ? payload.withdrawals : []).filter(
    (w): w is { contactId: string; purpose: string } =>
      typeof w === "object" && w !== null && typeof w.contactId === "string" && typeof w.purpose === "string",
  );

export const contentJobHandlers: Record<string, JobHandler> = {
  [CONSENT_WITHDRAWN]: async ({ scope, payload }) => {
    await retireWithdrawnContent(scope, withdrawalsOf(payload));
  },
};
