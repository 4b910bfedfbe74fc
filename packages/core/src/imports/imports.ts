import { createReadStream, existsSync, statSync } from "node:fs";
import { basename, extname } from "node:path";
import { inTransaction, isUniqueViolation } from "@advo/db";
import { AppError } from "../shared/errors.ts";
import { type Scope, withDb } from "../shared/scope.ts";
import { createSource, type KnownIdentities, knownIdentities, listSources } from "../signals/index.ts";
import { type AccountDraft, accountDraftOf, commitAccounts } from "./accounts-import.ts";
import type { ChunkCounts, Reject } from "./chunk.ts";
import { type ContactDraft, contactDraftOf } from "./contact-rows.ts";
import { commitContacts } from "./contacts-import.ts";
import { bothErrorSinks, type ErrorSink, fileErrorSink, memoryErrorSink } from "./error-report.ts";
import { commitEvents, type EventDraft, eventDraftOf, eventObjectOf } from "./events-import.ts";
import type { ImportFormat, ImportKind, ImportSummary, MappingFile } from "./import.schemas.ts";
import { type ImportRunStart, RUN_ERRORS_KEPT, recordImportRun } from "./import-runs.ts";
import { type ColumnPlanner, type ColumnRule, checkHeaders, columnPlanner } from "./mapping.ts";
import { type ByteCounter, csvRows, type ImportInput, ndjsonLines, type RawRow } from "./readers.ts";
import { type CellProblem, csvCellsOf, objectCellsOf, objectOf } from "./row-values.ts";

export const DEFAULT_CHUNK_ROWS = 5000;
const YIELD_EVERY_ROWS = 200;

export interface ImportProgress {
  rows: number;
  bytes: number;
}

export interface ImportOptions {
  kind: ImportKind;
  format: ImportFormat;
  mapping?: MappingFile;
  /** contacts/accounts: the system the file comes from (hubspot, salesforce, …). events: the source to record. */
  source?: string;
  /** Rows per transaction. */
  chunkSize?: number;
  errors: ErrorSink;
  onProgress?: (progress: ImportProgress) => void;
  /** Keep a record of this import (GET /api/v1/imports): who ran it, on which file. */
  record?: Pick<ImportRunStart, "actor" | "fileName">;
}

type Draft = ContactDraft | AccountDraft | EventDraft;
type Prepared = { draft: Draft } | { problems: CellProblem[] } | null;

/** Turns raw rows into drafts for one kind: the header (CSV) or first object (NDJSON) sets the column plan. */
function rowReader(scope: Scope, options: ImportOptions) {
  const { kind, mapping } = options;
  let headers: string[] | null = null;
  let rules: ColumnRule[] = [];
  let planner: ColumnPlanner | null = null;
  const receivedAt = scope.clock.now();
  const plan = (columns: string[]) => {
    planner = columnPlanner(kind, { mapping, source: options.source, headers: columns });
    return planner;
  };
  return (raw: RawRow): Prepared => {
    if (raw.problem) return { problems: [raw.problem] };
    let object: Record<string, unknown> | null = null;
    if (raw.cells) {
      if (!headers) {
        const columns = raw.cells.map((h, i) => h.trim() || `column ${i + 1}`);
        const active = plan(columns);
        checkHeaders(kind, active, columns, mapping);
        rules = columns.map((c) => active.ruleFor(c));
        headers = columns;
        return null;
      }
      if (raw.cells.length !== headers.length) {
        return {
          problems: [{ field: "line", reason: `has ${raw.cells.length} fields; the header has ${headers.length}` }],
        };
      }
    } else {
      const parsed = objectOf(raw.line);
      if ("problem" in parsed) return { problems: [parsed.problem] };
      object = parsed.object;
      if (kind === "events") return eventDraftOf(object, raw.line, receivedAt);
    }
    const active = planner ?? plan(Object.keys(object ?? {}));
    const { cells, problems } = raw.cells ? csvCellsOf(raw.cells, rules) : objectCellsOf(object ?? {}, active);
    if (problems.length > 0) return { problems };
    if (kind === "contacts") return contactDraftOf(raw.row, raw.line, cells, active.system);
    if (kind === "accounts") return accountDraftOf(raw.row, raw.line, cells);
    return eventDraftOf(eventObjectOf(cells), raw.line, receivedAt);
  };
}

