import type { ContactMergesTable, ContactsTable } from "@advo/db";
import { deleteFrom, insertInto, type Scope, selectFrom, updateTable } from "../shared/scope.ts";
import type { Row } from "./merge-tables.ts";

type Loose = "events";
const t = (table: string) => table as Loose;
const c = (column: string) => column as "contactId";

/** One contact's rows of a table: the whole rows, or just the given columns. */
export async function rowsOf(
  scope: Scope,
  table: string,
  column: string,
  contactId: string,
  columns?: readonly string[],
) {
  const query = selectFrom(scope, t(table)).where(c(column), "=", contactId);
  const rows = columns ? await query.select(columns.map(c)).execute() : await query.selectAll().execute();
  return rows as unknown as Row[];
}

interface Whereable<Q> {
  where(column: "contactId", op: "=", value: string): Q;
}
/** Narrows a query to the row whose `keys` columns hold `key`'s values. */
const matching =
  (keys: readonly string[], key: Row) =>
  <Q extends Whereable<Q>>(query: Q): Q =>
    keys.reduce((q, k) => q.where(c(k), "=", key[k] as string), query);

export const reassignAll = (scope: Scope, table: string, column: string, from: string, to: string) =>
  updateTable(scope, t(table))
    .set({ [c(column)]: to })
    .where(c(column), "=", from)
    .execute();

/** Moves the rows with these keys (among `from`'s, `column` naming the contact) to `to`. */
export async function reassignKeys(
  scope: Scope,
  table: string,
  column: string,
  keys: readonly string[],
  rows: Row[],
  from: string,
  to: string,
) {
  const [only] = keys;
  if (keys.length === 1 && only) {
    const values = rows.map((r) => r[only] as string);
    for (let i = 0; i < values.length; i += 500)
      await updateTable(scope, t(table))
        .set({ [c(column)]: to })
        .where(c(column), "=", from)
        .where(c(only), "in", values.slice(i, i + 500))
        .execute();
    return;
  }
  for (const row of rows)
    await matching(
      keys,
      row,
    )(
      updateTable(scope, t(table))
        .set({ [c(column)]: to })
        .where(c(column), "=", from),
    ).execute();
}

export const updateRow = (
  scope: Scope,
  table: string,
  column: string,
  contactId: string,
  keys: readonly string[],
  key: Row,
  patch: Row,
) => matching(keys, key)(updateTable(scope, t(table)).set(patch).where(c(column), "=", contactId)).execute();

export const deleteRow = (
  scope: Scope,
  table: string,
  column: string,
  contactId: string,
  keys: readonly string[],
  key: Row,
) => matching(keys, key)(deleteFrom(scope, t(table)).where(c(column), "=", contactId)).execute();

export const insertRow = (scope: Scope, table: string, row: Row) => {
  const { tenantId: _ignored, ...rest } = row;
  return insertInto(scope, t(table), rest as never).execute();
};

export const deleteAllOf = (scope: Scope, table: string, contactId: string) =>
  deleteFrom(scope, t(table)).where("contactId", "=", contactId).execute();

/** Drops a contact's segment memberships and recounts the segments it left. */
export async function dropSegmentMemberships(scope: Scope, contactId: string) {
  const rows = await selectFrom(scope, "segmentMembers")
    .select("segmentId")
    .where("contactId", "=", contactId)
    .execute();
  if (rows.length === 0) return;
  await deleteFrom(scope, "segmentMembers").where("contactId", "=", contactId).execute();
  for (const { segmentId } of rows) {
    const count = await selectFrom(scope, "segmentMembers")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("segmentId", "=", segmentId)
      .executeTakeFirstOrThrow();
    await updateTable(scope, "segments")
      .set({ memberCount: Number(count.n) })
      .where("id", "=", segmentId)
      .execute();
  }
}

export const clearTopContact = (scope: Scope, contactId: string) =>
  updateTable(scope, "accountScores").set({ topContactId: null }).where("topContactId", "=", contactId).execute();

export const insertMerge = (scope: Scope, row: Omit<ContactMergesTable, "tenantId">) =>
  insertInto(scope, "contactMerges", row).execute();

export const openMergesInto = (scope: Scope, survivorIds: string[]) =>
  selectFrom(scope, "contactMerges")
    .select("mergedId")
    .where("survivorId", "in", survivorIds)
    .where("undoneAt", "is", null)
    .execute();

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
