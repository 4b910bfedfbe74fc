import type { AccountsTable } from "@advo/db";
import { deleteFrom, insertInto, type Scope, selectFrom, updateTable } from "../shared/scope.ts";
import { containsText } from "../shared/text-search.ts";
import type { ListAccountsQuery } from "./account.schemas.ts";

export const findAccount = (scope: Scope, id: string) =>
  selectFrom(scope, "accounts").selectAll().where("id", "=", id).executeTakeFirst();

export const insertAccounts = (scope: Scope, rows: Omit<AccountsTable, "tenantId">[]) =>
  insertInto(scope, "accounts", rows).execute();

export const updateAccountRow = (scope: Scope, id: string, patch: Partial<Omit<AccountsTable, "tenantId" | "id">>) =>
  updateTable(scope, "accounts").set(patch).where("id", "=", id).executeTakeFirst();

export const deleteAccountRow = (scope: Scope, id: string) =>
  deleteFrom(scope, "accounts").where("id", "=", id).executeTakeFirst();

export const detachContactsFromAccount = (scope: Scope, accountId: string, at: number) =>
  updateTable(scope, "contacts").set({ accountId: null, updatedAt: at }).where("accountId", "=", accountId).execute();

export function listAccountRows(scope: Scope, filter: ListAccountsQuery, after: string | undefined, limit: number) {
  let query = selectFrom(scope, "accounts").selectAll().orderBy("id").limit(limit);
  if (after) query = query.where("id", ">", after);
  if (filter.industry) query = query.where("industry", "=", filter.industry);
  if (filter.region) query = query.where("region", "=", filter.region);
  const q = filter.q;
  if (q) query = query.where((eb) => eb.or([containsText("name", q), containsText("domain", q)]));
  return query.execute();
}
