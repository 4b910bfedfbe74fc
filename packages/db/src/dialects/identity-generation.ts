import { type Kysely, PostgresAdapter, sql } from "kysely";

/**
 * Every change to whom a stored identity points (a merge or unmerge moving it, a deleted contact's
 * identities going with it) bumps its tenant's row in `identity_generations`. Ingest keeps identity
 * answers between batches and drops them when the generation moved, whichever process made the
 * change. A trigger, so no code path that moves or deletes identities can forget to. New identities
 * change no earlier answer and bump nothing. A row trigger on both databases (SQLite has no other kind):
 * a merge moves a few identities, and Citus runs row triggers that write a table colocated by tenant
 * (with citus.enable_unsafe_triggers), where statement triggers with transition tables do not run.
 */
export async function createIdentityGenerationTriggers(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create function bump_identity_generation() returns trigger language plpgsql as $$
      begin
        insert into identity_generations (tenant_id, generation) values (old.tenant_id, 1)
          on conflict (tenant_id) do update set generation = identity_generations.generation + 1;
        return null;
      end $$`.execute(db);
    for (const event of ["update", "delete"])
      await sql
        .raw(
          `create trigger identities_generation_${event} after ${event} on identities
           for each row execute function bump_identity_generation()`,
        )
        .execute(db);
    return;
  }
  for (const event of ["update", "delete"])
    await sql
      .raw(
        `create trigger identities_generation_${event} after ${event} on identities begin
           insert into identity_generations (tenant_id, generation) values (old.tenant_id, 1)
           on conflict (tenant_id) do update set generation = generation + 1;
         end`,
      )
      .execute(db);
}

export async function dropIdentityGenerationTriggers(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const event of ["update", "delete"])
    await sql
      .raw(`drop trigger if exists identities_generation_${event}${postgres ? " on identities" : ""}`)
      .execute(db);
  if (postgres) await sql`drop function if exists bump_identity_generation()`.execute(db);
}
