import type { Kysely } from "kysely";

// Extra mail headers a message goes out with (JSON object), e.g. a journey email's List-Unsubscribe,
// which lets mail clients offer their own unsubscribe button (RFC 2369, one-click RFC 8058).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("email_outbox").addColumn("headers", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("email_outbox").dropColumn("headers").execute();
}
