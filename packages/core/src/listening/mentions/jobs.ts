import type { JobHandler } from "../../jobs/index.ts";
import { DELIVER_ALERT, deliverAlert } from "./alerts.ts";
import { POLL_FEED, runFeedPoll } from "./feeds.ts";

/** The listening module's background work, by job kind: feed polls and alert deliveries. */
export const mentionJobHandlers: Record<string, JobHandler> = {
  [POLL_FEED]: async ({ scope, payload }) => {
    if (typeof payload.feedId === "string") await runFeedPoll(scope, payload.feedId);
  },
  [DELIVER_ALERT]: async ({ scope, payload }) => {
    if (typeof payload.alertId === "string") await deliverAlert(scope, payload.alertId);
  },
};
