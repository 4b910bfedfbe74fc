// References: advocate reference profiles, ranked matching for sales, the request → ask → outcome
// workflow with thank-you points, and utilisation, coverage and influence reports.

export { loadDemoReferences } from "./demo.ts";
export { referencesGiven, referencesGivenOutput } from "./given.ts";
export { matchCandidates, type Prospect, prospectOf, rankFor, scoreProfile, WEIGHTS } from "./match.ts";
export { bumpMatchVersion } from "./match-index.queries.ts";
export { createProfile, getProfile, getProfileOfContact, listProfiles, updateProfile } from "./profiles.ts";
export * from "./reference.schemas.ts";
export { coverageOutput, influenceOutput, reportQuery, utilisationOutput } from "./report.schemas.ts";
export { coverageReport, influenceReport, utilisationReport } from "./reports.ts";
export {
  AUTO_PICK_ACTOR,
  approveRequest,
  askCandidate,
  cancelRequest,
  fileRequest,
  getAsk,
  getRequest,
  type LinkOptions,
  listRequests,
  recordOutcome,
  requestCandidates,
  respondToAsk,
  respondWithToken,
} from "./requests.ts";
export { getReferenceSettings, setReferenceSettings } from "./settings.ts";
export { activityMask, referenceActivities, sizeBandOf, sizeBands } from "./vocabulary.ts";
