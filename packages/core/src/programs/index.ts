// Programs: referral, reference, review, content, community, ambassador, beta and custom programs,
// their members, challenges (asks) and submissions.
export { periodStart, quarterOf } from "./goals.ts";
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
