import { createHash, timingSafeEqual } from "node:crypto";
import type { Db, SsoSettingsTable, UsersTable } from "@advo/db";
import { isUniqueViolation } from "@advo/db";
import type { Clock } from "../shared/clock.ts";
import { toIsoOrNull } from "../shared/clock.ts";
import { AppError, invalidField } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import type { Scope } from "../shared/scope.ts";
import type { SecretKeySource } from "../shared/secret-box.ts";
import { findTenantById, findTenantBySlug } from "../tenants/tenant.queries.ts";
import {
  deleteExpiredSsoLogins,
  findSsoSettings,
  insertSsoLogin,
  saveSsoSettings,
  takeSsoLogin,
} from "./sso.queries.ts";
import { type SsoSettings, type SsoSettingsInput, type SsoStatus, ssoSettingsInput } from "./sso.schemas.ts";
import {
  authorizationUrl,
  discoverProvider,
  exchangeCode,
  newLoginSecrets,
  type ProviderIdentity,
} from "./sso-provider.ts";
import { openSsoSecret, readSsoSecret, sealSsoSecret, UNREADABLE_SSO_SECRET } from "./sso-secret.ts";
import { findUserByEmail, insertUser } from "./user.queries.ts";
import type { User } from "./user.schemas.ts";
import { openStaffSession } from "./users.ts";

// Staff sign-in through the workspace's OpenID Connect provider (authorization code flow with
// PKCE, state and nonce). The provider proves an email address; Advo maps it to a user of the
// workspace (or creates one, when the workspace allows it) and opens the same session a password
// sign-in opens.

/** How long a started sign-in may take at the provider. */
export const SSO_LOGIN_TTL_MS = 10 * 60 * 1000;

const notSetUp = (workspace: string) =>
  new AppError("not_found", `single sign-on is not set up for workspace "${workspace}"`);

const hashState = (state: string) => createHash("sha256").update(state).digest("hex");

const parseDomains = (text: string): string[] => {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((d): d is string => typeof d === "string") : [];
  } catch {
    return [];
  }
};

/** What the SSO use cases need from the server's configuration. */
export interface SsoServerConfig {
  /** The site's public base URL: the callback (redirect) URI is built from it. */
  publicUrl: string;
  /** Seals the stored client secret (see sso-secret.ts). */
  secretKey: SecretKeySource;
}

