import { systemClock } from "@advo/core";
import { advanceJourneys, listJourneys } from "@advo/core/journeys";
import { getTenantBySlug } from "@advo/core/tenants";
import { loadConfig } from "@advo/server";
import type { Command } from "commander";
import { openDatabase } from "../db.ts";

export function registerJourneys(program: Command) {
  const journeys = program.command("journeys").description("automated follow-ups (see the console's Journeys)");
  journeys
    .command("list")
    .description("a workspace's journeys with their status and how many contacts are in them")
    .requiredOption("-w, --workspace <slug>", "the workspace slug, e.g. demo")
    .option("--json", "print them as JSON")
    .action(async (options: { workspace: string; json?: boolean }) => {
      const handle = await openDatabase(program.opts().database);
      try {
        const tenant = await getTenantBySlug(handle.db, options.workspace);
        const list = await listJourneys({ db: handle.db, tenantId: tenant.id, clock: systemClock });
        if (options.json) {
          process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
          return;
        }
        if (list.length === 0) process.stdout.write(`${options.workspace} has no journeys\n`);
        for (const j of list)
          process.stdout.write(
            `${j.id}  ${j.status.padEnd(8)} ${j.name}  (in it ${j.enrollments.active}, finished ${j.enrollments.completed}, left early ${j.enrollments.exited})\n`,
          );
      } finally {
        await handle.close();
      }
    });
  journeys
    .command("run")
    .description("run the workspace's journeys now, as the server's worker does every 10 s, until no step is due")
    .requiredOption("-w, --workspace <slug>", "the workspace slug, e.g. demo")
    .action(async (options: { workspace: string }) => {
      const database: string | undefined = program.opts().database;
      // The unsubscribe links in the emails are signed and addressed as the server's would be.
      const config = loadConfig(database ? { ...process.env, DATABASE_URL: database } : process.env);
      const handle = await openDatabase(database);
      try {
        const tenant = await getTenantBySlug(handle.db, options.workspace);
        const scope = { db: handle.db, tenantId: tenant.id, clock: systemClock };
        const totals = { enrolled: 0, steps: 0, failed: 0 };
        for (;;) {
          const moved = await advanceJourneys(scope, {
            unsubscribe: { publicUrl: config.publicUrl, keys: config.secretKey },
            onError: (where, error) => {
              totals.failed++;
              process.stderr.write(
                `enrollment ${where.enrollmentId}: ${(error as Error).message} (tried again in 5 minutes)\n`,
              );
            },
          });
          totals.enrolled += moved.enrolled;
          totals.steps += moved.steps;
          if (moved.enrolled + moved.steps === 0) break;
        }
        process.stdout.write(
          `journeys of ${options.workspace}: ${totals.enrolled} contacts entered, ${totals.steps} steps run${totals.failed ? `, ${totals.failed} failed` : ""}\n`,
        );
        if (totals.failed > 0) process.exitCode = 1;
      } finally {
        await handle.close();
      }
    });
}
