import type { Scope } from "../shared/scope.ts";
import { type PostedTransaction, type Posting, postBatch } from "./post.ts";

// Group commit: postings that arrive while a tenant's previous batch is being written wait and are
// written together, under one chain lock and one database transaction. Each still gets its own
// ledger transaction, idempotency key and outcome. Under concurrency this turns N lock/commit
// round trips into a few; a lone posting is written at once, as before.

interface Waiter {
  posting: Posting;
  resolve: (posted: PostedTransaction) => void;
  reject: (error: unknown) => void;
}
interface TenantQueue {
  waiting: Waiter[];
  draining: boolean;
}

const MAX_BATCH = 500;
const queues = new WeakMap<object, Map<string, TenantQueue>>();

function queueOf(scope: Scope): TenantQueue {
  let byTenant = queues.get(scope.db);
  if (!byTenant) {
    byTenant = new Map();
    queues.set(scope.db, byTenant);
  }
  let queue = byTenant.get(scope.tenantId);
  if (!queue) {
    queue = { waiting: [], draining: false };
    byTenant.set(scope.tenantId, queue);
  }
  return queue;
}

async function settle(scope: Scope, batch: Waiter[]) {
  const outcomes = await postBatch(
    scope,
    batch.map((w) => w.posting),
  );
  outcomes.forEach((outcome, i) => {
    const waiter = batch[i] as Waiter;
    if (outcome.ok) waiter.resolve(outcome.posted);
    else waiter.reject(outcome.error);
  });
}

async function drain(scope: Scope, queue: TenantQueue) {
  queue.draining = true;
  try {
    while (queue.waiting.length > 0) {
      // Let requests already read from the network reach the queue first: on SQLite a batch runs
      // without yielding to I/O, so without this pause batches would stay small under load.
      await new Promise((resolve) => setImmediate(resolve));
      const batch = queue.waiting.splice(0, MAX_BATCH);
      try {
        await settle(scope, batch);
      } catch {
        // One posting's database error must not fail its neighbours: write them one by one.
        for (const waiter of batch) await settle(scope, [waiter]).catch((error: unknown) => waiter.reject(error));
      }
    }
  } finally {
    queue.draining = false;
  }
}

/** Posts through the tenant's group-commit queue; inside a caller's transaction, posts directly in it. */
export function postGrouped(scope: Scope, posting: Posting): Promise<PostedTransaction> {
  if (scope.db.isTransaction) {
    return postBatch(scope, [posting]).then(([outcome]) => {
      if (!outcome) throw new Error("postBatch returned no outcome");
      if (!outcome.ok) throw outcome.error;
      return outcome.posted;
    });
  }
  const queue = queueOf(scope);
  return new Promise<PostedTransaction>((resolve, reject) => {
    queue.waiting.push({ posting, resolve, reject });
    if (!queue.draining) void drain(scope, queue);
  });
}
