import { createCipheriv, createDecipheriv, createSecretKey, type KeyObject, randomBytes } from "node:crypto";

// Secrets Advo must keep in clear form to use (an identity provider's client secret) are stored
// sealed with AES-256-GCM under the server's key, so a leaked database backup does not leak them.
// The stored text names its format ("enc:v1:…") so a later key or format change can tell old values
// apart; values without the prefix are legacy plain text and read as they are.

const MARK = "enc:";
const PREFIX = `${MARK}v1:`;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** What ADVO_SECRET_KEY (and the key file) must hold. */
export const SECRET_KEY_FORMAT = "32 bytes as base64 (44 characters) or as 64 hex characters";

/**
 * Where the server's key comes from. `key()` is called only when a secret is sealed or opened, so a
 * key file is made on first need rather than by every start of a server that never stores one.
 */
export interface SecretKeySource {
  key: () => KeyObject;
  /** For messages: "ADVO_SECRET_KEY" or the key file's path. */
  origin: string;
  /**
   * Keys being rotated out (ADVO_SECRET_KEY_PREVIOUS): values sealed under them still open, and the
   * server seals them again under `key` when it starts.
   */
  previous?: KeyObject[];
}

/** Thrown when a sealed value does not open with this key (another key, another workspace, or altered). */
export class SecretUnreadable extends Error {
  constructor() {
    super("the sealed value does not open with this key");
    this.name = "SecretUnreadable";
  }
}

/** The key in `text` (base64 or hex, surrounding white space ignored), or null when it is not 32 bytes. */
export function parseSecretKey(text: string): KeyObject | null {
  const value = text.trim();
  let bytes: Buffer | null = null;
  if (/^[0-9a-f]{64}$/i.test(value)) bytes = Buffer.from(value, "hex");
  else if (/^[A-Za-z0-9+/]{43}=$/.test(value)) bytes = Buffer.from(value, "base64");
  else if (/^[A-Za-z0-9_-]{43}$/.test(value)) bytes = Buffer.from(value, "base64url");
  return bytes?.length === KEY_BYTES ? createSecretKey(bytes) : null;
}

/** A fresh random key, as base64 text in the form ADVO_SECRET_KEY takes. */
export const newSecretKeyText = () => randomBytes(KEY_BYTES).toString("base64");

/** A source that always answers `key` (ADVO_SECRET_KEY, tests). */
export const fixedSecretKey = (
  key: KeyObject,
  origin = "ADVO_SECRET_KEY",
  previous: KeyObject[] = [],
): SecretKeySource => ({
  key: () => key,
  origin,
  previous,
});

/** Any "enc:" value is sealed; one of a format this version does not know does not open. */
export const isSealed = (stored: string) => stored.startsWith(MARK);

/**
 * Seals `plain` for `context` (e.g. the tenant id): the context is GCM's additional authenticated
 * data, so the sealed text opens only for the same context, and a value copied elsewhere does not.
 */
export function sealSecret(key: KeyObject, plain: string, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString("base64"));
  return `${PREFIX}${parts.join(":")}`;
}

/** The plain secret of a stored value: opened when sealed, as it is when legacy plain text. */
export function openSecret(key: KeyObject, stored: string, context: string): string {
  if (!isSealed(stored)) return stored;
  if (!stored.startsWith(PREFIX)) throw new SecretUnreadable();
  const [iv, tag, body, ...rest] = stored
    .slice(PREFIX.length)
    .split(":")
    .map((p) => Buffer.from(p, "base64"));
  if (!iv || !tag || !body || rest.length > 0 || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new SecretUnreadable();
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
  } catch {
    // final() throws when the tag does not match: wrong key, wrong context, or altered bytes.
    throw new SecretUnreadable();
  }
}

/**
 * Opens `stored` with the current key or, failing that, with a key being rotated out; says which, so
 * a value under an old key can be sealed again. Throws SecretUnreadable when no key opens it.
 */
export function openWithKeys(
  keys: SecretKeySource,
  stored: string,
  context: string,
): { plain: string; underCurrentKey: boolean } {
  const candidates = [keys.key(), ...(keys.previous ?? [])];
  for (const [i, key] of candidates.entries()) {
    try {
      return { plain: openSecret(key, stored, context), underCurrentKey: i === 0 };
    } catch (error) {
      if (!(error instanceof SecretUnreadable)) throw error;
    }
  }
  throw new SecretUnreadable();
}
