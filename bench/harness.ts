import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDb, type DbHandle, migrateToLatest } from "@advo/db";

/** Dialects to measure: BENCH_DIALECTS=sqlite,postgres (PostgreSQL needs BENCH_PG_URL or TEST_PG_URL). */
export function benchDialects(): { name: "sqlite" | "postgres"; url: string }[] {
  const names = (process.env.BENCH_DIALECTS ?? (pgUrl() ? "sqlite,postgres" : "sqlite")).split(",");
  return names.map((name) => {
    if (name === "sqlite") return { name, url: "sqlite::memory:" };
    const url = pgUrl();
    if (name !== "postgres" || !url)
      throw new Error(`BENCH_DIALECTS: cannot measure "${name}" (set BENCH_PG_URL for postgres)`);
    return { name, url };
  });
}

const pgUrl = () => process.env.BENCH_PG_URL ?? process.env.TEST_PG_URL;

/**
 * A fresh, migrated database; for PostgreSQL a schema of its own, dropped on close. With `onFile`, a
 * SQLite url is replaced by a new file in a temporary folder, removed on close: Advo's embedded
 * database is a file (a WAL to write, and other threads can open it again).
 */
export async function benchDb(url: string, options: { onFile?: boolean } = {}): Promise<DbHandle> {
  if (url.startsWith("sqlite:")) {
    const dir = options.onFile ? mkdtempSync(join(tmpdir(), "advo-bench-")) : null;
    const handle = createDb({ url: dir ? `sqlite:${join(dir, "bench.db")}` : url });
    await migrateToLatest(handle.db);
    if (!dir) return handle;
    return {
      ...handle,
      close: async () => {
        await handle.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const pg = (await import("pg")).default;
  const schema = `bench_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const handle = createDb({ url, schema });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    },
  };
}

export async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; result: T }> {
  const start = process.hrtime.bigint();
  const result = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

/** Busy CPU seconds of the whole machine so far (Linux /proc/stat), or null elsewhere. */
function machineCpuSeconds(): number | null {
  try {
    const fields = readFileSync("/proc/stat", "utf8").split("\n", 1)[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
    // user, nice, system, irq, softirq, steal: everything but idle and iowait.
    const busy = [0, 1, 2, 5, 6, 7].reduce((sum, i) => sum + (fields[i] ?? 0), 0);
    return busy / 100;
  } catch {
    return null;
  }
}

/**
 * `timed`, plus the CPU it took: this process's (every thread) and the machine's (a database server
 * included). On a shared 2-core machine the same work's wall time moves by ±20 % from hour to hour;
 * its CPU time tells a slower machine from more work.
 */
export async function cpuTimed<T>(fn: () => Promise<T> | T) {
  const machineBefore = machineCpuSeconds();
  const processBefore = process.cpuUsage();
  const run = await timed(fn);
  const used = process.cpuUsage(processBefore);
  const machineAfter = machineCpuSeconds();
  const processCpu = (used.user + used.system) / 1e6;
  const machineCpu = machineBefore === null || machineAfter === null ? null : machineAfter - machineBefore;
  const described = `CPU ${processCpu.toFixed(1)} s in Advo${machineCpu === null ? "" : `, ${machineCpu.toFixed(1)} s machine-wide`}`;
  return { ...run, processCpu, machineCpu, described };
}

export const perSecond = (count: number, ms: number) => Math.round((count / ms) * 1000);
export const fmt = (n: number) => n.toLocaleString("en-US");

export function report(rows: Record<string, string | number>[]) {
  console.table(rows);
}

/** The middle value (the upper one of an even count). */
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
