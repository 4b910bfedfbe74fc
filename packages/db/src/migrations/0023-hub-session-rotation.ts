import { type Kysely, sql } from "kysely";

// Hub sessions rotate as staff sessions do (0016): a session in use is replaced every few minutes by a
// new one that inherits when the advocate signed in, so a stolen cookie stops working soon after the
// owner's next visit, and no chain of sliding renewals outlives the absolute lifetime.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("advocate_sessions")
    .addColumn("signed_in_at", "bigint", (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`update advocate_sessions set signed_in_at = created_at`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("advocate_sessions").dropColumn("signed_in_at").execute();
}
