import { type Kysely, sql } from "kysely";

// Signals: ingest sources, identities, the append-only event log and its typed projections.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("sources")
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.tenant_id"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("secret_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("last_seen_at", "bigint")
    .addColumn("disabled_at", "bigint")
    .addPrimaryKeyConstraint("sources_pkey", ["tenant_id", "id"])
    .execute();

  // Every way a person is known (email, userId, anonymousId, CRM ids) points at one contact.
  await db.schema
    .createTable("identities")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("contact_id", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("identities_pkey", ["tenant_id", "kind", "value"])
    .addForeignKeyConstraint(
      "identities_contact_fkey",
      ["tenant_id", "contact_id"],
      "contacts",
      ["tenant_id", "id"],
      (fk) => fk.onDelete("cascade"),
    )
    .execute();
  await db.schema.createIndex("identities_contact_idx").on("identities").columns(["tenant_id", "contact_id"]).execute();

  await db.schema
    .createTable("account_identities")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("account_identities_pkey", ["tenant_id", "kind", "value"])
    .addForeignKeyConstraint(
      "account_identities_account_fkey",
      ["tenant_id", "account_id"],
      "accounts",
      ["tenant_id", "id"],
      (fk) => fk.onDelete("cascade"),
    )
    .execute();

  // Append-only. The message id is the event's identity: a repeat is acknowledged and not stored.
  await db.schema
    .createTable("events")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("message_id", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("event", "text")
    .addColumn("contact_id", "text")
    .addColumn("account_id", "text")
    .addColumn("user_id", "text")
    .addColumn("anonymous_id", "text")
    .addColumn("source_id", "text")
    .addColumn("occurred_at", "bigint", (c) => c.notNull())
    .addColumn("received_at", "bigint", (c) => c.notNull())
    .addColumn("properties", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("events_pkey", ["tenant_id", "message_id"])
    .execute();
  await db.schema
    .createIndex("events_contact_time_idx")
    .on("events")
    .columns(["tenant_id", "contact_id", "occurred_at"])
    .execute();
  // Only anonymous history still waiting for an identify needs finding by anonymousId.
  await db.schema
    .createIndex("events_unattached_anonymous_idx")
    .on("events")
    .columns(["tenant_id", "anonymous_id"])
    .where(sql<boolean>`contact_id is null and anonymous_id is not null`)
    .execute();

  await db.schema
    .createTable("survey_responses")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("message_id", "text", (c) => c.notNull())
    .addColumn("contact_id", "text")
    .addColumn("survey", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("score", "integer", (c) => c.notNull())
    .addColumn("comment", "text")
    .addColumn("sentiment", "double precision")
    .addColumn("occurred_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("survey_responses_pkey", ["tenant_id", "message_id"])
    .execute();
  await db.schema
    .createIndex("survey_responses_contact_idx")
    .on("survey_responses")
    .columns(["tenant_id", "contact_id", "occurred_at"])
    .execute();

  await db.schema
    .createTable("tickets")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("contact_id", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("priority", "text")
    .addColumn("subject", "text")
    .addColumn("text", "text")
    .addColumn("escalated", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("satisfaction", "integer")
    .addColumn("sentiment", "double precision")
    .addColumn("opened_at", "bigint", (c) => c.notNull())
    .addColumn("resolved_at", "bigint")
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("tickets_pkey", ["tenant_id", "id"])
    .execute();
  await db.schema.createIndex("tickets_contact_idx").on("tickets").columns(["tenant_id", "contact_id"]).execute();

  await db.schema
    .createTable("purchases")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("message_id", "text", (c) => c.notNull())
    .addColumn("contact_id", "text")
    .addColumn("account_id", "text")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("order_id", "text")
    .addColumn("amount", "double precision", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("occurred_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("purchases_pkey", ["tenant_id", "message_id"])
    .execute();
  await db.schema.createIndex("purchases_contact_idx").on("purchases").columns(["tenant_id", "contact_id"]).execute();

  // A merge folds one contact into another; the record holds what is needed to undo it.
  await db.schema
    .createTable("contact_merges")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("survivor_id", "text", (c) => c.notNull())
    .addColumn("merged_id", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("snapshot", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("undone_at", "bigint")
    .addPrimaryKeyConstraint("contact_merges_pkey", ["tenant_id", "id"])
    .execute();
  await db.schema
    .createIndex("contact_merges_survivor_idx")
    .on("contact_merges")
    .columns(["tenant_id", "survivor_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "contact_merges",
    "purchases",
    "tickets",
    "survey_responses",
    "events",
    "account_identities",
    "identities",
    "sources",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
