import { sql } from "kysely";
import { insertInto, inTexts, type Scope } from "../shared/scope.ts";
import type { ProfileForScoring } from "./match.queries.ts";

// The SQL of the in-memory matching index (match-index.ts): the tenant's version of profile matching
// keys, bumped by every write to them, and the reads that load the index and check it, each one
// statement, so the version and the rows come from the same snapshot.

/**
 * Call in the transaction of every write to a profile's matching keys (status, consent, activities,
 * industry, region, size, competitors replaced) or that adds profiles: bumps the tenant's version and
 * stamps these profiles with it. The version row's lock orders concurrent writers, so versions
 * commit in order and a reader that sees version v sees every change up to v.
 */
export async function bumpMatchVersion(scope: Scope, profileIds: readonly string[]): Promise<void> {
  const { version } = await insertInto(scope, "referenceMatchVersions", { version: 1 })
    .onConflict((oc) =>
      oc.column("tenantId").doUpdateSet((eb) => ({ version: eb("referenceMatchVersions.version", "+", 1) })),
    )
    .returning("version")
    .executeTakeFirstOrThrow();
  const ids = [...new Set(profileIds)];
  for (let i = 0; i < ids.length; i += 500)
    await insertInto(
      scope,
      "referenceProfileChanges",
      ids.slice(i, i + 500).map((profileId) => ({ profileId, version: Number(version) })),
    )
      .onConflict((oc) =>
        oc.columns(["tenantId", "profileId"]).doUpdateSet((eb) => ({ version: eb.ref("excluded.version") })),
      )
      .execute();
}

/** A profile's matching keys as the index keeps them (null id: a changed profile since deleted). */
export interface IndexRow {
  version: number;
  id: string | null;
  status: string | null;
  consentAt: number | null;
  activityMask: number | null;
  industry: string | null;
  region: string | null;
  sizeBand: string | null;
  competitorsReplaced: string | null;
}

const versionOf = (t: string) =>
  sql`(select coalesce(max(version), 0) from reference_match_versions where tenant_id = ${t})`;
const keyColumns = sql`rp.id, rp.status, rp.consent_at, rp.activity_mask, rp.industry, rp.region, rp.size_band,
  rp.competitors_replaced`;

/** Every profile's keys with the tenant's version (one row with a null id when there is none). */
export async function loadIndexRows(scope: Scope): Promise<IndexRow[]> {
  const t = scope.tenantId;
  const { rows } = await sql<IndexRow>`select v.version, ${keyColumns}
    from (select ${versionOf(t)} as version) v left join reference_profiles rp on rp.tenant_id = ${t}
    order by rp.id`.execute(scope.db);
  return rows;
}

/** Profiles changed after `since` with their keys (null when deleted), and the tenant's version. */
export async function loadChangedRows(
  scope: Scope,
  since: number,
): Promise<(IndexRow & { changedId: string | null })[]> {
  const t = scope.tenantId;
  const { rows } = await sql<IndexRow & { changedId: string | null }>`select v.version, ch.profile_id as changed_id,
      ${keyColumns}
    from (select ${versionOf(t)} as version) v
    left join reference_profile_changes ch on ch.tenant_id = ${t} and ch.version > ${since}
    left join reference_profiles rp on rp.tenant_id = ${t} and rp.id = ch.profile_id`.execute(scope.db);
  return rows;
}

/**
 * The profiles the first pass chose, with everything scoring needs (the profile, its contact's
 * advocacy score and NPS), and the tenant's version read in the same statement. Names are read
 * later, for those shown (peopleOf). Named in camelCase by the SQL itself: the case plugin's copy of
 * each of 200 rows per match was a tenth of a match's garbage.
 */
export async function candidatesByIds(scope: Scope, ids: readonly string[]) {
  const t = scope.tenantId;
  const { rows } = await sql<
    ProfileForScoring & { version: number }
  >`select ${versionOf(t)} as version, rp.id, rp.contact_id as "contactId", rp.industry,
      rp.employee_count as "employeeCount", rp.region, rp.country, rp.products, rp.use_cases as "useCases",
      rp.languages, rp.competitors_replaced as "competitorsReplaced", rp.blackouts,
      rp.last_reference_at as "lastReferenceAt", cs.score as "advocacyScore", cs.latest_nps as "latestNps",
      cs.computed_at as "scoreComputedAt"
    from reference_profiles rp
    left join contact_scores cs on cs.tenant_id = ${t} and cs.contact_id = rp.contact_id
    where rp.tenant_id = ${t} and ${inTexts(scope, "rp.id", ids)}`.execute(scope.db.withoutPlugins());
  const first = rows[0];
  // No row (none chosen, or every one since deleted): the version alone.
  const version = first ? first.version : await currentVersion(scope);
  return { version: Number(version), rows };
}

/** Names to show for some contacts: the person (null when the contact is gone) and their account. */
export async function peopleOf(scope: Scope, contactIds: readonly string[]) {
  const t = scope.tenantId;
  const { rows } = await sql<{
    personId: string;
    firstName: string | null;
    lastName: string | null;
    email: string | null;
    title: string | null;
    accountName: string | null;
  }>`select c.id as person_id, c.first_name, c.last_name, c.email, c.title, a.name as account_name
    from contacts c
    left join accounts a on a.tenant_id = ${t} and a.id = c.account_id
    where c.tenant_id = ${t} and ${inTexts(scope, "c.id", [...new Set(contactIds)])}`.execute(scope.db);
  return rows;
}

async function currentVersion(scope: Scope) {
  const { rows } = await sql<{ version: number }>`select ${versionOf(scope.tenantId)} as version`.execute(scope.db);
  return Number(rows[0]?.version ?? 0);
}
