export {
  enqueueJob,
  FAILED_JOBS_KEPT_MS,
  type FoldedJobHandler,
  type JobContext,
  type JobHandler,
  type JobHandlers,
  purgeFailedJobs,
  runDueJobs,
} from "./jobs.ts";
