import type { Db, JobsTable } from "@advo/db";
import type { Clock } from "../shared/clock.ts";
import { newId } from "../shared/ids.ts";
import { parseJsonObject, toJson } from "../shared/json.ts";
import type { Scope } from "../shared/scope.ts";
import { claimJob, findDueJobs, finishJob, insertJob, renewJobLock } from "./job.queries.ts";

export interface JobContext {
  scope: Scope;
  payload: Record<string, unknown>;
  attempt: number;
}

export type JobHandler = (job: JobContext) => Promise<void>;

export async function enqueueJob(
  scope: Scope,
  kind: string,
  payload: Record<string, unknown>,
  options: { runAt?: number; maxAttempts?: number } = {},
): Promise<string> {
  const now = scope.clock.now();
  const id = newId("job");
  await insertJob(scope, {
    id,
    kind,
    payload: toJson(payload),
    status: "queued",
    runAt: options.runAt ?? now,
    attempts: 0,
    maxAttempts: options.maxAttempts ?? 5,
    lockedUntil: null,
    lastError: null,
    createdAt: now,
    updatedAt: now,
  });
  return id;
}

const LOCK_MS = 5 * 60 * 1000;
const backoffMs = (attempt: number) => Math.min(60 * 60 * 1000, 1000 * 2 ** attempt);

export interface RunOptions {
  limit?: number;
  /** A failed attempt, or a failed renewal of a running job's lock. */
  onError?: (job: JobsTable, error: unknown) => void;
  /** How long a claim holds before another worker may take the job (default 5 minutes). */
  lockMs?: number;
  /** How often a running job's lock is renewed (default a third of lockMs). */
  renewEveryMs?: number;
}

/**
 * Runs the jobs that are due, once each. A job whose handler throws is retried with exponential
 * backoff until maxAttempts, then left as failed with its last error. Returns how many ran.
 * While a handler runs its lock is renewed, so a job that outlasts the lock (a full rescore of a very
 * large workspace) is not claimed by a second worker; a worker that dies stops renewing, and the job
 * is taken up again once its lock runs out.
 */
export async function runDueJobs(
  db: Db,
  clock: Clock,
  handlers: Record<string, JobHandler>,
  options: RunOptions = {},
): Promise<number> {
  const lockMs = options.lockMs ?? LOCK_MS;
  const now = clock.now();
  const due = await findDueJobs(db, now, options.limit ?? 20);
  let ran = 0;
  for (const job of due) {
    const scope: Scope = { db, tenantId: job.tenantId, clock };
    if (!(await claimJob(scope, job, now, lockMs))) continue;
    ran++;
    const attempt = job.attempts + 1;
    const handler = handlers[job.kind];
    const renewal = setInterval(
      () => {
        renewJobLock(scope, job.id, attempt, clock.now() + lockMs).catch((error) =>
          options.onError?.(job, new Error("could not renew the job's lock; the job keeps running", { cause: error })),
        );
      },
      options.renewEveryMs ?? lockMs / 3,
    );
    renewal.unref();
    try {
      if (!handler) throw new Error(`no handler registered for job kind "${job.kind}"`);
      await handler({ scope, payload: parseJsonObject(job.payload), attempt });
      clearInterval(renewal);
      await finishJob(scope, job.id, attempt, { status: "done", lockedUntil: null, updatedAt: clock.now() });
    } catch (error) {
      clearInterval(renewal);
      options.onError?.(job, error);
      const finalAttempt = attempt >= job.maxAttempts;
      await finishJob(scope, job.id, attempt, {
        status: finalAttempt ? "failed" : "queued",
        runAt: clock.now() + backoffMs(attempt),
        lockedUntil: null,
        lastError: error instanceof Error ? error.message : String(error),
        updatedAt: clock.now(),
      });
    }
  }
  return ran;
}
