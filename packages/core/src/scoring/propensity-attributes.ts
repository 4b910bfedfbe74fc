import type { FeatureSpec } from "./propensity/index.ts";

// Contact attributes as propensity features. Which attributes are numbers and which are categories is
// decided once on the training contacts; a stored model's spec says it again at prediction, so a
// contact is encoded the way the model was trained.

/** Feature names carry this prefix so an attribute never collides with a signal feature ("csat", "plan"). */
const PREFIX = "attribute: ";
/** A text attribute with more distinct values than this is an identifier or free text, not a category. */
export const MAX_CATEGORY_VALUES = 50;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

export interface AttributeTyping {
  numeric: string[];
  categories: string[];
}

export interface AttributeChoice extends AttributeTyping {
  /** Attributes seen but not used, with why. */
  skipped: { attribute: string; reason: string }[];
}

const present = (v: unknown) => v !== undefined && v !== null && !(typeof v === "string" && v.trim() === "");
const numberOf = (v: unknown): number | null =>
  typeof v === "number" && Number.isFinite(v) ? v : typeof v === "string" && NUMBER.test(v.trim()) ? Number(v) : null;
const levelOf = (v: unknown): string | null =>
  typeof v === "string" ? v.trim() || null : typeof v === "boolean" || typeof v === "number" ? String(v) : null;

/**
 * Types the attributes seen on training contacts: all values numbers (or numeric text, as CSV imports
 * store them) → numeric; scalars with at most MAX_CATEGORY_VALUES distinct values → category; else skipped.
 * `allowed` limits the candidates (null = all); `excluded` (the outcome) is never a feature.
 */
export function chooseAttributes(
  rows: readonly Record<string, unknown>[],
  allowed: ReadonlySet<string> | null,
  excluded: ReadonlySet<string>,
): AttributeChoice {
  const seen = new Map<string, { numeric: boolean; scalar: boolean; levels: Set<string> }>();
  for (const attrs of rows) {
    for (const [key, value] of Object.entries(attrs)) {
      if (excluded.has(key) || (allowed && !allowed.has(key)) || !present(value)) continue;
      let s = seen.get(key);
      if (!s) {
        s = { numeric: true, scalar: true, levels: new Set() };
        seen.set(key, s);
      }
      if (numberOf(value) === null) s.numeric = false;
      const level = levelOf(value);
      if (level === null) s.scalar = false;
      else if (s.levels.size <= MAX_CATEGORY_VALUES) s.levels.add(level);
    }
  }
  const choice: AttributeChoice = { numeric: [], categories: [], skipped: [] };
  for (const [attribute, s] of [...seen].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (s.numeric) choice.numeric.push(attribute);
    else if (!s.scalar) choice.skipped.push({ attribute, reason: "not a number or text" });
    else if (s.levels.size > MAX_CATEGORY_VALUES)
      choice.skipped.push({ attribute, reason: `more than ${MAX_CATEGORY_VALUES} distinct values` });
    else choice.categories.push(attribute);
  }
  for (const attribute of allowed ?? [])
    if (!seen.has(attribute) && !excluded.has(attribute))
      choice.skipped.push({ attribute, reason: "no training contact has it" });
  return choice;
}

/** The attributes a stored model uses, read back from its feature names. */
export function attributesOfSpec(spec: FeatureSpec): AttributeTyping {
  const strip = (names: string[]) => names.filter((n) => n.startsWith(PREFIX)).map((n) => n.slice(PREFIX.length));
  return { numeric: strip(spec.numeric.map((f) => f.name)), categories: strip(spec.categories.map((c) => c.name)) };
}

/** A contact's attributes as example features under a typing (unusable values are missing). */
export function attributeFeatures(attrs: Record<string, unknown>, typing: AttributeTyping) {
  const numeric: Record<string, number | null> = {};
  const categories: Record<string, string | null> = {};
  for (const key of typing.numeric) numeric[PREFIX + key] = numberOf(attrs[key]);
  for (const key of typing.categories) categories[PREFIX + key] = present(attrs[key]) ? levelOf(attrs[key]) : null;
  return { numeric, categories };
}

/** Attributes from the stored JSON column; anything but an object is none. */
export function parseAttributes(json: string | null): Record<string, unknown> {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
