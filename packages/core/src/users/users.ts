import type { ApiKeysTable, Db, SessionsTable, UsersTable } from "@advo/db";
import { inTransaction, isUniqueViolation } from "@advo/db";
import type { Clock } from "../shared/clock.ts";
import { toIso, toIsoOrNull } from "../shared/clock.ts";
import { AppError, conflictOn, notFound } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { type Scope, withDb } from "../shared/scope.ts";
import { findTenantBySlug } from "../tenants/tenant.queries.ts";
import { advocateOfSession, endAdvocateSession } from "./advocate-sessions.ts";
import { hashPassword, verifyPassword } from "./passwords.ts";
import type { Role } from "./permissions.ts";
import { ROTATION_GRACE_MS, type SessionLifetime, sessionEnd, sessionStep } from "./session-policy.ts";
import { passwordSignInAllowed } from "./sso.queries.ts";
import { mintToken, parseToken, secretMatches } from "./tokens.ts";
import {
  countActiveOwners,
  deleteSession,
  deleteUserSessions,
  findApiKey,
  findSession,
  findUserByEmail,
  findUserById,
  insertApiKey,
  insertSession,
  insertUser,
  listApiKeys as listApiKeyRows,
  listUsers as listUserRows,
  markApiKeyUsed,
  retireSession,
  revokeApiKeyRow,
  touchSession,
  updateUserRow,
} from "./user.queries.ts";
import {
  type ApiKey,
  type CreateApiKeyInput,
  type CreateUserInput,
  createApiKeyInput,
  createUserInput,
  type SignInInput,
  signInInput,
  type UpdateUserInput,
  type User,
  updateUserInput,
} from "./user.schemas.ts";

/** A session unused this long ends. */
export const SESSION_TTL_MS = 14 * 24 * 3600 * 1000;
/** However active, a person signs in again after this long. */
export const SESSION_MAX_AGE_MS = 30 * 24 * 3600 * 1000;
/** A session in use is replaced by a new one (new id and secret) this often. */
export const SESSION_ROTATE_AFTER_MS = 10 * 60 * 1000;
const STAFF_SESSION: SessionLifetime = {
  idleMs: SESSION_TTL_MS,
  maxAgeMs: SESSION_MAX_AGE_MS,
  rotateAfterMs: SESSION_ROTATE_AFTER_MS,
};
const TOUCH_EVERY_MS = 60 * 1000;

export interface Actor {
  type: "user" | "api_key" | "advocate" | "system";
  id: string;
  name: string;
}

export interface AuthContext {
  tenantId: string;
  role: Role;
  actor: Actor;
  /** Set for advocates signed in to the hub: the contact they are. */
  contactId?: string;
  /** Set when this request rotated a session (staff or hub): the cookie to send back in place of the old one. */
  renewedToken?: string;
}

const toUser = (row: UsersTable): User => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  createdAt: toIso(row.createdAt),
  disabledAt: toIsoOrNull(row.disabledAt),
});

const toApiKey = (row: ApiKeysTable): ApiKey => ({
  id: row.id,
  name: row.name,
  role: row.role,
  createdAt: toIso(row.createdAt),
  lastUsedAt: toIsoOrNull(row.lastUsedAt),
  revokedAt: toIsoOrNull(row.revokedAt),
});

export async function createUser(scope: Scope, input: CreateUserInput): Promise<User> {
  const parsed = createUserInput.parse(input);
  const now = scope.clock.now();
  const row = {
    id: newId("usr"),
    email: parsed.email,
    name: parsed.name,
    role: parsed.role,
    passwordHash: parsed.password ? await hashPassword(parsed.password) : null,
    createdAt: now,
    updatedAt: now,
    disabledAt: null,
  };
  try {
    await insertUser(scope, row);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflictOn("email", "a user with this email already exists");
    throw error;
  }
  return toUser({ ...row, tenantId: scope.tenantId });
}

/**
 * Renames, re-roles, disables or re-enables a staff user. Only an owner may make or unmake an owner,
 * and the last active owner stays one. A new role or disabling ends the user's sessions, so the
 * change applies from their next request, not at their next sign-in.
 */
