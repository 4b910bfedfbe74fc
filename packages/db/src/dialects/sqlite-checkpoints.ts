import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/**
 * Moves SQLite's WAL checkpoints off the writing thread. By default the connection that commits a
 * transaction copies the WAL's pages back into the database file whenever the WAL passes 1,000
 * pages: under a steady stream of Segment batches that was every second commit, and it doubled
 * what each batch wrote and read (strace: 1.2 page writes into the WAL per event, as many again
 * copied back, 0.8 page reads). A thread with a connection of its own checkpoints every
 * CHECKPOINT_EVERY_MS instead, beside the writer (a PASSIVE checkpoint never blocks it); the
 * writer still checkpoints itself once the WAL holds BACKSTOP_BYTES. Under a steady stream of commits
 * the thread rarely finds a moment with every page copied, which is when the WAL can start over, so
 * the WAL does reach the backstop: 128 MB rather than 32 made the writer stop for that less often
 * (one process storing 500-event batches: 34–37k against 26–30k events/s past 400,000 events).
 */
export const BACKSTOP_BYTES = 128 * 1024 * 1024;
const CHECKPOINT_EVERY_MS = 50;

// The thread's code, evaluated as CommonJS: nothing to bundle, and better-sqlite3 is loaded by the
// path this module resolves it to.
const CODE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
let db;
try {
  db = new Database(workerData.path);
} catch (error) {
  // Rethrown plain: a SqliteError reaches the other thread without its message.
  throw new Error("could not open " + workerData.path + ": " + (error && error.message) + " (" + (error && error.code) + ")");
}
const checkpoint = (mode) => {
  try {
    db.pragma("wal_checkpoint(" + mode + ")");
  } catch {
    // Busy or locked for a moment: the next tick tries again.
  }
};
const timer = setInterval(() => checkpoint("PASSIVE"), workerData.everyMs);
parentPort.on("message", () => {
  clearInterval(timer);
  checkpoint("PASSIVE");
  db.close();
  parentPort.close();
});
`;

export interface CheckpointThread {
  stop(): Promise<void>;
}

/** Starts checkpointing the WAL of the SQLite file at `path` from a thread of its own. */
export function startCheckpointThread(path: string, onError: (error: Error) => void): CheckpointThread {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(CODE, { eval: true, workerData: { driver, path, everyMs: CHECKPOINT_EVERY_MS } });
  // Never what keeps a process running; the writer checkpoints itself if the thread is gone.
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  worker.on("error", (error: unknown) =>
    onError(error instanceof Error ? error : new Error(`the checkpoint thread failed: ${JSON.stringify(error)}`)),
  );
  let stopping: Promise<void> | undefined;
  return {
    stop() {
      stopping ??= (async () => {
        worker.ref();
        worker.postMessage("stop");
        await exited;
      })();
      return stopping;
    },
  };
}
