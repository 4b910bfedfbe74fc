import { adapterOf, type Database, type Db } from "@advo/db";
import {
  type DeleteQueryBuilder,
  type DeleteResult,
  type InsertQueryBuilder,
  type InsertResult,
  type Kysely,
  type RawBuilder,
  type SelectQueryBuilder,
  type SqlBool,
  sql,
  type UpdateQueryBuilder,
  type UpdateResult,
} from "kysely";
import type { Clock } from "./clock.ts";

/**
 * Everything a use case needs to touch one tenant's data. Query functions take a Scope, never a
 * bare db, and reach tables only through the helpers below, which add `tenant_id = ?` themselves:
 * forgetting the tenant filter takes deliberate effort.
 */
export interface Scope {
  db: Db;
  tenantId: string;
  clock: Clock;
}

/**
 * `column` is one of `values` (text), in the form this database plans best: one array parameter on
 * PostgreSQL, an IN list on SQLite (DialectAdapter.inTexts).
 */
export const inTexts = (scope: Scope, column: string, values: readonly string[]): RawBuilder<SqlBool> =>
  sql<SqlBool>`${sql.ref(column)} ${adapterOf(scope.db).inTexts(values)}`;

type AnyTenantDb = Kysely<Record<string, { tenantId: string }>>;
// Qualified with the table name so the filter stays unambiguous when a query joins other tables.
const tenantColumn = (table: string) => sql.ref(`${table}.tenantId`);
type Empty = Record<never, never>;

const loose = (scope: Scope) => scope.db as unknown as AnyTenantDb;

export function selectFrom<T extends keyof Database>(scope: Scope, table: T): SelectQueryBuilder<Database, T, Empty> {
  return loose(scope)
    .selectFrom(table as string)
    .where(tenantColumn(table), "=", scope.tenantId) as unknown as SelectQueryBuilder<Database, T, Empty>;
}

export function updateTable<T extends keyof Database>(
  scope: Scope,
  table: T,
): UpdateQueryBuilder<Database, T, T, UpdateResult> {
  return loose(scope)
    .updateTable(table as string)
    .where(tenantColumn(table), "=", scope.tenantId) as unknown as UpdateQueryBuilder<Database, T, T, UpdateResult>;
}

export function deleteFrom<T extends keyof Database>(
  scope: Scope,
  table: T,
): DeleteQueryBuilder<Database, T, DeleteResult> {
  return loose(scope)
    .deleteFrom(table as string)
    .where(tenantColumn(table), "=", scope.tenantId) as unknown as DeleteQueryBuilder<Database, T, DeleteResult>;
}

/** Inserts rows stamped with the scope's tenant. */
export function insertInto<T extends keyof Database>(
  scope: Scope,
  table: T,
  rows: Omit<Database[T], "tenantId"> | Omit<Database[T], "tenantId">[],
) {
  const list = Array.isArray(rows) ? rows : [rows];
  const stamped = list.map((row) => ({ ...row, tenantId: scope.tenantId }));
  return loose(scope)
    .insertInto(table as string)
    .values(stamped as never) as unknown as InsertQueryBuilder<Database, T, InsertResult>;
}

export const withDb = (scope: Scope, db: Db): Scope => ({ ...scope, db });
