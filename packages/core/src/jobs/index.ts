export { type JobListQuery, type JobOutput, jobListQuery, jobOutput } from "./job.schemas.ts";
export {
  enqueueJob,
  FAILED_JOBS_KEPT_MS,
  type FoldedJobHandler,
  type JobContext,
  type JobHandler,
  type JobHandlers,
  listJobs,
  purgeFailedJobs,
  retryJob,
  runDueJobs,
} from "./jobs.ts";
