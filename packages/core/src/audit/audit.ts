import { type AuditActorType, type AuditEntriesTable, inTransaction } from "@advo/db";
import { toIso } from "../shared/clock.ts";
import { invalidField } from "../shared/errors.ts";
import type { Page } from "../shared/pagination.ts";
import { type Scope, selectFrom, updateTable, withDb } from "../shared/scope.ts";
import {
  type AuditFilter,
  filteredEntries,
  insertAuditEntry,
  lastAfterOf,
  lockAuditHead,
  moveAuditHead,
} from "./audit.queries.ts";
import type { AuditEntry, AuditQuery } from "./audit.schemas.ts";
import { auditEntryHash, ERASED_PREFIX, erasedForm } from "./hash-chain.ts";
import { auditJson } from "./redact.ts";

export interface AuditRecord {
  actor: { type: AuditActorType; id: string; name: string };
  action: string;
  method: string;
  route: string;
  path: string;
  statusCode: number;
  resourceKind: string;
  resourceId: string | null;
  requestId: string;
  /** Any JSON value; secrets are redacted and long documents truncated here. */
  body?: unknown;
  /** The state read before the change; when absent, the previous entry's `after` for the resource is used. */
  before?: unknown;
  /** Record no "before" at all, not even the previous entry's (an erasure must not copy what it erased). */
  noBefore?: boolean;
  after?: unknown;
}

const MODIFIES = new Set(["PUT", "PATCH", "DELETE"]);

/**
 * Appends entries to the tenant's audit chain, in order, under the head's row lock in one database
 * transaction (or the caller's). Returns the stored rows.
 */
export async function recordAuditBatch(scope: Scope, records: readonly AuditRecord[]): Promise<AuditEntriesTable[]> {
  return inTransaction(scope.db, async (trx) => {
    const s = withDb(scope, trx);
    const head = await lockAuditHead(s);
    const now = scope.clock.now();
    const lastAfter = new Map<string, string>();
    let seq = head.lastSeq;
    let prevHash = head.lastHash;
    const rows: AuditEntriesTable[] = [];
    for (const record of records) {
      let before = auditJson(record.before);
      let beforeSource: string | null = before === null ? null : "read";
      // A modification not read beforehand: the last recorded state of the same resource, if any.
      if (before === null && record.resourceId && !record.noBefore && MODIFIES.has(record.method)) {
        const key = `${record.resourceKind}\n${record.resourceId}`;
        const previous = lastAfter.get(key) ?? (await lastAfterOf(s, record.resourceKind, record.resourceId))?.after;
        if (previous) {
          before = previous;
          beforeSource = "previous_entry";
        }
      }
      seq += 1;
      const fields = {
        tenantId: scope.tenantId,
        seq,
        at: now,
        actorType: record.actor.type,
        actorId: record.actor.id,
        actorName: record.actor.name,
        action: record.action,
        method: record.method,
        route: record.route,
        path: record.path.slice(0, 2000),
        statusCode: record.statusCode,
        resourceKind: record.resourceKind,
        resourceId: record.resourceId,
        requestId: record.requestId,
        body: auditJson(record.body),
        before,
        beforeSource,
        after: auditJson(record.after),
      };
      const hash = auditEntryHash(prevHash, fields);
      rows.push({ ...fields, prevHash, hash });
      if (record.resourceId && fields.after !== null)
        lastAfter.set(`${record.resourceKind}\n${record.resourceId}`, fields.after);
      prevHash = hash;
    }
    for (const { tenantId: _, ...row } of rows) await insertAuditEntry(s, row);
    await moveAuditHead(s, seq, prevHash);
    return rows;
  });
}

// Group commit, as the ledger's: entries that arrive while a tenant's previous batch is being
// written wait and are written together, so concurrent writes do not each pay a lock and a commit.
interface Waiter {
  record: AuditRecord;
  resolve: (row: AuditEntriesTable) => void;
  reject: (error: unknown) => void;
}
const MAX_BATCH = 500;
const queues = new WeakMap<object, Map<string, { waiting: Waiter[]; draining: boolean }>>();

