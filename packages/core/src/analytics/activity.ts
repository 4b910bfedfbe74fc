import { sql } from "kysely";
import { z } from "zod";
import { AppError } from "../shared/errors.ts";
import { type Scope, selectFrom } from "../shared/scope.ts";

const DAY = 86_400_000;
const MAX_RANGE_DAYS = 731;
/** Past this many days a chart reads better by week than by day. */
const DAILY_UP_TO_DAYS = 92;

const isoDay = z.iso.date({ message: "must be a date like 2026-11-01" });

export const activityQuery = z.object({
  from: isoDay.optional().describe("First day (UTC), inclusive; default 29 days before `to`"),
  to: isoDay.optional().describe("Last day (UTC), inclusive; default today"),
});
export type ActivityQuery = z.infer<typeof activityQuery>;

const counts = {
  signals: z.number().describe("Events received (usage, surveys, tickets, purchases, mentions)"),
  submissions: z.number().describe("Challenge answers submitted"),
  approved: z.number().describe("Challenge answers approved"),
  redemptions: z.number().describe("Rewards requested"),
  pointsRedeemed: z.number(),
  referralClicks: z.number(),
  referralLeads: z.number(),
  referralConversions: z.number(),
  referenceRequests: z.number().describe("Reference requests filed"),
};

export const activityOutput = z.object({
  from: z.string(),
  to: z.string(),
  bucket: z.enum(["day", "week"]).describe("Each series point covers one day, or one week from its date"),
  series: z.array(z.object({ period: z.string(), ...counts })),
  totals: z.object(counts),
  referredRevenue: z
    .array(z.object({ currency: z.string(), amount: z.number() }))
    .describe("Conversions held or paid in the range, by currency"),
  referenceRequestsByStatus: z.record(z.string(), z.number()).describe("Requests filed in the range, by status now"),
});
export type Activity = z.infer<typeof activityOutput>;
type Counts = { [K in keyof typeof counts]: number };

const dayStart = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function rangeOf(query: ActivityQuery, now: number) {
  const to = query.to ? dayStart(query.to) : dayStart(toDay(now));
  const from = query.from ? dayStart(query.from) : to - 29 * DAY;
  if (from > to) {
    throw new AppError("invalid", "from: must be on or before to", [
      { path: "from", message: "must be on or before to" },
    ]);
  }
  const days = (to - from) / DAY + 1;
  if (days > MAX_RANGE_DAYS) {
    const message = `the range may cover at most ${MAX_RANGE_DAYS} days (this one covers ${days})`;
    throw new AppError("invalid", `from: ${message}`, [{ path: "from", message }]);
  }
  return { from, end: to + DAY, days };
}

/**
 * What happened across the programs between two days, per day (or per week for long ranges): the
 * dashboard's date-range picker reads this. Each series is one grouped count over an index that
 * starts with (tenant, time).
 */
export async function workspaceActivity(scope: Scope, query: ActivityQuery): Promise<Activity> {
  const { from, end, days } = rangeOf(query, scope.clock.now());
  const size = days > DAILY_UP_TO_DAYS ? 7 * DAY : DAY;
  // Buckets count from the range's first day, so weeks start on it (the same integer arithmetic on both databases).
  const bucket = (column: string) => sql<number>`(${sql.ref(column)} - ${sql.lit(from)}) / ${sql.lit(size)}`;
  const perBucket = async (
    table:
      | "events"
      | "submissions"
      | "redemptions"
      | "referralClicks"
      | "referralLeads"
      | "referralConversions"
      | "referenceRequests",
    column: string,
    extra?: "approved" | "points",
  ) => {
    let q = selectFrom(scope, table as "events")
      .select([bucket(column).as("b"), (eb) => eb.fn.countAll().as("n")])
      .where(sql.ref(column), ">=", from)
      .where(sql.ref(column), "<", end);
    if (extra === "approved") q = q.where(sql.ref("state"), "=", "approved");
    if (extra === "points") q = q.select(sql<number>`sum(points)`.as("points"));
    const rows = (await q.groupBy(bucket(column)).execute()) as { b: unknown; n: unknown; points?: unknown }[];
    return rows.map((r) => ({ b: Number(r.b), n: Number(r.n), points: Number(r.points ?? 0) }));
  };

  const [signals, submissions, approved, redemptions, clicks, leads, conversions, requests, revenue, byStatus] =
    await Promise.all([
      perBucket("events", "occurred_at"),
      perBucket("submissions", "submitted_at"),
      perBucket("submissions", "reviewed_at", "approved"),
      perBucket("redemptions", "requested_at", "points"),
      perBucket("referralClicks", "created_at"),
      perBucket("referralLeads", "created_at"),
      perBucket("referralConversions", "converted_at"),
      perBucket("referenceRequests", "created_at"),
      selectFrom(scope, "referralConversions")
        .select(["currency", (eb) => eb.fn.sum<number>("amount").as("amount")])
        .where("convertedAt", ">=", from)
        .where("convertedAt", "<", end)
        .where("status", "in", ["held", "paid"])
        .groupBy("currency")
        .orderBy("currency")
        .execute(),
      selectFrom(scope, "referenceRequests")
        .select(["status", (eb) => eb.fn.countAll().as("n")])
        .where("createdAt", ">=", from)
        .where("createdAt", "<", end)
        .groupBy("status")
        .execute(),
    ]);

  const periods = Math.ceil(days / (size / DAY));
  const series = Array.from({ length: periods }, (_, i) => ({
    period: toDay(from + i * size),
    signals: 0,
    submissions: 0,
    approved: 0,
    redemptions: 0,
    pointsRedeemed: 0,
    referralClicks: 0,
    referralLeads: 0,
    referralConversions: 0,
    referenceRequests: 0,
  }));
  const fill = (rows: { b: number; n: number; points: number }[], key: keyof Counts, points?: "pointsRedeemed") => {
    for (const r of rows) {
      const point = series[r.b];
      if (!point) continue;
      point[key] += r.n;
      if (points) point[points] += r.points;
    }
  };
  fill(signals, "signals");
  fill(submissions, "submissions");
  fill(approved, "approved");
  fill(redemptions, "redemptions", "pointsRedeemed");
  fill(clicks, "referralClicks");
  fill(leads, "referralLeads");
  fill(conversions, "referralConversions");
  fill(requests, "referenceRequests");
  const totals = Object.fromEntries(
    Object.keys(counts).map((key) => [key, series.reduce((s, p) => s + p[key as keyof Counts], 0)]),
  ) as Counts;
  return {
    from: toDay(from),
    to: toDay(end - DAY),
    bucket: size === DAY ? "day" : "week",
    series,
    totals,
    referredRevenue: revenue.map((r) => ({ currency: r.currency, amount: Number(r.amount ?? 0) })),
    referenceRequestsByStatus: Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)])),
  };
}
