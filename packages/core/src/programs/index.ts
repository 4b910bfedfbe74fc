// Programs: referral, reference, review, content, community, ambassador, beta and custom programs,
// their members, challenges (asks) and submissions.

export * from "./challenge.schemas.ts";
export {
  challengesFor,
  createChallenge,
  getChallenge,
  listChallenges,
  toChallenge,
  updateChallenge,
} from "./challenges.ts";
export {
  COMPLIANCE_SETTING,
  type CompliancePolicy,
  compliancePolicy,
  defaultPolicy,
  satisfactionFieldsIn,
} from "./compliance.ts";
export { loadDemoPrograms } from "./demo-programs.ts";
export { periodStart, quarterOf } from "./goals.ts";
export { advanceLifecycle } from "./program.queries.ts";
export * from "./program.schemas.ts";
export {
  createProgram,
  getMember,
  getProgram,
  inviteMembers,
  lapseInactiveMembers,
  listMembers,
  listPrograms,
  recordMemberActivity,
  requireProgram,
  setMemberState,
  updateProgram,
} from "./programs.ts";
export { getSubmission, listSubmissions, reviewSubmission, submissionFile, submitToChallenge } from "./submissions.ts";
