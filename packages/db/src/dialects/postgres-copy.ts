import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { type Kysely, type PostgresPool, type PostgresPoolClient, sql } from "kysely";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { isUniqueViolation } from "../errors.ts";
import { columnList, conflictAndReturning, tableName } from "./bulk-sql.ts";
import { binaryColumnTypes, copyBinary } from "./postgres-copy-binary.ts";
import type { BulkInsertResult, BulkInsertSpec } from "./types.ts";

// Large bulk inserts travel by COPY into a staging table, then one INSERT … SELECT applies the
// conflict rule and RETURNING: several times faster than array parameters past a few thousand rows.
// COPY needs the transaction's own pg client, which Kysely keeps private: each pooled client is
// handed to Kysely behind a proxy that answers one marker query with the client itself.

const RAW_CLIENT_SQL = "select 'advo: the pg client of this connection' as raw_client";
const proxies = new WeakMap<pg.PoolClient, PostgresPoolClient>();

function exposing(client: pg.PoolClient): PostgresPoolClient {
  let proxy = proxies.get(client);
  if (!proxy) {
    proxy = new Proxy(client, {
      get(target, prop) {
        if (prop === "query") {
          return (text: unknown, ...rest: unknown[]) =>
            text === RAW_CLIENT_SQL
              ? Promise.resolve({ command: "SELECT", rowCount: 1, rows: [{ rawClient: target }] })
              : (target.query as (...args: unknown[]) => unknown)(text, ...rest);
        }
        const value = Reflect.get(target, prop, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    }) as unknown as PostgresPoolClient;
    proxies.set(client, proxy);
  }
  return proxy;
}

/** The pool as Kysely sees it: the same clients, each able to reveal itself to copyInsert. */
export const exposingPool = (pool: pg.Pool): PostgresPool => ({
  connect: async () => exposing(await pool.connect()),
  end: () => pool.end(),
});

const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
const SPECIAL = /[\\\t\n\r]/;
const copyValue = (value: unknown): string => {
  if (value === null || value === undefined) return "\\N";
  if (typeof value === "number") return String(value);
  const text = typeof value === "string" ? value : String(value);
  return SPECIAL.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c] as string) : text;
};

// Small enough that the server parses one buffer while the next is built: a chunk of 5,000 events
// (about 1 MB) went as one buffer before, and an import of 200,000 events took 4.15–4.19 s against
// 3.75–3.93 s in 64 KB buffers (16 KB: 3.70–3.79 s; 256 KB: 3.69–3.98 s).
const COPY_BUFFER_CHARS = 64 * 1024;

/**
 * The rows as COPY text, in buffers of about 64 KB. Each line is joined from its cells and each
 * buffer from its lines: appending cell by cell instead built a chain of strings that every buffer
 * had to flatten (100,000 scores with their explanations: 1.0–1.6 s of this thread against 0.46–0.57).
 */
function* copyText(rows: readonly (readonly unknown[])[], width: number): Generator<Buffer> {
  const lines: string[] = [];
  const cells = new Array<string>(width);
  let size = 0;
  for (const row of rows) {
    for (let i = 0; i < width; i++) cells[i] = copyValue(row[i]);
    const line = cells.join("\t");
    lines.push(line);
    size += line.length;
    if (size > COPY_BUFFER_CHARS) {
      lines.push("");
      yield Buffer.from(lines.join("\n"));
      lines.length = 0;
      size = 0;
    }
  }
  if (lines.length > 0) {
    lines.push("");
    yield Buffer.from(lines.join("\n"));
  }
}

// Each table's column types as the server has them, per connection (a connection keeps its schema).
const columnTypes = new WeakMap<pg.PoolClient, Map<string, Map<string, string>>>();