async function drain(scope: Scope, queue: { waiting: Waiter[]; draining: boolean }) {
  queue.draining = true;
  try {
    while (queue.waiting.length > 0) {
      await new Promise((resolve) => setImmediate(resolve));
      const batch = queue.waiting.splice(0, MAX_BATCH);
      try {
        const rows = await recordAuditBatch(
          scope,
          batch.map((w) => w.record),
        );
        for (const [i, w] of batch.entries()) w.resolve(rows[i] as AuditEntriesTable);
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
  } finally {
    queue.draining = false;
  }
}

/** Appends one entry through the tenant's group-commit queue (inside a caller's transaction, directly in it). */
export async function recordAudit(scope: Scope, record: AuditRecord): Promise<AuditEntriesTable> {
  if (scope.db.isTransaction) return (await recordAuditBatch(scope, [record]))[0] as AuditEntriesTable;
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
  const q = queue;
  return new Promise<AuditEntriesTable>((resolve, reject) => {
    q.waiting.push({ record, resolve, reject });
    if (!q.draining) void drain(scope, q);
  });
}

function parse(text: string | null): unknown {
  if (text === null) return null;
  if (text.startsWith(ERASED_PREFIX)) return { erased: true, sha256: text.slice(ERASED_PREFIX.length) };
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export const toAuditEntry = (r: AuditEntriesTable): AuditEntry => ({
  seq: Number(r.seq),
  at: toIso(Number(r.at)),
  actor: { type: r.actorType, id: r.actorId, name: r.actorName },
  action: r.action,
  method: r.method,
  route: r.route,
  path: r.path,
  statusCode: Number(r.statusCode),
  resource: { kind: r.resourceKind, id: r.resourceId },
  requestId: r.requestId,
  body: parse(r.body),
  before: parse(r.before),
  beforeSource: r.beforeSource === "read" || r.beforeSource === "previous_entry" ? r.beforeSource : null,
  after: parse(r.after),
  hash: r.hash,
});

/** Newest first, filtered by actor, resource and time; the cursor is the last entry's sequence number. */
export async function listAudit(scope: Scope, query: AuditQuery): Promise<Page<AuditEntry>> {
  let q = filteredEntries(scope, query);
  if (query.cursor) {
    const seq = Number(Buffer.from(query.cursor, "base64url").toString("utf8"));
    if (!Number.isSafeInteger(seq) || seq < 1) throw invalidField("cursor", "is not a cursor this API issued");
    q = q.where("seq", "<", seq);
  }
  const rows = await q
    .orderBy("seq", "desc")
    .limit(query.limit + 1)
    .execute();
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const last = page[page.length - 1];
  return {
    data: page.map(toAuditEntry),
    nextCursor: more && last ? Buffer.from(String(last.seq), "utf8").toString("base64url") : null,
  };
}

/** Every matching entry, oldest first, a page at a time (for exports). */
export async function* exportAudit(scope: Scope, filter: AuditFilter, pageSize = 1000): AsyncGenerator<AuditEntry> {
  let lastSeq = 0;
  for (;;) {
    const rows = await filteredEntries(scope, filter)
      .where("seq", ">", lastSeq)
      .orderBy("seq")
      .limit(pageSize)
      .execute();
    for (const r of rows) yield toAuditEntry(r);
    if (rows.length < pageSize) return;
    lastSeq = Number(rows[rows.length - 1]?.seq);
  }
}

const CSV_COLUMNS = [
  "seq",
  "at",
  "actorType",
  "actorId",
  "actorName",
  "action",
  "method",
  "path",
  "statusCode",
  "resourceKind",
  "resourceId",
  "requestId",
  "body",
  "before",
  "after",
  "hash",
] as const;

const csvCell = (v: unknown): string => {
  const text = v === null || v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v);
  // A leading = + - @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export const auditCsvHeader = `${CSV_COLUMNS.join(",")}\n`;

export function auditCsvLine(e: AuditEntry): string {
  const flat: Record<(typeof CSV_COLUMNS)[number], unknown> = {
    seq: e.seq,
    at: e.at,
    actorType: e.actor.type,
    actorId: e.actor.id,
    actorName: e.actor.name,
    action: e.action,
    method: e.method,
    path: e.path,
    statusCode: e.statusCode,
    resourceKind: e.resource.kind,
    resourceId: e.resource.id,
    requestId: e.requestId,
    body: e.body,
    before: e.before,
    after: e.after,
    hash: e.hash,
  };
  return `${CSV_COLUMNS.map((c) => csvCell(flat[c])).join(",")}\n`;
}

/**
 * Right to erasure in an append-only log: every recorded document (body, before, after) that
 * mentions one of `needles` (a contact id, an email) is replaced by its erased form, which keeps
 * its digest, so the chain still verifies. Who did what, when, to which resource stays.
 * Returns the number of entries changed. Runs in the caller's transaction.
 */
export async function eraseFromAuditLog(scope: Scope, needles: readonly string[]): Promise<number> {
  const terms = needles.filter((n) => n.length >= 3).map((n) => `%${n.toLowerCase()}%`);
  if (terms.length === 0) return 0;
  // Case-blind on both databases (PostgreSQL's LIKE is not): a request may spell an email "Ana@Acme.com".
  const rows = await selectFrom(scope, "auditEntries")
    .select(["seq", "body", "before", "after"])
    .where((eb) =>
      eb.or(
        terms.flatMap((t) =>
          (["body", "before", "after"] as const).map((column) => eb(eb.fn("lower", [column]), "like", t)),
        ),
      ),
    )
    .execute();
  for (const r of rows) {
    await updateTable(scope, "auditEntries")
      .set({
        body: r.body === null ? null : erasedForm(r.body),
        before: r.before === null ? null : erasedForm(r.before),
        after: r.after === null ? null : erasedForm(r.after),
      })
      .where("seq", "=", r.seq)
      .execute();
  }
  return rows.length;
}