async function sourceIdFor(scope: Scope, name: string | undefined): Promise<string | null> {
  if (!name) return null;
  const existing = (await listSources(scope)).find((s) => s.name === name && s.kind === "import");
  return existing?.id ?? (await createSource(scope, { name, kind: "import" })).id;
}

/** What one import run keeps between its chunks. */
interface Run {
  sourceId: string | null;
  /** Identity → contact answers of committed chunks (events), so each person is looked up once. */
  identities: KnownIdentities;
}

// Bounds the identity answers kept in memory; past it they are dropped and looked up again.
const MAX_CACHED_IDENTITIES = 200_000;

type Rejection = [row: { row: number; line: string }, problems: CellProblem[]];

/**
 * Commits one chunk in one transaction; a unique clash with a concurrent writer retries it once.
 * Rows refused while committing (identity conflicts) count only for the attempt that commits.
 */
async function commitChunk(
  scope: Scope,
  kind: ImportKind,
  run: Run,
  drafts: Draft[],
): Promise<ChunkCounts & { rejections: Rejection[] }> {
  let rejections: Rejection[] = [];
  const reject: Reject = (row, field, reason) => rejections.push([row, [{ field, reason }]]);
  const once = async (): Promise<ChunkCounts & { rejections: Rejection[] }> => {
    rejections = [];
    return { ...(await attempt()), rejections };
  };
  const attempt = () => {
    switch (kind) {
      case "events":
        if (run.identities.contacts.size > MAX_CACHED_IDENTITIES) run.identities.contacts.clear();
        return commitEvents({ ...scope, sourceId: run.sourceId, identities: run.identities }, drafts as EventDraft[]);
      case "contacts":
        return inTransaction(scope.db, (trx) => commitContacts(withDb(scope, trx), drafts as ContactDraft[], reject));
      case "accounts":
        return inTransaction(scope.db, (trx) => commitAccounts(withDb(scope, trx), drafts as AccountDraft[], reject));
    }
  };
  try {
    return await once();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return once();
  }
}

/**
 * Imports a stream of CSV or NDJSON rows. Each chunk of rows commits in one transaction, so an
 * interrupted import leaves whole chunks; re-running it updates or skips what is already there.
 * Bad rows are reported to `options.errors` and the rest are imported. With `record`, the run is
 * kept on record with its summary and first refused rows (`runId`).
 */
export async function importStream(
  scope: Scope,
  input: ImportInput,
  options: ImportOptions,
): Promise<ImportSummary & { runId?: string }> {
  const { record } = options;
  if (!record) return importRows(scope, input, options);
  const kept = memoryErrorSink(RUN_ERRORS_KEPT);
  const { summary, runId } = await recordImportRun(
    scope,
    { kind: options.kind, format: options.format, source: options.source, ...record },
    async () => {
      const summary = await importRows(scope, input, { ...options, errors: bothErrorSinks(options.errors, kept) });
      return { summary, errors: kept.errors, truncated: kept.truncated };
    },
  );
  return { ...summary, runId };
}

