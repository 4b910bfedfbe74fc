import type { Db } from "@advo/db";
import type { Clock } from "../shared/clock.ts";
import { AppError } from "../shared/errors.ts";
import { isSealed, openSecret, type SecretKeySource, SecretUnreadable, sealSecret } from "../shared/secret-box.ts";
import { findPlainSsoSecrets, replaceSsoSecret } from "./sso.queries.ts";

// The workspace's OIDC client secret is stored sealed under the server's key (shared/secret-box.ts),
// bound to its tenant id: a sealed value copied into another workspace's row does not open there.

export const UNREADABLE_SSO_SECRET =
  "the SSO client secret cannot be decrypted with this server's key: set ADVO_SECRET_KEY to the key it was saved with, or save the secret again";

export const sealSsoSecret = (keys: SecretKeySource, tenantId: string, plain: string) =>
  sealSecret(keys.key(), plain, tenantId);

/** The client secret in clear (a legacy plain value as it is), or null when it does not open with this key. */
export function readSsoSecret(keys: SecretKeySource, tenantId: string, stored: string): string | null {
  if (!isSealed(stored)) return stored;
  try {
    return openSecret(keys.key(), stored, tenantId);
  } catch (error) {
    if (error instanceof SecretUnreadable) return null;
    throw error;
  }
}

/**
 * The client secret in clear, for signing in. One that does not open is the server's configuration
 * (another key than the one it was saved with), said so rather than failing later at the provider.
 */
export function openSsoSecret(keys: SecretKeySource, tenantId: string, stored: string): string {
  const secret = readSsoSecret(keys, tenantId, stored);
  if (secret === null) throw new AppError("unavailable", UNREADABLE_SSO_SECRET);
  return secret;
}

/**
 * Seals every client secret still stored in plain text (saved before secrets were encrypted). Run at
 * server start; the key is only asked for when there is one to seal. A row saved meanwhile is left
 * as the save wrote it; updatedAt stays, since the settings did not change. Returns how many were sealed.
 */
export async function sealPlainSsoSecrets(db: Db, clock: Clock, keys: SecretKeySource): Promise<number> {
  let sealed = 0;
  for (const row of await findPlainSsoSecrets(db)) {
    const scope = { db, tenantId: row.tenantId, clock };
    const result = await replaceSsoSecret(scope, row.clientSecret, sealSsoSecret(keys, row.tenantId, row.clientSecret));
    sealed += Number(result.numUpdatedRows);
  }
  return sealed;
}
