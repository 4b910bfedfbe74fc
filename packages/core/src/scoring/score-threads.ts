import { createHash } from "node:crypto";
import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isMainThread, threadId, Worker } from "node:worker_threads";
import { type AdapterOptions, adapterOf } from "@advo/db";
import type { Scope } from "../shared/scope.ts";
import type { Weights } from "./components.ts";
import type { ContactRange } from "./feature.queries.ts";
import type { PeerRows, ScoredContact } from "./scoring.ts";

/** What every worker thread is started with. */
export interface WorkerSetup {
  reopen: AdapterOptions;
  /** Present when the database takes one writer at a time: see takingTurns(). */
  writeTurn: SharedArrayBuffer | null;
  tenantId: string;
  weights: Weights;
  distribution: PeerRows;
  /** Read the workspace's accounts once if there are at most this many (loadAccountDirectory). */
  accountsAtMost: number;
}
export type ToWorker = { seq: number; range: ContactRange; now: number } | "close";
export type FromWorker = { seq: number; scored: ScoredContact[] } | { seq: number; error: string };

interface ThreadPlan {
  scope: Scope;
  reopen: AdapterOptions;
  threads: number;
  ranges: AsyncIterable<ContactRange>;
  shared: Pick<WorkerSetup, "weights" | "distribution" | "accountsAtMost">;
  /** Scores and stores a range in this thread (a failed worker's work is taken over this way). */
  scoreHere: (range: ContactRange, now: number, turns: Turns) => Promise<ScoredContact[]>;
  onScored: (scored: ScoredContact[]) => void;
  onThreadError?: (error: Error) => void;
}

/**
 * Worker threads read, score and store ranges of contacts side by side, and send back only what the
 * account and peer roll-ups need. (Sending whole score rows for this thread to store cost more than
 * the second thread gained: every row and its explanation copied twice, and one writer for all.)
 * Each worker has two ranges asked of it, so it never waits for this thread between them.
 */
export async function scoreInThreads(plan: ThreadPlan): Promise<void> {
  const ranges = plan.ranges[Symbol.asyncIterator]();
  let script: URL;
  try {
    script = await workerScript();
  } catch (error) {
    // No worker to start (from sources: esbuild missing, or node_modules not writable): score here.
    plan.onThreadError?.(error instanceof Error ? error : new Error(String(error)));
    for (let next = await ranges.next(); !next.done; next = await ranges.next())
      plan.onScored(await plan.scoreHere(next.value, plan.scope.clock.now(), (work) => work()));
    return;
  }
  const writeTurn = adapterOf(plan.scope.db).concurrentWriters ? null : new SharedArrayBuffer(4);
  const turns = takingTurns(writeTurn);
  const workers = Array.from({ length: plan.threads }, () =>
    startWorker(script, { ...plan.shared, reopen: plan.reopen, writeTurn, tenantId: plan.scope.tenantId }),
  );
  // Ranges taken over here run one after another: waiting for the write turn blocks this thread, so
  // a second range must never wait while the first holds the turn across an await.
  let takenOver = Promise.resolve();
  const scoreHere = (range: ContactRange, now: number) => {
    const run = takenOver.then(() => plan.scoreHere(range, now, turns));
    takenOver = run.then(
      () => {},
      () => {},
    );
    return run;
  };
  const lane = async (worker: ScoringWorker) => {
    for (;;) {
      const next = await ranges.next();
      if (next.done) return;
      const now = plan.scope.clock.now();
      let scored: ScoredContact[];
      try {
        scored = worker.failed ? await scoreHere(next.value, now) : await worker.score(next.value, now);
      } catch (error) {
        // The worker crashed or its query failed: it takes no more work, and this thread scores the
        // range itself (meeting, and throwing, any error that is not the worker's own).
        const failure = worker.failed ?? (error instanceof Error ? error : new Error(String(error)));
        worker.fail(failure);
        if (!worker.reported) {
          worker.reported = true;
          plan.onThreadError?.(failure);
        }
        scored = await scoreHere(next.value, now);
      }
      plan.onScored(scored);
    }
  };
  try {
    await Promise.all(workers.flatMap((worker) => [lane(worker), lane(worker)]));
  } finally {
    await Promise.all(workers.map((worker) => worker.close()));
  }
}

/** Runs a piece of work while holding the write turn, or at once when there is none. */
export type Turns = <T>(work: () => Promise<T>) => Promise<T>;

/**
 * Threads writing to SQLite take turns through a lock in shared memory. Left to SQLite's busy
 * timeout, one thread could lose the race for the write lock again and again until the timeout
 * (measured: a worker failed with "database is locked" under a profiler's slowdown).
 */
