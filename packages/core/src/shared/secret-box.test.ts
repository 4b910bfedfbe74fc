import { createSecretKey, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isSealed, newSecretKeyText, openSecret, parseSecretKey, SecretUnreadable, sealSecret } from "./secret-box.ts";

const key = () => createSecretKey(randomBytes(32));

describe("secret box (AES-256-GCM)", () => {
  it("opens what it sealed, and seals the same secret differently each time", () => {
    const k = key();
    const a = sealSecret(k, "client-secret-é", "ten_1");
    const b = sealSecret(k, "client-secret-é", "ten_1");
    expect(a).toMatch(/^enc:v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(a).not.toContain("client-secret");
    expect(a).not.toBe(b);
    expect(openSecret(k, a, "ten_1")).toBe("client-secret-é");
    expect(openSecret(k, b, "ten_1")).toBe("client-secret-é");
  });

  it("refuses another key, another context, altered bytes and an unknown format", () => {
    const k = key();
    const sealed = sealSecret(k, "s3cret", "ten_1");
    expect(() => openSecret(key(), sealed, "ten_1")).toThrow(SecretUnreadable);
    expect(() => openSecret(k, sealed, "ten_2")).toThrow(SecretUnreadable);
    const body = sealed.split(":")[4] as string;
    const flipped = Buffer.from(body, "base64");
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => openSecret(k, sealed.replace(body, flipped.toString("base64")), "ten_1")).toThrow(SecretUnreadable);
    expect(() => openSecret(k, "enc:v1:garbage", "ten_1")).toThrow(SecretUnreadable);
    expect(() => openSecret(k, sealed.replace("enc:v1:", "enc:v9:"), "ten_1")).toThrow(SecretUnreadable);
  });

  it("reads a value without the prefix as legacy plain text", () => {
    expect(isSealed("plain-secret")).toBe(false);
    expect(openSecret(key(), "plain-secret", "ten_1")).toBe("plain-secret");
  });

  it("takes a key of 32 bytes as base64 or hex, and nothing else", () => {
    const bytes = randomBytes(32);
    const k = parseSecretKey(` ${bytes.toString("base64")}\n`);
    expect(k?.export().equals(bytes)).toBe(true);
    expect(parseSecretKey(bytes.toString("hex").toUpperCase())?.export().equals(bytes)).toBe(true);
    expect(parseSecretKey(bytes.toString("base64url"))?.export().equals(bytes)).toBe(true);
    expect(parseSecretKey(newSecretKeyText())).not.toBeNull();
    for (const bad of [
      "",
      "secret",
      randomBytes(16).toString("base64"),
      randomBytes(31).toString("hex"),
      "x".repeat(64),
    ]) {
      expect(parseSecretKey(bad), bad).toBeNull();
    }
  });
});
