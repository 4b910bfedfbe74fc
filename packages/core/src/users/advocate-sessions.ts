import type { Db } from "@advo/db";
import type { Clock } from "../shared/clock.ts";
import { newId } from "../shared/ids.ts";
import { deleteFrom, insertInto, type Scope, selectFrom, updateTable } from "../shared/scope.ts";
import { mintToken, type ParsedToken, secretMatches } from "./tokens.ts";

// Advocates sign in to the hub with a magic link; the link is exchanged for one of these sessions.
export const ADVOCATE_SESSION_TTL_MS = 30 * 86_400_000;
const TOUCH_EVERY_MS = 60_000;

export async function createAdvocateSession(scope: Scope, contactId: string) {
  const id = newId("avs");
  const { token, secretHash } = mintToken(scope.tenantId, id);
  const now = scope.clock.now();
  const expiresAt = now + ADVOCATE_SESSION_TTL_MS;
  await insertInto(scope, "advocateSessions", {
    id,
    contactId,
    secretHash,
    createdAt: now,
    expiresAt,
    lastSeenAt: now,
  }).execute();
  return { token, expiresAt };
}

/** The contact behind a valid advocate session token, sliding its expiry. */
export async function advocateOfSession(db: Db, clock: Clock, parsed: ParsedToken) {
  const scope: Scope = { db, tenantId: parsed.tenantId, clock };
  const session = await selectFrom(scope, "advocateSessions")
    .selectAll()
    .where("id", "=", parsed.id)
    .executeTakeFirst();
  const now = clock.now();
  if (!session || Number(session.expiresAt) <= now || !secretMatches(parsed.secret, session.secretHash)) return null;
  const contact = await selectFrom(scope, "contacts")
    .select(["id", "firstName", "lastName", "email"])
    .where("id", "=", session.contactId)
    .executeTakeFirst();
  if (!contact) return null;
  if (now - Number(session.lastSeenAt) > TOUCH_EVERY_MS) {
    await updateTable(scope, "advocateSessions")
      .set({ lastSeenAt: now, expiresAt: now + ADVOCATE_SESSION_TTL_MS })
      .where("id", "=", session.id)
      .execute();
  }
  return {
    contactId: contact.id,
    name: [contact.firstName, contact.lastName].filter(Boolean).join(" ") || (contact.email ?? contact.id),
  };
}

export const endAdvocateSession = (scope: Scope, id: string) =>
  deleteFrom(scope, "advocateSessions").where("id", "=", id).execute();
