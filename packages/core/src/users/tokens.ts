import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

// A bearer token names its tenant and row so it is found by primary key, and carries a 256-bit
// secret of which only the SHA-256 is stored: a leaked database does not leak usable tokens.
// Format: advo.<tenantId>.<rowId>.<secret>

export interface ParsedToken {
  tenantId: string;
  id: string;
  secret: string;
}

export function mintToken(tenantId: string, id: string): { token: string; secretHash: string } {
  const secret = randomBytes(32).toString("base64url");
  return { token: `advo.${tenantId}.${id}.${secret}`, secretHash: hashSecret(secret) };
}

export function parseToken(token: string): ParsedToken | null {
  const parts = token.split(".");
  if (parts.length !== 4 || parts[0] !== "advo") return null;
  const [, tenantId, id, secret] = parts as [string, string, string, string];
  if (!tenantId || !id || secret.length < 20) return null;
  return { tenantId, id, secret };
}

export const hashSecret = (secret: string): string => createHash("sha256").update(secret).digest("hex");

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}
