import type { MentionFeedsTable } from "@advo/db";
import { enqueueJob } from "../../jobs/index.ts";
import { toIso, toIsoOrNull } from "../../shared/clock.ts";
import { conflictOn, notFound } from "../../shared/errors.ts";
import { newId } from "../../shared/ids.ts";
import { insertInto, type Scope, selectFrom, updateTable } from "../../shared/scope.ts";
import { evaluateOpenAlerts } from "./alerts.ts";
import { FeedFormatError, parseFeed } from "./feed-parse.ts";
import { ingestMentions } from "./ingest.ts";
import {
  type CreateFeedInput,
  createFeedInput,
  type Feed,
  type IngestMentionsResult,
  mentionInput,
} from "./mention.schemas.ts";

export const POLL_FEED = "listening.poll-feed";
const MAX_BACKOFF_MS = 24 * 60 * 60 * 1000;
const MAX_FEED_BYTES = 5 * 1024 * 1024;
const MINUTE = 60_000;

export const toFeed = (r: MentionFeedsTable): Feed => ({
  id: r.id,
  name: r.name,
  url: r.url,
  format: r.format,
  pollIntervalMinutes: Math.round(Number(r.pollIntervalMs) / MINUTE),
  failures: r.failures,
  lastError: r.lastError,
  lastPolledAt: toIsoOrNull(r.lastPolledAt === null ? null : Number(r.lastPolledAt)),
  lastSuccessAt: toIsoOrNull(r.lastSuccessAt === null ? null : Number(r.lastSuccessAt)),
  nextPollAt: toIso(Number(r.nextPollAt)),
  disabledAt: toIsoOrNull(r.disabledAt === null ? null : Number(r.disabledAt)),
});

/** Adds a feed and queues its first poll now; later polls are scheduled by each poll. */
export async function createFeed(scope: Scope, input: CreateFeedInput): Promise<Feed> {
  const data = createFeedInput.parse(input);
  const now = scope.clock.now();
  const existing = await selectFrom(scope, "mentionFeeds").select("id").where("url", "=", data.url).executeTakeFirst();
  if (existing) throw conflictOn("url", "this feed is already polled");
  const row: Omit<MentionFeedsTable, "tenantId"> = {
    id: newId("feed"),
    name: data.name,
    url: data.url,
    format: null,
    pollIntervalMs: data.pollIntervalMinutes * MINUTE,
    etag: null,
    lastModified: null,
    nextPollAt: now,
    failures: 0,
    lastError: null,
    lastPolledAt: null,
    lastSuccessAt: null,
    createdAt: now,
    disabledAt: null,
  };
  await insertInto(scope, "mentionFeeds", row).execute();
  await enqueueJob(scope, POLL_FEED, { feedId: row.id }, { runAt: now });
  return toFeed({ ...row, tenantId: scope.tenantId });
}

export async function listFeeds(scope: Scope): Promise<Feed[]> {
  const rows = await selectFrom(scope, "mentionFeeds").selectAll().orderBy("createdAt").execute();
  return rows.map(toFeed);
}

export async function getFeed(scope: Scope, id: string): Promise<Feed> {
  const row = await selectFrom(scope, "mentionFeeds").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("feed", id);
  return toFeed(row);
}

export async function disableFeed(scope: Scope, id: string): Promise<Feed> {
  await getFeed(scope, id);
  await updateTable(scope, "mentionFeeds").set({ disabledAt: scope.clock.now() }).where("id", "=", id).execute();
  return getFeed(scope, id);
}

export type PollOutcome =
  | { status: "fetched"; result: IngestMentionsResult }
  | { status: "not_modified" }
  | { status: "failed"; error: string }
  | { status: "skipped" };

/**
 * Fetches a feed conditionally (If-None-Match / If-Modified-Since). A 304 stores nothing; new items go
 * through ingestMentions. A network error, a non-2xx answer or a malformed document is recorded on the
 * feed (failures + 1, next poll backed off exponentially up to a day) and returned, never thrown.
 */
