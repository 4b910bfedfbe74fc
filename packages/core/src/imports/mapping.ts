import { AppError, type FieldError } from "../shared/errors.ts";
import { crmColumnType, detectSystem, recognise } from "./crm-columns.ts";
import { type ImportKind, type MappingFile, mappingFile, type ValueType } from "./import.schemas.ts";

/** Where a column's values go: a field, a key of a JSON map (attributes.plan), or nowhere. */
export type Target = { to: "field"; name: string } | { to: "map"; map: string; key: string } | { to: "ignore" };

export interface ColumnRule {
  column: string;
  target: Target;
  type: ValueType;
}

const FIELDS: Record<ImportKind, Record<string, ValueType>> = {
  contacts: {
    email: "text",
    firstName: "text",
    lastName: "text",
    name: "text",
    title: "text",
    phone: "text",
    locale: "text",
    region: "text",
    lifecycleStage: "text",
    crmLifecycleStage: "text",
    "account.name": "text",
    "account.domain": "text",
  },
  accounts: {
    name: "text",
    domain: "text",
    industry: "text",
    employeeCount: "integer",
    region: "text",
    country: "text",
    plan: "text",
    arr: "number",
    lifecycleStage: "text",
  },
  events: {
    type: "text",
    userId: "text",
    anonymousId: "text",
    event: "text",
    name: "text",
    timestamp: "date",
    messageId: "text",
    email: "text",
    groupId: "text",
    previousId: "text",
  },
};

const MAPS: Record<ImportKind, Record<string, ValueType>> = {
  contacts: {
    externalIds: "text",
    socialHandles: "text",
    consent: "boolean",
    optOut: "boolean",
    attributes: "auto",
    "account.externalIds": "text",
  },
  accounts: { externalIds: "text", attributes: "auto" },
  events: { properties: "auto", traits: "auto" },
};

const KEY = /^[\p{L}\p{N}_][\p{L}\p{N}_ .:/()&'-]{0,99}$/u;

/** Reads "attributes.plan" or "email" as a target of this kind of import; null when it is not one. */
export function parseTarget(kind: ImportKind, text: string): { target: Target; type: ValueType } | null {
  if (text === "ignore") return { target: { to: "ignore" }, type: "auto" };
  const fieldType = FIELDS[kind][text];
  if (fieldType) return { target: { to: "field", name: text }, type: fieldType };
  for (const [map, type] of Object.entries(MAPS[kind])) {
    if (text.startsWith(`${map}.`)) {
      const key = text.slice(map.length + 1).trim();
      if (!KEY.test(key) || (map !== "attributes" && map !== "properties" && map !== "traits" && key.includes(".")))
        return null;
      const lowerKey = map.endsWith("externalIds") ? key.toLowerCase() : key;
      return { target: { to: "map", map, key: lowerKey }, type };
    }
  }
  return null;
}

const targetsOf = (kind: ImportKind) =>
  [...Object.keys(FIELDS[kind]), ...Object.keys(MAPS[kind]).map((m) => `${m}.<key>`), "ignore"].join(", ");

/** Parses and checks a mapping file's JSON for one kind of import; every bad entry is named. */
export function parseMapping(kind: ImportKind, json: string): MappingFile {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new AppError("invalid", `mapping: is not valid JSON (${(error as Error).message})`, [
      { path: "mapping", message: "is not valid JSON" },
    ]);
  }
  const parsed = mappingFile.safeParse(raw);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({ path: ["mapping", ...i.path].join("."), message: i.message }));
    throw new AppError("invalid", `${errors[0]?.path}: ${errors[0]?.message}`, errors);
  }
  const errors: FieldError[] = [];
  for (const [column, entry] of Object.entries(parsed.data.columns)) {
    const target = typeof entry === "string" ? entry : entry.target;
    if (!parseTarget(kind, target)) {
      errors.push({
        path: `mapping.columns.${column}`,
        message: `"${target}" is not a ${kind} field; use one of ${targetsOf(kind)}`,
      });
    }
  }
  if (errors.length > 0) throw new AppError("invalid", `${errors[0]?.path}: ${errors[0]?.message}`, errors);
  return parsed.data;
}

export interface ColumnPlanner {
  readonly system: string | null;
  ruleFor(column: string): ColumnRule;
}

