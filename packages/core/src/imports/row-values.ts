import type { ColumnPlanner, ColumnRule } from "./mapping.ts";
import type { RawRow } from "./readers.ts";
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

/** Column/value pairs of a row: CSV cells by header, or an NDJSON object's keys (one level of maps flattened). */
function* pairsOf(raw: RawRow, headers: string[] | null, object: Record<string, unknown> | null) {
  if (raw.cells && headers) {
    for (let i = 0; i < headers.length; i++) yield [headers[i] as string, raw.cells[i]] as const;
    return;
  }
  if (!object) return;
  for (const [key, value] of Object.entries(object)) {
    if (NESTED.has(key) && value && typeof value === "object" && !Array.isArray(value)) {
      for (const [inner, v] of Object.entries(value)) {
        if (key === "account" && inner === "externalIds" && v && typeof v === "object") {
          for (const [system, id] of Object.entries(v)) yield [`account.externalIds.${system}`, id] as const;
        } else yield [`${key}.${inner}`, v] as const;
      }
    } else yield [key, value] as const;
  }
}

/**
 * Converts a row's cells by the plan: typed values, skipped empties, and one problem per bad cell
 * (bad type, or bytes that were not UTF-8).
 */
export function cellsOf(
  raw: RawRow,
  planner: ColumnPlanner,
  headers: string[] | null,
  object: Record<string, unknown> | null,
): { cells: Cell[]; problems: CellProblem[] } {
  const cells: Cell[] = [];
  const problems: CellProblem[] = [];
  for (const [column, rawValue] of pairsOf(raw, headers, object)) {
    const rule = planner.ruleFor(column);
    if (rule.target.to === "ignore") continue;
    if (typeof rawValue === "string" && rawValue.includes("\uFFFD")) {
      problems.push({
        field: column,
        reason: "is not valid UTF-8 (is the file Latin-1 or Windows-1252? save it as UTF-8)",
      });
      continue;
    }
    const converted = convert(rule.type, rawValue);
    if (converted === null) continue;
    if (converted.error !== undefined) problems.push({ field: column, reason: converted.error });
    else cells.push({ rule, value: converted.value });
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
