import type { Kysely } from "kysely";

// What must be said beside a piece of content wherever it is used, e.g. that the advocate was rewarded
// for it (an incentivised testimonial carries its challenge's disclosure).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("content_items").addColumn("disclosure", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("content_items").dropColumn("disclosure").execute();
}
