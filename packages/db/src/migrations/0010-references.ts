import type { Kysely } from "kysely";

// Reference management (profiles, requests, asks to advocates) and the cross-Advo ask log with its
// compact per-contact, per-quarter counters that every module checks before asking a contact again.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("contact_asks")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("contact_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("source_type", "text", (c) => c.notNull())
    .addColumn("source_id", "text", (c) => c.notNull())
    .addColumn("at", "bigint", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("contact_asks_pkey", ["tenant_id", "id"])
    .execute();
  await db.schema
    .createIndex("contact_asks_contact_idx")
    .on("contact_asks")
    .columns(["tenant_id", "contact_id", "at"])
    .execute();
  await db.schema
    .createIndex("contact_asks_source_key")
    .on("contact_asks")
    .columns(["tenant_id", "source_type", "source_id", "contact_id", "kind"])
    .unique()
    .execute();

  // One row per contact, calendar quarter and kind ("*" counts every kind).
  await db.schema
    .createTable("contact_ask_counts")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("contact_id", "text", (c) => c.notNull())
    .addColumn("quarter", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("asks", "integer", (c) => c.notNull())
    .addColumn("last_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("contact_ask_counts_pkey", ["tenant_id", "contact_id", "quarter", "kind"])
    .execute();

  // A contact's own limit per quarter, for one kind of ask or "*" for all of them.
  await db.schema
    .createTable("contact_ask_limits")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("contact_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("max_per_quarter", "integer", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("contact_ask_limits_pkey", ["tenant_id", "contact_id", "kind"])
    .execute();

  await db.schema
    .createTable("reference_profiles")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("contact_id", "text", (c) => c.notNull())
    .addColumn("account_id", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("consent_at", "bigint")
    .addColumn("consent_source", "text")
    .addColumn("activities", "text", (c) => c.notNull())
    .addColumn("activity_mask", "integer", (c) => c.notNull())
    .addColumn("products", "text", (c) => c.notNull())
    .addColumn("use_cases", "text", (c) => c.notNull())
    .addColumn("industry", "text")
    .addColumn("employee_count", "integer")
    .addColumn("size_band", "text")
    .addColumn("region", "text")
    .addColumn("country", "text")
    .addColumn("languages", "text", (c) => c.notNull())
    .addColumn("competitors_replaced", "text", (c) => c.notNull())
    .addColumn("results", "text", (c) => c.notNull())
    .addColumn("availability", "text")
    .addColumn("max_asks_per_quarter", "integer")
    .addColumn("blackouts", "text", (c) => c.notNull())
    .addColumn("notes", "text")
    .addColumn("last_reference_at", "bigint")
    .addColumn("references_given", "integer", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("reference_profiles_pkey", ["tenant_id", "id"])
    .execute();
  await db.schema
    .createIndex("reference_profiles_contact_key")
    .on("reference_profiles")
    .columns(["tenant_id", "contact_id"])
    .unique()
    .execute();
  // Matching's first pass reads only these covering indexes (see core/references/match.queries.ts).
  await db.schema
    .createIndex("reference_profiles_match_idx")
    .on("reference_profiles")
    .columns(["tenant_id", "status", "industry", "region", "size_band", "activity_mask", "consent_at", "id"])
    .execute();
  await db.schema
    .createIndex("reference_profiles_region_idx")
    .on("reference_profiles")
    .columns(["tenant_id", "status", "region", "industry", "size_band", "activity_mask", "consent_at", "id"])
    .execute();

  // Lower-cased products and competitors of each profile, for matching and coverage by term, with a
  // copy of the profile's matching keys so a competitor tier is answered from one covering index.
  await db.schema
    .createTable("reference_profile_terms")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("field", "text", (c) => c.notNull())
    .addColumn("term", "text", (c) => c.notNull())
    .addColumn("profile_id", "text", (c) => c.notNull())
    .addColumn("matchable", "integer", (c) => c.notNull())
    .addColumn("activity_mask", "integer", (c) => c.notNull())
    .addColumn("industry", "text")
    .addColumn("region", "text")
    .addColumn("size_band", "text")
    .addPrimaryKeyConstraint("reference_profile_terms_pkey", ["tenant_id", "field", "term", "profile_id"])
    .execute();
  await db.schema
    .createIndex("reference_profile_terms_profile_idx")
    .on("reference_profile_terms")
    .columns(["tenant_id", "profile_id"])
    .execute();
  await db.schema
    .createIndex("reference_profile_terms_match_idx")
    .on("reference_profile_terms")
    .columns([
      "tenant_id",
      "field",
      "term",
      "matchable",
      "industry",
      "region",
      "size_band",
      "activity_mask",
      "profile_id",
    ])
    .execute();

  await db.schema
    .createTable("reference_requests")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("requested_by", "text", (c) => c.notNull())
    .addColumn("prospect_name", "text", (c) => c.notNull())
    .addColumn("industry", "text")
    .addColumn("employee_count", "integer")
    .addColumn("region", "text")
    .addColumn("country", "text")
    .addColumn("products", "text", (c) => c.notNull())
    .addColumn("use_case", "text")
    .addColumn("competitor", "text")
    .addColumn("language", "text")
    .addColumn("activity", "text", (c) => c.notNull())
    .addColumn("deal_amount", "double precision")
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("stage", "text")
    .addColumn("opportunity_id", "text")
    .addColumn("needed_by", "bigint")
    .addColumn("notes", "text")
    .addColumn("contact_id", "text")
    .addColumn("call_status", "text")
    .addColumn("call_at", "bigint")
    .addColumn("deal_status", "text", (c) => c.notNull())
    .addColumn("won_amount", "double precision")
    .addColumn("outcome_notes", "text")
    .addColumn("approved_by", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("approved_at", "bigint")
    .addColumn("asked_at", "bigint")
    .addColumn("accepted_at", "bigint")
    .addColumn("completed_at", "bigint")
    .addColumn("cancelled_at", "bigint")
    .addColumn("outcome_at", "bigint")
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("reference_requests_pkey", ["tenant_id", "id"])
    .execute();
  await db.schema
    .createIndex("reference_requests_status_idx")
    .on("reference_requests")
    .columns(["tenant_id", "status", "created_at"])
    .execute();
  await db.schema
    .createIndex("reference_requests_opportunity_idx")
    .on("reference_requests")
    .columns(["tenant_id", "opportunity_id"])
    .execute();

  await db.schema
    .createTable("reference_asks")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("request_id", "text", (c) => c.notNull())
    .addColumn("contact_id", "text", (c) => c.notNull())
    .addColumn("profile_id", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("match_score", "integer", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("token_hash", "text", (c) => c.notNull())
    .addColumn("token_expires_at", "bigint", (c) => c.notNull())
    .addColumn("asked_by", "text", (c) => c.notNull())
    .addColumn("asked_at", "bigint", (c) => c.notNull())
    .addColumn("responded_at", "bigint")
    .addColumn("responded_via", "text")
    .addColumn("points_transaction_id", "text")
    .addPrimaryKeyConstraint("reference_asks_pkey", ["tenant_id", "id"])
    .execute();
  await db.schema
    .createIndex("reference_asks_request_idx")
    .on("reference_asks")
    .columns(["tenant_id", "request_id", "asked_at"])
    .execute();
  await db.schema
    .createIndex("reference_asks_contact_idx")
    .on("reference_asks")
    .columns(["tenant_id", "contact_id", "status"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "reference_asks",
    "reference_requests",
    "reference_profile_terms",
    "reference_profiles",
    "contact_ask_limits",
    "contact_ask_counts",
    "contact_asks",
  ])
    await db.schema.dropTable(table).execute();
}
