export { advocateAccount, SYSTEM_ACCOUNTS } from "./accounts.ts";
export {
  expireStalePoints,
  getLedgerSettings,
  type LedgerSettings,
  ledgerSettings,
  setLedgerSettings,
} from "./expiry.ts";
export * from "./ledger.schemas.ts";
export {
  type AwardRequest,
  adjustPoints,
  awardPoints,
  awardPointsBatch,
  awardPosting,
  getBalance,
  getLedgerAccount,
  getTransaction,
  reverseTransaction,
  type SpendRequest,
  spendPoints,
  toLedgerTransaction,
} from "./ledger.ts";
export { type PostedTransaction, type Posting, postBatch, postOne } from "./post.ts";
export { netAwards, netAwardsByProgram, topEarners } from "./reports.ts";
export { verifyLedger } from "./verify.ts";
