import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
// @ts-expect-error plain JavaScript module without types
import { bundleStaleness } from "../apps/cli/bundle.mjs";
import { fmt, perSecond, report } from "./harness.ts";
import { writeEventsFile } from "./import-data.ts";
import type { Benchmark } from "./registry.ts";

// Measured on the real command, `advo import events FILE`, in a process of its own: its resident
// memory is sampled from /proc every 20 ms. The baseline, in the same run, is the same command
// importing a 10-line file: what the process needs before the file's size matters.

const COUNT = Number(process.env.BENCH_IMPORT_MEMORY_EVENTS ?? (process.env.BENCH_FULL ? 10_000_000 : 1_000_000));
const USERS = 100_000;
const LIMIT_MB = 300;
const bin = fileURLToPath(new URL("../apps/cli/bin/advo.js", import.meta.url));
const ensureCliBuild = fileURLToPath(new URL("../scripts/ensure-cli-build.mjs", import.meta.url));
const mb = (kb: number) => Math.round(kb / 1024);

/** Runs `advo …`, sampling its resident set size (kB) until it exits. */
function advo(database: string, args: string[]): Promise<{ ms: number; peakKb: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [bin, "--database", database, ...args], {
      env: { ...process.env, LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => {
      stdout += c;
    });
    child.stderr.on("data", (c: Buffer) => {
      stderr += c;
    });
    let peakKb = 0;
    const status = `/proc/${child.pid}/status`;
    const timer = setInterval(() => {
      try {
        const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(status, "utf8"))?.[1] ?? 0);
        peakKb = Math.max(peakKb, kb);
      } catch {
        // exited between two samples
      }
    }, 20);
    child.on("exit", (code) => {
      clearInterval(timer);
      if (code === 0) resolve({ ms: performance.now() - started, peakKb, stdout });
      else reject(new Error(`advo ${args.join(" ")} exited ${code}: ${stderr.slice(0, 500)}`));
    });
  });
}

export const importMemoryBench: Benchmark = {
  name: "import-memory",
  description: `advo import events of a ${fmt(COUNT)}-event NDJSON file streams with flat memory: peak RSS of the process (goal < ${LIMIT_MB} MB) vs the same command on a 10-line file`,
  async run() {
    if (!existsSync("/proc/self/status")) {
      console.log("import-memory samples /proc/<pid>/status: Linux only; skipped");
      return;
    }
    // The command as `npm start` leaves it: bin/advo.js runs the CLI's bundle once it is built and fresh.
    // ADVO_CLI_SOURCES=1 measures the sources through tsx instead.
    const sources = process.env.ADVO_CLI_SOURCES === "1";
    if (!sources) spawnSync(process.execPath, [ensureCliBuild], { stdio: "inherit" });
    console.log(`CLI: ${sources ? "sources through tsx (ADVO_CLI_SOURCES=1)" : "bundle, apps/cli/dist/advo.mjs"}`);
    const dir = mkdtempSync(join(tmpdir(), "advo-bench-memory-"));
    try {
      const path = join(dir, "events.ndjson");
      const bytes = await writeEventsFile(path, COUNT, USERS);
      const tiny = join(dir, "tiny.ndjson");
      // The first 10 lines, from the file's first 4 KB (the whole 10M-event file is too long for one string).
      const head = Buffer.alloc(4000);
      const fd = openSync(path, "r");
      const read = readSync(fd, head, 0, head.length, 0);
      closeSync(fd);
      writeFileSync(tiny, head.toString("utf8", 0, read).split("\n").slice(0, 10).join("\n"));
      console.log(`file: ${fmt(COUNT)} events from ${fmt(USERS)} users, ${fmt(Math.round(bytes / 1e6))} MB`);
      // SQLite file: the page cache lives in the importing process, so this is the larger footprint.
      // (PostgreSQL is left out: the CLI takes a URL only, and the benchmark schemas need a search_path.)
      const [database, baseline] = ["memory.db", "baseline.db"].map((name) => `sqlite:${join(dir, name)}`) as [
        string,
        string,
      ];
      for (const db of [database, baseline]) {
        await advo(db, ["init", "--tenant", "Memory Bench", "--email", "bench@example.com"]);
      }
      const base = await advo(baseline, ["import", "events", tiny, "--json"]);
      const run = await advo(database, ["import", "events", path, "--json"]);
      const summary = JSON.parse(run.stdout) as { inserted: number };
      // bin/advo.js falls back to the sources when one changes: say so if that happened during the run.
      const stale = sources ? "" : (bundleStaleness() as string);
      if (stale) console.log(`warning: ${stale} during the run; some commands may have run the sources through tsx`);
      if (summary.inserted !== COUNT) throw new Error(`stored ${summary.inserted} of ${COUNT}`);
      report([
        {
          path: `advo import events, ${fmt(COUNT)} events`,
          seconds: (run.ms / 1000).toFixed(1),
          "events/s": fmt(perSecond(COUNT, run.ms)),
          "peak RSS MB": mb(run.peakKb),
        },
        { path: "advo import events, 10 events (baseline)", "peak RSS MB": mb(base.peakKb) },
      ]);
      console.log(
        `sqlite: peak RSS ${mb(run.peakKb)} MB = ${(run.peakKb / base.peakKb).toFixed(2)} × the baseline ` +
          `(goal < ${LIMIT_MB} MB: ${mb(run.peakKb) < LIMIT_MB ? "met" : "not met"})`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