export async function updateUser(scope: Scope, id: string, input: UpdateUserInput, by: Role): Promise<User> {
  const patch = updateUserInput.parse(input);
  const existing = await findUserById(scope, id);
  if (!existing) throw notFound("user", id);
  const roleChanges = patch.role !== undefined && patch.role !== existing.role;
  if (roleChanges && (patch.role === "owner" || existing.role === "owner") && by !== "owner") {
    throw new AppError("forbidden", "only an owner can make someone an owner or change an owner's role");
  }
  const disabling = patch.disabled === true && existing.disabledAt === null;
  const losesOwner = existing.role === "owner" && existing.disabledAt === null && (disabling || roleChanges);
  if (losesOwner && (await countActiveOwners(scope)) <= 1) {
    throw new AppError("conflict", "the workspace's last owner cannot be disabled or given another role", [
      { path: patch.role !== undefined ? "role" : "disabled", message: "make another user owner first" },
    ]);
  }
  const now = scope.clock.now();
  await inTransaction(scope.db, async (trx) => {
    const s = withDb(scope, trx);
    await updateUserRow(s, id, {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.role !== undefined && { role: patch.role }),
      ...(patch.disabled !== undefined && { disabledAt: patch.disabled ? (existing.disabledAt ?? now) : null }),
      updatedAt: now,
    });
    if (roleChanges || disabling) await deleteUserSessions(s, id);
  });
  return getUser(scope, id);
}

export async function listUsers(scope: Scope): Promise<User[]> {
  return (await listUserRows(scope)).map(toUser);
}

const badCredentials = () => new AppError("unauthorized", "workspace, email or password is not right");

/** Checks a password and opens a session; the token goes into an httpOnly cookie. */
export async function signIn(
  db: Db,
  clock: Clock,
  input: SignInInput,
): Promise<{ token: string; user: User; tenantId: string; expiresAt: number }> {
  const { workspace, email, password } = signInInput.parse(input);
  const tenant = await findTenantBySlug(db, workspace.toLowerCase());
  if (!tenant) throw badCredentials();
  const scope: Scope = { db, tenantId: tenant.tenantId, clock };
  if (!(await passwordSignInAllowed(scope))) {
    throw new AppError(
      "forbidden",
      "password sign-in is turned off for this workspace: sign in with single sign-on (SSO)",
    );
  }
  const user = await findUserByEmail(scope, email);
  if (!user || user.disabledAt !== null || !user.passwordHash || !(await verifyPassword(password, user.passwordHash))) {
    throw badCredentials();
  }
  return openStaffSession(scope, user);
}

/** Opens a staff session for a user already proven to be who they say (password, SSO). */
export async function openStaffSession(
  scope: Scope,
  user: UsersTable,
): Promise<{ token: string; user: User; tenantId: string; expiresAt: number }> {
  const id = newId("ses");
  const { token, secretHash } = mintToken(scope.tenantId, id);
  const now = scope.clock.now();
  const expiresAt = now + SESSION_TTL_MS;
  await insertSession(scope, {
    id,
    userId: user.id,
    secretHash,
    createdAt: now,
    expiresAt,
    lastSeenAt: now,
    signedInAt: now,
  });
  return { token, user: toUser(user), tenantId: scope.tenantId, expiresAt };
}

/** Replaces a session in use by a new one that keeps its sign-in time; null when another request already did. */
async function rotateSession(scope: Scope, session: SessionsTable): Promise<string | null> {
  const now = scope.clock.now();
  if (!(await retireSession(scope, session.id, now + ROTATION_GRACE_MS))) return null;
  const id = newId("ses");
  const { token, secretHash } = mintToken(scope.tenantId, id);
  await insertSession(scope, {
    id,
    userId: session.userId,
    secretHash,
    createdAt: now,
    expiresAt: sessionEnd(STAFF_SESSION, session.signedInAt, now),
    lastSeenAt: now,
    signedInAt: session.signedInAt,
  });
  return token;
}

