import type { Kysely } from "kysely";

// After an event, who came is asked how it was (once: feedback_asked_at), and their answer is kept on
// their registration: a rating of 1–5 and what they wrote.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, type] of [
    ["feedback_asked_at", "bigint"],
    ["feedback_rating", "integer"],
    ["feedback_comment", "text"],
    ["feedback_at", "bigint"],
  ] as const)
    await db.schema.alterTable("community_registrations").addColumn(name, type).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of ["feedback_asked_at", "feedback_rating", "feedback_comment", "feedback_at"])
    await db.schema.alterTable("community_registrations").dropColumn(name).execute();
}
