import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { SqliteDialect, sql } from "kysely";
import { columnList, conflictAndReturning, tableName } from "./bulk-sql.ts";
import { BACKSTOP_BYTES, startCheckpointThread } from "./sqlite-checkpoints.ts";
import type { BulkInsertResult, BulkInsertSpec, DialectAdapter, SqliteCheckpoints } from "./types.ts";

/** 64 MB: index inserts with random keys (message ids) stay in memory far longer. */
const DEFAULT_SQLITE_CACHE_MB = 64;

/**
 * 16 KB pages for a new database, against SQLite's 4 KB. A Segment batch dirties about one index page
 * per event, and each commit writes those pages whole: the segment-http bench on a file did 50,109 and
 * 59,103 events/s against 32,319 and 31,603 with 4 KB pages; the 200,000-contact rescore 7.6 / 6.8 s
 * against 7.9 / 7.9 s, its data loaded in 22.8 / 20.6 s against 28.7 / 26.0 s, a segment count 33 ms
 * against 42–50 ms (A/B, alternated). Smaller pages were slower (1 KB: two thirds of the 4 KB rate).
 */
const PAGE_SIZE = 16_384;

export function createSqliteAdapter(
  path: string,
  options: { cacheMb?: number; checkpoints?: SqliteCheckpoints } = {},
): DialectAdapter & { raw: SQLite.Database } {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const raw = new SQLite(path);
  // Takes effect only on a database with no page written yet: a new file keeps it, one that exists
  // keeps its own (README: Configuration, on moving one to 16 KB pages).
  raw.pragma(`page_size = ${PAGE_SIZE}`);
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = NORMAL");
  raw.pragma("foreign_keys = ON");
  raw.pragma("busy_timeout = 5000");
  // The page cache lives in this process (negative cache_size: in KiB).
  raw.pragma(`cache_size = -${Math.round((options.cacheMb ?? DEFAULT_SQLITE_CACHE_MB) * 1024)}`);
  raw.pragma("temp_store = memory");
  const checkpointsBy = path === ":memory:" ? "self" : (options.checkpoints ?? "thread");
  if (checkpointsBy !== "self") {
    const pageSize = raw.pragma("page_size", { simple: true }) as number;
    raw.pragma(`wal_autocheckpoint = ${Math.ceil(BACKSTOP_BYTES / pageSize)}`);
    // A WAL grown past the backstop is cut back to this size once it starts over.
    raw.pragma(`journal_size_limit = ${BACKSTOP_BYTES}`);
  }
  const checkpoints =
    checkpointsBy === "thread"
      ? startCheckpointThread(path, (error) => {
          // The writer checkpoints itself again: nothing is lost but speed. (After the connection
          // closed there is no writer left to tell.)
          if (raw.open) raw.pragma("wal_autocheckpoint = 1000");
          process.emitWarning(`SQLite's checkpoint thread stopped (${error.message}); the writer checkpoints instead`);
        })
      : null;
  const statements = new Map<string, SQLite.Statement>();
  const statementFor = (spec: BulkInsertSpec, rowCount: number) => {
    const key = `${spec.table}|${columnList(spec)}|${spec.conflictTarget?.join(",")}|${spec.updateOnConflict?.join(",")}|${spec.updateOnlyChanged}|${spec.returning}|${rowCount}`;
    let statement = statements.get(key);
    if (!statement) {
      const tuple = `(${spec.columns.map(() => "?").join(", ")})`;
      const values = Array.from({ length: rowCount }, () => tuple).join(", ");
      statement = raw.prepare(
        `insert into ${tableName(spec)} (${columnList(spec)}) values ${values}${conflictAndReturning(spec)}`,
      );
      statements.set(key, statement);
    }
    return statement;
  };

  // better-sqlite3 is synchronous and Kysely holds its single connection for the whole
  // transaction, so statements run here belong to the caller's transaction.
  const bulkInsert = async (
    trx: { isTransaction?: boolean },
    spec: BulkInsertSpec,
    rows: readonly (readonly unknown[])[],
  ): Promise<BulkInsertResult> => {
    if (!trx.isTransaction) throw new Error("bulkInsert must run inside a transaction");
    // Unless conflicting rows are updated, and with nothing to return but an inserted text column: one
    // row per statement run, telling stored from skipped by its `changes`. As fast as a plain insert
    // loop, and a quarter faster than many rows per statement with RETURNING (200,000 events: 1.1–1.2 s
    // against 1.5–1.6 s).
    const returnedAt = spec.returning ? spec.columns.findIndex((c) => c.name === spec.returning) : -1;
    if (!spec.updateOnConflict?.length && (!spec.returning || spec.columns[returnedAt]?.type === "text")) {
      const statement = statementFor({ ...spec, returning: undefined }, 1);
      let inserted = 0;
      const returned: unknown[] = [];
      for (const row of rows) {
        if (statement.run(row as unknown[]).changes === 0) continue;
        inserted++;
        if (returnedAt >= 0) returned.push(row[returnedAt] == null ? null : String(row[returnedAt]));
      }
      return { inserted, returned };
    }
    const perStatement = Math.max(1, Math.min(200, Math.floor(32_000 / spec.columns.length)));
    let inserted = 0;
    const returned: unknown[] = [];
    const flat: unknown[] = [];
    for (let start = 0; start < rows.length; start += perStatement) {
      const chunk = rows.slice(start, start + perStatement);
      flat.length = 0;
      for (const row of chunk) for (const value of row) flat.push(value);
      const statement = statementFor(spec, chunk.length);
      if (spec.returning) {
        const out = statement.pluck().all(...flat);
        inserted += out.length;
        for (const v of out) returned.push(v);
      } else {
        inserted += statement.run(...flat).changes;
      }
    }
    return { inserted, returned };
  };

  // Kysely prepares every query anew; preparing costs more than running a small statement, so
  // keep the most recent ones by SQL text (a statement still being iterated is never shared).
  const prepared = new Map<string, SQLite.Statement>();
  const prepare = (sql: string) => {
    const cached = prepared.get(sql);
    if (cached && !cached.busy) return cached;
    const statement = raw.prepare(sql);
    if (!cached) {
      if (prepared.size >= 1000) prepared.delete(prepared.keys().next().value as string);
      prepared.set(sql, statement);
    }
    return statement;
  };

  return {
    name: "sqlite",
    raw,
    kyselyDialect: new SqliteDialect({ database: { prepare, close: () => raw.close() } }),
    concurrentWriters: false,
    inProcess: true,
    smallJoinKeepsOrder: true,
    analyzesOnItsOwn: false,
    maxParameters: 32_000,
    inTexts: (values) => (values.length === 0 ? sql`in (null)` : sql`in (${sql.join([...values])})`),
    // SQLite's lower() is ASCII-only without the ICU extension.
    asciiLower: (text) => sql<string>`lower(${text})`,
    bulkInsert,
    stop: async () => {
      await checkpoints?.stop();
    },
  };
}
