import { sql } from "kysely";
import { z } from "zod";
import { type Scope, selectFrom } from "../shared/scope.ts";

export const overviewOutput = z.object({
  contacts: z.object({ total: z.number(), byLifecycleStage: z.record(z.string(), z.number()) }),
  accounts: z.object({
    total: z.number(),
    byIndustry: z.record(z.string(), z.number()),
    byRegion: z.record(z.string(), z.number()),
  }),
  scores: z.object({
    scored: z.number(),
    distribution: z.array(z.object({ from: z.number(), to: z.number(), contacts: z.number() })),
    byPersonality: z.record(z.string(), z.number()),
  }),
  nps: z.object({
    responses: z.number(),
    promoters: z.number(),
    passives: z.number(),
    detractors: z.number(),
    score: z.number().nullable(),
  }),
  events: z.object({ total: z.number(), last30Days: z.array(z.object({ day: z.string(), events: z.number() })) }),
});
export type Overview = z.infer<typeof overviewOutput>;

const DAY = 86_400_000;

const tally = (rows: { key: string | null; n: unknown }[], missing = "unknown") =>
  Object.fromEntries(rows.map((r) => [r.key ?? missing, Number(r.n)]));

/** The numbers a dashboard opens with: one round of grouped counts, no paging through lists. */
export async function workspaceOverview(scope: Scope): Promise<Overview> {
  const now = scope.clock.now();
  const [lifecycle, industries, regions, buckets, personalities, nps, events, daily] = await Promise.all([
    selectFrom(scope, "contacts")
      .select(["lifecycleStage as key", (eb) => eb.fn.countAll().as("n")])
      .groupBy("lifecycleStage")
      .execute(),
    selectFrom(scope, "accounts")
      .select(["industry as key", (eb) => eb.fn.countAll().as("n")])
      .groupBy("industry")
      .execute(),
    selectFrom(scope, "accounts")
      .select(["region as key", (eb) => eb.fn.countAll().as("n")])
      .groupBy("region")
      .execute(),
    // Scores are whole numbers, so integer division buckets them identically on both databases
    // (casting a fraction would round on PostgreSQL and truncate on SQLite).
    selectFrom(scope, "contactScores")
      .select([
        sql<number>`case when score >= 100 then 9 else cast(score as integer) / 10 end`.as("bucket"),
        (eb) => eb.fn.countAll().as("n"),
      ])
      .groupBy(sql`case when score >= 100 then 9 else cast(score as integer) / 10 end`)
      .execute(),
    selectFrom(scope, "contactScores")
      .select([
        sql<string | null>`coalesce(personality_override, personality)`.as("key"),
        (eb) => eb.fn.countAll().as("n"),
      ])
      .groupBy(sql`coalesce(personality_override, personality)`)
      .execute(),
    selectFrom(scope, "contactScores")
      .select([
        sql<number>`sum(case when latest_nps >= 9 then 1 else 0 end)`.as("promoters"),
        sql<number>`sum(case when latest_nps between 7 and 8 then 1 else 0 end)`.as("passives"),
        sql<number>`sum(case when latest_nps <= 6 then 1 else 0 end)`.as("detractors"),
      ])
      .executeTakeFirstOrThrow(),
    selectFrom(scope, "events")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow(),
    selectFrom(scope, "events")
      .select([sql<number>`occurred_at / ${sql.lit(DAY)}`.as("day"), (eb) => eb.fn.countAll().as("n")])
      .where("occurredAt", ">=", now - 30 * DAY)
      .groupBy(sql`occurred_at / ${sql.lit(DAY)}`)
      .orderBy(sql`occurred_at / ${sql.lit(DAY)}`)
      .execute(),
  ]);
  const promoters = Number(nps.promoters ?? 0);
  const passives = Number(nps.passives ?? 0);
  const detractors = Number(nps.detractors ?? 0);
  const responses = promoters + passives + detractors;
  const distribution = Array.from({ length: 10 }, (_, i) => ({
    from: i * 10,
    to: i === 9 ? 100 : i * 10 + 9,
    contacts: Number(buckets.find((b) => Number(b.bucket) === i)?.n ?? 0),
  }));
  const sum = (rows: { n: unknown }[]) => rows.reduce((s, r) => s + Number(r.n), 0);
  return {
    contacts: { total: sum(lifecycle), byLifecycleStage: tally(lifecycle) },
    accounts: { total: sum(industries), byIndustry: tally(industries), byRegion: tally(regions) },
    scores: { scored: sum(buckets), distribution, byPersonality: tally(personalities, "none") },
    nps: {
      responses,
      promoters,
      passives,
      detractors,
      score: responses > 0 ? Math.round(((promoters - detractors) / responses) * 100) : null,
    },
    events: {
      total: Number(events.n),
      last30Days: daily.map((d) => ({
        day: new Date(Number(d.day) * DAY).toISOString().slice(0, 10),
        events: Number(d.n),
      })),
    },
  };
}
