import type { Kysely } from "kysely";

// Saved segments, their current members, and a log of who joined or left (journeys listen to it).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("segments")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("expression", "text", (c) => c.notNull())
    .addColumn("member_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("refreshed_at", "bigint")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("segments_pkey", ["tenant_id", "id"])
    .execute();
  await db.schema.createIndex("segments_name_key").on("segments").columns(["tenant_id", "name"]).unique().execute();

  await db.schema
    .createTable("segment_members")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("segment_id", "text", (c) => c.notNull())
    .addColumn("contact_id", "text", (c) => c.notNull())
    .addColumn("joined_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("segment_members_pkey", ["tenant_id", "segment_id", "contact_id"])
    .execute();
  await db.schema
    .createIndex("segment_members_contact_idx")
    .on("segment_members")
    .columns(["tenant_id", "contact_id"])
    .execute();

  await db.schema
    .createTable("segment_changes")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("segment_id", "text", (c) => c.notNull())
    .addColumn("contact_id", "text", (c) => c.notNull())
    .addColumn("change", "text", (c) => c.notNull())
    .addColumn("at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("segment_changes_pkey", ["tenant_id", "id"])
    .execute();
  await db.schema
    .createIndex("segment_changes_segment_idx")
    .on("segment_changes")
    .columns(["tenant_id", "segment_id", "at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["segment_changes", "segment_members", "segments"]) await db.schema.dropTable(table).execute();
}
