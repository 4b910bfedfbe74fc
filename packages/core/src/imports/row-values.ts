import type { ColumnPlanner, ColumnRule } from "./mapping.ts";
import { convert } from "./values.ts";

/** A column's value converted to its type, with the column it came from. */
export interface Cell {
  rule: ColumnRule;
  value: unknown;
}

export interface CellProblem {
  field: string;
  reason: string;
}

const NESTED = new Set(["externalIds", "attributes", "consent", "optOut", "socialHandles", "account", "properties"]);
const NOT_UTF8 = "is not valid UTF-8 (is the file Latin-1 or Windows-1252? save it as UTF-8)";

/** Converts one value by its column's rule; empty values change nothing and are left out. */
function add(rule: ColumnRule, raw: unknown, cells: Cell[], problems: CellProblem[]) {
  if (rule.target.to === "ignore") return;
  if (typeof raw === "string" && raw.includes("\uFFFD")) {
    problems.push({ field: rule.column, reason: NOT_UTF8 });
    return;
  }
  const converted = convert(rule.type, raw);
  if (converted === null) return;
  if (converted.error !== undefined) problems.push({ field: rule.column, reason: converted.error });
  else cells.push({ rule, value: converted.value });
}

/**
 * Converts a CSV row's cells by the rules of its columns (in header order): typed values, and
 * one problem per bad cell (bad type, or bytes that were not UTF-8).
 */
export function csvCellsOf(values: string[], rules: ColumnRule[]): { cells: Cell[]; problems: CellProblem[] } {
  const cells: Cell[] = [];
  const problems: CellProblem[] = [];
  for (let i = 0; i < rules.length; i++) {
    const value = values[i];
    // Exports are mostly empty cells: skip them before any other work.
    if (value !== undefined && value !== "") add(rules[i] as ColumnRule, value, cells, problems);
  }
  return { cells, problems };
}

/** The same for an NDJSON object: its keys are the columns, one level of maps flattened ("externalIds.hubspot"). */
export function objectCellsOf(
  object: Record<string, unknown>,
  planner: ColumnPlanner,
): { cells: Cell[]; problems: CellProblem[] } {
  const cells: Cell[] = [];
  const problems: CellProblem[] = [];
  for (const [key, value] of Object.entries(object)) {
    if (NESTED.has(key) && value && typeof value === "object" && !Array.isArray(value)) {
      for (const [inner, v] of Object.entries(value)) {
        if (key === "account" && inner === "externalIds" && v && typeof v === "object") {
          for (const [system, id] of Object.entries(v))
            add(planner.ruleFor(`account.externalIds.${system}`), id, cells, problems);
        } else add(planner.ruleFor(`${key}.${inner}`), v, cells, problems);
      }
    } else add(planner.ruleFor(key), value, cells, problems);
  }
  return { cells, problems };
}

/** Reads an NDJSON line as a JSON object, or says why it is not one. */
export function objectOf(line: string): { object: Record<string, unknown> } | { problem: CellProblem } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { problem: { field: "line", reason: `is not valid JSON (${(error as Error).message})` } };
  }
  if (!value || typeof value !== "object" || Array.isArray(value))
    return { problem: { field: "line", reason: "must be a JSON object" } };
  return { object: value as Record<string, unknown> };
}
