import type { ImportRunsTable } from "@advo/db";
import { toIso } from "../shared/clock.ts";
import { notFound } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { decodeCursor, type Page, type PageQuery, toPage } from "../shared/pagination.ts";
import { insertInto, type Scope, selectFrom, updateTable } from "../shared/scope.ts";
import type {
  ImportFormat,
  ImportKind,
  ImportRun,
  ImportRunDetail,
  ImportSummary,
  RowError,
} from "./import.schemas.ts";

/** Refused rows kept with a run: the same first 1,000 the API answers with. */
export const RUN_ERRORS_KEPT = 1000;

export interface ImportRunStart {
  kind: ImportKind;
  format: ImportFormat;
  fileName?: string | null;
  source?: string | null;
  actor: { type: ImportRunsTable["actorType"]; id: string | null; name: string };
}

/**
 * Runs an import and records it: "running" from the start (so an interrupted run shows as one that
 * never finished), then its summary and first refused rows, or why it failed. The record is written
 * outside the import's own transactions: a failed import is still on record.
 */
export async function recordImportRun<T extends { summary: ImportSummary; errors: RowError[]; truncated: boolean }>(
  scope: Scope,
  start: ImportRunStart,
  work: () => Promise<T>,
): Promise<T & { runId: string }> {
  const id = newId("imp");
  await insertInto(scope, "importRuns", {
    id,
    kind: start.kind,
    format: start.format,
    fileName: start.fileName?.slice(0, 255) ?? null,
    source: start.source ?? null,
    actorType: start.actor.type,
    actorId: start.actor.id,
    actorName: start.actor.name,
    status: "running",
    startedAt: scope.clock.now(),
    finishedAt: null,
    rows: 0,
    inserted: 0,
    updated: 0,
    skipped: 0,
    rejected: 0,
    errors: "[]",
    errorsTruncated: 0,
    failure: null,
  }).execute();
  try {
    const result = await work();
    await updateTable(scope, "importRuns")
      .set({
        status: "completed",
        finishedAt: scope.clock.now(),
        rows: result.summary.rows,
        inserted: result.summary.inserted,
        updated: result.summary.updated,
        skipped: result.summary.skipped,
        rejected: result.summary.rejected,
        errors: JSON.stringify(result.errors.slice(0, RUN_ERRORS_KEPT)),
        errorsTruncated: result.truncated || result.errors.length > RUN_ERRORS_KEPT ? 1 : 0,
      })
      .where("id", "=", id)
      .execute();
    return { ...result, runId: id };
  } catch (error) {
    // The import's own error is the one to report: should the database refuse this write too, the
    // record stays "running", as an interrupted import's does.
    await updateTable(scope, "importRuns")
      .set({
        status: "failed",
        finishedAt: scope.clock.now(),
        failure: (error instanceof Error ? error.message : String(error)).slice(0, 1000),
      })
      .where("id", "=", id)
      .execute()
      .catch(() => {});
    throw error;
  }
}

const toRun = (r: Omit<ImportRunsTable, "tenantId" | "errors">): ImportRun => ({
  id: r.id,
  kind: r.kind as ImportKind,
  format: r.format as ImportFormat,
  fileName: r.fileName,
  source: r.source,
  actor: { type: r.actorType, id: r.actorId, name: r.actorName },
  status: r.status,
  startedAt: toIso(r.startedAt),
  finishedAt: r.finishedAt === null ? null : toIso(r.finishedAt),
  summary: { rows: r.rows, inserted: r.inserted, updated: r.updated, skipped: r.skipped, rejected: r.rejected },
  errorsTruncated: r.errorsTruncated === 1,
  failure: r.failure,
});

const RUN_COLUMNS = [
  "id",
  "kind",
  "format",
  "fileName",
  "source",
  "actorType",
  "actorId",
  "actorName",
  "status",
  "startedAt",
  "finishedAt",
  "rows",
  "inserted",
  "updated",
  "skipped",
  "rejected",
  "errorsTruncated",
  "failure",
] as const;

/** The workspace's imports, newest first (without their refused rows). */
export async function listImportRuns(scope: Scope, page: PageQuery): Promise<Page<ImportRun>> {
  const after = decodeCursor(page.cursor);
  let query = selectFrom(scope, "importRuns")
    .select(RUN_COLUMNS)
    .orderBy("id", "desc")
    .limit(page.limit + 1);
  if (after) query = query.where("id", "<", after);
  return toPage(await query.execute(), page.limit, toRun);
}

/** One import with the refused rows it kept. */
export async function getImportRun(scope: Scope, id: string): Promise<ImportRunDetail> {
  const row = await selectFrom(scope, "importRuns")
    .select([...RUN_COLUMNS, "errors"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound("import", id);
  return { ...toRun(row), errors: JSON.parse(row.errors) as RowError[] };
}

/**
 * Refused rows quote the file: those naming a person being erased (an email, an id) lose their line
 * and reason. Returns how many imports changed.
 */
export async function eraseFromImportRuns(scope: Scope, needles: readonly string[]): Promise<number> {
  const terms = needles.filter((n) => n.length >= 3).map((n) => n.toLowerCase());
  if (terms.length === 0) return 0;
  // Case-blind on both databases (PostgreSQL's LIKE is not): a file may spell an email "Ana@Acme.com".
  const rows = await selectFrom(scope, "importRuns")
    .select(["id", "errors"])
    .where((eb) => eb.or(terms.map((t) => eb(eb.fn("lower", ["errors"]), "like", `%${t}%`))))
    .execute();
  const mentions = (text: string) => terms.some((t) => text.toLowerCase().includes(t));
  for (const row of rows) {
    const errors = (JSON.parse(row.errors) as RowError[]).map((e) =>
      mentions(e.line) || mentions(e.reason) ? { ...e, reason: "[erased]", line: "[erased]" } : e,
    );
    await updateTable(scope, "importRuns")
      .set({ errors: JSON.stringify(errors) })
      .where("id", "=", row.id)
      .execute();
  }
  return rows.length;
}
