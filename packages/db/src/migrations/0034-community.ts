import type { Kysely } from "kysely";

// Community: spaces (user groups, advisory boards, ambassador circles) with their members, and events
// (meetups, webinars, board meetings) with registrations, a waitlist and attendance.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("community_spaces")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("region", "text")
    .addColumn("visibility", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("community_spaces_pkey", ["tenant_id", "id"])
    .execute();
  await db.schema
    .createTable("community_members")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("space_id", "text", (c) => c.notNull())
    .addColumn("contact_id", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("joined_at", "bigint", (c) => c.notNull())
    .addColumn("added_by", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("community_members_pkey", ["tenant_id", "space_id", "contact_id"])
    .execute();
  await db.schema
    .createIndex("community_members_contact_idx")
    .on("community_members")
    .columns(["tenant_id", "contact_id"])
    .execute();
  await db.schema
    .createTable("community_events")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("space_id", "text")
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("starts_at", "bigint", (c) => c.notNull())
    .addColumn("ends_at", "bigint", (c) => c.notNull())
    .addColumn("timezone", "text", (c) => c.notNull())
    .addColumn("location", "text")
    .addColumn("online_url", "text")
    .addColumn("capacity", "integer")
    .addColumn("attendance_points", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("cancel_reason", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("community_events_pkey", ["tenant_id", "id"])
    .execute();
  await db.schema
    .createIndex("community_events_start_idx")
    .on("community_events")
    .columns(["tenant_id", "starts_at"])
    .execute();
  await db.schema
    .createTable("community_registrations")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("event_id", "text", (c) => c.notNull())
    .addColumn("contact_id", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("registered_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addColumn("points_transaction_id", "text")
    .addPrimaryKeyConstraint("community_registrations_pkey", ["tenant_id", "event_id", "contact_id"])
    .execute();
  await db.schema
    .createIndex("community_registrations_contact_idx")
    .on("community_registrations")
    .columns(["tenant_id", "contact_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("community_registrations").execute();
  await db.schema.dropTable("community_events").execute();
  await db.schema.dropTable("community_members").execute();
  await db.schema.dropTable("community_spaces").execute();
}
