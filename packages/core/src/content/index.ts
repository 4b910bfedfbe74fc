// Customer content written with advocates (testimonials, case studies, quotes, videos): drafted by the
// team, approved by the advocate version by version through a one-time link, published to a library
// that says where each piece may be used and until when.

export { approvalView, contentOfAdvocate, decideApproval, decideAsAdvocate, requestApproval } from "./approval.ts";
export { contentJobHandlers, retireWithdrawnContent } from "./consent-withdrawal.ts";
export * from "./content.schemas.ts";
export {
  attributedTo,
  contentSummary,
  createContent,
  draftFromSubmission,
  getContent,
  listContent,
  publishContent,
  retireContent,
  updateContent,
} from "./content.ts";
export { loadDemoContent } from "./demo-content.ts";
export { listContentUses, recordContentUse, updateContentUse } from "./uses.ts";
