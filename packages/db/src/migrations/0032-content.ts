import type { Kysely } from "kysely";

// Customer content written with advocates (testimonials, case studies, quotes, videos), approved by
// the advocate version by version, with its history.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("content_items")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("contact_id", "text")
    .addColumn("account_id", "text")
    .addColumn("attribution", "text", (c) => c.notNull())
    .addColumn("channels", "text", (c) => c.notNull())
    .addColumn("usable_until", "bigint")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("approved_version", "integer")
    .addColumn("approved_at", "bigint")
    .addColumn("advocate_comment", "text")
    .addColumn("approval_token_hash", "text")
    .addColumn("approval_expires_at", "bigint")
    .addColumn("source_submission_id", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addColumn("published_at", "bigint")
    .addPrimaryKeyConstraint("content_items_pkey", ["tenant_id", "id"])
    .execute();
  await db.schema
    .createIndex("content_items_status_idx")
    .on("content_items")
    .columns(["tenant_id", "status", "updated_at"])
    .execute();
  await db.schema
    .createIndex("content_items_contact_idx")
    .on("content_items")
    .columns(["tenant_id", "contact_id"])
    .execute();
  await db.schema
    .createTable("content_events")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("content_id", "text", (c) => c.notNull())
    .addColumn("at", "bigint", (c) => c.notNull())
    .addColumn("actor_type", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("actor_name", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("detail", "text")
    .addPrimaryKeyConstraint("content_events_pkey", ["tenant_id", "id"])
    .execute();
  await db.schema
    .createIndex("content_events_content_idx")
    .on("content_events")
    .columns(["tenant_id", "content_id", "id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("content_events").execute();
  await db.schema.dropTable("content_items").execute();
}
