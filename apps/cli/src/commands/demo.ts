import { AppError, systemClock } from "@advo/core";
import { DEMO_PASSWORD, DEMO_USERS, DEMO_WORKSPACE, loadDemo } from "@advo/core/demo";
import { loadConfig } from "@advo/server";
import type { Command } from "commander";
import { positiveInt } from "../args.ts";
import { openDatabase } from "../db.ts";
import { progress } from "../output.ts";

export function registerDemo(program: Command) {
  program
    .command("demo")
    .description("load the demo workspace (2,000 accounts, 10,000 contacts and each module's data)")
    .option("--accounts <n>", "number of accounts", (v) => positiveInt(v), 2000)
    .action(async (options: { accounts: number }) => {
      const database: string | undefined = program.opts().database;
      // The links in the demo's emails point where the server's would.
      const { publicUrl } = loadConfig(database ? { ...process.env, DATABASE_URL: database } : process.env);
      const handle = await openDatabase(database);
      const bar = progress("demo");
      try {
        const started = Date.now();
        await loadDemo(handle.db, systemClock, { accounts: options.accounts, onProgress: bar.update, publicUrl });
        bar.stop();
        process.stdout.write(
          `demo workspace loaded in ${((Date.now() - started) / 1000).toFixed(1)}s\n` +
            `sign in: workspace "${DEMO_WORKSPACE}", ${DEMO_USERS[0].email} / ${DEMO_PASSWORD}\n`,
        );
      } catch (error) {
        bar.stop();
        if (error instanceof AppError && error.code === "conflict") {
          process.stdout.write(`${error.message}; nothing to do\n`);
          return;
        }
        throw error;
      } finally {
        await handle.close();
      }
    });
}
