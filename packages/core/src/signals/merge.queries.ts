import type { ContactMergesTable, ContactsTable } from "@advo/db";
import { deleteFrom, insertInto, type Scope, selectFrom, updateTable } from "../shared/scope.ts";

// Tables whose rows belong to a contact by contact_id, keyed by their own primary key column.
// A merge moves their rows to the survivor and remembers which, so an unmerge can move them back.
export const contactOwnedTables = [
  { table: "events", key: "messageId" },
  { table: "surveyResponses", key: "messageId" },
  { table: "tickets", key: "id" },
  { table: "purchases", key: "messageId" },
] as const;
export type ContactOwnedTable = (typeof contactOwnedTables)[number]["table"];

export async function keysOwnedBy(
  scope: Scope,
  table: ContactOwnedTable,
  key: string,
  contactId: string,
): Promise<string[]> {
  const rows = await selectFrom(scope, table)
    .select(`${key} as k` as "messageId")
    .where("contactId", "=", contactId)
    .execute();
  return rows.map((r) => (r as unknown as { k: string }).k);
}

export const reassignAll = (scope: Scope, table: ContactOwnedTable, from: string, to: string) =>
  updateTable(scope, table).set({ contactId: to }).where("contactId", "=", from).execute();

export async function reassignKeys(scope: Scope, table: ContactOwnedTable, key: string, keys: string[], to: string) {
  for (let i = 0; i < keys.length; i += 500) {
    await updateTable(scope, table)
      .set({ contactId: to })
      .where(key as "contactId", "in", keys.slice(i, i + 500))
      .execute();
  }
}

export const insertMerge = (scope: Scope, row: Omit<ContactMergesTable, "tenantId">) =>
  insertInto(scope, "contactMerges", row).execute();

export const findMerge = (scope: Scope, id: string) =>
  selectFrom(scope, "contactMerges").selectAll().where("id", "=", id).executeTakeFirst();

export const latestOpenMerge = (scope: Scope, survivorId: string) =>
  selectFrom(scope, "contactMerges")
    .selectAll()
    .where("survivorId", "=", survivorId)
    .where("undoneAt", "is", null)
    .orderBy("id", "desc")
    .executeTakeFirst();

export const listMerges = (scope: Scope, contactId: string) =>
  selectFrom(scope, "contactMerges")
    .selectAll()
    .where((eb) => eb.or([eb("survivorId", "=", contactId), eb("mergedId", "=", contactId)]))
    .orderBy("id", "desc")
    .execute();

export const markMergeUndone = (scope: Scope, id: string, at: number) =>
  updateTable(scope, "contactMerges").set({ undoneAt: at }).where("id", "=", id).execute();

export const deleteContactRow = (scope: Scope, id: string) =>
  deleteFrom(scope, "contacts").where("id", "=", id).execute();

export const restoreContactRow = (scope: Scope, row: Omit<ContactsTable, "tenantId">) =>
  insertInto(scope, "contacts", row).execute();
