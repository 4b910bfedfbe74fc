import type { Kysely } from "kysely";

// The advocate hub's sign-in (magic links, advocate sessions) and the outgoing mail queue.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("magic_links")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("contact_id", "text", (c) => c.notNull())
    .addColumn("secret_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addColumn("used_at", "bigint")
    .addPrimaryKeyConstraint("magic_links_pkey", ["tenant_id", "id"])
    .execute();

  await db.schema
    .createTable("advocate_sessions")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("contact_id", "text", (c) => c.notNull())
    .addColumn("secret_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addColumn("last_seen_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("advocate_sessions_pkey", ["tenant_id", "id"])
    .execute();

  await db.schema
    .createTable("email_outbox")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("text_body", "text", (c) => c.notNull())
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("contact_id", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull())
    .addColumn("last_error", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("sent_at", "bigint")
    .addPrimaryKeyConstraint("email_outbox_pkey", ["tenant_id", "id"])
    .execute();
  await db.schema
    .createIndex("email_outbox_status_idx")
    .on("email_outbox")
    .columns(["tenant_id", "status", "created_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["email_outbox", "advocate_sessions", "magic_links"]) await db.schema.dropTable(table).execute();
}
