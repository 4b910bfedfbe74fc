import { createHmac, type KeyObject, timingSafeEqual } from "node:crypto";
import type { Db } from "@advo/db";
import type { Clock } from "../shared/clock.ts";
import { AppError } from "../shared/errors.ts";
import { selectFrom } from "../shared/scope.ts";
import type { SecretKeySource } from "../shared/secret-box.ts";
import { getTenant } from "../tenants/index.ts";
import { consentEffective, recordConsents } from "./consent.ts";

// An unsubscribe link in every marketing email: the token names the workspace and the contact and is
// signed with the server's secret key (a subkey of its own), so it needs no table and cannot be forged
// for another person. It stays valid as long as the key (or a previous key) does.

const PURPOSE = "advo-unsubscribe-v1";
const b64 = (buf: Buffer) => buf.toString("base64url");

const macOf = (key: KeyObject, payload: string) => {
  const subkey = createHmac("sha256", key).update(PURPOSE).digest();
  return createHmac("sha256", subkey).update(payload).digest().subarray(0, 16);
};

export function unsubscribeToken(keys: SecretKeySource, tenantId: string, contactId: string): string {
  const payload = `${tenantId}.${contactId}`;
  return `${b64(Buffer.from(payload))}.${b64(macOf(keys.key(), payload))}`;
}

/** How a marketing email to this person lets them stop such emails. */
export function unsubscribeLinks(publicUrl: string, keys: SecretKeySource, tenantId: string, contactId: string) {
  const base = publicUrl.replace(/\/+$/, "");
  const token = unsubscribeToken(keys, tenantId, contactId);
  return {
    /** The link in the email's text: a page that asks before it unsubscribes (link scanners only GET). */
    page: `${base}/unsubscribe#token=${token}`,
    /**
     * Headers for the mail client's own unsubscribe button (RFC 2369), in one click (RFC 8058): the
     * client POSTs `List-Unsubscribe=One-Click` to the URL, which no link scanner does.
     */
    headers: {
      "List-Unsubscribe": `<${base}/api/v1/unsubscribe/one-click?token=${token}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}

function readToken(keys: SecretKeySource, token: string): { tenantId: string; contactId: string } {
  const refused = new AppError("invalid", "token: this unsubscribe link is not valid (was it copied whole?)", [
    { path: "token", message: "is not a valid unsubscribe link" },
  ]);
  const [encoded, mac] = token.split(".");
  if (!encoded || !mac) throw refused;
  const payload = Buffer.from(encoded, "base64url").toString();
  const given = Buffer.from(mac, "base64url");
  const ok = [keys.key(), ...(keys.previous ?? [])].some((key) => {
    const expected = macOf(key, payload);
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  const [tenantId, contactId] = payload.split(".");
  if (!ok || !tenantId || !contactId) throw refused;
  return { tenantId, contactId };
}

export interface UnsubscribeState {
  workspace: string;
  /** Whether marketing email may be sent to this person now. */
  subscribed: boolean;
}

async function stateOf(db: Db, clock: Clock, tenantId: string, contactId: string): Promise<UnsubscribeState> {
  const scope = { db, clock, tenantId };
  const tenant = await getTenant(db, tenantId).catch((error) => {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  });
  const contact = await selectFrom(scope, "contacts")
    .select(["consent", "erasedAt"])
    .where("id", "=", contactId)
    .executeTakeFirst();
  if (!tenant || !contact) throw new AppError("not_found", "this unsubscribe link belongs to no one any more");
  return {
    workspace: tenant.name,
    subscribed: contact.erasedAt == null && consentEffective(contact.consent, "marketingEmail", clock.now()),
  };
}

/** What an unsubscribe link's page shows before anything changes. */
export async function unsubscribeStatus(db: Db, clock: Clock, keys: SecretKeySource, token: string) {
  const { tenantId, contactId } = readToken(keys, token);
  return stateOf(db, clock, tenantId, contactId);
}

/** Withdraws the person's marketing-email consent, recorded like any other withdrawal. Idempotent. */
export async function unsubscribe(
  db: Db,
  clock: Clock,
  keys: SecretKeySource,
  token: string,
  source: "unsubscribe link" | "mail client's unsubscribe button" = "unsubscribe link",
) {
  const { tenantId, contactId } = readToken(keys, token);
  const before = await stateOf(db, clock, tenantId, contactId);
  if (before.subscribed)
    await recordConsents(
      { db, clock, tenantId },
      contactId,
      [{ purpose: "marketingEmail", granted: false }],
      { type: "contact", id: contactId },
      source,
    );
  return { ...before, subscribed: false };
}

/** Why the person gets a marketing email, and how to stop it (journeys, event invitations). */
export const emailFooter = (workspace: string, unsubscribeLink?: string) =>
  `\n\n--\nYou get this email because you agreed to hear from ${workspace}.${
    unsubscribeLink ? `\nTo stop these emails: ${unsubscribeLink}` : ""
  }`;
