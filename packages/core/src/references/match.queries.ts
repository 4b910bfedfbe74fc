import { sql } from "kysely";
import { type Scope, selectFrom } from "../shared/scope.ts";

/** Most rows one pre-filter tier may return; a tier this wide means the prospect told us very little. */
export const TIER_ROW_CAP = 5000;
const CHUNK = 500;

export interface TierFilter {
  industry?: string;
  region?: string;
  competitor?: string;
  /** One advocate's profile (a manager picking someone by name). */
  contactId?: string;
}

/**
 * Active, consented profiles willing to do the activity, narrowed by indexed equalities: industry and
 * region use reference_profiles_match_idx / _region_idx, a competitor the terms table's primary key.
 * Only the columns scoring needs, and the contact's advocacy score and latest NPS.
 */
export function candidateRows(scope: Scope, activityBit: number, filter: TierFilter, cap = TIER_ROW_CAP) {
  let q = selectFrom(scope, "referenceProfiles")
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
    .where("referenceProfiles.status", "=", "active")
    .where("referenceProfiles.consentAt", "is not", null)
    .where(sql<number>`${sql.ref("referenceProfiles.activityMask")} & ${sql.lit(activityBit)}`, "<>", 0);
  if (filter.industry !== undefined) q = q.where("referenceProfiles.industry", "=", filter.industry);
  if (filter.region !== undefined) q = q.where("referenceProfiles.region", "=", filter.region);
  if (filter.contactId !== undefined) q = q.where("referenceProfiles.contactId", "=", filter.contactId);
  if (filter.competitor !== undefined) {
    const term = filter.competitor;
    // The terms primary key (tenant, field, term, profile) holds one row per profile and term.
    q = q.innerJoin("referenceProfileTerms", (j) =>
      j
        .onRef("referenceProfileTerms.tenantId", "=", "referenceProfiles.tenantId")
        .onRef("referenceProfileTerms.profileId", "=", "referenceProfiles.id")
        .on("referenceProfileTerms.field", "=", "competitor")
        .on("referenceProfileTerms.term", "=", term),
    );
  }
  return q.limit(cap).execute();
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
