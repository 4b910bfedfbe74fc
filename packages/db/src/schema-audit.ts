// Row types of the audit trail (migration 0012). Timestamps epoch ms, JSON documents TEXT.

/** One row per tenant: the audit chain's head, locked by every append. */
export interface AuditHeadsTable {
  tenantId: string;
  lastSeq: number;
  lastHash: string;
  updatedAt: number;
}

export type AuditActorType = "user" | "api_key" | "advocate" | "system";

/** One change, hash-chained to the tenant's previous entry. Never updated or deleted. */
export interface AuditEntriesTable {
  tenantId: string;
  seq: number;
  at: number;
  actorType: AuditActorType;
  actorId: string;
  actorName: string;
  /** create | update | delete | action | sign_in | erase */
  action: string;
  method: string;
  /** The route pattern, e.g. /api/v1/contacts/:id */
  route: string;
  /** The path as called (no query string). */
  path: string;
  statusCode: number;
  /** e.g. contacts, ledger/accounts, settings/scoring-weights */
  resourceKind: string;
  resourceId: string | null;
  requestId: string;
  /** JSON of the request body with secrets redacted, truncated past 20 KB. */
  body: string | null;
  /** JSON of the resource before the change, when known (see beforeSource). */
  before: string | null;
  /** "read": fetched before the handler ran; "previous_entry": the last audit entry's after. */
  beforeSource: string | null;
  /** JSON of the response body (secrets redacted, truncated past 20 KB). */
  after: string | null;
  prevHash: string;
  hash: string;
}

export type ImportRunStatus = "running" | "completed" | "failed";

/** One file import as it ran (migration 0026). */
export interface ImportRunsTable {
  tenantId: string;
  id: string;
  /** contacts | accounts | events */
  kind: string;
  /** csv | ndjson */
  format: string;
  fileName: string | null;
  source: string | null;
  actorType: AuditActorType;
  actorId: string | null;
  actorName: string;
  status: ImportRunStatus;
  startedAt: number;
  finishedAt: number | null;
  rows: number;
  inserted: number;
  updated: number;
  skipped: number;
  rejected: number;
  /** JSON: the first refused rows, as the import reported them. */
  errors: string;
  errorsTruncated: number;
  /** Why a failed run stopped. */
  failure: string | null;
}

export interface AuditDatabase {
  auditHeads: AuditHeadsTable;
  auditEntries: AuditEntriesTable;
  importRuns: ImportRunsTable;
}
