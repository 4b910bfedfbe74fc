import type { IdempotencyKeysTable } from "@advo/db";
import { deleteFrom, insertInto, type Scope, selectFrom, updateTable } from "../shared/scope.ts";

export const findKey = (scope: Scope, key: string) =>
  selectFrom(scope, "idempotencyKeys").selectAll().where("key", "=", key).executeTakeFirst();

export const insertKey = (scope: Scope, row: Omit<IdempotencyKeysTable, "tenantId">) =>
  insertInto(scope, "idempotencyKeys", row).execute();

export const storeResponse = (scope: Scope, key: string, statusCode: number, responseBody: string) =>
  updateTable(scope, "idempotencyKeys").set({ statusCode, responseBody }).where("key", "=", key).execute();

export const deleteKey = (scope: Scope, key: string) =>
  deleteFrom(scope, "idempotencyKeys").where("key", "=", key).execute();
