import type { Clock } from "@advo/core";
import { type JobHandler, runDueJobs } from "@advo/core/jobs";
import { mentionJobHandlers } from "@advo/core/listening/mentions";
import { referralJobHandlers } from "@advo/core/referrals";
import { rescoreAll, rescoreContacts } from "@advo/core/scoring";
import { refreshSegmentsFor } from "@advo/core/segments";
import { CONTACTS_CHANGED } from "@advo/core/signals";
import type { Db } from "@advo/db";
import type { Logger } from "pino";

export const RESCORE_ALL = "scoring.rescore-all";

/** Handlers by job kind; modules add theirs here as they gain background work. */
export const jobHandlers: Record<string, JobHandler> = {
  // Signals changed some contacts: their scores, then the saved segments they may join or leave.
  [CONTACTS_CHANGED]: async ({ scope, payload }) => {
    const ids = Array.isArray(payload.contactIds) ? (payload.contactIds as string[]) : [];
    await rescoreContacts(scope, ids);
    await refreshSegmentsFor(scope, ids);
  },
  [RESCORE_ALL]: async ({ scope }) => {
    await rescoreAll(scope);
  },
  // Listening: feed polls and negative-spike alert deliveries.
  ...mentionJobHandlers,
  // Referrals: rewards posted when a conversion's hold period ends.
  ...referralJobHandlers,
};

export interface Worker {
  stop(): Promise<void>;
}

/** Polls for due jobs until stopped; one batch at a time, so a slow job never overlaps itself. */
export function startWorker(deps: { db: Db; clock: Clock; logger: Logger }, intervalMs = 1000): Worker {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    try {
      const ran = await runDueJobs(deps.db, deps.clock, jobHandlers, {
        onError: (job, error) => deps.logger.warn({ err: error, job: job.id, kind: job.kind }, "job failed"),
      });
      if (ran > 0 && !stopped) {
        running = tick();
        return;
      }
    } catch (error) {
      deps.logger.error({ err: error }, "worker tick failed");
    }
    if (!stopped) timer = setTimeout(() => (running = tick()), intervalMs);
  };
  let timer = setTimeout(() => (running = tick()), intervalMs);
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
