export { csvRecord, type ErrorSink, fileErrorSink, memoryErrorSink } from "./error-report.ts";
export {
  type ImportFormat,
  type ImportKind,
  type ImportRun,
  type ImportRunDetail,
  type ImportSummary,
  importFormats,
  importKinds,
  importQuery,
  importResultOutput,
  importRunDetailOutput,
  importRunOutput,
  importSummaryOutput,
  type MappingFile,
  type RowError,
} from "./import.schemas.ts";
export {
  eraseFromImportRuns,
  getImportRun,
  listImportRuns,
  RUN_ERRORS_KEPT,
} from "./import-runs.ts";
export {
  DEFAULT_CHUNK_ROWS,
  type FileImportSummary,
  formatOfPath,
  type ImportOptions,
  type ImportProgress,
  importFile,
  importStream,
} from "./imports.ts";
export { parseMapping } from "./mapping.ts";
export type { ImportInput } from "./readers.ts";
