import type { Command } from "commander";
import { openDatabase } from "../db.ts";

export function registerMigrate(program: Command) {
  program
    .command("migrate")
    .description("apply database migrations (every command also does this by itself)")
    .action(async () => {
      const handle = await openDatabase(program.opts().database);
      await handle.close();
      process.stdout.write("database is up to date\n");
    });
}
