import type { Kysely } from "kysely";
import { createIdentityGenerationTriggers, dropIdentityGenerationTriggers } from "../dialects/identity-generation.ts";

// A counter per tenant that moves whenever a stored identity is re-pointed or deleted, so a process
// that keeps identity answers between batches can tell they may be stale (dialects/identity-generation.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("identity_generations")
    .addColumn("tenant_id", "text", (c) => c.notNull())
    .addColumn("generation", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("identity_generations_pkey", ["tenant_id"])
    .execute();
  await createIdentityGenerationTriggers(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await dropIdentityGenerationTriggers(db);
  await db.schema.dropTable("identity_generations").execute();
}
