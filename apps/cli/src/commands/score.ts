import { systemClock } from "@advo/core";
import { getContactScore, rescoreAll } from "@advo/core/scoring";
import { refreshAllSegments } from "@advo/core/segments";
import { getTenantBySlug } from "@advo/core/tenants";
import type { Command } from "commander";
import { openDatabase } from "../db.ts";
import { progress } from "../output.ts";

export function registerScore(program: Command) {
  program
    .command("score")
    .description("recompute advocacy scores (all contacts) or show one contact's score and its explanation")
    .requiredOption("-w, --workspace <slug>", "the workspace slug, e.g. demo")
    .option("--all", "recompute every contact's score, then the account roll-ups")
    .option("--contact <id>", "print one contact's score, components and explanation as JSON")
    .option("--threads <n>", "worker threads for --all (default: one per core, at most 4; 1: this process only)")
    .action(async (options: { workspace: string; all?: boolean; contact?: string; threads?: string }) => {
      if (!options.all && !options.contact) throw new Error("say --all or --contact <id>");
      const threads = options.threads === undefined ? undefined : Number(options.threads);
      if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1 && threads <= 64))
        throw new Error(`--threads: expected a whole number from 1 to 64, got "${options.threads}"`);
      const handle = await openDatabase(program.opts().database);
      try {
        const tenant = await getTenantBySlug(handle.db, options.workspace);
        const scope = { db: handle.db, tenantId: tenant.id, clock: systemClock };
        if (options.all) {
          const bar = progress("score", "contacts");
          const started = Date.now();
          const n = await rescoreAll(scope, (done, total) => bar.update("contacts", done, total), {
            threads,
            onThreadError: (error) =>
              process.stderr.write(`warning: a scoring thread failed, carrying on without it: ${error.message}\n`),
          });
          bar.stop();
          const seconds = ((Date.now() - started) / 1000).toFixed(1);
          const segments = await refreshAllSegments(scope);
          process.stdout.write(`scored ${n} contacts in ${seconds}s; refreshed ${segments} saved segments\n`);
        }
        if (options.contact)
          process.stdout.write(`${JSON.stringify(await getContactScore(scope, options.contact), null, 2)}\n`);
      } finally {
        await handle.close();
      }
    });
}
