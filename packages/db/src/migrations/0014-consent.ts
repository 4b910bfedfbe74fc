import type { Kysely } from "kysely";

// Consent records: every grant and withdrawal of a contact's consent, by purpose, with the wording
// agreed to, what it covers, who recorded it and when it lapses. Append-only evidence; the contact's
// `consent` column stays the current state per purpose, written in the same transaction.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("consent_records")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("contact_id", "text", (c) => c.notNull())
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("granted", "integer", (c) => c.notNull())
    .addColumn("statement", "text")
    .addColumn("covers", "text")
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("actor_type", "text", (c) => c.notNull())
    .addColumn("actor_id", "text", (c) => c.notNull())
    .addColumn("recorded_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint")
    .addPrimaryKeyConstraint("consent_records_pkey", ["tenant_id", "id"])
    .execute();
  await db.schema
    .createIndex("consent_records_contact_idx")
    .on("consent_records")
    .columns(["tenant_id", "contact_id", "recorded_at"])
    .execute();
  await db.schema
    .createIndex("consent_records_expiry_idx")
    .on("consent_records")
    .columns(["tenant_id", "expires_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("consent_records").execute();
}
