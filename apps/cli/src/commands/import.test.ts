import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createDb } from "@advo/db";
import { afterAll, describe, expect, it } from "vitest";

// The import is resumable because every chunk commits whole and every row is an upsert by
// identity: a process killed with SIGKILL mid-file leaves whole chunks, and running the same
// command again stores exactly the rest. Tested on a real child process and a SQLite file.

const run = promisify(execFile);
const bin = fileURLToPath(new URL("../../bin/advo.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "advo-import-cli-"));
const dbPath = join(dir, "kill.db");
const database = `sqlite:${dbPath}`;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function advo(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, "--database", database, ...args], {
      env: { ...process.env, LOG_LEVEL: "silent" },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const LINES = 150_000;
const CHUNK = 2000;
const USERS = 3000;
const isBad = (i: number) => i % 50 === 49;

function eventsFile(path: string) {
  const lines: string[] = [];
  for (let i = 0; i < LINES; i++) {
    if (!isBad(i)) {
      lines.push(
        JSON.stringify({
          type: "track",
          messageId: `k-${i}`,
          userId: `u-${i % USERS}`,
          event: "Feature Used",
          properties: { n: i },
          timestamp: "2026-05-01T00:00:00Z",
        }),
      );
    } else lines.push(i % 100 === 49 ? "{broken json" : JSON.stringify({ type: "track", event: "No Who" }));
  }
  writeFileSync(path, `${lines.join("\n")}\n`);
  const bad = lines.filter((_, i) => isBad(i)).length;
  const users = new Set(lines.flatMap((_, i) => (isBad(i) ? [] : [i % USERS]))).size;
  return { good: LINES - bad, bad, users };
}

/** A HubSpot-style contacts export; every 40th row has a bad email. */
function contactsFile(path: string, rows: number) {
  const lines = ["Record ID,First Name,Last Name,Email,Job Title,Company Name,Number of Pageviews"];
  let bad = 0;
  for (let i = 0; i < rows; i++) {
    const email = i % 40 === 39 ? `c${i}-at-example.com` : `c${i}@example.com`;
    if (i % 40 === 39) bad++;
    lines.push(`${500_000 + i},First${i},"Last, ${i}",${email},Engineer,Company ${i % 100},${i % 50}`);
  }
  writeFileSync(path, `${lines.join("\n")}\n`);
  return { good: rows - bad, bad };
}

async function countOf(table: "events" | "contacts") {
  const handle = createDb({ url: database });
  try {
    const row = await handle.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  } catch {
    return 0; // not migrated yet
  } finally {
    await handle.close();
  }
}

/** Starts the import and SIGKILLs it once `atLeast` rows of `table` are stored. */
async function killMidway(
  args: string[],
  table: "events" | "contacts",
  atLeast: number,
  total: number,
): Promise<number> {
  const child: ChildProcess = spawn(process.execPath, [bin, "--database", database, ...args], {
    env: { ...process.env, LOG_LEVEL: "silent" },
    stdio: "ignore",
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error("the import finished before it could be killed");
      const stored = await countOf(table);
      if (stored >= atLeast) {
        expect(stored).toBeLessThan(total);
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill("SIGKILL");
    await exited;
    expect(child.signalCode).toBe("SIGKILL");
    return countOf(table);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
}

describe("advo import", () => {
  it("explains a missing file, an unknown kind and a bad mapping file, exiting 1", async () => {
    expect((await advo("init", "--tenant", "Kill Test", "--email", "k@kill.test")).code).toBe(0);
    const missing = await advo("import", "contacts", join(dir, "nope.csv"));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("nope.csv");
    const kind = await advo("import", "people", join(dir, "nope.csv"));
    expect(kind.code).not.toBe(0);
    expect(kind.stderr).toContain('unknown kind "people"');
    const csv = join(dir, "c.csv");
    writeFileSync(csv, "Email\na@b.com\n");
    const mapping = join(dir, "m.json");
    writeFileSync(mapping, '{"columns": {"Email": "eMail"}}');
    const bad = await advo("import", "contacts", csv, "--mapping", mapping);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('mapping.columns.Email: "eMail" is not a contacts field');
    const ok = await advo("import", "contacts", csv, "--json");
    expect(JSON.parse(ok.stdout)).toMatchObject({ rows: 1, inserted: 1, rejected: 0, errorReport: null });
  }, 120_000);

  it("finishes a SIGKILLed events import on a re-run with exact counts: nothing lost, nothing doubled", async () => {
    const file = join(dir, "events.ndjson");
    const { good, bad, users } = eventsFile(file);
    const stored = await killMidway(["import", "events", file, "--chunk", String(CHUNK)], "events", 3 * CHUNK, good);
    // Only whole chunks were committed.
    expect(stored % CHUNK).toBe(0);

    const rerun = await advo("import", "events", file, "--chunk", String(CHUNK), "--json");
    expect(rerun.code).toBe(0);
    const summary = JSON.parse(rerun.stdout);
    expect(summary).toEqual({
      id: expect.stringMatching(/^imp_/),
      rows: LINES,
      inserted: good - stored,
      updated: 0,
      skipped: stored,
      rejected: bad,
      errorReport: `${file}.errors.csv`,
    });
    expect(await countOf("events")).toBe(good);
    // Both runs are on record: the killed one never finished, the re-run did.
    const handle = createDb({ url: database });
    try {
      const runs = await handle.db
        .selectFrom("importRuns")
        .select(["id", "fileName", "actorName", "status", "inserted", "rejected"])
        .where("kind", "=", "events")
        .orderBy("id")
        .execute();
      expect(runs.map((r) => [r.fileName, r.actorName, r.status])).toEqual([
        ["events.ndjson", "advo CLI", "running"],
        ["events.ndjson", "advo CLI", "completed"],
      ]);
      expect(runs[1]).toMatchObject({ id: summary.id, inserted: good - stored, rejected: bad });
    } finally {
      await handle.close();
    }
    expect(await countOf("contacts")).toBe(users + 1); // + the contact of the first test
    const report = readFileSync(`${file}.errors.csv`, "utf8").trim().split("\n");
    expect(report).toHaveLength(bad + 1);
  }, 180_000);

  it("finishes a SIGKILLed contacts import on a re-run with exact counts", async () => {
    const file = join(dir, "contacts.csv");
    const before = await countOf("contacts");
    const { good, bad } = contactsFile(file, 40_000);
    const chunk = 1000;
    const stored =
      (await killMidway(
        ["import", "contacts", file, "--chunk", String(chunk)],
        "contacts",
        before + 3 * chunk,
        before + good,
      )) - before;
    expect(stored % chunk).toBe(0);
    const rerun = await advo("import", "contacts", file, "--chunk", String(chunk), "--json");
    expect(JSON.parse(rerun.stdout)).toEqual({
      id: expect.stringMatching(/^imp_/),
      rows: 40_000,
      inserted: good - stored,
      updated: 0,
      skipped: stored,
      rejected: bad,
      errorReport: `${file}.errors.csv`,
    });
    expect((await countOf("contacts")) - before).toBe(good);
  }, 180_000);
});
