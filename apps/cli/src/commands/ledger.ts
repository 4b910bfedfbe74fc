import { systemClock } from "@advo/core";
import { verifyLedger } from "@advo/core/ledger";
import { getTenantBySlug } from "@advo/core/tenants";
import type { Command } from "commander";
import { openDatabase } from "../db.ts";
import { progress } from "../output.ts";

export function registerLedger(program: Command) {
  const ledger = program.command("ledger").description("the points ledger");
  ledger
    .command("verify")
    .description(
      "recompute a workspace's hash chain, transaction balances and cached balances; exits 1 naming each altered, missing or unbalanced entry",
    )
    .requiredOption("-w, --workspace <slug>", "the workspace slug, e.g. demo")
    .option("--json", "print the report as JSON")
    .action(async (options: { workspace: string; json?: boolean }) => {
      const handle = await openDatabase(program.opts().database);
      try {
        const tenant = await getTenantBySlug(handle.db, options.workspace);
        const bar = options.json ? null : progress("verify", "entries");
        const report = await verifyLedger({ db: handle.db, tenantId: tenant.id, clock: systemClock }, (n) =>
          bar?.update("entries", n, n),
        );
        bar?.stop();
        if (options.json) {
          process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        } else if (report.ok) {
          process.stdout.write(
            `ledger of ${options.workspace} verified: ${report.entriesChecked} entries in ${report.transactionsChecked} transactions; chain head ${report.lastSeq} ${report.lastHash}\n`,
          );
        } else {
          process.stderr.write(
            `ledger of ${options.workspace} FAILED verification (${report.problems.length} problem(s)):\n`,
          );
          for (const p of report.problems) {
            const where = [
              p.seq !== null ? `entry ${p.seq}` : null,
              p.transactionId ? `transaction ${p.transactionId}` : null,
              p.accountId ? `account ${p.accountId}` : null,
            ]
              .filter(Boolean)
              .join(", ");
            process.stderr.write(`  ${where}: ${p.problem}\n`);
          }
        }
        if (!report.ok) process.exitCode = 1;
      } finally {
        await handle.close();
      }
    });
}
