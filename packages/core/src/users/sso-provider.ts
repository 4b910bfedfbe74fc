import * as oidc from "openid-client";
import { AppError } from "../shared/errors.ts";
import { isLocalHttp } from "./sso.schemas.ts";

// The one file that talks to an OpenID Connect provider (openid-client v6). Discovery runs on each
// start and callback: sign-ins are rare, and a provider's rotated keys or moved endpoints are then
// never stale in a cache. Only an issuer on this machine (http://localhost, http://127.0.0.1) may
// use plain http; every other provider must be https.

const TIMEOUT_SECONDS = 10;

export interface ProviderSettings {
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
}

/** Who the provider says signed in. emailVerified is null when the provider sent no such claim. */
export interface ProviderIdentity {
  subject: string;
  email: string | null;
  emailVerified: boolean | null;
  name: string | null;
}

/** The provider's metadata and this client's credentials, ready for the authorization code flow. */
export async function discoverProvider(settings: ProviderSettings): Promise<oidc.Configuration> {
  const issuer = new URL(settings.issuerUrl);
  const insecure = isLocalHttp(issuer);
  let found: oidc.Configuration;
  try {
    found = await oidc.discovery(issuer, settings.clientId, undefined, undefined, {
      timeout: TIMEOUT_SECONDS,
      ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
    });
  } catch (error) {
    throw new AppError(
      "unavailable",
      `could not read the identity provider's OpenID configuration at ${settings.issuerUrl}: ${reasonOf(error)}`,
    );
  }
  const metadata = found.serverMetadata();
  // client_secret_basic is the spec's default; client_secret_post only where basic is not offered.
  const methods = metadata.token_endpoint_auth_methods_supported;
  const auth =
    !methods || methods.includes("client_secret_basic")
      ? oidc.ClientSecretBasic(settings.clientSecret)
      : oidc.ClientSecretPost(settings.clientSecret);
  const config = new oidc.Configuration(metadata, settings.clientId, settings.clientSecret, auth);
  config.timeout = TIMEOUT_SECONDS;
  if (insecure) oidc.allowInsecureRequests(config);
  return config;
}

/** Fresh secrets for one sign-in: state (CSRF), nonce (ID token replay), PKCE verifier and challenge. */
export async function newLoginSecrets() {
  const codeVerifier = oidc.randomPKCECodeVerifier();
  return {
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    codeVerifier,
    codeChallenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
  };
}

export function authorizationUrl(
  config: oidc.Configuration,
  input: { redirectUri: string; state: string; nonce: string; codeChallenge: string },
): string {
  return oidc.buildAuthorizationUrl(config, {
    redirect_uri: input.redirectUri,
    scope: "openid email profile",
    state: input.state,
    nonce: input.nonce,
    code_challenge: input.codeChallenge,
    code_challenge_method: "S256",
  }).href;
}

/**
 * Checks the provider's answer (state, issuer, code) and trades the code for tokens with the PKCE
 * verifier; the ID token's signature, audience, expiry and nonce are checked by openid-client.
 * The email comes from the ID token, or from the UserInfo endpoint when the ID token has none
 * (some providers put only `sub` in it).
 */
export async function exchangeCode(
  config: oidc.Configuration,
  callbackUrl: URL,
  checks: { state: string; nonce: string; codeVerifier: string },
): Promise<ProviderIdentity> {
  try {
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      pkceCodeVerifier: checks.codeVerifier,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new AppError("unauthorized", "the identity provider sent no ID token");
    let identity = identityOf(claims.sub, claims);
    if (identity.email === null && config.serverMetadata().userinfo_endpoint) {
      const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
      identity = identityOf(claims.sub, { ...info, ...stripEmpty(claims) });
    }
    return identity;
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof oidc.AuthorizationResponseError) {
      throw new AppError("unauthorized", `the identity provider did not sign you in: ${reasonOf(error)}`);
    }
    if (error instanceof oidc.ResponseBodyError) {
      throw new AppError("unauthorized", `the identity provider refused the sign-in: ${reasonOf(error)}`);
    }
    if (isNetworkError(error)) {
      throw new AppError("unavailable", `could not reach the identity provider: ${reasonOf(error)}`);
    }
    throw new AppError("unauthorized", `the identity provider's answer did not check out: ${reasonOf(error)}`);
  }
}

function identityOf(subject: string, claims: Record<string, unknown>): ProviderIdentity {
  const email = typeof claims.email === "string" && claims.email.trim() ? claims.email.trim().toLowerCase() : null;
  const verified = claims.email_verified;
  // Some providers send the claim as the string "true"/"false".
  const emailVerified = verified === undefined || verified === null ? null : verified === true || verified === "true";
  const given = [claims.given_name, claims.family_name].filter((s) => typeof s === "string" && s.trim()).join(" ");
  const name = typeof claims.name === "string" && claims.name.trim() ? claims.name.trim() : given || null;
  return { subject, email, emailVerified, name };
}

const stripEmpty = (claims: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(claims).filter(([, v]) => v !== undefined && v !== null && v !== ""));

// undici's fetch fails with TypeError("fetch failed"); a timeout aborts with a DOMException.
const isNetworkError = (error: unknown) =>
  (error instanceof TypeError && error.message === "fetch failed") ||
  (error instanceof DOMException && (error.name === "TimeoutError" || error.name === "AbortError"));

/** A short reason from openid-client's errors: the OAuth error code and description when there is one. */
export function reasonOf(error: unknown): string {
  if (error instanceof oidc.AuthorizationResponseError || error instanceof oidc.ResponseBodyError) {
    return error.error_description ? `${error.error} (${error.error_description})` : error.error;
  }
  if (error instanceof Error) {
    const cause =
      error.cause instanceof Error && error.cause.message !== error.message ? `: ${error.cause.message}` : "";
    return `${error.message}${cause}`;
  }
  return String(error);
}
