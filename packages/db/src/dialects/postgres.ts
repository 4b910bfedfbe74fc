import { PostgresDialect } from "kysely";
import pg from "pg";
import type { DialectAdapter } from "./types.ts";

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

export function createPostgresAdapter(options: PostgresOptions): DialectAdapter & { pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    types: typeOverrides,
    options: options.schema ? `-c search_path=${options.schema}` : undefined,
  });
  return {
    name: "postgres",
    pool,
    kyselyDialect: new PostgresDialect({ pool }),
    maxParameters: 65_000,
    schema: options.schema,
  };
}
