import type { Db } from "@advo/db";
import type { Clock } from "../shared/clock.ts";
import { newId } from "../shared/ids.ts";
import { deleteFrom, insertInto, type Scope, selectFrom, updateTable } from "../shared/scope.ts";
import { ROTATION_GRACE_MS, type SessionLifetime, sessionEnd, sessionStep } from "./session-policy.ts";
import { mintToken, type ParsedToken, secretMatches } from "./tokens.ts";

// Advocates sign in to the hub with a magic link; the link is exchanged for one of these sessions.
// Idle for 30 days, or 90 days after the magic link whatever the use, the advocate signs in again.
export const ADVOCATE_SESSION_TTL_MS = 30 * 86_400_000;
export const ADVOCATE_SESSION_MAX_AGE_MS = 90 * 86_400_000;
/** A session in use is replaced by a new one this often (cookies only), as staff sessions are. */
export const ADVOCATE_SESSION_ROTATE_AFTER_MS = 10 * 60 * 1000;
const HUB_SESSION: SessionLifetime = {
  idleMs: ADVOCATE_SESSION_TTL_MS,
  maxAgeMs: ADVOCATE_SESSION_MAX_AGE_MS,
  rotateAfterMs: ADVOCATE_SESSION_ROTATE_AFTER_MS,
};

async function insertAdvocateSession(scope: Scope, contactId: string, signedInAt: number) {
  const id = newId("avs");
  const { token, secretHash } = mintToken(scope.tenantId, id);
  const now = scope.clock.now();
  const expiresAt = sessionEnd(HUB_SESSION, signedInAt, now);
  await insertInto(scope, "advocateSessions", {
    id,
    contactId,
    secretHash,
    createdAt: now,
    expiresAt,
    lastSeenAt: now,
    signedInAt,
  }).execute();
  return { token, expiresAt };
}

export const createAdvocateSession = (scope: Scope, contactId: string) =>
  insertAdvocateSession(scope, contactId, scope.clock.now());

/**
 * The contact behind a valid advocate session token, sliding its expiry. With `rotate` (the token
 * came in a cookie), a session older than a few minutes is replaced: the new token is returned as
 * `renewedToken` for the cookie, and the old one lives out a short grace for requests in flight.
 */
export async function advocateOfSession(db: Db, clock: Clock, parsed: ParsedToken, options: { rotate?: boolean } = {}) {
  const scope: Scope = { db, tenantId: parsed.tenantId, clock };
  const session = await selectFrom(scope, "advocateSessions")
    .selectAll()
    .where("id", "=", parsed.id)
    .executeTakeFirst();
  const now = clock.now();
  if (!session || Number(session.expiresAt) <= now || !secretMatches(parsed.secret, session.secretHash)) return null;
  const signedInAt = Number(session.signedInAt);
  if (now - signedInAt >= ADVOCATE_SESSION_MAX_AGE_MS) return null;
  const contact = await selectFrom(scope, "contacts")
    .select(["id", "firstName", "lastName", "email"])
    .where("id", "=", session.contactId)
    .executeTakeFirst();
  if (!contact) return null;
  let renewedToken: string | undefined;
  const step = sessionStep(HUB_SESSION, session, now, options.rotate === true);
  if (step === "rotate") {
    // Conditional: of two requests rotating the same session at once, exactly one wins.
    const retired = await updateTable(scope, "advocateSessions")
      .set({ expiresAt: now + ROTATION_GRACE_MS })
      .where("id", "=", session.id)
      .where("expiresAt", ">", now + ROTATION_GRACE_MS)
      .executeTakeFirst();
    if (Number(retired.numUpdatedRows) === 1)
      renewedToken = (await insertAdvocateSession(scope, session.contactId, signedInAt)).token;
  } else if (step === "touch") {
    await updateTable(scope, "advocateSessions")
      .set({ lastSeenAt: now, expiresAt: sessionEnd(HUB_SESSION, signedInAt, now) })
      .where("id", "=", session.id)
      .execute();
  }
  return {
    contactId: contact.id,
    name: [contact.firstName, contact.lastName].filter(Boolean).join(" ") || (contact.email ?? contact.id),
    renewedToken,
  };
}

export const endAdvocateSession = (scope: Scope, id: string) =>
  deleteFrom(scope, "advocateSessions").where("id", "=", id).execute();
