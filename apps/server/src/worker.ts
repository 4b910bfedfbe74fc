import type { Clock, SecretKeySource } from "@advo/core";
import { sendAllDueFeedbackRequests, sendAllDueReminders } from "@advo/core/community";
import { contentJobHandlers } from "@advo/core/content";
import { type DeliveryOptions, deliverPendingEmail, smtpTransport } from "@advo/core/email";
import { enqueueJob, type JobHandlers, purgeFailedJobs, runDueJobs } from "@advo/core/jobs";
import { advanceAllJourneys, enrollFromSignals } from "@advo/core/journeys";
import { expireStalePoints } from "@advo/core/ledger";
import { mentionJobHandlers } from "@advo/core/listening/mentions";
import { lapseInactiveMembers } from "@advo/core/programs";
import { referralJobHandlers } from "@advo/core/referrals";
import { fullRescoreDue, refreshPropensity, rescoreAll, rescoreContacts } from "@advo/core/scoring";
import { refreshAllSegments, refreshSegmentsFor } from "@advo/core/segments";
import { CONTACTS_CHANGED } from "@advo/core/signals";
import type { Db } from "@advo/db";
import type { Logger } from "pino";

export const RESCORE_ALL = "scoring.rescore-all";

const contactIdsOf = (payload: Record<string, unknown>): string[] =>
  Array.isArray(payload.contactIds) ? payload.contactIds.filter((id): id is string => typeof id === "string") : [];

/** Handlers by job kind; modules add theirs here as they gain background work. */
export const jobHandlers: JobHandlers = {
  // Signals changed some contacts: their scores, then the saved segments they may join or leave, then
  // the journeys their new signals trigger (whose conditions read the scores and segments just updated).
  // Every ingest batch and import chunk queues one; the due ones of a workspace run together, so a
  // contact named by many is rescored once (at most 100 jobs: 50,000 contacts of Segment batches).
  [CONTACTS_CHANGED]: {
    atMost: 100,
    fold: (payloads) => ({ contactIds: [...new Set(payloads.flatMap(contactIdsOf))] }),
    run: async ({ scope, payload }) => {
      const ids = contactIdsOf(payload);
      await rescoreContacts(scope, ids);
      await refreshSegmentsFor(scope, ids);
      await enrollFromSignals(scope, ids);
    },
  },
  // Every score, the trained model's propensities (contacts added since training get one), then every
  // saved segment: a weight change or a day's recency moves them all.
  [RESCORE_ALL]: async ({ scope }) => {
    await rescoreAll(scope);
    await refreshPropensity(scope);
    await refreshAllSegments(scope);
  },
  // Listening: feed polls and negative-spike alert deliveries.
  ...mentionJobHandlers,
  // Referrals: rewards posted when a conversion's hold period ends.
  ...referralJobHandlers,
  // Content: a withdrawn consent to use someone's words retires the pieces that quote them.
  ...contentJobHandlers,
};

export interface Worker {
  stop(): Promise<void>;
}

const DAY_MS = 86_400_000;
/** Journeys enroll from segment changes that have settled for 30 s: a pass every 10 s is plenty. */
const JOURNEYS_EVERY_MS = 10_000;

interface Schedule {
  daily: number;
  journeys: number;
}

/** Work that is not a queued job: journeys, outgoing mail, and daily housekeeping across workspaces. */
async function periodicWork(deps: WorkerDeps, mail: DeliveryOptions, last: Schedule) {
  if (deps.clock.now() - last.journeys >= JOURNEYS_EVERY_MS) {
    last.journeys = deps.clock.now();
    const moved = await advanceAllJourneys(deps.db, deps.clock, {
      onError: (where, error) => deps.logger.warn({ err: error, ...where }, "journey step failed; tried again later"),
      ...(deps.links ? { unsubscribe: deps.links } : {}),
    });
    if (moved.enrolled + moved.steps > 0) {
      deps.logger.info(moved, "journeys advanced");
      // A pass runs at most 200 steps a workspace: with more due, go on at the next tick, not in 10 s.
      last.journeys = 0;
    }
    // Community events starting within a day: a reminder to who is coming, once; events just over:
    // who came is asked how it was, once. A failure here must not hold up the mail below: it is tried
    // again at the next pass.
    const linkBase = deps.links ? { linkBase: deps.links.publicUrl } : {};
    try {
      const reminded = await sendAllDueReminders(deps.db, deps.clock, linkBase);
      if (reminded > 0) deps.logger.info({ reminded }, "event reminders sent");
      const asked = await sendAllDueFeedbackRequests(deps.db, deps.clock, linkBase);
      if (asked > 0) deps.logger.info({ asked }, "attendees asked how the event was");
    } catch (error) {
      deps.logger.warn({ err: error }, "event reminders or feedback requests failed; tried again at the next pass");
    }
  }
  await deliverPendingEmail(deps.db, deps.clock, mail);
  if (deps.clock.now() - last.daily < DAY_MS) return;
  last.daily = deps.clock.now();
  const tenants = await deps.db.selectFrom("tenants").select("tenantId").execute();
  for (const { tenantId } of tenants) {
    const scope = { db: deps.db, clock: deps.clock, tenantId };
    const lapsed = await lapseInactiveMembers(scope);
    if (lapsed > 0) deps.logger.info({ tenantId, lapsed }, "program members lapsed after 90 days without activity");
    const expired = await expireStalePoints(scope);
    if (expired.points > 0)
      deps.logger.info({ tenantId, ...expired }, "unspent points expired by the workspace's policy");
    const purged = await purgeFailedJobs(scope);
    if (purged > 0) deps.logger.info({ tenantId, purged }, "failed jobs older than 30 days removed");
    // Daily: every score moves with recency, and the snapshot behind trend charts covers everyone.
    if (await fullRescoreDue(scope)) await enqueueJob(scope, RESCORE_ALL, {});
  }
}

export interface WorkerDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  mail?: { smtpUrl?: string | undefined; from?: string | undefined };
  /** The server's public address and secret key, for the unsubscribe link in journey emails. */
  links?: { publicUrl: string; keys: SecretKeySource };
}

/** Polls for due jobs until stopped; one batch at a time, so a slow job never overlaps itself. */
export function startWorker(deps: WorkerDeps, intervalMs = 1000): Worker {
  const last: Schedule = { daily: 0, journeys: 0 };
  const mail: DeliveryOptions = {
    transport: deps.mail?.smtpUrl ? smtpTransport(deps.mail.smtpUrl) : null,
    from: deps.mail?.from ?? "Advo <no-reply@localhost>",
    log: (message, email) => deps.logger.info({ to: email.toAddress, purpose: email.purpose }, message),
  };
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    try {
      const ran = await runDueJobs(deps.db, deps.clock, jobHandlers, {
        onError: (job, error) => deps.logger.warn({ err: error, job: job.id, kind: job.kind }, "job error"),
      });
      await periodicWork(deps, mail, last);
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
