import { sql } from "kysely";
import { type Scope, selectFrom } from "../shared/scope.ts";

/** Rows one first-pass query returns: its best by key fit (the second pass keeps 200 in all). */
export const TIER_ROW_CAP = 200;
const CHUNK = 500;

/** The matching keys of one profile, read from a covering index in the first pass. */
export interface ProfileKey {
  id: string;
  industry: string | null;
  region: string | null;
  sizeBand: string | null;
}

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

/**
 * First pass, from reference_profiles_match_idx / _region_idx alone: active, consented profiles
 * willing to do the activity, by industry and/or region (or one contact's).
 */
export function profileKeys(
  scope: Scope,
  activityBit: number,
  filter: { industry?: string; region?: string; contactId?: string },
  fit: FitKeys,
  cap = TIER_ROW_CAP,
): Promise<ProfileKey[]> {
  let q = selectFrom(scope, "referenceProfiles")
    .select(["id", "industry", "region", "sizeBand"])
    .where("status", "=", "active")
    .where("consentAt", "is not", null)
    .where(willing(activityBit, "referenceProfiles.activityMask"), "<>", 0);
  if (filter.industry !== undefined) q = q.where("industry", "=", filter.industry);
  if (filter.region !== undefined) q = q.where("region", "=", filter.region);
  if (filter.contactId !== undefined) q = q.where("contactId", "=", filter.contactId);
  const byFit = fitOf("referenceProfiles", fit);
  if (byFit) q = q.orderBy(byFit, "desc");
  return q.orderBy("id").limit(cap).execute();
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
): Promise<ProfileKey[]> {
  let q = selectFrom(scope, "referenceProfileTerms")
    .select(["profileId as id", "industry", "region", "sizeBand"])
    .where("field", "=", "competitor")
    .where("term", "=", competitor)
    .where("matchable", "=", 1)
    .where(willing(activityBit, "referenceProfileTerms.activityMask"), "<>", 0);
  const { industry, region } = anyOf;
  if (industry !== undefined && region !== undefined)
    q = q.where((eb) => eb.or([eb("industry", "=", industry), eb("region", "=", region)]));
  else if (industry !== undefined) q = q.where("industry", "=", industry);
  else if (region !== undefined) q = q.where("region", "=", region);
  const byFit = fitOf("referenceProfileTerms", fit);
  if (byFit) q = q.orderBy(byFit, "desc");
  return q.orderBy("profileId").limit(cap).execute();
}

/** Second pass: everything scoring needs, for the few hundred profiles the first pass ranked highest. */
export async function candidateRows(scope: Scope, ids: readonly string[]) {
  const run = (chunk: string[]) =>
    selectFrom(scope, "referenceProfiles")
      .leftJoin("contactScores", (j) =>
        j
          .onRef("contactScores.tenantId", "=", "referenceProfiles.tenantId")
          .onRef("contactScores.contactId", "=", "referenceProfiles.contactId"),
      )
      .select([
        "referenceProfiles.id",
        "referenceProfiles.contactId",
        "referenceProfiles.industry",
        "referenceProfiles.employeeCount",
        "referenceProfiles.region",
        "referenceProfiles.country",
        "referenceProfiles.products",
        "referenceProfiles.useCases",
        "referenceProfiles.languages",
        "referenceProfiles.competitorsReplaced",
        "referenceProfiles.blackouts",
        "referenceProfiles.lastReferenceAt",
        "contactScores.score as advocacyScore",
        "contactScores.latestNps",
        "contactScores.computedAt as scoreComputedAt",
      ])
      .where("referenceProfiles.id", "in", chunk)
      .execute();
  return inChunks(ids, run);
}

export type CandidateRow = Awaited<ReturnType<typeof candidateRows>>[number];

async function inChunks<T>(ids: readonly string[], run: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await run(ids.slice(i, i + CHUNK))));
  return out;
}

/** NPS answers of some contacts since a moment. */
export const npsSince = (scope: Scope, contactIds: readonly string[], since: number) =>
  inChunks(contactIds, (chunk) =>
    selectFrom(scope, "surveyResponses")
      .select(["contactId", "score", "occurredAt"])
      .where("contactId", "in", chunk)
      .where("kind", "=", "nps")
      .where("occurredAt", ">=", since)
      .execute(),
  );

/**
 * Open escalated tickets. "Escalated" is what the tickets projection stores: the `escalated` flag
 * (a "Ticket Escalated" signal or `escalated: true`), or priority "urgent".
 */
export const openEscalatedTickets = (scope: Scope, contactIds: readonly string[]) =>
  inChunks(contactIds, (chunk) =>
    selectFrom(scope, "tickets")
      .select(["id", "contactId", "subject", "priority", "escalated", "openedAt"])
      .where("contactId", "in", chunk)
      .where("status", "not in", ["resolved", "closed"])
      .where((eb) => eb.or([eb("escalated", "=", 1), eb("priority", "=", "urgent")]))
      .execute(),
  );

/** Reference asks still open (asked and not answered, or accepted and the call not yet held). */
export const openAsksOf = (scope: Scope, contactIds: readonly string[]) =>
  inChunks(contactIds, (chunk) =>
    selectFrom(scope, "referenceAsks")
      .select(["contactId", "requestId", "status", "askedAt"])
      .where("contactId", "in", chunk)
      .where("status", "in", ["pending", "accepted"])
      .execute(),
  );

export const asksOfRequest = (scope: Scope, requestId: string) =>
  selectFrom(scope, "referenceAsks").selectAll().where("requestId", "=", requestId).orderBy("askedAt").execute();
