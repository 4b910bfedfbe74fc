import type { Kysely } from "kysely";

// The audit trail: every change by a person or an API key, append-only and hash-chained per tenant
// (modelled on the ledger: a head row locked per posting serialises a tenant's entries). Also marks
// erased contacts: an erased contact stays as an anonymised tombstone so ledger entries keep their owner.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("audit_heads")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("last_seq", "bigint", (c) => c.notNull())
    .addColumn("last_hash", "text", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("audit_heads_pkey", ["tenant_id"])
    .execute();

  await db.schema
    .createTable("audit_entries")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("seq", "bigint", (c) => c.notNull())
    .addColumn("at", "bigint", (c) => c.notNull())
    .addColumn("actor_type", "text", (c) => c.notNull())
    .addColumn("actor_id", "text", (c) => c.notNull())
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("route", "text", (c) => c.notNull())
    .addColumn("path", "text", (c) => c.notNull())
    .addColumn("status_code", "integer", (c) => c.notNull())
    .addColumn("resource_kind", "text", (c) => c.notNull())
    .addColumn("resource_id", "text")
    .addColumn("request_id", "text", (c) => c.notNull())
    .addColumn("body", "text")
    .addColumn("before", "text")
    .addColumn("before_source", "text")
    .addColumn("after", "text")
    .addColumn("prev_hash", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("audit_entries_pkey", ["tenant_id", "seq"])
    .execute();
  await db.schema
    .createIndex("audit_entries_resource_idx")
    .on("audit_entries")
    .columns(["tenant_id", "resource_kind", "resource_id", "seq"])
    .execute();
  await db.schema
    .createIndex("audit_entries_actor_idx")
    .on("audit_entries")
    .columns(["tenant_id", "actor_id", "seq"])
    .execute();
  await db.schema.createIndex("audit_entries_at_idx").on("audit_entries").columns(["tenant_id", "at"]).execute();

  await db.schema.alterTable("contacts").addColumn("erased_at", "bigint").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("contacts").dropColumn("erased_at").execute();
  for (const table of ["audit_entries", "audit_heads"]) await db.schema.dropTable(table).execute();
}