/** The callback URL of a workspace: what an admin registers at the provider as the redirect URI. */
export function ssoRedirectUri(publicUrl: string, workspace: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/api/v1/auth/sso/${encodeURIComponent(workspace)}/callback`;
}

async function slugOf(scope: Scope): Promise<string> {
  return (await findTenantById(scope.db, scope.tenantId))?.slug ?? scope.tenantId;
}

function toSettings(row: SsoSettingsTable | undefined, redirectUri: string): SsoSettings {
  return {
    enabled: Boolean(row?.enabled),
    issuerUrl: row?.issuerUrl ?? null,
    clientId: row?.clientId ?? null,
    clientSecretSet: Boolean(row?.clientSecret),
    allowedDomains: row ? parseDomains(row.allowedDomains) : [],
    createUsers: Boolean(row?.createUsers),
    defaultRole: row?.defaultRole ?? "viewer",
    passwordSignIn: row ? Boolean(row.passwordSignIn) : true,
    redirectUri,
    updatedAt: toIsoOrNull(row?.updatedAt ?? null),
  };
}

/** The workspace's SSO settings; the client secret is never part of them, only whether one is stored. */
export async function getSsoSettings(scope: Scope, publicUrl: string): Promise<SsoSettings> {
  return toSettings(await findSsoSettings(scope), ssoRedirectUri(publicUrl, await slugOf(scope)));
}

/** The stored secret in clear; one that does not open names the field to send again. */
function keptSecret(server: SsoServerConfig, scope: Scope, stored: string): string {
  const secret = readSsoSecret(server.secretKey, scope.tenantId, stored);
  if (secret === null) throw invalidField("clientSecret", UNREADABLE_SSO_SECRET);
  return secret;
}

/**
 * Replaces the workspace's SSO settings. The secret is kept when left out, and sealed afresh either
 * way (a legacy plain one too). Enabling checks the issuer answers OpenID discovery, so a mistyped
 * issuer is named here rather than at sign-in.
 */
export async function setSsoSettings(
  scope: Scope,
  input: SsoSettingsInput,
  server: SsoServerConfig,
): Promise<SsoSettings> {
  const parsed = ssoSettingsInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalidField(issue?.path.join(".") || "body", issue?.message ?? "is not valid");
  }
  const value = parsed.data;
  const existing = await findSsoSettings(scope);
  const clientSecret = value.clientSecret ?? (existing ? keptSecret(server, scope, existing.clientSecret) : undefined);
  if (!clientSecret) throw invalidField("clientSecret", "is required (the provider gives it with the client id)");
  if (value.enabled) {
    try {
      await discoverProvider({ issuerUrl: value.issuerUrl, clientId: value.clientId, clientSecret });
    } catch (error) {
      throw invalidField("issuerUrl", error instanceof AppError ? error.message : "could not be reached");
    }
  }
  const now = scope.clock.now();
  await saveSsoSettings(scope, {
    enabled: value.enabled ? 1 : 0,
    issuerUrl: value.issuerUrl,
    clientId: value.clientId,
    clientSecret: sealSsoSecret(server.secretKey, scope.tenantId, clientSecret),
    allowedDomains: JSON.stringify([...new Set(value.allowedDomains)]),
    createUsers: value.createUsers ? 1 : 0,
    defaultRole: value.defaultRole,
    passwordSignIn: value.passwordSignIn ? 1 : 0,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  });
  return getSsoSettings(scope, server.publicUrl);
}

async function enabledSettings(db: Db, clock: Clock, workspace: string) {
  const tenant = await findTenantBySlug(db, workspace.toLowerCase());
  if (!tenant) return null;
  const scope: Scope = { db, tenantId: tenant.tenantId, clock };
  const settings = await findSsoSettings(scope);
  return settings?.enabled ? { scope, settings, slug: tenant.slug } : null;
}

/** The provider, with the client secret opened: an unreadable secret stops here with the reason. */
const providerOf = (scope: Scope, settings: SsoSettingsTable, server: SsoServerConfig) =>
  discoverProvider({
    issuerUrl: settings.issuerUrl,
    clientId: settings.clientId,
    clientSecret: openSsoSecret(server.secretKey, scope.tenantId, settings.clientSecret),
  });

/**
 * What the sign-in page offers for a workspace. An unknown workspace answers like one without SSO,
 * so this tells no one which workspaces exist.
 */
export async function getSsoStatus(db: Db, clock: Clock, workspace: string): Promise<SsoStatus> {
  const found = await enabledSettings(db, clock, workspace);
  if (!found) return { enabled: false, passwordAllowed: true };
  return { enabled: true, passwordAllowed: Boolean(found.settings.passwordSignIn) };
}

/**
 * Starts a sign-in: remembers state, nonce and PKCE verifier for SSO_LOGIN_TTL_MS and returns the
 * provider's authorization URL. The state also goes into a cookie of the browser that started it.
 */
export async function startSsoSignIn(
  db: Db,
  clock: Clock,
  input: { workspace: string; returnTo: string },
  server: SsoServerConfig,
): Promise<{ url: string; state: string; expiresAt: number }> {
  const found = await enabledSettings(db, clock, input.workspace);
  if (!found) throw notSetUp(input.workspace);
  const { scope, settings, slug } = found;
  const provider = await providerOf(scope, settings, server);
  const secrets = await newLoginSecrets();
  const now = clock.now();
  const expiresAt = now + SSO_LOGIN_TTL_MS;
  await deleteExpiredSsoLogins(scope, now);
  await insertSsoLogin(scope, {
    stateHash: hashState(secrets.state),
    nonce: secrets.nonce,
    codeVerifier: secrets.codeVerifier,
    returnTo: input.returnTo,
    createdAt: now,
    expiresAt,
  });
  const url = authorizationUrl(provider, { redirectUri: ssoRedirectUri(server.publicUrl, slug), ...secrets });
  return { url, state: secrets.state, expiresAt };
}

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * Finishes a sign-in at the provider's callback: the state must be the one this browser started
 * (its cookie) and still pending; the code is traded for tokens; the verified email is mapped to a
 * user of the workspace; a staff session is opened exactly as a password sign-in opens one.
 */
export async function finishSsoSignIn(
  db: Db,
  clock: Clock,
  input: {
    workspace: string;
    /** The callback's query string as the provider sent it (code, state, iss, or error). */
    query: string;
    /** The state remembered in this browser's cookie when it started. */
    browserState: string | undefined;
  },
  server: SsoServerConfig,
): Promise<{ token: string; user: User; tenantId: string; expiresAt: number; returnTo: string }> {
  const found = await enabledSettings(db, clock, input.workspace);
  if (!found) throw notSetUp(input.workspace);
  const { scope, settings, slug } = found;
  const state = new URLSearchParams(input.query).get("state");
  if (!state) throw invalidField("state", "is missing: start signing in again");
  if (!input.browserState || !sameSecret(state, input.browserState)) {
    throw invalidField(
      "state",
      "does not match the sign-in this browser started (or its cookie expired): start signing in again",
    );
  }
  const login = await takeSsoLogin(scope, hashState(state));
  if (!login || login.expiresAt <= clock.now()) {
    throw invalidField("state", "this sign-in has expired or was already used: start signing in again");
  }
  const provider = await providerOf(scope, settings, server);
  const callbackUrl = new URL(ssoRedirectUri(server.publicUrl, slug));
  callbackUrl.search = input.query;
  const identity = await exchangeCode(provider, callbackUrl, {
    state,
    nonce: login.nonce,
    codeVerifier: login.codeVerifier,
  });
  const user = await userFor(scope, settings, identity, slug);
  return { ...(await openStaffSession(scope, user)), returnTo: login.returnTo };
}

const refuse = (message: string) => new AppError("forbidden", message);

/** The workspace's user for a proven identity, created just in time when the workspace allows it. */
async function userFor(
  scope: Scope,
  settings: SsoSettingsTable,
  identity: ProviderIdentity,
  workspace: string,
): Promise<UsersTable> {
  const { email } = identity;
  if (!email) {
    throw refuse(
      "the identity provider did not share an email address: allow the email claim (scope email) for Advo's client",
    );
  }
  if (identity.emailVerified === false) {
    throw refuse(`the identity provider says ${email} is not verified: verify it there, then sign in again`);
  }
  const domain = email.slice(email.lastIndexOf("@") + 1);
  const domains = parseDomains(settings.allowedDomains);
  if (domains.length > 0 && !domains.includes(domain)) {
    throw refuse(`email addresses at ${domain} may not sign in to workspace "${workspace}" with single sign-on`);
  }
  const existing = await findUserByEmail(scope, email);
  if (existing) {
    if (existing.disabledAt !== null) throw refuse(`the user ${email} is disabled in workspace "${workspace}"`);
    return existing;
  }
  if (!settings.createUsers) {
    throw refuse(
      `workspace "${workspace}" has no user with the email ${email}: ask an admin to add you, or to let single sign-on create users at first sign-in`,
    );
  }
  const now = scope.clock.now();
  const row: UsersTable = {
    tenantId: scope.tenantId,
    id: newId("usr"),
    email,
    name: (identity.name ?? email.slice(0, email.lastIndexOf("@"))).slice(0, 120),
    role: settings.defaultRole,
    passwordHash: null,
    createdAt: now,
    updatedAt: now,
    disabledAt: null,
  };
  try {
    const { tenantId: _scoped, ...values } = row;
    await insertUser(scope, values);
    return row;
  } catch (error) {
    // Two first sign-ins at once: the other one created the user.
    const raced = isUniqueViolation(error) ? await findUserByEmail(scope, email) : undefined;
    if (raced && raced.disabledAt === null) return raced;
    throw error;
  }
}
