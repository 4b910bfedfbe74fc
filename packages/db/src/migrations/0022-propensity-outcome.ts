import type { Kysely } from "kysely";

// Issue 4 follow-up: a workspace can train its propensity model on an outcome it chooses (a contact
// attribute such as "recommends") instead of an advocacy act within window_days. The outcome is kept
// with each model version as JSON; null means the original outcome (an act within window_days).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("propensity_models").addColumn("outcome", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("propensity_models").dropColumn("outcome").execute();
}
