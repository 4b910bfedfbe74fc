/** Past this many characters a recorded body is cut (and marked so). */
export const AUDIT_MAX_CHARS = 20_000;
export const REDACTED = "[redacted]";

// Field names whose values are secrets: passwords, tokens, secrets and keys (API keys, write keys).
// An idempotency key is not a secret and stays readable; nor is whether a client secret is set.
const SECRET_NAME = /pass(word|wd)?$|token|secret|(^|[a-z_])key$|^authorization$|^cookie$/i;
const KEPT = new Set(["idempotencyKey", "idempotency_key", "clientSecretSet"]);

export const isSecretName = (name: string) => !KEPT.has(name) && SECRET_NAME.test(name);

const hasToJson = (value: object): value is { toJSON(): unknown } =>
  typeof (value as { toJSON?: unknown }).toJSON === "function";

/**
 * A deep copy with every secret-named field's value replaced by "[redacted]". It holds what the JSON
 * text would: a value with toJSON (a Date; an uploaded file's body) is what that returns. Only plain
 * objects are walked: any other object (a stream, a socket) is named, not copied. (A file upload's
 * body once reached the server's whole object graph through its request stream: 16 s and 3 GB for
 * each import through the API.)
 */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (depth > 20) return REDACTED;
  if (value === null || typeof value !== "object") return value;
  if (hasToJson(value)) return redactSecrets(value.toJSON(), depth + 1);
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, depth + 1));
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return `[${value.constructor?.name || "object"}]`;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = isSecretName(k) && v !== null && v !== undefined && v !== "" ? REDACTED : redactSecrets(v, depth + 1);
  }
  return out;
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
