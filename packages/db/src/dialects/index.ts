import { createPostgresAdapter } from "./postgres.ts";
import { createSqliteAdapter } from "./sqlite.ts";
import type { AdapterOptions, DialectAdapter } from "./types.ts";

export type { AdapterOptions, DialectAdapter, DialectName } from "./types.ts";

export function createAdapter(options: AdapterOptions): DialectAdapter {
  const { url } = options;
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
    const adapter = createPostgresAdapter({ url, schema: options.schema, maxConnections: options.maxConnections });
    return { ...adapter, reopen: options };
  }
  if (url.startsWith("sqlite:")) {
    const path = url.slice("sqlite:".length) || ":memory:";
    const adapter = createSqliteAdapter(path, {
      cacheMb: options.sqliteCacheMb,
      checkpoints: options.sqliteCheckpoints,
    });
    // An in-memory database exists only on this connection: nothing else can open it.
    return path === ":memory:" ? adapter : { ...adapter, reopen: options };
  }
  throw new Error(
    `DATABASE_URL must start with "sqlite:" (e.g. sqlite:./data/advo.db) or "postgres://"; got "${redact(url)}"`,
  );
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, "//$1:***@");
}
