import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createDb, type DialectName } from "@advo/db";
import { loadConfig, startServer } from "@advo/server";
import { postgresTestUrl } from "@advo/test-kit";
import { sql } from "kysely";
import pg from "pg";

// Loading the demo workspace takes ~10 s on SQLite and longer on PostgreSQL; every e2e file used to pay
// it for each dialect. The global setup now loads it once per dialect into a template (a SQLite file,
// a PostgreSQL database), and each test server starts on its own copy of it.

/** Where a template lives: the SQLite file's path, or the PostgreSQL database's name. */
export type DemoTemplates = Partial<Record<DialectName, string>>;

/** A database a server can open, and how to remove it again. */
export interface ScratchDb {
  url: string;
  drop(): Promise<void>;
}

declare module "vitest" {
  // What the global setup hands the test files (vitest's provide/inject).
  export interface ProvidedContext {
    demoTemplates: DemoTemplates;
  }
}

const DB_FILE = "advo.db";
// What lives beside a SQLite database and belongs to it (see apps/server/src/secret-key.ts).
const SECRET_KEY_FILE = "secret.key";

/** The demo workspace loaded once into a new database, by a server started as the tests' servers used to be. */
export async function buildDemoTemplate(dialect: DialectName): Promise<{ template: string; drop(): Promise<void> }> {
  const db = dialect === "sqlite" ? newSqliteDatabase("advo-e2e-template-") : await newPostgresDatabase("template_");
  try {
    const config = loadConfig({ DATABASE_URL: db.url, PORT: "0", ADVO_DEMO: "auto", WORKER: "off", LOG_LEVEL: "warn" });
    const server = await startServer({ config });
    await server.stop();
    if (!server.demo) throw new Error(`the demo workspace did not load on the empty ${dialect} database`);
    if (dialect === "sqlite") await checkpoint(db.url);
  } catch (error) {
    await db.drop();
    throw error;
  }
  const template = dialect === "sqlite" ? sqlitePath(db.url) : new URL(db.url).pathname.slice(1);
  return { template, drop: db.drop };
}

/** A fresh copy of a template, for one test server. */
export function copyDemoTemplate(dialect: DialectName, template: string): Promise<ScratchDb> {
  return dialect === "sqlite" ? Promise.resolve(copySqlite(template)) : copyPostgres(template);
}

function newSqliteDatabase(prefix: string): ScratchDb {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { url: `sqlite:${join(dir, DB_FILE)}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

const sqlitePath = (url: string) => url.slice("sqlite:".length);

function copySqlite(template: string): ScratchDb {
  const copy = newSqliteDatabase("advo-e2e-");
  const dir = dirname(sqlitePath(copy.url));
  copyFileSync(template, join(dir, DB_FILE));
  // The demo seals no secrets today; should it, the copy must open them with the template's key.
  const key = join(dirname(template), SECRET_KEY_FILE);
  if (existsSync(key)) copyFileSync(key, join(dir, SECRET_KEY_FILE));
  return copy;
}

// Closing SQLite's last connection normally folds the WAL into the file; made certain here, because the
// copies take the main file alone.
async function checkpoint(url: string) {
  // Without a checkpoint thread of its own, which could hold the checkpoint lock just then.
  const handle = createDb({ url, sqliteCheckpoints: "self" });
  try {
    const { rows } = await sql<{ busy: number }>`pragma wal_checkpoint(TRUNCATE)`.execute(handle.db);
    if (rows[0]?.busy !== 0) throw new Error("the SQLite template's WAL could not be checkpointed");
  } finally {
    await handle.close();
  }
  const wal = `${sqlitePath(url)}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) throw new Error(`${wal} still holds pages after the checkpoint`);
}

// startServer opens its database from a URL, so each server gets its own database on TEST_PG_URL's server.
async function newPostgresDatabase(kind: "" | "template_", template?: string): Promise<ScratchDb> {
  const name = `advo_e2e_${kind}${randomBytes(5).toString("hex")}`;
  // PostgreSQL refuses to copy a database someone is connected to; nothing is, once its server stopped.
  await admin(`create database ${name}${template ? ` template ${template}` : ""}`);
  const url = new URL(postgresTestUrl());
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

const copyPostgres = (template: string) => newPostgresDatabase("", template);

async function admin(statement: string) {
  const client = new pg.Client({ connectionString: postgresTestUrl() });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
