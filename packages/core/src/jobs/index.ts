export { enqueueJob, type JobContext, type JobHandler, runDueJobs } from "./jobs.ts";
