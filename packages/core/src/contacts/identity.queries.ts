import type { IdentitiesTable } from "@advo/db";
import { deleteFrom, insertInto, inTexts, type Scope, selectFrom, updateTable } from "../shared/scope.ts";

export type IdentityKind = "email" | "userId" | "anonymousId" | `ext:${string}`;

export interface Identity {
  kind: IdentityKind;
  value: string;
}

export const identityKey = (kind: string, value: string) => `${kind}\u0000${value}`;

// One array parameter on PostgreSQL (an IN list of 400 parameters took longer to plan than to run:
// 500 userIds 4.8 ms in two lists, 2.1–2.6 ms as one array), a list well under SQLite's limit.
const LOOKUP_CHUNK = 2000;

/** Which contact each identity points at, for many identities in a few queries. */
export async function findContactsByIdentities(
  scope: Scope,
  identities: Iterable<Identity>,
): Promise<Map<string, string>> {
  const byKind = new Map<string, Set<string>>();
  for (const { kind, value } of identities) {
    const values = byKind.get(kind) ?? new Set<string>();
    values.add(value);
    byKind.set(kind, values);
  }
  const found = new Map<string, string>();
  for (const [kind, values] of byKind) {
    const list = [...values];
    for (let i = 0; i < list.length; i += LOOKUP_CHUNK) {
      const rows = await selectFrom(scope, "identities")
        .select(["value", "contactId"])
        .where("kind", "=", kind)
        .where(inTexts(scope, "value", list.slice(i, i + LOOKUP_CHUNK)))
        .execute();
      for (const row of rows) found.set(identityKey(kind, row.value), row.contactId);
    }
  }
  return found;
}

/** The tenant's identity generation: moves whenever a stored identity is re-pointed or deleted. */
export async function identityGeneration(scope: Scope): Promise<number> {
  const row = await selectFrom(scope, "identityGenerations").select("generation").executeTakeFirst();
  return Number(row?.generation ?? 0);
}

/** Points identities at a contact; those already taken are left alone. Returns how many were new. */
export async function claimIdentities(scope: Scope, contactId: string, identities: Identity[]): Promise<number> {
  if (identities.length === 0) return 0;
  const now = scope.clock.now();
  const rows: Omit<IdentitiesTable, "tenantId">[] = identities.map((i) => ({ ...i, contactId, createdAt: now }));
  const result = await insertInto(scope, "identities", rows)
    .onConflict((oc) => oc.columns(["tenantId", "kind", "value"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

export const listIdentities = (scope: Scope, contactId: string) =>
  selectFrom(scope, "identities")
    .select(["kind", "value"])
    .where("contactId", "=", contactId)
    .orderBy("kind")
    .execute();

export const moveIdentities = (scope: Scope, fromContactId: string, toContactId: string) =>
  updateTable(scope, "identities").set({ contactId: toContactId }).where("contactId", "=", fromContactId).execute();

export const moveIdentity = (scope: Scope, identity: Identity, toContactId: string) =>
  updateTable(scope, "identities")
    .set({ contactId: toContactId })
    .where("kind", "=", identity.kind)
    .where("value", "=", identity.value)
    .execute();

export const dropIdentity = (scope: Scope, identity: Identity) =>
  deleteFrom(scope, "identities").where("kind", "=", identity.kind).where("value", "=", identity.value).execute();
