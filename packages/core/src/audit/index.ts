export * from "./audit.schemas.ts";
export {
  type AuditRecord,
  auditCsvHeader,
  auditCsvLine,
  eraseFromAuditLog,
  exportAudit,
  listAudit,
  recordAudit,
  recordAuditBatch,
  toAuditEntry,
} from "./audit.ts";
export { AUDIT_GENESIS_HASH, auditEntryHash, ERASED_PREFIX } from "./hash-chain.ts";
export { AUDIT_MAX_CHARS, auditJson, isSecretName, REDACTED, redactSecrets } from "./redact.ts";
export { verifyAuditLog } from "./verify.ts";
