import { type KeyObject, randomUUID } from "node:crypto";
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fixedSecretKey, newSecretKeyText, parseSecretKey, SECRET_KEY_FORMAT, type SecretKeySource } from "@advo/core";

// The key that seals stored secrets (SSO client secrets): ADVO_SECRET_KEY when set, else a key file
// beside the SQLite database (data/secret.key), made on first need. Several servers on one
// PostgreSQL database must share ADVO_SECRET_KEY: each would otherwise make its own file.

export const SECRET_KEY_FILE = "secret.key";

/** The data directory of a DATABASE_URL: the SQLite file's folder, else ./data as for the default SQLite. */
export function dataDirOf(databaseUrl: string): string {
  const path = databaseUrl.startsWith("sqlite:") ? databaseUrl.slice("sqlite:".length) : "";
  return path && path !== ":memory:" ? dirname(path) : "data";
}

/** The key in `path`, written there first (32 random bytes as base64, mode 0600) when there is none. */
export function readOrCreateKeyFile(path: string): KeyObject {
  if (!existsSync(path)) createKeyFile(path);
  const key = parseSecretKey(readFileSync(path, "utf8"));
  if (!key) throw new Error(`the secret key file ${path} must hold ${SECRET_KEY_FORMAT}`);
  return key;
}

function createKeyFile(path: string) {
  mkdirSync(dirname(path), { recursive: true });
  // Written whole under another name, then linked in place (which fails if the file exists): of two
  // servers starting at once, one key wins and neither reads a half-written file.
  const draft = `${path}.${randomUUID()}.tmp`;
  writeFileSync(draft, `${newSecretKeyText()}\n`, { mode: 0o600, flag: "wx" });
  try {
    linkSync(draft, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    rmSync(draft, { force: true });
  }
}

/** Reads (or makes) the key file once, on the first call. */
export function keyFileSource(path: string): SecretKeySource {
  let key: KeyObject | undefined;
  return {
    key: () => {
      key ??= readOrCreateKeyFile(path);
      return key;
    },
    origin: path,
  };
}

export const keyFileFor = (databaseUrl: string) => join(dataDirOf(databaseUrl), SECRET_KEY_FILE);

/**
 * The key source of a configuration: ADVO_SECRET_KEY when set; for an in-memory SQLite database a
 * key as short-lived as its data; else the key file beside the database.
 */
export function secretKeySourceFor(
  envKey: KeyObject | null,
  databaseUrl: string,
  previous: KeyObject[] = [],
): SecretKeySource {
  if (envKey) return fixedSecretKey(envKey, "ADVO_SECRET_KEY", previous);
  if (/^sqlite:(:memory:)?$/.test(databaseUrl)) {
    return fixedSecretKey(parseSecretKey(newSecretKeyText()) as KeyObject, "a key held in memory", previous);
  }
  return { ...keyFileSource(keyFileFor(databaseUrl)), previous };
}
