import type { Kysely } from "kysely";

// Reference matching keeps an in-memory index of every profile's matching keys per tenant and
// process (core/references/match-index.ts). Every write to those keys bumps the tenant's version in
// its own transaction and stamps the profiles it changed with that version, so a process checks its
// index against the database in the same statement that reads the candidates, and on a difference
// reloads only the profiles changed since (reference_profile_changes_version_idx).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("reference_match_versions")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("version", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("reference_match_versions_pkey", ["tenant_id"])
    .execute();
  await db.schema
    .createTable("reference_profile_changes")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("profile_id", "text", (c) => c.notNull())
    .addColumn("version", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("reference_profile_changes_pkey", ["tenant_id", "profile_id"])
    .execute();
  await db.schema
    .createIndex("reference_profile_changes_version_idx")
    .on("reference_profile_changes")
    .columns(["tenant_id", "version", "profile_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("reference_profile_changes").execute();
  await db.schema.dropTable("reference_match_versions").execute();
}
