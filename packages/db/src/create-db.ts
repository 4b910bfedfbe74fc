import { CamelCasePlugin, Kysely, Migrator } from "kysely";
import { type AdapterOptions, createAdapter, type DialectAdapter } from "./dialects/index.ts";
import type { BulkInsertResult, BulkInsertSpec } from "./dialects/types.ts";
import { migrationProvider } from "./migrations/index.ts";
import type { Database } from "./schema.ts";

export type Db = Kysely<Database>;

export interface DbHandle {
  db: Db;
  adapter: DialectAdapter;
  close(): Promise<void>;
}

const adapters = new WeakMap<object, DialectAdapter>();

export function createDb(options: AdapterOptions): DbHandle {
  const adapter = createAdapter(options);
  const db = new Kysely<Database>({ dialect: adapter.kyselyDialect, plugins: [new CamelCasePlugin()] });
  adapters.set(db, adapter);
  return {
    db,
    adapter,
    // Kysely's destroy() closes the SQLite file or ends the PostgreSQL pool.
    close: async () => {
      await db.destroy();
      await adapter.stop?.();
    },
  };
}

/** The adapter behind a db handle or a transaction opened on it. */
export function adapterOf(db: Db): DialectAdapter {
  const found = adapters.get(db) ?? adapters.get(rootOf(db));
  if (!found) throw new Error("this Kysely instance was not created by createDb()");
  return found;
}

// A Kysely Transaction is a new object; remember which root it came from.
const roots = new WeakMap<object, object>();
function rootOf(db: Db): object {
  return roots.get(db) ?? db;
}

/** Runs fn in a transaction whose handle still knows its adapter. */
export async function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  // Already inside one: join it, so use cases compose (a redemption posts to the ledger in its own transaction).
  if (db.isTransaction) return fn(db);
  return db.transaction().execute(async (trx) => {
    roots.set(trx, rootOf(db));
    return fn(trx);
  });
}

/** Inserts rows in bulk on the transaction's connection; see DialectAdapter.bulkInsert. */
export function bulkInsert(
  trx: Db,
  spec: BulkInsertSpec,
  rows: readonly (readonly unknown[])[],
): Promise<BulkInsertResult> {
  return adapterOf(trx).bulkInsert(trx as Kysely<unknown>, spec, rows);
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({
    db: db.withoutPlugins(),
    provider: migrationProvider,
    migrationTableSchema: adapterOf(db).schema,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error");
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`migration ${failed?.migrationName ?? "(unknown)"} failed: ${detail}`);
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
