import type { Kysely } from "kysely";

// Reference matching: the competitor tier asks for profiles that replaced a competitor and share the
// prospect's industry *or* region. reference_profile_terms_match_idx (0010) seeks by industry; this
// one, region before industry, lets the region half seek too instead of scanning every profile that
// replaced the competitor (core/references/match.queries.ts sends the two halves as two branches).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("reference_profile_terms_region_idx")
    .on("reference_profile_terms")
    .columns([
      "tenant_id",
      "field",
      "term",
      "matchable",
      "region",
      "industry",
      "size_band",
      "activity_mask",
      "profile_id",
    ])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("reference_profile_terms_region_idx").execute();
}
