import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { systemClock } from "@advo/core";
import { importFile } from "@advo/core/imports";
import { createTenant } from "@advo/core/tenants";
import { benchDb, benchDialects, fmt, perSecond, report, timed } from "./harness.ts";
import { writeEventsFile } from "./import-data.ts";
import type { Benchmark } from "./registry.ts";

const COUNT = Number(process.env.BENCH_IMPORT_MEMORY_EVENTS ?? (process.env.BENCH_FULL ? 10_000_000 : 1_000_000));
const USERS = 100_000;
const LIMIT_MB = 300;
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** Samples the process's resident memory every 20 ms while `fn` runs. */
async function peakRss<T>(fn: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  try {
    const result = await fn();
    return { result, peak: Math.max(peak, process.memoryUsage().rss) };
  } finally {
    clearInterval(timer);
  }
}

export const importMemoryBench: Benchmark = {
  name: "import-memory",
  description: `importing ${fmt(COUNT)} NDJSON events streams with flat memory: peak RSS (goal < ${LIMIT_MB} MB) vs RSS before the import`,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), "advo-bench-memory-"));
    try {
      const path = join(dir, "events.ndjson");
      const bytes = await writeEventsFile(path, COUNT, USERS);
      console.log(`file: ${fmt(COUNT)} events from ${fmt(USERS)} users, ${fmt(mb(bytes))} MB`);
      for (const dialect of benchDialects()) {
        // A file database, so stored events live on disk and only the importer's memory is measured.
        const url = dialect.name === "sqlite" ? `sqlite:${join(dir, "memory.db")}` : dialect.url;
        const handle = await benchDb(url);
        try {
          const tenantId = (await createTenant(handle.db, systemClock, { name: "Bench" })).id;
          global.gc?.();
          const before = process.memoryUsage().rss;
          const { result, peak } = await peakRss(() =>
            timed(() => importFile({ db: handle.db, tenantId, clock: systemClock }, path, { kind: "events" })),
          );
          if (result.result.inserted !== COUNT) throw new Error(`stored ${result.result.inserted} of ${COUNT}`);
          report([
            {
              dialect: dialect.name,
              events: fmt(COUNT),
              "file MB": fmt(mb(bytes)),
              seconds: (result.ms / 1000).toFixed(1),
              "events/s": fmt(perSecond(COUNT, result.ms)),
              "RSS before MB": mb(before),
              "peak RSS MB": mb(peak),
            },
          ]);
          console.log(
            `${dialect.name}: peak RSS ${mb(peak)} MB = ${(peak / before).toFixed(2)} × the RSS before the import, ` +
              `${((100 * peak) / bytes).toFixed(1)} % of the file (goal < ${LIMIT_MB} MB: ${mb(peak) < LIMIT_MB ? "met" : "not met"})`,
          );
        } finally {
          await handle.close();
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
