import type { MentionAlertsTable } from "@advo/db";
import { enqueueJob } from "../../jobs/index.ts";
import { toIso } from "../../shared/clock.ts";
import { notFound } from "../../shared/errors.ts";
import { newId } from "../../shared/ids.ts";
import { insertInto, type Scope, selectFrom, updateTable } from "../../shared/scope.ts";
import type { AlertSettings, ListeningSettings, MentionAlert } from "./mention.schemas.ts";
import { getListeningSettings } from "./settings.ts";

export const DELIVER_ALERT = "listening.deliver-alert";
const DAY = 86_400_000;

export interface SpikeStats {
  today: number;
  todayCount: number;
  todayMean: number;
  baseline: number;
  baselineSentiment: number | null;
}

/** Today's negative volume and mean sentiment for one brand and source, and the daily baseline before it. */
export async function spikeStats(
  scope: Scope,
  key: { brand: string; sourceId: string },
  cfg: AlertSettings,
): Promise<SpikeStats> {
  const now = scope.clock.now();
  const dayStart = Math.floor(now / DAY) * DAY;
  const from = dayStart - cfg.baselineDays * DAY;
  const rows = await selectFrom(scope, "mentions")
    .select(["publishedAt", "sentiment"])
    .where("brand", "=", key.brand)
    .where("sourceId", "=", key.sourceId)
    .where("publishedAt", ">=", from)
    .where("publishedAt", "<=", now)
    .execute();
  let today = 0;
  let todaySum = 0;
  let todayN = 0;
  let before = 0;
  let beforeSum = 0;
  let beforeN = 0;
  for (const r of rows) {
    const negative = r.sentiment <= cfg.negativeBelow;
    if (Number(r.publishedAt) >= dayStart) {
      todayN++;
      todaySum += r.sentiment;
      if (negative) today++;
    } else {
      beforeN++;
      beforeSum += r.sentiment;
      if (negative) before++;
    }
  }
  return {
    today,
    todayCount: todayN,
    todayMean: todayN ? todaySum / todayN : 0,
    baseline: before / cfg.baselineDays,
    baselineSentiment: beforeN ? beforeSum / beforeN : null,
  };
}

export type SpikeCause = "volume" | "sentiment" | "both";

/**
 * Which condition today's figures meet, if any: negative volume (at least minCount, and more than
 * baseline × threshold), or mean sentiment at least sentimentDrop below the baseline's mean on at least
 * sentimentMinCount mentions today (a quiet day's single angry post is not a trend).
 */
export function spikeCause(s: SpikeStats, cfg: AlertSettings): SpikeCause | null {
  const volume = s.today >= cfg.minCount && s.today > s.baseline * cfg.threshold;
  const sentiment =
    cfg.sentimentDrop !== null &&
    s.baselineSentiment !== null &&
    s.todayCount >= cfg.sentimentMinCount &&
    s.baselineSentiment - s.todayMean >= cfg.sentimentDrop;
  return volume && sentiment ? "both" : volume ? "volume" : sentiment ? "sentiment" : null;
}

/**
 * One alert per episode: an episode opens when today's negatives exceed baseline × threshold (and the
 * minimum count) or today's mean sentiment drops far enough below the baseline's (see spikeCause), and
 * closes at the first check where neither holds. The alert records which condition opened it. Opening stores the alert and
 * queues its webhook and Slack deliveries. Returns how many alerts opened.
 */
export async function evaluateAlerts(
  scope: Scope,
  keys: { brand: string; sourceId: string }[],
  settings?: ListeningSettings,
): Promise<number> {
  const cfg = (settings ?? (await getListeningSettings(scope))).alerts;
  const now = scope.clock.now();
  let raised = 0;
  for (const key of keys) {
    const stats = await spikeStats(scope, key, cfg);
    const cause = spikeCause(stats, cfg);
    const spike = cause !== null;
    const open = await selectFrom(scope, "mentionAlerts")
      .select("id")
      .where("brand", "=", key.brand)
      .where("sourceId", "=", key.sourceId)
      .where("closedAt", "is", null)
      .executeTakeFirst();
    if (open && !spike) {
      await updateTable(scope, "mentionAlerts").set({ closedAt: now }).where("id", "=", open.id).execute();
    } else if (!open && spike) {
      const row: Omit<MentionAlertsTable, "tenantId"> = {
        id: newId("alr"),
        brand: key.brand,
        sourceId: key.sourceId,
        day: Math.floor(now / DAY) * DAY,
        negativeCount: stats.today,
        baseline: Math.round(stats.baseline * 1000) / 1000,
        baselineSentiment: stats.baselineSentiment === null ? null : Math.round(stats.baselineSentiment * 1000) / 1000,
        meanSentiment: Math.round(stats.todayMean * 1000) / 1000,
        threshold: cfg.threshold,
        cause: cause ?? "volume",
        openedAt: now,
        closedAt: null,
        deliveries: "[]",
      };
      // Two racing batches: the unique (brand, source, day) key lets exactly one open the episode.
      const inserted = await insertInto(scope, "mentionAlerts", row)
        .onConflict((oc) => oc.columns(["tenantId", "brand", "sourceId", "day"]).doNothing())
        .returning("id")
        .execute();
      if (inserted.length > 0) {
        raised++;
        if (cfg.webhookUrls.length + cfg.slackWebhookUrls.length > 0) {
          await enqueueJob(scope, DELIVER_ALERT, { alertId: row.id });
        }
      }
    }
  }
  return raised;
}

