import { type Kysely, sql } from "kysely";

// Completed jobs are no longer kept (every ingest batch queues one, and nothing read them afterwards):
// the ones kept so far go too.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`delete from jobs where status = 'done'`.execute(db);
}

export async function down(): Promise<void> {
  // Deleted jobs are not brought back; nothing needs them.
}
