import type { Kysely } from "kysely";

// Listening: brand mentions from feeds, webhooks and CSV; the feeds polled; negative-spike alerts.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("mentions")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("source_id", "text", (c) => c.notNull())
    .addColumn("brand", "text", (c) => c.notNull())
    .addColumn("url", "text")
    .addColumn("author_handle", "text")
    .addColumn("author_name", "text")
    .addColumn("author_email", "text")
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("published_at", "bigint", (c) => c.notNull())
    .addColumn("sentiment", "double precision", (c) => c.notNull())
    .addColumn("reach", "integer", (c) => c.notNull())
    .addColumn("contact_id", "text")
    .addColumn("fingerprint", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("mentions_pkey", ["tenant_id", "id"])
    .execute();
  await db.schema
    .createIndex("mentions_fingerprint_key")
    .on("mentions")
    .columns(["tenant_id", "fingerprint"])
    .unique()
    .execute();
  await db.schema.createIndex("mentions_contact_idx").on("mentions").columns(["tenant_id", "contact_id"]).execute();
  await db.schema
    .createIndex("mentions_brand_source_published_idx")
    .on("mentions")
    .columns(["tenant_id", "brand", "source_id", "published_at"])
    .execute();
  await db.schema.createIndex("mentions_published_idx").on("mentions").columns(["tenant_id", "published_at"]).execute();

  await db.schema
    .createTable("mention_feeds")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("format", "text")
    .addColumn("poll_interval_ms", "bigint", (c) => c.notNull())
    .addColumn("etag", "text")
    .addColumn("last_modified", "text")
    .addColumn("next_poll_at", "bigint", (c) => c.notNull())
    .addColumn("failures", "integer", (c) => c.notNull())
    .addColumn("last_error", "text")
    .addColumn("last_polled_at", "bigint")
    .addColumn("last_success_at", "bigint")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("disabled_at", "bigint")
    .addPrimaryKeyConstraint("mention_feeds_pkey", ["tenant_id", "id"])
    .execute();
  await db.schema
    .createIndex("mention_feeds_url_key")
    .on("mention_feeds")
    .columns(["tenant_id", "url"])
    .unique()
    .execute();

  await db.schema
    .createTable("mention_alerts")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("brand", "text", (c) => c.notNull())
    .addColumn("source_id", "text", (c) => c.notNull())
    .addColumn("day", "bigint", (c) => c.notNull())
    .addColumn("negative_count", "integer", (c) => c.notNull())
    .addColumn("baseline", "double precision", (c) => c.notNull())
    .addColumn("baseline_sentiment", "double precision")
    .addColumn("mean_sentiment", "double precision", (c) => c.notNull())
    .addColumn("threshold", "double precision", (c) => c.notNull())
    .addColumn("opened_at", "bigint", (c) => c.notNull())
    .addColumn("closed_at", "bigint")
    .addColumn("deliveries", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("mention_alerts_pkey", ["tenant_id", "id"])
    .execute();
  // At most one episode opens per brand, source and day, even when two batches race.
  await db.schema
    .createIndex("mention_alerts_episode_key")
    .on("mention_alerts")
    .columns(["tenant_id", "brand", "source_id", "day"])
    .unique()
    .execute();
  await db.schema
    .createIndex("mention_alerts_opened_idx")
    .on("mention_alerts")
    .columns(["tenant_id", "opened_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("mention_alerts").execute();
  await db.schema.dropTable("mention_feeds").execute();
  await db.schema.dropTable("mentions").execute();
}