export function takingTurns(buffer: SharedArrayBuffer | null): Turns {
  if (!buffer) return (work) => work();
  const lock = new Int32Array(buffer);
  // The lock holds the holder's thread id + 1 (0: free), so a thread that dies holding it can be freed.
  const mine = threadId + 1;
  // A worker blocks while it waits; the main thread must not, or it could not hear that a worker died.
  const wait = isMainThread
    ? async (held: number) => {
        const waiting = (Atomics as unknown as AtomicsWithWaitAsync).waitAsync(lock, 0, held, 100);
        if (waiting.async) await waiting.value;
      }
    : async (held: number) => {
        Atomics.wait(lock, 0, held, 100);
      };
  return async (work) => {
    for (let held = Atomics.compareExchange(lock, 0, 0, mine); held !== 0; ) {
      await wait(held);
      held = Atomics.compareExchange(lock, 0, 0, mine);
    }
    try {
      return await work();
    } finally {
      Atomics.store(lock, 0, 0);
      Atomics.notify(lock, 0, 1);
    }
  };
}

// Atomics.waitAsync is in Node since 16 but in TypeScript's lib only from ES2024.
interface AtomicsWithWaitAsync {
  waitAsync(
    array: Int32Array,
    index: number,
    value: number,
    timeout: number,
  ): { async: false; value: string } | { async: true; value: Promise<string> };
}

/** Frees the write turn if a worker thread stopped while holding it. */
function releaseTurnOf(buffer: SharedArrayBuffer | null, workerThreadId: number) {
  if (!buffer) return;
  const lock = new Int32Array(buffer);
  if (Atomics.compareExchange(lock, 0, workerThreadId + 1, 0) === workerThreadId + 1) Atomics.notify(lock, 0, 1);
}

interface ScoringWorker {
  score(range: ContactRange, now: number): Promise<ScoredContact[]>;
  /** Why it stopped working, once it has. */
  failed: Error | null;
  reported: boolean;
  fail(error: Error): void;
  close(): Promise<void>;
}

/**
 * The worker's script: the CLI bundle's build of score-worker.ts beside it, or, from TypeScript
 * sources, that file bundled here with esbuild as the CLI's bundle is. (Through tsx instead, each
 * thread spent about 3 s compiling the modules it imports, longer than it then worked at 100,000
 * contacts.)
 */
async function workerScript(): Promise<URL> {
  const here = import.meta.url;
  if (!here.endsWith(".ts")) return new URL("./score-worker.mjs", here);
  builtFromSources ??= buildFromSources(here);
  return builtFromSources;
}

let builtFromSources: Promise<URL> | undefined;

async function buildFromSources(here: string): Promise<URL> {
  const { build } = await import("esbuild");
  const result = await build({
    entryPoints: [fileURLToPath(new URL("./score-worker.ts", here))],
    bundle: true,
    write: false,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
    // Only Advo's own TypeScript is bundled; every installed package is loaded from node_modules.
    plugins: [
      {
        name: "installed-packages-external",
        setup(bundler) {
          bundler.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith("@advo/") ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
  });
  const code = result.outputFiles[0]?.text ?? "";
  // Under node_modules, so the packages left external resolve; named by content, so concurrent
  // processes and later runs share one file and a changed source gets a new one.
  const esbuildRoot = dirname(createRequire(here).resolve("esbuild/package.json"));
  const dir = join(dirname(esbuildRoot), ".cache", "advo");
  const file = join(dir, `score-worker-${createHash("sha256").update(code).digest("hex").slice(0, 16)}.mjs`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, code);
    renameSync(partial, file);
  }
  return pathToFileURL(file);
}

function startWorker(script: URL, setup: WorkerSetup): ScoringWorker {
  const worker = new Worker(script, { workerData: setup });
  const pending = new Map<number, { resolve: (scored: ScoredContact[]) => void; reject: (error: Error) => void }>();
  let seq = 0;
  let closing = false;
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  const self: ScoringWorker = {
    failed: null,
    reported: false,
    fail(error) {
      self.failed ??= error;
      for (const p of pending.values()) p.reject(error);
      pending.clear();
    },
    score(range, now) {
      if (self.failed) return Promise.reject(self.failed);
      return new Promise((resolve, reject) => {
        const id = seq++;
        pending.set(id, { resolve, reject });
        worker.postMessage({ seq: id, range, now } satisfies ToWorker);
      });
    },
    async close() {
      closing = true;
      if (self.failed) await worker.terminate();
      else worker.postMessage("close" satisfies ToWorker);
      await exited;
    },
  };
  worker.on("message", (message: FromWorker) => {
    const waiting = pending.get(message.seq);
    pending.delete(message.seq);
    if ("scored" in message) waiting?.resolve(message.scored);
    else waiting?.reject(new Error(message.error));
  });
  worker.on("error", (error) => self.fail(error));
  const workerThreadId = worker.threadId;
  worker.on("exit", (code) => {
    releaseTurnOf(setup.writeTurn, workerThreadId);
    if (!closing || pending.size > 0) self.fail(new Error(`scoring worker thread stopped (exit code ${code})`));
  });
  return self;
}
