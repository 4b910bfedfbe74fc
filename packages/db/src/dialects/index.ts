import { createPostgresAdapter } from "./postgres.ts";
import { createSqliteAdapter } from "./sqlite.ts";
import type { DialectAdapter } from "./types.ts";

export type { DialectAdapter, DialectName } from "./types.ts";

export interface AdapterOptions {
  /** `sqlite:PATH`, `sqlite::memory:` or `postgres://…` / `postgresql://…` */
  url: string;
  /** PostgreSQL only: the schema to work in (search_path). */
  schema?: string;
  maxConnections?: number;
  /** SQLite only: the page cache in MB (default 64); it counts in this process's memory. */
  sqliteCacheMb?: number;
}

export function createAdapter(options: AdapterOptions): DialectAdapter {
  const { url } = options;
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
    return createPostgresAdapter({ url, schema: options.schema, maxConnections: options.maxConnections });
  }
  if (url.startsWith("sqlite:")) {
    return createSqliteAdapter(url.slice("sqlite:".length) || ":memory:", { cacheMb: options.sqliteCacheMb });
  }
  throw new Error(
    `DATABASE_URL must start with "sqlite:" (e.g. sqlite:./data/advo.db) or "postgres://"; got "${redact(url)}"`,
  );
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, "//$1:***@");
}
