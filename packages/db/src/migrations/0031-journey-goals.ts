import type { Kysely } from "kysely";

// A journey's goal: a segment expression saying what it is for. Who matches it when a step comes has
// converted and leaves; the journey's page counts who reached it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("journeys").addColumn("goal", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("journeys").dropColumn("goal").execute();
}
