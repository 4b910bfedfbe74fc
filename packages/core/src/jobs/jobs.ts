import type { Db, JobsTable } from "@advo/db";
import { type Clock, toIso } from "../shared/clock.ts";
import { AppError, notFound } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { parseJsonObject, toJson } from "../shared/json.ts";
import { type Scope, selectFrom, updateTable } from "../shared/scope.ts";
import {
  claimJob,
  deleteCompletedJob,
  deleteFailedJobsBefore,
  findDueJobs,
  findDueJobsOfKind,
  finishJob,
  insertJob,
  renewJobLock,
} from "./job.queries.ts";
import { type JobListQuery, type JobOutput, jobListQuery } from "./job.schemas.ts";

export interface JobContext {
  scope: Scope;
  payload: Record<string, unknown>;
  attempt: number;
}

export type JobHandler = (job: JobContext) => Promise<void>;

/**
 * A job kind whose due jobs of one workspace run together, up to `atMost` at a time: one call of
 * `run` with their payloads folded into one. Work that many small jobs would repeat is done once (an
 * import enqueues a job per chunk, each naming most of the same contacts: 40 jobs for 200,000 events
 * of 10,000 people).
 */
export interface FoldedJobHandler {
  run: JobHandler;
  fold: (payloads: Record<string, unknown>[]) => Record<string, unknown>;
  atMost: number;
}

export type JobHandlers = Record<string, JobHandler | FoldedJobHandler>;

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

interface Claimed {
  job: JobsTable;
  attempt: number;
}

/**
 * Runs the jobs that are due, once each (a folded kind's several at a time: FoldedJobHandler). A job
 * that completes is removed; one whose handler throws is retried with exponential backoff until
 * maxAttempts, then left as failed with its last error. Returns how many jobs ran.
 * While a handler runs its lock is renewed, so a job that outlasts the lock (a full rescore of a very
 * large workspace) is not claimed by a second worker; a worker that dies stops renewing, and the job
 * is taken up again once its lock runs out.
 */
export async function runDueJobs(
  db: Db,
  clock: Clock,
  handlers: JobHandlers,
  options: RunOptions = {},
): Promise<number> {
  const lockMs = options.lockMs ?? LOCK_MS;
  const now = clock.now();
  const due = await findDueJobs(db, now, options.limit ?? 20);
  let ran = 0;
  for (const job of due) {
    const scope: Scope = { db, tenantId: job.tenantId, clock };
    // A job a folded run before it took is claimed no more: its attempts have moved on.
    if (!(await claimJob(scope, job, now, lockMs))) continue;
    const handler = handlers[job.kind];
    const folded = handler && typeof handler !== "function" ? handler : null;
    const run = typeof handler === "function" ? handler : handler?.run;
    const claimed: Claimed[] = [{ job, attempt: job.attempts + 1 }];
    const payloads = [parseJsonObject(job.payload)];
    if (folded && folded.atMost > 1) {
      for (const next of await findDueJobsOfKind(scope, job.kind, now, folded.atMost - 1, job.id)) {
        if (!(await claimJob(scope, next, now, lockMs))) continue;
        claimed.push({ job: next, attempt: next.attempts + 1 });
        payloads.push(parseJsonObject(next.payload));
      }
    }
    ran += claimed.length;
    const renewal = setInterval(
      () => {
        for (const c of claimed)
          renewJobLock(scope, c.job.id, c.attempt, clock.now() + lockMs).catch((error) =>
            options.onError?.(
              c.job,
              new Error("could not renew the job's lock; the job keeps running", { cause: error }),
            ),
          );
      },
      options.renewEveryMs ?? lockMs / 3,
    );
    renewal.unref();
    // Done jobs are not kept: every ingest batch queues one, and nothing reads them afterwards.
    const settle = async (c: Claimed, error: unknown) => {
      if (error === null) return void (await deleteCompletedJob(scope, c.job.id, c.attempt));
      options.onError?.(c.job, error);
      await finishJob(scope, c.job.id, c.attempt, {
        status: c.attempt >= c.job.maxAttempts ? "failed" : "queued",
        runAt: clock.now() + backoffMs(c.attempt),
        lockedUntil: null,
        lastError: error instanceof Error ? error.message : String(error),
        updatedAt: clock.now(),
      });
    };
    const attempt = async (payload: () => Record<string, unknown>, c: Claimed) => {
      try {
        if (!run) throw new Error(`no handler registered for job kind "${job.kind}"`);
        await run({ scope, payload: payload(), attempt: c.attempt });
        return null;
      } catch (error) {
        return error ?? new Error("the job failed");
      }
    };
    try {
      const first = claimed[0] as Claimed;
      const alone = (i: number) => () => payloads[i] as Record<string, unknown>;
      if (claimed.length === 1) await settle(first, await attempt(alone(0), first));
      else {
        const failure = await attempt(() => (folded as FoldedJobHandler).fold(payloads), first);
        if (failure === null) for (const c of claimed) await settle(c, null);
        // One bad job must not fail the others folded with it: each runs again alone.
        else for (const [i, c] of claimed.entries()) await settle(c, await attempt(alone(i), c));
      }
    } finally {
      clearInterval(renewal);
    }
  }
  return ran;
}

/** How long a job that failed its last attempt is kept, with its error, for the operator. */
export const FAILED_JOBS_KEPT_MS = 30 * 86_400_000;

/** Removes the workspace's failed jobs older than FAILED_JOBS_KEPT_MS (the worker's daily housekeeping). */
export const purgeFailedJobs = (scope: Scope) => deleteFailedJobsBefore(scope, scope.clock.now() - FAILED_JOBS_KEPT_MS);

const jobOf = (row: JobsTable): JobOutput => ({
  id: row.id,
  kind: row.kind,
  // Only waiting, running and failed jobs are read here; completed ones are removed.
  status: row.status as JobOutput["status"],
  attempts: Number(row.attempts),
  maxAttempts: Number(row.maxAttempts),
  lastError: row.lastError,
  runAt: toIso(Number(row.runAt)),
  createdAt: toIso(Number(row.createdAt)),
  updatedAt: toIso(Number(row.updatedAt)),
});

/** The workspace's background jobs still to run, running, or failed (newest change first). */
export async function listJobs(scope: Scope, query: JobListQuery = {}): Promise<JobOutput[]> {
  const { status, limit } = jobListQuery.parse(query);
  const rows = await selectFrom(scope, "jobs")
    .selectAll()
    .where("status", "in", status ? [status] : ["queued", "running", "failed"])
    .orderBy("updatedAt", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map(jobOf);
}

/** Gives a failed job one more attempt, due now. */
export async function retryJob(scope: Scope, id: string): Promise<JobOutput> {
  const job = await selectFrom(scope, "jobs").selectAll().where("id", "=", id).executeTakeFirst();
  if (!job) throw notFound("job", id);
  if (job.status !== "failed")
    throw new AppError("conflict", `job "${id}" is ${job.status}: only a failed job can be retried`);
  const now = scope.clock.now();
  const retry = {
    status: "queued" as const,
    runAt: now,
    lockedUntil: null,
    maxAttempts: Number(job.attempts) + 1,
    updatedAt: now,
  };
  const result = await updateTable(scope, "jobs")
    .set(retry)
    .where("id", "=", id)
    .where("status", "=", "failed")
    .executeTakeFirst();
  // Another request retried it, or the daily housekeeping removed it, between the read and the write.
  if (Number(result.numUpdatedRows) === 0)
    throw new AppError("conflict", `job "${id}" changed while being retried; read it again`);
  return jobOf({ ...job, ...retry });
}
