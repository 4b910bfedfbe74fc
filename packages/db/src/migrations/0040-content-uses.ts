import type { Kysely } from "kysely";

// Where sales used a piece of content: the opportunity it went into, and how that deal ended. Impact
// counts the pipeline it influenced and shares won deals' revenue with the advocate the content features.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("content_uses")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("content_id", "text", (c) => c.notNull())
    .addColumn("opportunity_id", "text", (c) => c.notNull())
    .addColumn("prospect_name", "text")
    .addColumn("deal_amount", "double precision")
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("deal_status", "text", (c) => c.notNull())
    .addColumn("won_amount", "double precision")
    .addColumn("used_at", "bigint", (c) => c.notNull())
    .addColumn("recorded_by", "text")
    .addColumn("note", "text")
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("content_uses_pkey", ["tenant_id", "id"])
    .execute();
  await db.schema
    .createIndex("content_uses_content_opportunity_key")
    .unique()
    .on("content_uses")
    .columns(["tenant_id", "content_id", "opportunity_id"])
    .execute();
  await db.schema
    .createIndex("content_uses_used_at_idx")
    .on("content_uses")
    .columns(["tenant_id", "used_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("content_uses").execute();
}
