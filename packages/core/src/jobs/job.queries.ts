import type { Database, Db, JobsTable } from "@advo/db";
import type { ExpressionBuilder } from "kysely";
import { deleteFrom, insertInto, type Scope, selectFrom, updateTable } from "../shared/scope.ts";

export const insertJob = (scope: Scope, row: Omit<JobsTable, "tenantId">) => insertInto(scope, "jobs", row).execute();

/** Queued, or running under a lock that ran out (its worker died), and due by `now`. */
const due = (now: number) => (eb: ExpressionBuilder<Database, "jobs">) =>
  eb.and([
    eb("status", "in", ["queued", "running"]),
    eb("runAt", "<=", now),
    eb.or([eb("lockedUntil", "is", null), eb("lockedUntil", "<", now)]),
  ]);

// The worker serves every tenant, so it looks for due work across tenants; claiming and finishing
// a job go back through the tenant scope.
export const findDueJobs = (db: Db, now: number, limit: number) =>
  db.selectFrom("jobs").selectAll().where(due(now)).orderBy("runAt").limit(limit).execute();

/** The workspace's other due jobs of a kind, oldest first (for a folded run: see FoldedJobHandler). */
export const findDueJobsOfKind = (scope: Scope, kind: string, now: number, limit: number, exceptId: string) =>
  selectFrom(scope, "jobs")
    .selectAll()
    .where("kind", "=", kind)
    .where("id", "<>", exceptId)
    .where(due(now))
    .orderBy("runAt")
    .limit(limit)
    .execute();

/** Optimistic claim: succeeds for exactly one worker even when several race for the same job. */
export async function claimJob(scope: Scope, job: JobsTable, now: number, lockMs: number): Promise<boolean> {
  const result = await updateTable(scope, "jobs")
    .set({ status: "running", lockedUntil: now + lockMs, attempts: job.attempts + 1, updatedAt: now })
    .where("id", "=", job.id)
    .where("attempts", "=", job.attempts)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Extends the lock of a job this worker still holds (its claim is the attempt it made). */
export const renewJobLock = (scope: Scope, id: string, attempt: number, lockedUntil: number) =>
  updateTable(scope, "jobs")
    .set({ lockedUntil })
    .where("id", "=", id)
    .where("attempts", "=", attempt)
    .where("status", "=", "running")
    .execute();

/** Removes a job this attempt completed, unless another worker has claimed it since (see finishJob). */
export const deleteCompletedJob = (scope: Scope, id: string, attempt: number) =>
  deleteFrom(scope, "jobs").where("id", "=", id).where("attempts", "=", attempt).execute();

/** Removes the jobs that failed their last attempt before `before`. */
export async function deleteFailedJobsBefore(scope: Scope, before: number): Promise<number> {
  const result = await deleteFrom(scope, "jobs")
    .where("status", "=", "failed")
    .where("updatedAt", "<", before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Records how the attempt ended, unless another worker has claimed the job since (the lock ran out):
 * then that worker's claim stands, and this one's outcome is dropped.
 */
export const finishJob = (
  scope: Scope,
  id: string,
  attempt: number,
  patch: Partial<Omit<JobsTable, "tenantId" | "id">>,
) => updateTable(scope, "jobs").set(patch).where("id", "=", id).where("attempts", "=", attempt).execute();
