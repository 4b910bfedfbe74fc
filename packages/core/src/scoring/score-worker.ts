// A worker thread of a full rescore (score-threads.ts): it opens the database again, scores and
// stores the ranges it is sent, and sends back what the roll-ups need.
import { parentPort, workerData } from "node:worker_threads";
import { createDb } from "@advo/db";
import { type AccountDirectory, loadAccountDirectory } from "./feature.queries.ts";
import { type FromWorker, type ToWorker, takingTurns, type WorkerSetup } from "./score-threads.ts";
import { percentilesFrom, type ScoringContext, scoreAndStore } from "./scoring.ts";

const setup = workerData as WorkerSetup;
const port = parentPort;
if (!port) throw new Error("score-worker.ts runs as a worker thread of a full rescore");
// Checkpoints stay with the thread the rescoring process's own connection started, if it did.
const handle = createDb({
  ...setup.reopen,
  maxConnections: 2,
  sqliteCheckpoints: setup.reopen.sqliteCheckpoints === "self" ? "self" : "elsewhere",
});
const context: ScoringContext = { weights: setup.weights, peers: percentilesFrom(setup.distribution) };
let accounts: Promise<AccountDirectory | null> | undefined;
const turns = takingTurns(setup.writeTurn);

// One range at a time, in the order asked.
let queue = Promise.resolve();
port.on("message", (message: ToWorker) => {
  queue = queue.then(async () => {
    if (message === "close") {
      await handle.close();
      port.close();
      return;
    }
    const { seq, range, now } = message;
    const scope = { db: handle.db, tenantId: setup.tenantId, clock: { now: () => now } };
    try {
      // Read with the first range, and kept for the others.
      accounts ??= loadAccountDirectory(scope, setup.accountsAtMost);
      context.accounts = await accounts;
      const scored = await scoreAndStore(scope, range, context, now, turns);
      port.postMessage({ seq, scored } satisfies FromWorker);
    } catch (error) {
      port.postMessage({ seq, error: error instanceof Error ? error.message : String(error) } satisfies FromWorker);
    }
  });
});
