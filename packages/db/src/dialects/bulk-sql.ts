import type { BulkInsertSpec } from "./types.ts";

const identifier = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bulk insert: "${name}" is not a plain SQL identifier`);
  return `"${name}"`;
};

export const columnList = (spec: BulkInsertSpec) => spec.columns.map((c) => identifier(c.name)).join(", ");

export function conflictAndReturning(spec: BulkInsertSpec): string {
  const target = spec.conflictTarget ? ` on conflict (${spec.conflictTarget.map(identifier).join(", ")})` : "";
  const updated = spec.updateOnConflict ?? [];
  // A row whose values are all as stored is left alone: no new row version, no index entries.
  const compared = Array.isArray(spec.updateOnlyChanged) ? spec.updateOnlyChanged : updated;
  const onlyChanged = spec.updateOnlyChanged
    ? ` where ${compared.map((c) => `${tableName(spec)}.${identifier(c)} is distinct from excluded.${identifier(c)}`).join(" or ")}`
    : "";
  const action = updated.length
    ? ` do update set ${updated.map((c) => `${identifier(c)} = excluded.${identifier(c)}`).join(", ")}${onlyChanged}`
    : " do nothing";
  const conflict = target ? target + action : "";
  // Aliased to a name no case-converting plugin rewrites.
  const returning = spec.returning ? ` returning ${identifier(spec.returning)} as "v"` : "";
  return conflict + returning;
}

export const tableName = (spec: BulkInsertSpec) => identifier(spec.table);
