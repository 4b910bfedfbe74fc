export {
  adapterOf,
  bulkInsert,
  createDb,
  type Db,
  type DbHandle,
  inTransaction,
  migrateToLatest,
} from "./create-db.ts";
export type { AdapterOptions, DialectAdapter, DialectName } from "./dialects/index.ts";
export type { BulkColumnType, BulkInsertResult, BulkInsertSpec } from "./dialects/types.ts";
export {
  isForeignKeyViolation,
  isRetryableConflict,
  isUniqueViolation,
  unstorableValueReason,
  withRetry,
} from "./errors.ts";
export type * from "./schema.ts";
export type * from "./schema-audit.ts";
export type * from "./schema-community.ts";
export type * from "./schema-consent.ts";
export type * from "./schema-content.ts";
export type * from "./schema-journeys.ts";
export type * from "./schema-programs.ts";
export type * from "./schema-references.ts";
export type * from "./schema-referrals.ts";
export type * from "./schema-sso.ts";
