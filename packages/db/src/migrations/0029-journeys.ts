import type { Kysely } from "kysely";

// Journeys: trigger → condition → steps, run by the worker for each contact a trigger enrolls.
// An enrollment's step and its action's record change in one transaction, so a step runs once.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("journeys")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("trigger", "text", (c) => c.notNull())
    .addColumn("condition", "text")
    .addColumn("steps", "text", (c) => c.notNull())
    .addColumn("allow_reentry", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("cursor", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addColumn("activated_at", "bigint")
    .addPrimaryKeyConstraint("journeys_pkey", ["tenant_id", "id"])
    .execute();
  await db.schema
    .createTable("journey_enrollments")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("journey_id", "text", (c) => c.notNull())
    .addColumn("contact_id", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("step", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_run_at", "bigint")
    .addColumn("entered_at", "bigint", (c) => c.notNull())
    .addColumn("finished_at", "bigint")
    .addColumn("exit_reason", "text")
    .addPrimaryKeyConstraint("journey_enrollments_pkey", ["tenant_id", "id"])
    .execute();
  await db.schema
    .createIndex("journey_enrollments_contact_idx")
    .on("journey_enrollments")
    .columns(["tenant_id", "journey_id", "contact_id"])
    .execute();
  // The worker's question: which active enrollments are due?
  await db.schema
    .createIndex("journey_enrollments_due_idx")
    .on("journey_enrollments")
    .columns(["tenant_id", "status", "next_run_at"])
    .execute();
  await db.schema
    .createTable("journey_actions")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("journey_id", "text", (c) => c.notNull())
    .addColumn("enrollment_id", "text", (c) => c.notNull())
    .addColumn("contact_id", "text", (c) => c.notNull())
    .addColumn("step", "integer", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("detail", "text")
    .addColumn("at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("journey_actions_pkey", ["tenant_id", "id"])
    .execute();
  await db.schema
    .createIndex("journey_actions_journey_idx")
    .on("journey_actions")
    .columns(["tenant_id", "journey_id", "id"])
    .execute();
  await db.schema
    .createIndex("journey_actions_contact_idx")
    .on("journey_actions")
    .columns(["tenant_id", "contact_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("journey_actions").execute();
  await db.schema.dropTable("journey_enrollments").execute();
  await db.schema.dropTable("journeys").execute();
}