/** Signs a user out of every browser (their own "sign out everywhere", or a role change or disabling). */
export async function endUserSessions(scope: Scope, userId: string): Promise<void> {
  await deleteUserSessions(scope, userId);
}

export async function signOut(db: Db, clock: Clock, token: string): Promise<void> {
  const parsed = parseToken(token);
  if (!parsed) return;
  const scope = { db, tenantId: parsed.tenantId, clock };
  if (parsed.id.startsWith("avs_")) await endAdvocateSession(scope, parsed.id);
  else await deleteSession(scope, parsed.id);
}

/** Resolves a session cookie or an API key to who is calling, or null when it is not valid. */
export async function authenticate(
  db: Db,
  clock: Clock,
  token: string,
  options: { rotate?: boolean } = {},
): Promise<AuthContext | null> {
  const parsed = parseToken(token);
  if (!parsed) return null;
  const scope: Scope = { db, tenantId: parsed.tenantId, clock };
  const now = clock.now();
  if (parsed.id.startsWith("ses_")) {
    const session = await findSession(scope, parsed.id);
    if (!session || session.expiresAt <= now || !secretMatches(parsed.secret, session.secretHash)) return null;
    if (now - session.signedInAt >= SESSION_MAX_AGE_MS) return null;
    const user = await findUserById(scope, session.userId);
    if (!user || user.disabledAt !== null) return null;
    const auth: AuthContext = {
      tenantId: parsed.tenantId,
      role: user.role,
      actor: { type: "user", id: user.id, name: user.name },
    };
    const step = sessionStep(STAFF_SESSION, session, now, options.rotate === true);
    if (step === "rotate") {
      const renewed = await rotateSession(scope, session);
      if (renewed) auth.renewedToken = renewed;
    } else if (step === "touch") {
      await touchSession(scope, session.id, now, sessionEnd(STAFF_SESSION, session.signedInAt, now));
    }
    return auth;
  }
  if (parsed.id.startsWith("avs_")) {
    const advocate = await advocateOfSession(db, clock, parsed, options);
    if (!advocate) return null;
    return {
      tenantId: parsed.tenantId,
      role: "advocate",
      contactId: advocate.contactId,
      actor: { type: "advocate", id: advocate.contactId, name: advocate.name },
      ...(advocate.renewedToken ? { renewedToken: advocate.renewedToken } : {}),
    };
  }
  if (parsed.id.startsWith("key_")) {
    const key = await findApiKey(scope, parsed.id);
    if (!key || key.revokedAt !== null || !secretMatches(parsed.secret, key.secretHash)) return null;
    if (key.lastUsedAt === null || now - key.lastUsedAt > TOUCH_EVERY_MS) await markApiKeyUsed(scope, key.id, now);
    return { tenantId: parsed.tenantId, role: key.role, actor: { type: "api_key", id: key.id, name: key.name } };
  }
  return null;
}

export async function getUser(scope: Scope, id: string): Promise<User> {
  const row = await findUserById(scope, id);
  if (!row) throw notFound("user", id);
  return toUser(row);
}

export async function createApiKey(
  scope: Scope,
  input: CreateApiKeyInput,
  createdBy: string | null,
): Promise<ApiKey & { key: string }> {
  const { name, role } = createApiKeyInput.parse(input);
  const id = newId("key");
  const { token, secretHash } = mintToken(scope.tenantId, id);
  const row = {
    id,
    name,
    role,
    secretHash,
    createdBy,
    createdAt: scope.clock.now(),
    lastUsedAt: null,
    revokedAt: null,
  };
  await insertApiKey(scope, row);
  return { ...toApiKey({ ...row, tenantId: scope.tenantId }), key: token };
}

export async function listApiKeys(scope: Scope): Promise<ApiKey[]> {
  return (await listApiKeyRows(scope)).map(toApiKey);
}

export async function revokeApiKey(scope: Scope, id: string): Promise<ApiKey> {
  const existing = await findApiKey(scope, id);
  if (!existing) throw notFound("API key", id);
  await revokeApiKeyRow(scope, id, scope.clock.now());
  const row = await findApiKey(scope, id);
  return toApiKey(row ?? existing);
}
