export { type Overview, overviewOutput, workspaceOverview } from "./overview.ts";
