import type { Db } from "@advo/db";
import type { Clock } from "../shared/clock.ts";
import { AppError } from "../shared/errors.ts";
import { isSealed, openWithKeys, type SecretKeySource, SecretUnreadable, sealSecret } from "../shared/secret-box.ts";
import { findSsoSecrets, replaceSsoSecret } from "./sso.queries.ts";

// The workspace's OIDC client secret is stored sealed under the server's key (shared/secret-box.ts),
// bound to its tenant id: a sealed value copied into another workspace's row does not open there.

export const UNREADABLE_SSO_SECRET =
  "the SSO client secret cannot be decrypted with this server's key: set ADVO_SECRET_KEY to the key it was saved with (or list that key in ADVO_SECRET_KEY_PREVIOUS), or save the secret again";

export const sealSsoSecret = (keys: SecretKeySource, tenantId: string, plain: string) =>
  sealSecret(keys.key(), plain, tenantId);

/** The client secret in clear (a legacy plain value as it is), or null when it does not open with this key. */
export function readSsoSecret(keys: SecretKeySource, tenantId: string, stored: string): string | null {
  if (!isSealed(stored)) return stored;
  try {
    return openWithKeys(keys, stored, tenantId).plain;
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
 * Seals under the current key every client secret not yet under it: plain text saved before secrets
 * were encrypted, and values sealed under a key listed in ADVO_SECRET_KEY_PREVIOUS (a key rotation).
 * Run at server start; the key is only asked for when there is a secret to look at. A row saved
 * meanwhile is left as the save wrote it; updatedAt stays, since the settings did not change. Values
 * no key opens are left for an admin to save again (sign-in says so).
 */
export async function sealSsoSecretsUnderCurrentKey(
  db: Db,
  clock: Clock,
  keys: SecretKeySource,
): Promise<{ sealed: number; resealed: number }> {
  const counts = { sealed: 0, resealed: 0 };
  for (const row of await findSsoSecrets(db, { includeSealed: (keys.previous ?? []).length > 0 })) {
    let plain = row.clientSecret;
    if (isSealed(row.clientSecret)) {
      let opened: ReturnType<typeof openWithKeys>;
      try {
        opened = openWithKeys(keys, row.clientSecret, row.tenantId);
      } catch (error) {
        if (error instanceof SecretUnreadable) continue;
        throw error;
      }
      if (opened.underCurrentKey) continue;
      plain = opened.plain;
    }
    const scope = { db, tenantId: row.tenantId, clock };
    const result = await replaceSsoSecret(scope, row.clientSecret, sealSsoSecret(keys, row.tenantId, plain));
    counts[isSealed(row.clientSecret) ? "resealed" : "sealed"] += Number(result.numUpdatedRows);
  }
  return counts;
}
