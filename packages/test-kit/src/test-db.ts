import { randomBytes } from "node:crypto";
import { createDb, type DbHandle, type DialectName, migrateToLatest } from "@advo/db";
import pg from "pg";

/** Which databases the suite runs on: TEST_DIALECTS=sqlite,postgres (default sqlite). */
export function dialectsUnderTest(): DialectName[] {
  const raw = (process.env.TEST_DIALECTS ?? "sqlite")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const name of raw) {
    if (name !== "sqlite" && name !== "postgres") {
      throw new Error(`TEST_DIALECTS: unknown dialect "${name}" (use sqlite, postgres or both)`);
    }
  }
  return raw as DialectName[];
}

export function postgresTestUrl(): string {
  const url = process.env.TEST_PG_URL;
  // Asked for PostgreSQL and given no server: fail loudly, never skip.
  if (!url)
    throw new Error("TEST_DIALECTS includes postgres but TEST_PG_URL is not set (postgres://user@host:port/db)");
  return url;
}

export interface TestDb extends DbHandle {
  dialect: DialectName;
  /** PostgreSQL: the schema this test database lives in. */
  schema?: string;
}

/** A fresh, migrated database: an in-memory SQLite file, or a new schema on the PostgreSQL server. */
export async function createTestDb(dialect: DialectName): Promise<TestDb> {
  if (dialect === "sqlite") {
    const handle = createDb({ url: "sqlite::memory:" });
    await migrateToLatest(handle.db);
    return { ...handle, dialect };
  }
  const url = postgresTestUrl();
  const schema = `t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create schema ${schema}`);
  } finally {
    await admin.end();
  }
  const handle = createDb({ url, schema, maxConnections: 8 });
  await migrateAlongsideOtherTests(handle.db);
  return {
    ...handle,
    dialect,
    schema,
    close: async () => {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      try {
        await cleanup.query(`drop schema ${schema} cascade`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

/**
 * Kysely's migrator looks for its bookkeeping tables across every schema of the database; when
 * another test file drops its schema at that moment, PostgreSQL reports one of that schema's
 * relations as missing. Only test databases share a server this way, so the retry lives here.
 */
async function migrateAlongsideOtherTests(db: TestDb["db"]) {
  for (let attempt = 1; ; attempt++) {
    try {
      await migrateToLatest(db);
      return;
    } catch (error) {
      const vanished = /does not exist/.test(error instanceof Error ? error.message : "");
      if (!vanished || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}