export async function pollFeed(scope: Scope, feedId: string): Promise<PollOutcome> {
  const feed = await selectFrom(scope, "mentionFeeds").selectAll().where("id", "=", feedId).executeTakeFirst();
  if (!feed || feed.disabledAt !== null) return { status: "skipped" };
  const interval = Number(feed.pollIntervalMs);
  const started = scope.clock.now();
  const headers: Record<string, string> = {
    accept: "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1",
    "user-agent": "Advo-Listening/1",
  };
  if (feed.etag) headers["if-none-match"] = feed.etag;
  if (feed.lastModified) headers["if-modified-since"] = feed.lastModified;

  const fail = async (error: string): Promise<PollOutcome> => {
    const failures = feed.failures + 1;
    await updateTable(scope, "mentionFeeds")
      .set({
        failures,
        lastError: error.slice(0, 1000),
        lastPolledAt: started,
        nextPollAt: started + Math.min(MAX_BACKOFF_MS, interval * 2 ** failures),
      })
      .where("id", "=", feedId)
      .execute();
    return { status: "failed", error };
  };
  const succeed = (patch: Partial<MentionFeedsTable>) =>
    updateTable(scope, "mentionFeeds")
      .set({
        ...patch,
        failures: 0,
        lastError: null,
        lastPolledAt: started,
        lastSuccessAt: started,
        nextPollAt: started + interval,
      })
      .where("id", "=", feedId)
      .execute();

  let res: Response;
  let body: string;
  try {
    res = await fetch(feed.url, { headers, signal: AbortSignal.timeout(15_000), redirect: "follow" });
    if (res.status === 304) {
      await res.arrayBuffer().catch(() => undefined);
      await succeed({});
      return { status: "not_modified" };
    }
    if (!res.ok) {
      await res.arrayBuffer().catch(() => undefined);
      return fail(`HTTP ${res.status} ${res.statusText}`.trim());
    }
    const length = Number(res.headers.get("content-length") ?? 0);
    if (length > MAX_FEED_BYTES) return fail(`feed larger than ${MAX_FEED_BYTES} bytes`);
    body = await res.text();
    if (body.length > MAX_FEED_BYTES) return fail(`feed larger than ${MAX_FEED_BYTES} bytes`);
  } catch (error) {
    return fail(`fetch failed: ${(error as Error).message}`);
  }

  let parsed: ReturnType<typeof parseFeed>;
  try {
    parsed = parseFeed(body);
  } catch (error) {
    if (error instanceof FeedFormatError) return fail(error.message);
    return fail(`unreadable feed: ${(error as Error).message}`);
  }
  const items = parsed.items.flatMap((item) => {
    // An item with an unusable author email still counts, without the email.
    const ok = mentionInput.safeParse(item);
    if (ok.success) return [ok.data];
    const retry = mentionInput.safeParse({ ...item, authorEmail: null });
    return retry.success ? [retry.data] : [];
  });
  const result = await ingestMentions(scope, feed.id, items);
  await succeed({
    format: parsed.format,
    etag: res.headers.get("etag"),
    lastModified: res.headers.get("last-modified"),
  });
  return { status: "fetched", result };
}

/**
 * The poll job: polls the feed when it is due, then queues exactly one next poll for its next time.
 * A job that finds the feed not yet due (a duplicate) does nothing.
 */
export async function runFeedPoll(scope: Scope, feedId: string): Promise<PollOutcome> {
  const feed = await selectFrom(scope, "mentionFeeds")
    .select(["nextPollAt", "disabledAt"])
    .where("id", "=", feedId)
    .executeTakeFirst();
  if (!feed || feed.disabledAt !== null || Number(feed.nextPollAt) > scope.clock.now()) return { status: "skipped" };
  const outcome = await pollFeed(scope, feedId);
  await evaluateOpenAlerts(scope);
  const next = await selectFrom(scope, "mentionFeeds").select("nextPollAt").where("id", "=", feedId).executeTakeFirst();
  if (next) await enqueueJob(scope, POLL_FEED, { feedId }, { runAt: Number(next.nextPollAt) });
  return outcome;
}
