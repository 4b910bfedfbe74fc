export { type ErrorSink, fileErrorSink, memoryErrorSink } from "./error-report.ts";
export {
  type ImportFormat,
  type ImportKind,
  type ImportSummary,
  importFormats,
  importKinds,
  importQuery,
  importResultOutput,
  importSummaryOutput,
  type MappingFile,
  type RowError,
} from "./import.schemas.ts";
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
