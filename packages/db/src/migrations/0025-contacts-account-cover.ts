import type { Kysely } from "kysely";

// A segment joins each score to its contact's account: contacts are looked up by id only for their
// account_id. With it in an index beside the id, SQLite answers from the index alone instead of also
// reading the contact's row (a segment count over 1,000,000 contacts, 42,000 of them passing the
// score filters: 450 → 358 ms). PostgreSQL's rescore reads each range of contacts from it by an
// index-only scan.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("contacts_id_account_idx")
    .on("contacts")
    .columns(["tenant_id", "id", "account_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("contacts_id_account_idx").execute();
}