async function typesOf(client: pg.PoolClient, table: string): Promise<Map<string, string>> {
  let tables = columnTypes.get(client);
  if (!tables) {
    tables = new Map();
    columnTypes.set(client, tables);
  }
  let types = tables.get(table);
  if (!types) {
    const { rows } = await client.query<{ name: string; type: string }>(
      `select attname as name, format_type(atttypid, atttypmod) as type from pg_attribute
        where attrelid = to_regclass($1) and attnum > 0 and not attisdropped`,
      [table],
    );
    types = new Map(rows.map((r) => [r.name, r.type]));
    tables.set(table, types);
  }
  return types;
}

/**
 * COPY in binary when every column is stored as the spec declares it (binary values must be of the
 * column's exact type), else as text, which the server converts.
 */
async function copyStatement(
  client: pg.PoolClient,
  spec: BulkInsertSpec,
  target: string,
  rows: readonly (readonly unknown[])[],
) {
  const types = await typesOf(client, spec.table);
  const binary = spec.columns.every((c) => types.get(c.name) === binaryColumnTypes[c.type]);
  return pipeline(
    Readable.from(binary ? copyBinary(rows, spec.columns) : copyText(rows, spec.columns.length)),
    client.query(copyFrom(`copy ${target} (${columnList(spec)}) from stdin${binary ? " (format binary)" : ""}`)),
  );
}

/**
 * A batch whose rows are almost always new (`mostlyNew`: events, a first rescore's scores) is COPied
 * straight into its table inside a savepoint, skipping the staging table's second pass. A clash with
 * a stored key, or between two rows of the batch, undoes just that attempt (null), and the staging
 * path below applies the conflict rule (skip or update) row by row. 5,000 events: 40–60 ms straight,
 * 60–100 ms staged; 100,000 new scores with their explanations: 1.4 s straight, 2.3 s staged.
 */
async function copyStraightIn(
  client: pg.PoolClient,
  spec: BulkInsertSpec,
  rows: readonly (readonly unknown[])[],
): Promise<BulkInsertResult | null> {
  if (!spec.conflictTarget) return null;
  // What RETURNING would give back: the column as stored, text.
  const returned = spec.returning ? spec.columns.findIndex((c) => c.name === spec.returning) : -1;
  if (spec.returning && spec.columns[returned]?.type !== "text") return null;
  await client.query("savepoint advo_copy_straight");
  try {
    await copyStatement(client, spec, tableName(spec), rows);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await client.query("rollback to savepoint advo_copy_straight");
    return null;
  }
  await client.query("release savepoint advo_copy_straight");
  return {
    inserted: rows.length,
    returned: returned < 0 ? [] : rows.map((row) => (row[returned] == null ? null : String(row[returned]))),
  };
}

/**
 * COPY the rows into a per-session staging table, then insert them all with the spec's conflict
 * rule. (COPY straight into the table after looking up which keys exist was measured too: no
 * faster, as the index work is the same and the lookup costs another round trip.)
 */
export async function copyInsert(
  trx: Kysely<unknown>,
  spec: BulkInsertSpec,
  rows: readonly (readonly unknown[])[],
): Promise<BulkInsertResult> {
  const client = (await sql.raw<{ rawClient: pg.PoolClient }>(RAW_CLIENT_SQL).execute(trx)).rows[0]?.rawClient;
  if (!client) throw new Error("bulk insert: the transaction's pg client is not reachable");
  const table = tableName(spec);
  const columns = columnList(spec);
  const straight = spec.mostlyNew ? await copyStraightIn(client, spec, rows) : null;
  if (straight) return straight;
  const stage = `"_bulk_${spec.table}"`;
  await client.query(
    `create temp table if not exists ${stage} (like ${table} including defaults) on commit delete rows`,
  );
  // Empty at the start of every transaction (on commit delete rows); emptied again for a second batch.
  await client.query(`delete from ${stage}`);
  await copyStatement(client, spec, stage, rows);
  const result = await client.query(
    `insert into ${table} (${columns}) select ${columns} from ${stage}${conflictAndReturning(spec)}`,
  );
  if (!spec.returning) return { inserted: result.rowCount ?? 0, returned: [] };
  return { inserted: result.rows.length, returned: result.rows.map((r: { v: unknown }) => r.v) };
}
