import type { Kysely } from "kysely";

// Advocacy scores: the latest per contact (with the features segments filter on), a daily
// history for trend charts, and the roll-up per account.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("contact_scores")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("contact_id", "text", (c) => c.notNull())
    .addColumn("score", "double precision", (c) => c.notNull())
    .addColumn("confidence", "double precision", (c) => c.notNull())
    .addColumn("satisfaction", "double precision")
    .addColumn("engagement", "double precision")
    .addColumn("relationship", "double precision")
    .addColumn("advocacy", "double precision")
    .addColumn("social", "double precision")
    .addColumn("latest_nps", "integer")
    .addColumn("latest_csat", "integer")
    .addColumn("last_active_at", "bigint")
    .addColumn("active_days", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("open_tickets", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("advocacy_acts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("personality", "text")
    .addColumn("personality_confidence", "double precision")
    .addColumn("personality_override", "text")
    .addColumn("explanation", "text", (c) => c.notNull())
    .addColumn("computed_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("contact_scores_pkey", ["tenant_id", "contact_id"])
    .execute();
  await db.schema
    .createIndex("contact_scores_score_idx")
    .on("contact_scores")
    .columns(["tenant_id", "score"])
    .execute();

  await db.schema
    .createTable("score_snapshots")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("contact_id", "text", (c) => c.notNull())
    .addColumn("day", "integer", (c) => c.notNull())
    .addColumn("score", "double precision", (c) => c.notNull())
    .addColumn("confidence", "double precision", (c) => c.notNull())
    .addPrimaryKeyConstraint("score_snapshots_pkey", ["tenant_id", "contact_id", "day"])
    .execute();

  await db.schema
    .createTable("account_scores")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("score", "double precision", (c) => c.notNull())
    .addColumn("confidence", "double precision", (c) => c.notNull())
    .addColumn("contacts_scored", "integer", (c) => c.notNull())
    .addColumn("top_contact_id", "text")
    .addColumn("computed_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("account_scores_pkey", ["tenant_id", "account_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["account_scores", "score_snapshots", "contact_scores"])
    await db.schema.dropTable(table).execute();
}
