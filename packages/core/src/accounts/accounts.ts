import type { AccountsTable } from "@advo/db";
import { inTransaction } from "@advo/db";
import { toIso } from "../shared/clock.ts";
import { notFound } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { parseJsonObject, toJson } from "../shared/json.ts";
import { decodeCursor, type Page, type PageQuery, toPage } from "../shared/pagination.ts";
import { type Scope, withDb } from "../shared/scope.ts";
import {
  deleteAccountRow,
  detachContactsFromAccount,
  findAccount,
  insertAccounts,
  listAccountRows,
  updateAccountRow,
} from "./account.queries.ts";
import {
  type Account,
  type CreateAccountInput,
  createAccountInput,
  type ListAccountsQuery,
  type UpdateAccountInput,
  updateAccountInput,
} from "./account.schemas.ts";

export const toAccount = (row: AccountsTable): Account => ({
  id: row.id,
  name: row.name,
  domain: row.domain,
  industry: row.industry,
  employeeCount: row.employeeCount,
  region: row.region,
  country: row.country,
  plan: row.plan,
  arr: row.arr,
  lifecycleStage: row.lifecycleStage,
  externalIds: parseJsonObject(row.externalIds),
  attributes: parseJsonObject(row.attributes),
  createdAt: toIso(row.createdAt),
  updatedAt: toIso(row.updatedAt),
});

export function newAccountRow(input: CreateAccountInput, now: number): Omit<AccountsTable, "tenantId"> {
  const a = createAccountInput.parse(input);
  return {
    id: newId("acc"),
    name: a.name,
    domain: a.domain ?? null,
    industry: a.industry ?? null,
    employeeCount: a.employeeCount ?? null,
    region: a.region ?? null,
    country: a.country ?? null,
    plan: a.plan ?? null,
    arr: a.arr ?? null,
    lifecycleStage: a.lifecycleStage ?? null,
    externalIds: toJson(a.externalIds),
    attributes: toJson(a.attributes),
    createdAt: now,
    updatedAt: now,
  };
}

export async function createAccount(scope: Scope, input: CreateAccountInput): Promise<Account> {
  const row = newAccountRow(input, scope.clock.now());
  await insertAccounts(scope, [row]);
  return toAccount({ ...row, tenantId: scope.tenantId });
}

export async function getAccount(scope: Scope, id: string): Promise<Account> {
  const row = await findAccount(scope, id);
  if (!row) throw notFound("account", id);
  return toAccount(row);
}

export async function updateAccount(scope: Scope, id: string, input: UpdateAccountInput): Promise<Account> {
  const patch = updateAccountInput.parse(input);
  const existing = await findAccount(scope, id);
  if (!existing) throw notFound("account", id);
  const { externalIds, attributes, ...plain } = patch;
  await updateAccountRow(scope, id, {
    ...plain,
    ...(externalIds ? { externalIds: toJson({ ...parseJsonObject(existing.externalIds), ...externalIds }) } : {}),
    ...(attributes ? { attributes: toJson({ ...parseJsonObject(existing.attributes), ...attributes }) } : {}),
    updatedAt: scope.clock.now(),
  });
  return getAccount(scope, id);
}

/** Deletes the account; its contacts stay, unlinked from it. */
export async function deleteAccount(scope: Scope, id: string): Promise<void> {
  await inTransaction(scope.db, async (trx) => {
    const inTrx = withDb(scope, trx);
    if (!(await findAccount(inTrx, id))) throw notFound("account", id);
    await detachContactsFromAccount(inTrx, id, scope.clock.now());
    await deleteAccountRow(inTrx, id);
  });
}

export async function listAccounts(scope: Scope, query: ListAccountsQuery & PageQuery): Promise<Page<Account>> {
  const rows = await listAccountRows(scope, query, decodeCursor(query.cursor), query.limit + 1);
  return toPage(rows, query.limit, toAccount);
}
