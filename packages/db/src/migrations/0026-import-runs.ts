import type { Kysely } from "kysely";

// Every file import (API, console or CLI) as it ran: who, what, when, how it ended, and the first
// refused rows, so the team can see later what came in and fix what did not. Ids sort by time, so
// the primary key lists them newest first.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("import_runs")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("format", "text", (c) => c.notNull())
    .addColumn("file_name", "text")
    .addColumn("source", "text")
    .addColumn("actor_type", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("started_at", "bigint", (c) => c.notNull())
    .addColumn("finished_at", "bigint")
    .addColumn("rows", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("inserted", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("skipped", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("rejected", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("errors", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("errors_truncated", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("failure", "text")
    .addPrimaryKeyConstraint("import_runs_pkey", ["tenant_id", "id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("import_runs").execute();
}
