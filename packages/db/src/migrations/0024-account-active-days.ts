import type { Kysely } from "kysely";

// Engagement compares a contact with colleagues at the same account as well as with peers on the same
// plan. Each account's roll-up keeps the sum of its contacts' active days, so scoring a contact reads
// one row for the comparison instead of every colleague's score.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("account_scores").addColumn("active_days_sum", "integer").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("account_scores").dropColumn("active_days_sum").execute();
}
