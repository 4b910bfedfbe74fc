export { type Activity, type ActivityQuery, activityOutput, activityQuery, workspaceActivity } from "./activity.ts";
export {
  type AttributionModel,
  advocacyImpact,
  attribute,
  attributionModels,
  type Impact,
  type ImpactQuery,
  impactOutput,
  impactQuery,
} from "./impact.ts";
export { type Overview, overviewOutput, workspaceOverview } from "./overview.ts";
