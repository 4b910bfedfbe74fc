import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { createDb, type DbHandle, inTransaction } from "./create-db.ts";
import { BACKSTOP_BYTES, startCheckpointThread } from "./dialects/sqlite-checkpoints.ts";

const PAGE = 4096;
const dirs: string[] = [];
const handles: DbHandle[] = [];
afterEach(async () => {
  for (const handle of handles.splice(0)) await handle.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function open(checkpoints: "thread" | "self") {
  const dir = mkdtempSync(join(tmpdir(), "advo-checkpoints-"));
  dirs.push(dir);
  const file = join(dir, "advo.db");
  const handle = createDb({ url: `sqlite:${file}`, sqliteCheckpoints: checkpoints });
  handles.push(handle);
  return { handle, file };
}

// About 2 MB: under both the writer's backstop and SQLite's own threshold (1,000 pages of 16 KB).
async function writePages(handle: DbHandle) {
  await sql`create table blobs (id integer primary key, body blob)`.execute(handle.db);
  await inTransaction(handle.db, async (trx) => {
    for (let i = 0; i < 500; i++) await sql`insert into blobs (body) values (zeroblob(${PAGE}))`.execute(trx);
  });
}

async function fileReaches(file: string, bytes: number, waitMs: number) {
  for (const until = Date.now() + waitMs; Date.now() < until; await new Promise((r) => setTimeout(r, 20)))
    if (statSync(file).size >= bytes) return true;
  return statSync(file).size >= bytes;
}

describe("SQLite checkpoints from a thread of their own", () => {
  it("copies committed pages into the database file without the writer checkpointing", async () => {
    const { handle, file } = open("thread");
    const plain = handle.db.withoutPlugins();
    const { rows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(plain);
    const { rows: page } = await sql<{ page_size: number }>`pragma page_size`.execute(plain);
    expect(page[0]?.page_size).toBe(16_384);
    expect(rows[0]?.wal_autocheckpoint).toBe(BACKSTOP_BYTES / 16_384);
    await writePages(handle);
    expect(await fileReaches(file, 500 * PAGE, 10_000)).toBe(true);
  });

  it("leaves the pages in the WAL when the writer alone would (no thread)", async () => {
    const { handle, file } = open("self");
    await writePages(handle);
    expect(await fileReaches(file, 500 * PAGE, 500)).toBe(false);
    const { rows } = await sql<{ n: number }>`select count(*) as n from blobs`.execute(handle.db);
    expect(Number(rows[0]?.n)).toBe(500);
  });

  it("folds the WAL into the file and stops the thread on close", async () => {
    const { handle, file } = open("thread");
    await writePages(handle);
    await handle.close();
    handles.splice(handles.indexOf(handle), 1);
    expect(existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0).toBe(0);
    const again = createDb({ url: `sqlite:${file}`, sqliteCheckpoints: "self" });
    handles.push(again);
    const { rows } = await sql<{ n: number }>`select count(*) as n from blobs`.execute(again.db);
    expect(Number(rows[0]?.n)).toBe(500);
  });

  it("reports a thread that cannot open its database, and stops cleanly", async () => {
    const dir = mkdtempSync(join(tmpdir(), "advo-checkpoints-"));
    dirs.push(dir);
    const errors: Error[] = [];
    // A directory is no database file.
    const thread = startCheckpointThread(dir, (error) => errors.push(error));
    await thread.stop();
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/open/i);
  });
});
