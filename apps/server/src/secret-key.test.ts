import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "./config.ts";
import { dataDirOf, keyFileFor } from "./secret-key.ts";

const dir = mkdtempSync(join(tmpdir(), "advo-secret-key-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the server's secret key", () => {
  it("refuses a malformed ADVO_SECRET_KEY at start-up, naming the variable and the format but not the value", () => {
    for (const bad of ["hunter2", randomBytes(16).toString("base64"), "z".repeat(64)]) {
      const start = () => loadConfig({ ADVO_SECRET_KEY: bad });
      expect(start).toThrow("ADVO_SECRET_KEY: must be 32 bytes as base64 (44 characters) or as 64 hex characters");
      expect(start).not.toThrow(bad);
    }
  });

  it("takes keys being rotated out from ADVO_SECRET_KEY_PREVIOUS, and names a malformed one by position", () => {
    const [current, old1, old2] = [randomBytes(32), randomBytes(32), randomBytes(32)];
    const config = loadConfig({
      ADVO_SECRET_KEY: current.toString("base64"),
      ADVO_SECRET_KEY_PREVIOUS: ` ${old1.toString("hex")}, ${old2.toString("base64")} `,
    });
    expect(config.secretKey.key().export().equals(current)).toBe(true);
    expect(config.secretKey.previous?.map((k) => k.export().toString("hex"))).toEqual([
      old1.toString("hex"),
      old2.toString("hex"),
    ]);
    const bad = () =>
      loadConfig({
        ADVO_SECRET_KEY: current.toString("base64"),
        ADVO_SECRET_KEY_PREVIOUS: `${old1.toString("hex")},oops`,
      });
    expect(bad).toThrow(
      "ADVO_SECRET_KEY_PREVIOUS: key 2 must be 32 bytes as base64 (44 characters) or as 64 hex characters",
    );
    expect(bad).not.toThrow("oops");
  });

  it("uses ADVO_SECRET_KEY as base64 or hex, and makes no key file", () => {
    const bytes = randomBytes(32);
    const databaseUrl = `sqlite:${join(dir, "env", "advo.db")}`;
    for (const text of [bytes.toString("base64"), bytes.toString("hex")]) {
      const config = loadConfig({ ADVO_SECRET_KEY: text, DATABASE_URL: databaseUrl });
      expect(config.secretKey.origin).toBe("ADVO_SECRET_KEY");
      expect(config.secretKey.key().export().equals(bytes)).toBe(true);
    }
    expect(() => statSync(keyFileFor(databaseUrl))).toThrow();
  });

  it("without ADVO_SECRET_KEY, makes data/secret.key beside the SQLite file on first need (0600) and keeps it", () => {
    const databaseUrl = `sqlite:${join(dir, "data", "advo.db")}`;
    const path = join(dir, "data", "secret.key");
    const config = loadConfig({ DATABASE_URL: databaseUrl });
    expect(config.secretKey.origin).toBe(path);
    expect(() => statSync(path)).toThrow(); // not before it is needed
    const key = config.secretKey.key();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, "utf8").trim()).toBe(key.export().toString("base64"));
    // Another start (or another process) reads the same key.
    const again = loadConfig({ DATABASE_URL: databaseUrl }).secretKey.key();
    expect(again.export().equals(key.export())).toBe(true);

    writeFileSync(path, "not a key\n");
    expect(() => loadConfig({ DATABASE_URL: databaseUrl }).secretKey.key()).toThrow(
      `the secret key file ${path} must hold 32 bytes as base64`,
    );
  });

  it("puts the key file in the SQLite file's folder, or ./data for PostgreSQL; memory databases keep it in memory", () => {
    expect(dataDirOf("sqlite:./data/advo.db")).toBe("./data");
    expect(dataDirOf("sqlite:/var/lib/advo/advo.db")).toBe("/var/lib/advo");
    expect(dataDirOf("postgres://advo@db/advo")).toBe("data");
    expect(loadConfig({}).secretKey.origin).toBe(join("data", "secret.key"));
    expect(loadConfig({ DATABASE_URL: "postgres://advo@db/advo" }).secretKey.origin).toBe(join("data", "secret.key"));
    expect(loadConfig({ DATABASE_URL: "sqlite::memory:" }).secretKey.origin).toBe("a key held in memory");
  });
});
