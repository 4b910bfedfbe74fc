import type { Database } from "@advo/db";
import { type SelectQueryBuilder, sql } from "kysely";
import { type FactQuery, factColumns } from "../asks/index.ts";
import { inTexts, type Scope, selectFrom } from "../shared/scope.ts";

/** Rows one first-pass query returns: its best by key fit (the second pass keeps 200 in all). */
export const TIER_ROW_CAP = 200;

/** What the first pass ranks by in SQL: the prospect's industry, region and size bands. */
export interface FitKeys {
  industry?: string | undefined;
  region?: string | undefined;
  /** The prospect's size band, and the bands next to it. */
  band?: string | undefined;
  nearBands?: string[];
}

/** Key fit in SQL (industry 25, region 15, size 10 or 5 next door), so each tier returns only its best rows. */
function fitOf(table: "referenceProfiles" | "referenceProfileTerms", k: FitKeys) {
  const col = (c: string) => sql.ref(`${table}.${c}`);
  const parts: ReturnType<typeof sql>[] = [];
  if (k.industry !== undefined) parts.push(sql`(case when ${col("industry")} = ${k.industry} then 25 else 0 end)`);
  if (k.region !== undefined) parts.push(sql`(case when ${col("region")} = ${k.region} then 15 else 0 end)`);
  if (k.band !== undefined) {
    const near =
      k.nearBands && k.nearBands.length > 0
        ? sql` when ${col("sizeBand")} in (${sql.join(k.nearBands)}) then 5`
        : sql``;
    parts.push(sql`(case when ${col("sizeBand")} = ${k.band} then 10${near} else 0 end)`);
  }
  // No keys: nothing to rank by (a bare constant would read as a column position in ORDER BY).
  return parts.length === 0 ? undefined : sql<number>`${sql.join(parts, sql` + `)}`;
}

const willing = (activityBit: number, column: string) => sql<number>`${sql.ref(column)} & ${sql.lit(activityBit)}`;

/** One first-pass query: profile ids with their key fit and whether they replaced the prospect's competitor. */
export interface ProfileKey {
  id: string;
  competitor: number;
  fit: number;
}
export type KeyQuery = SelectQueryBuilder<Database, keyof Database, ProfileKey>;

/**
 * First pass, from reference_profiles_match_idx / _region_idx alone: active, consented profiles
 * willing to do the activity, by industry and/or region (or one contact's, then with whether that
 * profile replaced `competitor`), their best `cap` by key fit.
 */
export function profileKeys(
  scope: Scope,
  activityBit: number,
  filter: { industry?: string; region?: string; contactId?: string; competitor?: string },
  fit: FitKeys,
  cap = TIER_ROW_CAP,
): KeyQuery {
  const byFit = fitOf("referenceProfiles", fit);
  const replaced =
    filter.competitor === undefined
      ? sql<number>`0`
      : sql<number>`(case when exists ${selectFrom(scope, "referenceProfileTerms")
          .select(sql.lit(1).as("one"))
          .where("field", "=", "competitor")
          .where("term", "=", filter.competitor)
          .where("referenceProfileTerms.profileId", "=", sql.ref<string>("referenceProfiles.id"))} then 1 else 0 end)`;
  let q = selectFrom(scope, "referenceProfiles")
    .select(["referenceProfiles.id", replaced.as("competitor"), (byFit ?? sql<number>`0`).as("fit")])
    .where("status", "=", "active")
    .where("consentAt", "is not", null)
    .where(willing(activityBit, "referenceProfiles.activityMask"), "<>", 0);
  if (filter.industry !== undefined) q = q.where("industry", "=", filter.industry);
  if (filter.region !== undefined) q = q.where("region", "=", filter.region);
  if (filter.contactId !== undefined) q = q.where("contactId", "=", filter.contactId);
  if (byFit) q = q.orderBy(byFit, "desc");
  return q.orderBy("referenceProfiles.id").limit(cap) as unknown as KeyQuery;
}

/**
 * First pass for a competitor, from reference_profile_terms_match_idx alone: profiles that replaced
 * it and also match the prospect's industry or region (or either, when `anyOf` is empty).
 */
export function competitorKeys(
  scope: Scope,
  activityBit: number,
  competitor: string,
  anyOf: { industry?: string; region?: string },
  fit: FitKeys,
  cap = TIER_ROW_CAP,
): KeyQuery {
  const byFit = fitOf("referenceProfileTerms", fit);
  let q = selectFrom(scope, "referenceProfileTerms")
    .select(["profileId as id", sql<number>`1`.as("competitor"), (byFit ?? sql<number>`0`).as("fit")])
    .where("field", "=", "competitor")
    .where("term", "=", competitor)
    .where("matchable", "=", 1)
    .where(willing(activityBit, "referenceProfileTerms.activityMask"), "<>", 0);
  const { industry, region } = anyOf;
  if (industry !== undefined && region !== undefined)
    q = q.where((eb) => eb.or([eb("industry", "=", industry), eb("region", "=", region)]));
  else if (industry !== undefined) q = q.where("industry", "=", industry);
  else if (region !== undefined) q = q.where("region", "=", region);
  if (byFit) q = q.orderBy(byFit, "desc");
  return q.orderBy("profileId").limit(cap) as unknown as KeyQuery;
}

