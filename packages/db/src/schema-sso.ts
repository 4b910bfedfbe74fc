import type { StaffRole } from "./schema.ts";

// Row types of staff single sign-on (migration 0015). Timestamps epoch ms, booleans 0/1, JSON TEXT.

/** One row per workspace: its OpenID Connect provider and sign-in policy. */
export interface SsoSettingsTable {
  tenantId: string;
  /** 1: the sign-in page offers SSO and the start route redirects to the provider. */
  enabled: number;
  /** The provider's issuer identifier (discovery at <issuer>/.well-known/openid-configuration). */
  issuerUrl: string;
  clientId: string;
  /**
   * Sealed under the server's key, `enc:v1:<iv>:<tag>:<ciphertext>` (core's users/sso-secret.ts); plain text
   * when saved before that, until the next start or save. Never returned by the API.
   */
  clientSecret: string;
  /** JSON array of lower-case email domains; empty: any domain. */
  allowedDomains: string;
  /** 1: a verified email with no user yet gets one at first sign-in (just in time). */
  createUsers: number;
  /** The role a user created at first sign-in gets (never owner). */
  defaultRole: Exclude<StaffRole, "owner">;
  /** 0: password sign-in answers 403 for this workspace. */
  passwordSignIn: number;
  createdAt: number;
  updatedAt: number;
}

/** A sign-in started at the provider and not yet finished: single use, minutes long. */
export interface SsoLoginsTable {
  tenantId: string;
  /** SHA-256 (hex) of the `state` sent to the provider. */
  stateHash: string;
  nonce: string;
  /** PKCE code verifier (S256 challenge sent to the provider). */
  codeVerifier: string;
  /** Same-site path to land on after signing in. */
  returnTo: string;
  createdAt: number;
  expiresAt: number;
}

export interface SsoDatabase {
  ssoSettings: SsoSettingsTable;
  ssoLogins: SsoLoginsTable;
}
