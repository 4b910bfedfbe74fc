import { type Kysely, sql } from "kysely";

// A score's explanation (about 1 KB of JSON per contact) moves to a table of its own. In contact_scores
// it made every row seven times wider than the numbers segments filter on, so a segment count over
// 1,000,000 contacts read a gigabyte; the explanation is only read for one contact or one page at a time.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("contact_score_explanations")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("contact_id", "text", (c) => c.notNull())
    .addColumn("explanation", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("contact_score_explanations_pkey", ["tenant_id", "contact_id"])
    .execute();
  await sql`insert into contact_score_explanations (tenant_id, contact_id, explanation)
    select tenant_id, contact_id, explanation from contact_scores`.execute(db);
  await db.schema.alterTable("contact_scores").dropColumn("explanation").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("contact_scores")
    .addColumn("explanation", "text", (c) => c.notNull().defaultTo("{}"))
    .execute();
  await sql`update contact_scores set explanation = coalesce((select e.explanation from contact_score_explanations e
    where e.tenant_id = contact_scores.tenant_id and e.contact_id = contact_scores.contact_id), '{}')`.execute(db);
  await db.schema.dropTable("contact_score_explanations").execute();
}
