import type { AccountsTable, ContactsTable } from "@advo/db";
import { insertInto, type Scope, selectFrom, updateTable } from "../shared/scope.ts";

const CHUNK = 400;

async function inChunks<T>(values: string[], fn: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < values.length; i += CHUNK) out.push(...(await fn(values.slice(i, i + CHUNK))));
  return out;
}

export const contactsByIds = (scope: Scope, ids: string[]) =>
  inChunks(ids, (chunk) => selectFrom(scope, "contacts").selectAll().where("id", "in", chunk).execute());

export const updateContactFields = (scope: Scope, id: string, patch: Partial<Omit<ContactsTable, "tenantId" | "id">>) =>
  updateTable(scope, "contacts").set(patch).where("id", "=", id).execute();

export const accountsByIds = (scope: Scope, ids: string[]) =>
  inChunks(ids, (chunk) => selectFrom(scope, "accounts").selectAll().where("id", "in", chunk).execute());

export const updateAccountFields = (scope: Scope, id: string, patch: Partial<Omit<AccountsTable, "tenantId" | "id">>) =>
  updateTable(scope, "accounts").set(patch).where("id", "=", id).execute();

/** Accounts by an identity of theirs (kind "ext:hubspot", …); key `kind\0value`. */
export async function accountIdsByIdentity(scope: Scope, identities: { kind: string; value: string }[]) {
  const byKind = new Map<string, Set<string>>();
  for (const { kind, value } of identities) byKind.set(kind, (byKind.get(kind) ?? new Set()).add(value));
  const found = new Map<string, string>();
  for (const [kind, values] of byKind) {
    const rows = await inChunks([...values], (chunk) =>
      selectFrom(scope, "accountIdentities")
        .select(["value", "accountId"])
        .where("kind", "=", kind)
        .where("value", "in", chunk)
        .execute(),
    );
    for (const row of rows) found.set(`${kind}\u0000${row.value}`, row.accountId);
  }
  return found;
}

/** The oldest account with each of these domains or names. */
export async function accountIdsBy(scope: Scope, column: "domain" | "name", values: string[]) {
  const rows = await inChunks([...new Set(values)], (chunk) =>
    selectFrom(scope, "accounts").select(["id", column]).where(column, "in", chunk).orderBy("id").execute(),
  );
  const found = new Map<string, string>();
  for (const row of rows) {
    const key = (row as Record<string, string | null>)[column];
    if (key && !found.has(key)) found.set(key, row.id);
  }
  return found;
}

/** Points identities at accounts; those already taken are left alone. */
export async function claimAccountIdentities(
  scope: Scope,
  rows: { kind: string; value: string; accountId: string }[],
  now: number,
) {
  for (let i = 0; i < rows.length; i += 500) {
    await insertInto(
      scope,
      "accountIdentities",
      rows.slice(i, i + 500).map((r) => ({ ...r, createdAt: now })),
    )
      .onConflict((oc) => oc.columns(["tenantId", "kind", "value"]).doNothing())
      .execute();
  }
}
