import type { Kysely } from "kysely";

// Trained propensity models, versioned per tenant, and each contact's latest predicted propensity.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("propensity_models")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("window_days", "integer", (c) => c.notNull())
    .addColumn("model", "text", (c) => c.notNull())
    .addColumn("trained_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("propensity_models_pkey", ["tenant_id", "id"])
    .execute();
  await db.schema
    .createIndex("propensity_models_version_key")
    .on("propensity_models")
    .columns(["tenant_id", "version"])
    .unique()
    .execute();
  await db.schema.alterTable("contact_scores").addColumn("propensity", "double precision").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("contact_scores").dropColumn("propensity").execute();
  await db.schema.dropTable("propensity_models").execute();
}
