import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { SqliteDialect } from "kysely";
import type { DialectAdapter } from "./types.ts";

export function createSqliteAdapter(path: string): DialectAdapter & { raw: SQLite.Database } {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const raw = new SQLite(path);
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = NORMAL");
  raw.pragma("foreign_keys = ON");
  raw.pragma("busy_timeout = 5000");
  return {
    name: "sqlite",
    raw,
    kyselyDialect: new SqliteDialect({ database: raw }),
    maxParameters: 32_000,
  };
}