async function importRows(scope: Scope, input: ImportInput, options: ImportOptions): Promise<ImportSummary> {
  const { kind, errors } = options;
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_ROWS;
  const summary: ImportSummary = { rows: 0, inserted: 0, updated: 0, skipped: 0, rejected: 0 };
  const counter: ByteCounter = { bytes: 0 };
  const run: Run = {
    sourceId: kind === "events" ? await sourceIdFor(scope, options.source) : null,
    identities: knownIdentities(),
  };
  const prepare = rowReader(scope, options);

  const rejectRow = async (raw: { row: number; line: string }, problems: CellProblem[]) => {
    summary.rejected++;
    for (const p of problems) await errors.add({ row: raw.row, field: p.field, reason: p.reason, line: raw.line });
  };
  // The next chunk is read and checked while the previous one commits (at most one in flight).
  let pending: Promise<void> = Promise.resolve();
  const commit = (drafts: Draft[]) => {
    pending = (async () => {
      const counts = await commitChunk(scope, kind, run, drafts);
      summary.inserted += counts.inserted;
      summary.updated += counts.updated;
      summary.skipped += counts.skipped;
      for (const [row, problems] of counts.rejections) await rejectRow(row, problems);
      options.onProgress?.({ rows: summary.rows, bytes: counter.bytes });
    })();
    // Handled when awaited; marked now so a failure while the next chunk is read is not "unhandled".
    pending.catch(() => {});
  };

  let drafts: Draft[] = [];
  const take = async (raw: RawRow) => {
    const prepared = prepare(raw);
    if (prepared === null) return;
    summary.rows++;
    if ("problems" in prepared) await rejectRow(raw, prepared.problems);
    else drafts.push(prepared.draft);
    // Reading runs on the thread that also feeds the commit in flight (a PostgreSQL COPY is sent in
    // 64 KB buffers, each written when the one before is taken): left to run a whole read's lines
    // between them, it kept the server waiting.
    if (summary.rows % YIELD_EVERY_ROWS === 0) await new Promise(setImmediate);
    if (drafts.length >= chunkSize) {
      await pending;
      commit(drafts);
      drafts = [];
    }
  };
  try {
    if (options.format === "csv") {
      for await (const raw of csvRows(input, counter)) await take(raw);
    } else {
      for await (const batch of ndjsonLines(input, counter)) for (const raw of batch) await take(raw);
    }
    await pending;
    if (drafts.length > 0) commit(drafts);
    await pending;
  } finally {
    await pending.catch(() => {});
  }
  return summary;
}

export function formatOfPath(path: string): ImportFormat | null {
  const ext = extname(path).toLowerCase();
  if (ext === ".csv" || ext === ".tsv" || ext === ".txt") return "csv";
  if (ext === ".ndjson" || ext === ".jsonl" || ext === ".json") return "ndjson";
  return null;
}

export interface FileImportSummary extends ImportSummary {
  /** The import's record, when it was asked to keep one (GET /api/v1/imports/{id}). */
  runId?: string;
  /** `FILE.errors.csv` when rows were rejected. */
  errorReport: string | null;
}

/** Imports a file, streaming it; rejected rows go to `FILE.errors.csv` beside it. */
export async function importFile(
  scope: Scope,
  path: string,
  options: Omit<ImportOptions, "errors" | "format" | "onProgress"> & {
    format?: ImportFormat;
    onProgress?: (progress: ImportProgress & { totalBytes: number }) => void;
  },
): Promise<FileImportSummary> {
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new AppError("invalid", `file: "${path}" does not exist or is not a file`, [
      { path: "file", message: "does not exist or is not a file" },
    ]);
  }
  const format = options.format ?? formatOfPath(path);
  if (!format) {
    throw new AppError("invalid", `format: cannot tell the format of "${path}"; pass --format csv or ndjson`, [
      { path: "format", message: "give csv or ndjson" },
    ]);
  }
  const totalBytes = statSync(path).size;
  const sink = fileErrorSink(`${path}.errors.csv`);
  // 1 MB reads keep the disk ahead of the parser; NDJSON is decoded in 64 KB windows (readers.ts).
  const input = createReadStream(path, { highWaterMark: 1024 * 1024 });
  try {
    const summary = await importStream(scope, input, {
      ...options,
      format,
      record: options.record && { fileName: basename(path), ...options.record },
      errors: sink,
      onProgress: (p) => options.onProgress?.({ ...p, totalBytes }),
    });
    return { ...summary, errorReport: sink.count() > 0 ? sink.path : null };
  } finally {
    input.destroy();
    await sink.close();
  }
}