/**
 * First and second pass in one round trip: the first-pass queries' rows pooled (one per profile, a
 * competitor match from any of them), the best `cap` by key fit plus `competitorPoints` for a
 * competitor match (ties by id), and for those everything scoring and display need: the profile, its contact's advocacy
 * score, name and account. `poolSize` on every row: how many distinct profiles the first pass found.
 */
/** A profile as matching scores it: its own fields and its contact's advocacy score and latest NPS. */
export interface ProfileForScoring {
  id: string;
  contactId: string;
  industry: string | null;
  employeeCount: number | null;
  region: string | null;
  country: string | null;
  products: string;
  useCases: string;
  languages: string;
  competitorsReplaced: string;
  blackouts: string;
  lastReferenceAt: number | null;
  advocacyScore: number | null;
  latestNps: number | null;
  scoreComputedAt: number | null;
}

export async function rankedCandidates(scope: Scope, keys: KeyQuery[], cap: number, competitorPoints: number) {
  if (keys.length === 0) return [];
  const pool = sql.join(
    keys.map((k, i) => sql`select * from ${k} as ${sql.ref(`k${i}`)}`),
    sql` union all `,
  );
  const t = scope.tenantId;
  const { rows } = await sql<
    ProfileForScoring & {
      personId: string | null;
      firstName: string | null;
      lastName: string | null;
      email: string | null;
      title: string | null;
      accountName: string | null;
      poolSize: number;
    }
  >`with pool as (${pool}),
    keyed as (select id, max(competitor) as competitor, max(fit) as fit from pool group by id),
    best as (select id from keyed order by fit + ${sql.lit(competitorPoints)} * competitor desc, id limit ${sql.lit(cap)})
    select rp.id, rp.contact_id, rp.industry, rp.employee_count, rp.region, rp.country, rp.products,
      rp.use_cases, rp.languages, rp.competitors_replaced, rp.blackouts, rp.last_reference_at,
      cs.score as advocacy_score, cs.latest_nps, cs.computed_at as score_computed_at,
      c.id as person_id, c.first_name, c.last_name, c.email, c.title, a.name as account_name,
      (select count(*) from keyed) as pool_size
    from reference_profiles rp
    left join contact_scores cs on cs.tenant_id = ${t} and cs.contact_id = rp.contact_id
    left join contacts c on c.tenant_id = ${t} and c.id = rp.contact_id
    left join accounts a on a.tenant_id = ${t} and a.id = c.account_id
    where rp.tenant_id = ${t} and rp.id in (select id from best)`.execute(scope.db);
  return rows;
}

export type CandidateRow = Awaited<ReturnType<typeof rankedCandidates>>[number];

/**
 * What excludes a contact besides ask fatigue, as facts-query branches (sent with askFactsFor's in
 * one UNION ALL): NPS answers since a moment ("nps": n score, at occurred), open escalated tickets
 * ("ticket": k id, s subject, n escalated flag, at opened) and reference asks still open ("open_ask":
 * k request, s status, at asked). "Escalated" is what the tickets projection stores: the `escalated`
 * flag (a "Ticket Escalated" signal or `escalated: true`), or priority "urgent". An open ask is one
 * asked and not answered, or accepted and the call not yet held.
 */
export function exclusionFacts(scope: Scope, contactIds: readonly string[], npsSince: number): FactQuery[] {
  const ids = [...contactIds];
  if (ids.length === 0) return [];
  const ref = sql.ref;
  return [
    selectFrom(scope, "surveyResponses")
      .select(
        factColumns(
          "nps",
          ref("surveyResponses.contactId"),
          null,
          null,
          ref("surveyResponses.score"),
          ref("surveyResponses.occurredAt"),
        ),
      )
      .where(inTexts(scope, "surveyResponses.contactId", ids))
      .where("kind", "=", "nps")
      .where("occurredAt", ">=", npsSince),
    selectFrom(scope, "tickets")
      .select(
        factColumns(
          "ticket",
          ref("tickets.contactId"),
          ref("tickets.id"),
          ref("tickets.subject"),
          ref("tickets.escalated"),
          ref("tickets.openedAt"),
        ),
      )
      .where(inTexts(scope, "tickets.contactId", ids))
      .where("status", "not in", ["resolved", "closed"])
      .where((eb) => eb.or([eb("escalated", "=", 1), eb("priority", "=", "urgent")])),
    selectFrom(scope, "referenceAsks")
      .select(
        factColumns(
          "open_ask",
          ref("referenceAsks.contactId"),
          ref("referenceAsks.requestId"),
          ref("referenceAsks.status"),
          null,
          ref("referenceAsks.askedAt"),
        ),
      )
      .where(inTexts(scope, "referenceAsks.contactId", ids))
      .where("status", "in", ["pending", "accepted"]),
  ] as unknown as FactQuery[];
}

export const asksOfRequest = (scope: Scope, requestId: string) =>
  selectFrom(scope, "referenceAsks").selectAll().where("requestId", "=", requestId).orderBy("askedAt").execute();
