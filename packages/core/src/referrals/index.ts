// Referrals: share codes and links, click tracking, lead capture, attribution of conversions,
// double-sided rewards through the ledger after a hold period, fraud scoring and review, metrics.
export {
  CODE_ALPHABET,
  CODE_LENGTH,
  codeKeyOf,
  generateCode,
  getCode,
  issueCode,
  issueCodesForMembers,
  listCodes,
  setCodeStatus,
} from "./codes.ts";
export { getConversion, listConversions, PAYOUT_JOB, recordConversion } from "./conversions.ts";
export { loadDemoReferrals } from "./demo-referrals.ts";
export { disposableDomainCount, isDisposable, SIGNAL_POINTS } from "./fraud.ts";
export { captureLead, createLead, getLead, listLeads, recordAdvocateFingerprint } from "./leads.ts";
export { referralMetrics } from "./metrics.ts";
export { PAYOUT_ACTOR, payConversion, payDueConversions, referralJobHandlers, refundConversion } from "./payouts.ts";
export { getReferralSettings, setReferralSettings } from "./program-settings.ts";
export {
  createReferralRedirector,
  DEVICE_COOKIE,
  DEVICE_COOKIE_MAX_AGE_S,
  hashIp,
  type ReferralRedirector,
} from "./redirect.ts";
export * from "./referral.schemas.ts";
export { decideReview, listReviewQueue } from "./review.ts";
export { getWorkspaceSettings, setWorkspaceSettings } from "./settings.ts";
export { SNIPPET_JS } from "./snippet.ts";
