import { createDb, type DbHandle, migrateToLatest } from "@advo/db";
import { loadConfig } from "@advo/server";

/** Every command opens the configured database and migrates it first, so a fresh file just works. */
export async function openDatabase(databaseUrl?: string, options: { sqliteCacheMb?: number } = {}): Promise<DbHandle> {
  const url = databaseUrl ?? loadConfig().databaseUrl;
  const handle = createDb({ url, ...options });
  await migrateToLatest(handle.db);
  return handle;
}
