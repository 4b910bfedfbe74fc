import { inTransaction } from "@advo/db";
import type { z } from "zod";
import { cachedFatigueSettings, checkAsksAllowed, recordAsk } from "../asks/index.ts";
import { consentEffective } from "../contacts/consent.ts";
import { emailFooter, unsubscribeLinks } from "../contacts/unsubscribe.ts";
import { queueEmail } from "../email/index.ts";
import { conflictOn } from "../shared/errors.ts";
import { richTextToPlain } from "../shared/rich-text.ts";
import { insertInto, type Scope, selectFrom, updateTable, withDb } from "../shared/scope.ts";
import type { SecretKeySource } from "../shared/secret-box.ts";
import { getTenant } from "../tenants/index.ts";
import { inviteInput } from "./community.schemas.ts";
import { NO_FEEDBACK, requireEvent } from "./events.ts";
import { eventDetails } from "./notices.ts";
import { requireLiveContacts } from "./spaces.ts";

export interface InviteOptions {
  /** The public address links in the email start with. */
  publicUrl: string;
  /** Signs the unsubscribe link: an invitation is marketing email. */
  keys: SecretKeySource;
}

/**
 * Invites contacts to an event by email. An invitation is an ask and marketing email: who has no
 * marketing-email consent, no address, is at their ask-fatigue limits, or is already registered or
 * invited is skipped with the reason. Each invitation is recorded as an ask of kind "event".
 */
export async function inviteToEvent(
  scope: Scope,
  eventId: string,
  input: z.input<typeof inviteInput>,
  options: InviteOptions,
): Promise<{ invited: number; skipped: { contactId: string; reason: string }[] }> {
  const { contactIds, message } = inviteInput.parse(input);
  const event = await requireEvent(scope, eventId);
  if (event.status === "cancelled") throw conflictOn("status", "the event is cancelled");
  if (Number(event.endsAt) <= scope.clock.now()) throw conflictOn("endsAt", "the event is over");
  const ids = await requireLiveContacts(scope, "contactIds", contactIds);
  const people = new Map(
    (
      await selectFrom(scope, "contacts")
        .select(["id", "email", "firstName", "consent"])
        .where("id", "in", ids)
        .execute()
    ).map((p) => [p.id, p]),
  );
  const registered = new Map(
    (
      await selectFrom(scope, "communityRegistrations")
        .select(["contactId", "status"])
        .where("eventId", "=", eventId)
        .where("contactId", "in", ids)
        .execute()
    ).map((r) => [r.contactId, r.status]),
  );
  const now = scope.clock.now();
  const settings = await cachedFatigueSettings(scope);
  const checks = await checkAsksAllowed(scope, ids, "event", { settings });
  const skipped: { contactId: string; reason: string }[] = [];
  const chosen: string[] = [];
  for (const id of ids) {
    const person = people.get(id);
    const status = registered.get(id);
    const check = checks.get(id);
    if (status && status !== "declined") skipped.push({ contactId: id, reason: `already ${status.replace("_", " ")}` });
    else if (!person?.email) skipped.push({ contactId: id, reason: "no email address" });
    else if (!consentEffective(person.consent, "marketingEmail", now))
      skipped.push({ contactId: id, reason: "no marketing-email consent on record" });
    else if (check && !check.allowed)
      skipped.push({ contactId: id, reason: `ask-fatigue limits: ${check.reasons.map((r) => r.message).join("; ")}` });
    else chosen.push(id);
  }
  if (chosen.length === 0) return { invited: 0, skipped };
  const workspace = (await getTenant(scope.db, scope.tenantId)).name;
  const base = options.publicUrl.replace(/\/+$/, "");
  const about = richTextToPlain(event.description);
  await inTransaction(scope.db, async (trx) => {
    const s = withDb(scope, trx);
    const again = chosen.filter((id) => registered.has(id));
    if (again.length > 0)
      await updateTable(s, "communityRegistrations")
        .set({ status: "invited", role: "attendee", registeredAt: now, updatedAt: now })
        .where("eventId", "=", eventId)
        .where("contactId", "in", again)
        .execute();
    const fresh = chosen.filter((id) => !registered.has(id));
    if (fresh.length > 0)
      await insertInto(
        s,
        "communityRegistrations",
        fresh.map((contactId) => ({
          eventId,
          contactId,
          role: "attendee" as const,
          status: "invited" as const,
          registeredAt: now,
          updatedAt: now,
          pointsTransactionId: null,
          ...NO_FEEDBACK,
        })),
      ).execute();
    for (const id of chosen) {
      const person = people.get(id);
      if (!person?.email) continue;
      const links = unsubscribeLinks(base, options.keys, scope.tenantId, id);
      const text = [
        `Hi ${person.firstName || "there"},`,
        message ?? `${workspace} would love to see you at this event.`,
        eventDetails(event),
        about || null,
        `Let us know if you can come (and add it to your calendar): ${base}/hub/community`,
      ]
        .filter(Boolean)
        .join("\n\n");
      await queueEmail(s, {
        to: person.email,
        subject: `You're invited: ${event.title}`,
        text: text + emailFooter(workspace, links.page),
        purpose: "community_invited",
        contactId: id,
        headers: links.headers,
      });
      await recordAsk(s, { contactId: id, kind: "event", sourceType: "community_event", sourceId: eventId, at: now });
    }
  });
  return { invited: chosen.length, skipped };
}
