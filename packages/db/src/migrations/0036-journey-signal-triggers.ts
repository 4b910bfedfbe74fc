import type { Kysely } from "kysely";

// A journey triggered by a signal (an event, a survey answer) enrolls for signals received from this
// time on: set when it is activated, kept by a resume that asks for what it missed while paused.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("journeys").addColumn("listening_from", "bigint").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("journeys").dropColumn("listening_from").execute();
}
