import type { AccountsTable } from "@advo/db";
import { createAccountInput, insertAccounts, newAccountRow } from "../accounts/index.ts";
import { newId } from "../shared/ids.ts";
import { parseJsonObject, toJson } from "../shared/json.ts";
import type { Scope } from "../shared/scope.ts";
import { accountIdentitiesOf, matchAccounts } from "./account-match.ts";
import type { ChunkCounts, Reject } from "./chunk.ts";
import { ATTRIBUTES_MAX, domainOf } from "./contact-rows.ts";
import { accountsByIds, claimAccountIdentities, updateAccountFields } from "./import.queries.ts";
import type { Cell, CellProblem } from "./row-values.ts";

type AccountField =
  | "name"
  | "domain"
  | "industry"
  | "employeeCount"
  | "region"
  | "country"
  | "plan"
  | "arr"
  | "lifecycleStage";
const FIELDS: AccountField[] = [
  "name",
  "domain",
  "industry",
  "employeeCount",
  "region",
  "country",
  "plan",
  "arr",
  "lifecycleStage",
];

export interface AccountDraft {
  row: number;
  line: string;
  fields: Partial<Record<AccountField, string | number>>;
  externalIds: Record<string, string>;
  attributes: Record<string, unknown>;
}

const shape = createAccountInput.shape;

/** Builds an account from a row's converted cells, or the problems that reject it. */
export function accountDraftOf(
  row: number,
  line: string,
  cells: Cell[],
): { draft: AccountDraft } | { problems: CellProblem[] } {
  const problems: CellProblem[] = [];
  const draft: AccountDraft = { row, line, fields: {}, externalIds: {}, attributes: {} };
  for (const { rule, value } of cells) {
    const { target, column } = rule;
    if (target.to === "field") {
      const name = target.name as AccountField;
      const checked =
        name === "domain"
          ? domainOf(String(value))
          : (() => {
              const r = shape[name].safeParse(value);
              return r.success ? { value: r.data } : { error: r.error.issues[0]?.message ?? "is not valid" };
            })();
      if ("error" in checked) problems.push({ field: column, reason: checked.error as string });
      else if (checked.value !== null && checked.value !== undefined)
        draft.fields[name] = checked.value as string | number;
    } else if (target.to === "map" && target.map === "attributes") draft.attributes[target.key] = value;
    else if (target.to === "map") {
      const text = String(value).trim();
      if (text.length === 0 || text.length > 200)
        problems.push({ field: column, reason: "must be 1 to 200 characters" });
      else draft.externalIds[target.key] = text;
    }
  }
  if (
    problems.length === 0 &&
    !draft.fields.name &&
    !draft.fields.domain &&
    Object.keys(draft.externalIds).length === 0
  ) {
    problems.push({ field: "name", reason: "is required: an account needs a name, a domain or an external id" });
  }
  if (JSON.stringify(draft.attributes).length > ATTRIBUTES_MAX) {
    problems.push({ field: "attributes", reason: "the row's custom attributes exceed 16 KB of JSON" });
  }
  return problems.length > 0 ? { problems } : { draft };
}

function changesOf(row: AccountsTable, d: AccountDraft) {
  const changes: Partial<Omit<AccountsTable, "tenantId" | "id">> = {};
  for (const field of FIELDS) {
    const value = d.fields[field];
    if (value !== undefined && row[field] !== value) (changes as Record<string, unknown>)[field] = value;
  }
  for (const map of ["externalIds", "attributes"] as const) {
    const before = parseJsonObject(row[map]);
    const after = toJson({ ...before, ...d[map] });
    if (after !== toJson(before)) changes[map] = after;
  }
  return changes;
}

/** Upserts one chunk of account rows inside the caller's transaction: by external id, else domain, else name. */
export async function commitAccounts(scope: Scope, drafts: AccountDraft[], reject: Reject): Promise<ChunkCounts> {
  const now = scope.clock.now();
  const counts: ChunkCounts = { inserted: 0, updated: 0, skipped: 0 };
  const keys = drafts.map((d) => ({
    externalIds: d.externalIds,
    domain: d.fields.domain as string | undefined,
    name: d.fields.name as string | undefined,
  }));
  const matches = await matchAccounts(scope, keys);
  const stored = new Map(
    (
      await accountsByIds(
        scope,
        matches.flatMap((m) => (m.id ? [m.id] : [])),
      )
    ).map((r) => [r.id, r]),
  );
  // Rows of this chunk about the same account fold onto its first row (later values win).
  const merged = new Map<string, { draft: AccountDraft; existing: AccountsTable | null }>();
  const byKey = new Map<string, string>();
  for (const [i, d] of drafts.entries()) {
    const match = matches[i];
    if (match?.conflict) {
      reject(d, "externalIds", `${match.conflict}; merge them first or fix the row`);
      continue;
    }
    const rowKeys = [
      ...Object.entries(d.externalIds).map(([s, v]) => `ext:${s}\u0000${v}`),
      ...(d.fields.domain ? [`domain\u0000${d.fields.domain}`] : []),
      ...(d.fields.name ? [`name\u0000${d.fields.name}`] : []),
    ];
    const id = match?.id ?? rowKeys.map((k) => byKey.get(k)).find(Boolean) ?? newId("acc");
    const entry = merged.get(id);
    if (entry) {
      Object.assign(entry.draft.fields, d.fields);
      Object.assign(entry.draft.externalIds, d.externalIds);
      Object.assign(entry.draft.attributes, d.attributes);
      counts.skipped++;
    } else {
      const draft = {
        ...d,
        fields: { ...d.fields },
        externalIds: { ...d.externalIds },
        attributes: { ...d.attributes },
      };
      merged.set(id, { draft, existing: stored.get(id) ?? null });
    }
    for (const k of rowKeys) if (!byKey.has(k)) byKey.set(k, id);
  }

  const inserts: Omit<AccountsTable, "tenantId">[] = [];
  const claims: { kind: string; value: string; accountId: string }[] = [];
  for (const [id, { draft: d, existing }] of merged) {
    for (const identity of accountIdentitiesOf(d.externalIds)) claims.push({ ...identity, accountId: id });
    if (!existing) {
      const f = d.fields;
      const row = newAccountRow(
        {
          name: (f.name ?? f.domain ?? Object.values(d.externalIds)[0]) as string,
          domain: (f.domain as string | undefined) ?? null,
          industry: f.industry as string | undefined,
          employeeCount: f.employeeCount as number | undefined,
          region: f.region as string | undefined,
          country: f.country as string | undefined,
          plan: f.plan as string | undefined,
          arr: f.arr as number | undefined,
          lifecycleStage: f.lifecycleStage as string | undefined,
          externalIds: d.externalIds,
          attributes: d.attributes,
        },
        now,
      );
      inserts.push({ ...row, id });
      counts.inserted++;
      continue;
    }
    const changes = changesOf(existing, d);
    if (Object.keys(changes).length === 0) counts.skipped++;
    else {
      await updateAccountFields(scope, id, { ...changes, updatedAt: now });
      counts.updated++;
    }
  }
  for (let i = 0; i < inserts.length; i += 500) await insertAccounts(scope, inserts.slice(i, i + 500));
  await claimAccountIdentities(scope, claims, now);
  return counts;
}