/** Re-checks every open episode, so one closes once its volume is back under the threshold. */
export async function evaluateOpenAlerts(scope: Scope): Promise<void> {
  const open = await selectFrom(scope, "mentionAlerts")
    .select(["brand", "sourceId"])
    .where("closedAt", "is", null)
    .execute();
  if (open.length > 0) await evaluateAlerts(scope, open);
}

type Delivery = MentionAlert["deliveries"][number];

export const toAlert = (r: MentionAlertsTable): MentionAlert => ({
  id: r.id,
  brand: r.brand,
  sourceId: r.sourceId,
  negativeCount: r.negativeCount,
  baseline: r.baseline,
  baselineSentiment: r.baselineSentiment,
  meanSentiment: r.meanSentiment,
  threshold: r.threshold,
  cause: r.cause,
  openedAt: toIso(Number(r.openedAt)),
  closedAt: r.closedAt === null ? null : toIso(Number(r.closedAt)),
  deliveries: JSON.parse(r.deliveries) as Delivery[],
});

export async function listAlerts(scope: Scope, limit = 100): Promise<MentionAlert[]> {
  const rows = await selectFrom(scope, "mentionAlerts").selectAll().orderBy("openedAt", "desc").limit(limit).execute();
  return rows.map(toAlert);
}

export function slackText(a: MentionAlert): string {
  const source = a.sourceId === "webhook" || a.sourceId === "csv" ? a.sourceId : `feed ${a.sourceId}`;
  const volume = `${a.negativeCount} negative mentions today vs a baseline of ${a.baseline}/day (threshold ×${a.threshold})`;
  const tone = `mean sentiment ${a.meanSentiment} today vs ${a.baselineSentiment ?? "n/a"} over the baseline`;
  const what =
    a.cause === "sentiment"
      ? `Sentiment drop for *${a.brand}* (${source}): ${tone}; ${a.negativeCount} negative mentions today.`
      : `Negative spike for *${a.brand}* (${source}): ${volume}; ${tone}` +
        (a.cause === "both" ? " (sentiment dropped too)." : ".");
  return `:rotating_light: ${what}`;
}

/**
 * Posts an alert to the workspace's webhooks (the alert as JSON) and Slack-compatible URLs ({"text"}).
 * URLs already delivered are not posted again; any failure throws so the job is retried with backoff.
 */
export async function deliverAlert(scope: Scope, alertId: string): Promise<Delivery[]> {
  const row = await selectFrom(scope, "mentionAlerts").selectAll().where("id", "=", alertId).executeTakeFirst();
  if (!row) throw notFound("alert", alertId);
  const alert = toAlert(row);
  const { alerts: cfg } = await getListeningSettings(scope);
  const done = new Set(alert.deliveries.filter((d) => d.ok).map((d) => `${d.kind} ${d.url}`));
  const targets: { kind: Delivery["kind"]; url: string; body: unknown }[] = [
    ...cfg.webhookUrls.map((url) => ({
      kind: "webhook" as const,
      url,
      body: { type: "mention.negative_spike", alert },
    })),
    ...cfg.slackWebhookUrls.map((url) => ({ kind: "slack" as const, url, body: { text: slackText(alert) } })),
  ];
  const results: Delivery[] = [];
  for (const t of targets) {
    if (done.has(`${t.kind} ${t.url}`)) {
      results.push({ kind: t.kind, url: t.url, ok: true, error: null });
      continue;
    }
    try {
      const res = await fetch(t.url, {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": "Advo-Listening/1" },
        body: JSON.stringify(t.body),
        signal: AbortSignal.timeout(10_000),
      });
      await res.arrayBuffer().catch(() => undefined);
      results.push({ kind: t.kind, url: t.url, ok: res.ok, error: res.ok ? null : `HTTP ${res.status}` });
    } catch (error) {
      results.push({ kind: t.kind, url: t.url, ok: false, error: (error as Error).message });
    }
  }
  await updateTable(scope, "mentionAlerts")
    .set({ deliveries: JSON.stringify(results) })
    .where("id", "=", alertId)
    .execute();
  const failed = results.filter((r) => !r.ok);
  if (failed.length > 0)
    throw new Error(`alert delivery failed: ${failed.map((f) => `${f.url} (${f.error})`).join(", ")}`);
  return results;
}