/**
 * Decides where each column goes: the mapping file first, then a column named like a target
 * ("email", "attributes.plan"), then the known columns of HubSpot and Salesforce exports, and
 * the rest into attributes (events: properties) under their own names.
 */
export function columnPlanner(
  kind: ImportKind,
  options: { mapping?: MappingFile; source?: string; headers: string[] },
): ColumnPlanner {
  const { mapping } = options;
  const system = (mapping?.source ?? options.source)?.toLowerCase() ?? detectSystem(options.headers);
  const known = system === "hubspot" || system === "salesforce";
  const mapped = new Map(Object.entries(mapping?.columns ?? {}).map(([c, e]) => [c.trim().toLowerCase(), e]));
  const rules = new Map<string, ColumnRule>();
  const bag = kind === "events" ? "properties" : "attributes";

  const decide = (column: string): ColumnRule => {
    const entry = mapped.get(column.trim().toLowerCase());
    if (entry !== undefined) {
      const target = typeof entry === "string" ? entry : entry.target;
      const parsed = parseTarget(kind, target) as NonNullable<ReturnType<typeof parseTarget>>;
      const type = typeof entry === "string" ? undefined : entry.type;
      return { column, target: parsed.target, type: type ?? typed(parsed, column) };
    }
    const exact = parseTarget(kind, column.trim());
    if (exact && exact.target.to !== "ignore") return { column, ...exact };
    const recognised = recognise(kind, column, system);
    const parsed = recognised ? parseTarget(kind, recognised) : null;
    if (parsed) return { column, target: parsed.target, type: typed(parsed, column) };
    if (mapping?.unmapped === "ignore") return { column, target: { to: "ignore" }, type: "auto" };
    const key = column.trim().slice(0, 100) || "column";
    return { column, target: { to: "map", map: bag, key }, type: known ? crmColumnType(column) : "auto" };
  };
  // Attributes of a known CRM export keep their type (a count stays a number); others keep text.
  const typed = (parsed: { target: Target; type: ValueType }, column: string): ValueType =>
    parsed.type === "auto" && known ? crmColumnType(column) : parsed.type;

  return {
    system,
    ruleFor(column: string) {
      let rule = rules.get(column);
      if (!rule) {
        rule = decide(column);
        rules.set(column, rule);
      }
      return rule;
    },
  };
}

/** Header-level checks: the columns a mapping file requires are there, and rows can be told apart. */
export function checkHeaders(kind: ImportKind, planner: ColumnPlanner, headers: string[], mapping?: MappingFile) {
  const present = new Set(headers.map((h) => h.trim().toLowerCase()));
  const missing = Object.entries(mapping?.columns ?? {})
    .filter(([column, entry]) => typeof entry === "object" && entry.required && !present.has(column.toLowerCase()))
    .map(([column]) => column);
  if (missing.length > 0) {
    throw new AppError(
      "invalid",
      `columns: the mapping file requires ${missing.map((c) => `"${c}"`).join(", ")}, missing from the file`,
      missing.map((c) => ({ path: `columns.${c}`, message: "is required by the mapping file but not in the file" })),
    );
  }
  const targets = headers.map((h) => planner.ruleFor(h).target);
  const has = (test: (t: Target) => boolean) => targets.some(test);
  const isField =
    (...names: string[]) =>
    (t: Target) =>
      t.to === "field" && names.includes(t.name);
  const isExternal = (t: Target) => t.to === "map" && t.map === "externalIds";
  const need: Record<ImportKind, [boolean, string]> = {
    contacts: [
      has(isField("email")) || has(isExternal),
      "no column holds an email or an external id (e.g. HubSpot's Record ID, Salesforce's Id), so rows could not be matched on a re-run; name one in a mapping file",
    ],
    accounts: [
      has(isField("name", "domain")) || has(isExternal),
      "no column holds an account name, domain or external id; name one in a mapping file",
    ],
    events: [
      has(isField("userId", "anonymousId", "email")),
      "no column holds a userId, anonymousId or email; name one in a mapping file",
    ],
  };
  const [ok, message] = need[kind];
  if (!ok) throw new AppError("invalid", `columns: ${message}`, [{ path: "columns", message }]);
}
