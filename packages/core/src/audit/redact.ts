/** Past this many characters a recorded body is cut (and marked so). */
export const AUDIT_MAX_CHARS = 20_000;
export const REDACTED = "[redacted]";

// Field names whose values are secrets: passwords, tokens, secrets and keys (API keys, write keys).
// An idempotency key is not a secret and stays readable; nor is whether a client secret is set.
const SECRET_NAME = /pass(word|wd)?$|token|secret|(^|[a-z_])key$|^authorization$|^cookie$/i;
const KEPT = new Set(["idempotencyKey", "idempotency_key", "clientSecretSet"]);

export const isSecretName = (name: string) => !KEPT.has(name) && SECRET_NAME.test(name);

/** A deep copy with every secret-named field's value replaced by "[redacted]". */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (depth > 20) return REDACTED;
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, depth + 1));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = isSecretName(k) && v !== null && v !== undefined && v !== "" ? REDACTED : redactSecrets(v, depth + 1);
    }
    return out;
  }
  return value;
}

/** JSON text of a redacted value, or a marked preview when it is longer than the limit. */
export function auditJson(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "string" && value.length > AUDIT_MAX_CHARS)
    return JSON.stringify({ truncated: true, length: value.length, preview: value.slice(0, AUDIT_MAX_CHARS) });
  const text = JSON.stringify(redactSecrets(value));
  if (text === undefined) return null;
  if (text.length <= AUDIT_MAX_CHARS) return text;
  return JSON.stringify({ truncated: true, length: text.length, preview: text.slice(0, AUDIT_MAX_CHARS) });
}
