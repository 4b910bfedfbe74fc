import type { ValueType } from "./import.schemas.ts";

/** A cell converted to its type, or why it cannot be. Empty cells are `null`: they change nothing. */
export type Converted = { value: unknown; error?: undefined } | { error: string; value?: undefined } | null;

const TRUE = new Set(["true", "yes", "y", "1", "t", "x", "on"]);
const FALSE = new Set(["false", "no", "n", "0", "f", "off"]);
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

const isEmpty = (raw: unknown) => raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "");

const show = (raw: unknown) => {
  const text = typeof raw === "string" ? raw : JSON.stringify(raw);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
};

/** Dates without a zone are read as UTC, so an import means the same on every machine. */
export function parseDate(text: string): number | null {
  const s = text.trim();
  let m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(:\d{2}(\.\d+)?)?)$/.exec(s);
  if (m) return Date.parse(`${m[1]}T${m[2]}Z`);
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) return Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]));
  if (/^\d{4}-\d{2}-\d{2}$/.test(s) || /^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(s)) {
    const ms = Date.parse(s);
    return Number.isNaN(ms) ? null : ms;
  }
  if (/^\d{12,13}$/.test(s)) return Number(s);
  return null;
}

export function convert(type: ValueType, raw: unknown): Converted {
  if (isEmpty(raw)) return null;
  switch (type) {
    case "auto":
      return { value: typeof raw === "string" ? raw.trim() : raw };
    case "text":
      return typeof raw === "string"
        ? { value: raw.trim() }
        : typeof raw === "number" || typeof raw === "boolean"
          ? { value: String(raw) }
          : { error: "must be text" };
    case "number":
    case "integer": {
      const n = typeof raw === "number" ? raw : typeof raw === "string" && NUMBER.test(raw.trim()) ? Number(raw) : NaN;
      const what = type === "integer" ? "a whole number" : "a number";
      if (!Number.isFinite(n) || (type === "integer" && !Number.isInteger(n)))
        return { error: `must be ${what}, got "${show(raw)}"` };
      return { value: n };
    }
    case "boolean": {
      if (typeof raw === "boolean") return { value: raw };
      const s = String(raw).trim().toLowerCase();
      if (TRUE.has(s)) return { value: true };
      if (FALSE.has(s)) return { value: false };
      return { error: `must be true or false, got "${show(raw)}"` };
    }
    case "date": {
      const ms = typeof raw === "number" ? raw : typeof raw === "string" ? parseDate(raw) : null;
      if (ms === null || !Number.isFinite(ms))
        return { error: `must be a date such as 2026-01-31, got "${show(raw)}"` };
      return { value: new Date(ms).toISOString() };
    }
  }
}
