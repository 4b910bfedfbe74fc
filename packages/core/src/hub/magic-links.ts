import type { Db } from "@advo/db";
import { queueEmail } from "../email/index.ts";
import type { Clock } from "../shared/clock.ts";
import { AppError } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { insertInto, type Scope, selectFrom, updateTable } from "../shared/scope.ts";
import { findTenantBySlug } from "../tenants/index.ts";
import { createAdvocateSession, mintToken, parseToken, secretMatches } from "../users/index.ts";

const LINK_TTL_MS = 15 * 60_000;

/**
 * Emails a one-time sign-in link to the contact with this address, if there is one. The answer is
 * the same either way, so the form cannot be used to learn who is a customer.
 */
export async function requestMagicLink(
  db: Db,
  clock: Clock,
  input: { workspace: string; email: string },
  hubUrl: string,
): Promise<void> {
  const tenant = await findTenantBySlug(db, input.workspace.toLowerCase());
  if (!tenant) return;
  const scope: Scope = { db, tenantId: tenant.tenantId, clock };
  const contact = await selectFrom(scope, "contacts")
    .select(["id", "email", "firstName"])
    .where("email", "=", input.email.trim().toLowerCase())
    .executeTakeFirst();
  if (!contact?.email) return;
  const link = await issueMagicLink(scope, contact.id);
  await queueEmail(scope, {
    to: contact.email,
    subject: `Your sign-in link for ${tenant.name}'s advocate hub`,
    text:
      `Hi${contact.firstName ? ` ${contact.firstName}` : ""},\n\n` +
      `Sign in to ${tenant.name}'s advocate hub with this link (valid for 15 minutes, once):\n\n` +
      `${hubUrl}/hub/sign-in#token=${encodeURIComponent(link.token)}\n\n` +
      "If you did not ask for it, ignore this email.",
    purpose: "magic_link",
    contactId: contact.id,
  });
}

export async function issueMagicLink(scope: Scope, contactId: string) {
  const id = newId("mlk");
  const { token, secretHash } = mintToken(scope.tenantId, id);
  const now = scope.clock.now();
  await insertInto(scope, "magicLinks", {
    id,
    contactId,
    secretHash,
    createdAt: now,
    expiresAt: now + LINK_TTL_MS,
    usedAt: null,
  }).execute();
  return { token, expiresAt: now + LINK_TTL_MS };
}

const invalidLink = () =>
  new AppError(
    "unauthorized",
    "this sign-in link is not valid: it expired, was already used, or was mistyped; ask for a new one",
  );

/** Exchanges a magic link (once) for an advocate session. */
export async function redeemMagicLink(db: Db, clock: Clock, token: string) {
  const parsed = parseToken(token);
  if (!parsed?.id.startsWith("mlk_")) throw invalidLink();
  const scope: Scope = { db, tenantId: parsed.tenantId, clock };
  const link = await selectFrom(scope, "magicLinks").selectAll().where("id", "=", parsed.id).executeTakeFirst();
  const now = clock.now();
  if (
    !link ||
    link.usedAt !== null ||
    Number(link.expiresAt) <= now ||
    !secretMatches(parsed.secret, link.secretHash)
  ) {
    throw invalidLink();
  }
  const used = await updateTable(scope, "magicLinks")
    .set({ usedAt: now })
    .where("id", "=", link.id)
    .where("usedAt", "is", null)
    .executeTakeFirst();
  if (Number(used.numUpdatedRows) === 0) throw invalidLink();
  const session = await createAdvocateSession(scope, link.contactId);
  return { ...session, tenantId: parsed.tenantId, contactId: link.contactId };
}
