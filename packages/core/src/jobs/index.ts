export {
  enqueueJob,
  type FoldedJobHandler,
  type JobContext,
  type JobHandler,
  type JobHandlers,
  runDueJobs,
} from "./jobs.ts";
