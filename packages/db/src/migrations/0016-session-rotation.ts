import { type Kysely, sql } from "kysely";

// Staff sessions rotate: every few minutes of use a session is replaced by a new one (new id, new
// secret) that inherits when the person signed in, so a stolen cookie stops working soon after the
// owner's next request, and no chain of rotations outlives the absolute session lifetime.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("sessions")
    .addColumn("signed_in_at", "bigint", (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`update sessions set signed_in_at = created_at`.execute(db);
  await db.schema.createIndex("sessions_user_idx").on("sessions").columns(["tenant_id", "user_id"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("sessions_user_idx").execute();
  await db.schema.alterTable("sessions").dropColumn("signed_in_at").execute();
}
