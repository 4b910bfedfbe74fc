export { type Activity, type ActivityQuery, activityOutput, activityQuery, workspaceActivity } from "./activity.ts";
export { type Overview, overviewOutput, workspaceOverview } from "./overview.ts";
