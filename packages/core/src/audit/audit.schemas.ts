import { z } from "zod";

/** The last instant a JavaScript Date can hold (year 275760). */
const MAX_EPOCH_MS = 8.64e15;

export const auditActorTypes = ["user", "api_key", "advocate", "system"] as const;

export const auditQuery = z.object({
  actor: z.string().max(60).optional().describe("Only entries by this actor id (user, API key or contact id)"),
  resourceKind: z.string().max(80).optional().describe("e.g. contacts, programs, ledger/accounts"),
  resourceId: z.string().max(80).optional(),
  from: z.coerce.number().int().min(0).max(MAX_EPOCH_MS).optional().describe("Epoch ms, inclusive"),
  to: z.coerce.number().int().min(0).max(MAX_EPOCH_MS).optional().describe("Epoch ms, exclusive"),
  limit: z.coerce.number().int().min(1).max(500).default(50).describe("Items per page (1–500)"),
  cursor: z.string().max(40).optional().describe("Opaque cursor from the previous page's nextCursor"),
});
export type AuditQuery = z.infer<typeof auditQuery>;

const json = z.unknown().describe("JSON as recorded (secrets redacted, long documents truncated)");

export const auditEntryOutput = z.object({
  seq: z.number().int(),
  at: z.string().describe("ISO 8601"),
  actor: z.object({ type: z.enum(auditActorTypes), id: z.string(), name: z.string() }),
  action: z.string().describe("create | update | delete | action | sign_in | erase"),
  method: z.string(),
  route: z.string(),
  path: z.string(),
  statusCode: z.number().int(),
  resource: z.object({ kind: z.string(), id: z.string().nullable() }),
  requestId: z.string(),
  body: json,
  before: json,
  beforeSource: z
    .enum(["read", "previous_entry"])
    .nullable()
    .describe("read: the resource as read just before the change; previous_entry: the last audited response for it"),
  after: json,
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntryOutput>;

export const auditPageOutput = z.object({ data: z.array(auditEntryOutput), nextCursor: z.string().nullable() });

export const auditExportQuery = auditQuery
  .omit({ limit: true, cursor: true })
  .extend({ format: z.enum(["ndjson", "csv"]).default("ndjson") });

export const auditVerifyOutput = z.object({
  ok: z.boolean(),
  entriesChecked: z.number().int(),
  lastSeq: z.number().int(),
  lastHash: z.string(),
  firstAlteredSeq: z.number().int().nullable().describe("The first entry whose stored values or link no longer match"),
  problems: z.array(z.object({ seq: z.number().int().nullable(), problem: z.string() })),
});
export type AuditVerifyReport = z.infer<typeof auditVerifyOutput>;
