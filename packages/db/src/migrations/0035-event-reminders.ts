import type { Kysely } from "kysely";

// When the day-before reminder of a community event went out (null: not yet, or the event moved since).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("community_events").addColumn("reminded_at", "bigint").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("community_events").dropColumn("reminded_at").execute();
}
