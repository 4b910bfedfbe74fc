import type { Kysely } from "kysely";

// A score's explanation is computed when it is read (scoring/scoring.ts, explanationOf), not stored:
// writing one for every contact cost a full rescore a second table's worth of writes.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("contact_score_explanations").execute();
}

// Empty again: the code before this migration writes a contact's explanation whenever it scores them.
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("contact_score_explanations")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("contact_id", "text", (c) => c.notNull())
    .addColumn("explanation", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("contact_score_explanations_pkey", ["tenant_id", "contact_id"])
    .execute();
}
