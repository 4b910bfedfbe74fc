import type { Migration, MigrationProvider } from "kysely";
import * as m0001 from "./0001-foundation.ts";

// Listed, not read from disk: the same set runs from source (tsx), tests and any bundle.
const migrations: Record<string, Migration> = {
  "0001-foundation": m0001,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
