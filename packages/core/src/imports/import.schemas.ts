import { z } from "zod";

export const importKinds = ["contacts", "accounts", "events"] as const;
export const importKind = z.enum(importKinds);
export type ImportKind = z.infer<typeof importKind>;

export const importFormats = ["csv", "ndjson"] as const;
export const importFormat = z.enum(importFormats);
export type ImportFormat = z.infer<typeof importFormat>;

export const valueTypes = ["text", "number", "integer", "boolean", "date", "auto"] as const;
export type ValueType = (typeof valueTypes)[number];

const columnTarget = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .describe('A field ("email", "firstName", "externalIds.hubspot", "account.name", "attributes.plan") or "ignore"');

/** A mapping file: `{"columns": {"Their Column": "email" | … | "attributes.x" | "ignore"}}`. */
export const mappingFile = z
  .object({
    source: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_-]{0,39}$/i, "must be a system name such as hubspot or pipedrive")
      .optional()
      .describe("The system the file comes from: names its external ids and picks its known columns"),
    columns: z.record(
      z.string().min(1).max(300),
      z.union([
        columnTarget,
        z.object({
          target: columnTarget,
          type: z.enum(valueTypes).optional(),
          required: z.boolean().optional().describe("The file must have this column"),
        }),
      ]),
    ),
    unmapped: z
      .enum(["attributes", "ignore"])
      .default("attributes")
      .describe("What happens to columns neither mapped nor recognised"),
  })
  .strict();
export type MappingFile = z.infer<typeof mappingFile>;

export const importSummaryOutput = z.object({
  rows: z.number().describe("Data rows read (the header excluded)"),
  inserted: z.number(),
  updated: z.number(),
  skipped: z.number().describe("Rows that changed nothing: duplicates or already up to date"),
  rejected: z.number().describe("Rows refused; each is reported with its row number, field and reason"),
});
export type ImportSummary = z.infer<typeof importSummaryOutput>;

export const rowErrorOutput = z.object({
  row: z.number().describe("Row as a spreadsheet shows it (the CSV header is row 1) or NDJSON line number"),
  field: z.string(),
  reason: z.string(),
  line: z.string().describe("The original row (up to 1,000 characters)"),
});
export type RowError = z.infer<typeof rowErrorOutput>;

export const importQuery = z.object({
  kind: importKind.describe("What the file holds"),
  format: importFormat.optional().describe("Defaults from the Content-Type: text/csv or application/x-ndjson"),
  source: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_-]{0,39}$/i, "must be a system name such as hubspot or salesforce")
    .optional()
    .describe("The system the file comes from (hubspot, salesforce, …); detected from the columns when absent"),
  mapping: z.string().max(65_536).optional().describe("A mapping file's JSON, URL-encoded"),
  fileName: z
    .string()
    .trim()
    .min(1)
    .max(255)
    .optional()
    .describe("The file's name, kept with the import's record (GET /api/v1/imports)"),
});

export const importResultOutput = importSummaryOutput.extend({
  id: z.string().describe("The import's record: GET /api/v1/imports/{id}"),
  errors: z.array(rowErrorOutput).describe("The first 1,000 row errors"),
  errorsTruncated: z.boolean(),
});

const importRunStatus = z.enum(["running", "completed", "failed"]);

export const importRunOutput = z.object({
  id: z.string(),
  kind: importKind,
  format: importFormat,
  fileName: z.string().nullable(),
  source: z.string().nullable(),
  actor: z.object({
    type: z.enum(["user", "api_key", "advocate", "system"]),
    id: z.string().nullable(),
    name: z.string(),
  }),
  status: importRunStatus.describe("running: started and not (yet) finished; an interrupted import stays so"),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  summary: importSummaryOutput,
  errorsTruncated: z.boolean().describe("More rows were refused than the 1,000 kept"),
  failure: z.string().nullable().describe("Why a failed import stopped"),
});
export type ImportRun = z.infer<typeof importRunOutput>;

export const importRunDetailOutput = importRunOutput.extend({
  errors: z.array(rowErrorOutput).describe("The first 1,000 refused rows"),
});
export type ImportRunDetail = z.infer<typeof importRunDetailOutput>;
