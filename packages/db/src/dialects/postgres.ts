import { type Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { columnList, conflictAndReturning, tableName } from "./bulk-sql.ts";
import { copyInsert, exposingPool } from "./postgres-copy.ts";
import type { BulkColumnType, BulkInsertResult, BulkInsertSpec, DialectAdapter } from "./types.ts";

const arrayType: Record<BulkColumnType, string> = {
  text: "text[]",
  bigint: "int8[]",
  integer: "int4[]",
  double: "float8[]",
};
const ROWS_PER_STATEMENT = 5000;
/** From this many rows on, COPY through a staging table (postgres-copy.ts) is the faster path. */
const COPY_FROM_ROWS = 1000;

// One statement per 5,000 rows: each column travels as one array parameter and unnest() turns
// the arrays back into rows, so the parameter count stays at one per column.
async function bulkInsert(
  trx: Kysely<unknown>,
  spec: BulkInsertSpec,
  rows: readonly (readonly unknown[])[],
): Promise<BulkInsertResult> {
  if (!trx.isTransaction) throw new Error("bulkInsert must run inside a transaction");
  if (rows.length >= COPY_FROM_ROWS) return copyInsert(trx, spec, rows);
  let inserted = 0;
  const returned: unknown[] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
    const arrays = spec.columns.map((_, i) => chunk.map((row) => row[i] ?? null));
    const unnest = sql.join(spec.columns.map((c, i) => sql`${arrays[i]}::${sql.raw(arrayType[c.type])}`));
    const result = await sql<
      Record<string, unknown>
    >`insert into ${sql.raw(tableName(spec))} (${sql.raw(columnList(spec))})
      select * from unnest(${unnest})${sql.raw(conflictAndReturning(spec))}`.execute(trx);
    if (spec.returning) {
      inserted += result.rows.length;
      for (const row of result.rows) returned.push(row.v);
    } else {
      inserted += Number(result.numAffectedRows ?? 0);
    }
  }
  return { inserted, returned };
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

// Epoch-millisecond timestamps and COUNT(*) arrive as int8; they fit a JS number exactly
// (< 2^53), so both dialects hand modules plain numbers.
const typeOverrides = new pg.TypeOverrides();
typeOverrides.setTypeParser(INT8_OID, (value) => Number.parseInt(value, 10));
typeOverrides.setTypeParser(NUMERIC_OID, (value) => Number.parseFloat(value));

export interface PostgresOptions {
  url: string;
  /** Schema to use as search_path; tests use one schema per test file. */
  schema?: string;
  maxConnections?: number;
}

/**
 * The URL without its `options` parameter, and the session settings for every Advo connection:
 * the URL's own first (so a deployment can override ours), then ours. pg lets a URL's `options`
 * replace the pool's, hence the split.
 * random_page_cost: PostgreSQL's default of 4 prices a random read as a spinning disk's, so for a key
 * list of tens of ids it scans a whole small table rather than probe its index (the fatigue counters
 * of 50 contacts among 10,000 rows: 1.3 ms by scan, 0.15 ms by index). Advo's data is cached or on
 * SSD, for which 1.1 is the usual setting.
 */
function connectionOf(options: PostgresOptions): { connectionString: string; options: string } {
  let connectionString = options.url;
  let own = "";
  // Rewritten only when it has options of its own: any other URL reaches pg exactly as given.
  if (/[?&]options=/.test(options.url)) {
    const url = new URL(options.url);
    own = url.searchParams.get("options") ?? "";
    url.searchParams.delete("options");
    connectionString = url.toString();
  }
  const parts = [own];
  if (!own.includes("random_page_cost")) parts.push("-c random_page_cost=1.1");
  if (options.schema) parts.push(`-c search_path=${options.schema}`);
  return { connectionString, options: parts.filter(Boolean).join(" ") };
}

/**
 * A text[] literal, written in one join: pg's own array serialiser builds it by repeated
 * concatenation with two regex replaces per element, the largest allocation of a query that
 * passes a few hundred ids.
 */
export function textArrayLiteral(values: readonly string[]): string {
  const quoted = values.map((v) => `"${/["\\]/.test(v) ? v.replace(/["\\]/g, "\\$&") : v}"`);
  return `{${quoted.join(",")}}`;
}

export function createPostgresAdapter(options: PostgresOptions): DialectAdapter & { pool: pg.Pool } {
  const pool = new pg.Pool({
    ...connectionOf(options),
    max: options.maxConnections ?? 10,
    types: typeOverrides,
  });
  // An idle connection the server closes (restart, failover, a dropped database) emits 'error' on
  // the pool; pg has already discarded it and the next query opens a fresh one. Unhandled, that
  // event would crash the process.
  pool.on("error", () => {});
  return {
    name: "postgres",
    pool,
    kyselyDialect: new PostgresDialect({ pool: exposingPool(pool) }),
    concurrentWriters: true,
    inProcess: false,
    smallJoinKeepsOrder: false,
    analyzesOnItsOwn: true,
    maxParameters: 65_000,
    // One array parameter: one plan whatever the count, and no parameter list to bind and plan.
    inTexts: (values) => sql`= any(${textArrayLiteral(values)}::text[])`,
    asciiLower: (text) => sql<string>`lower(${text} collate "C")`,
    bulkInsert,
    // Named explicitly so Kysely's migration tables never resolve to another schema's.
    schema: options.schema ?? "public",
  };
}
