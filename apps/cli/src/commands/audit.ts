import { systemClock } from "@advo/core";
import { verifyAuditLog } from "@advo/core/audit";
import { getTenantBySlug } from "@advo/core/tenants";
import type { Command } from "commander";
import { openDatabase } from "../db.ts";
import { progress } from "../output.ts";

export function registerAudit(program: Command) {
  const audit = program.command("audit").description("the audit trail");
  audit
    .command("verify")
    .description("recompute a workspace's audit hash chain; exits 1 naming the first altered or missing entry")
    .requiredOption("-w, --workspace <slug>", "the workspace slug, e.g. demo")
    .option("--json", "print the report as JSON")
    .action(async (options: { workspace: string; json?: boolean }) => {
      const handle = await openDatabase(program.opts().database);
      try {
        const tenant = await getTenantBySlug(handle.db, options.workspace);
        const bar = options.json ? null : progress("verify", "entries");
        const report = await verifyAuditLog({ db: handle.db, tenantId: tenant.id, clock: systemClock }, (n) =>
          bar?.update("entries", n, n),
        );
        bar?.stop();
        if (options.json) {
          process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        } else if (report.ok) {
          process.stdout.write(
            `audit log of ${options.workspace} verified: ${report.entriesChecked} entries; chain head ${report.lastSeq} ${report.lastHash}\n`,
          );
        } else {
          process.stderr.write(
            `audit log of ${options.workspace} FAILED verification: first altered entry ${report.firstAlteredSeq}\n`,
          );
          for (const p of report.problems) process.stderr.write(`  entry ${p.seq}: ${p.problem}\n`);
        }
        if (!report.ok) process.exitCode = 1;
      } finally {
        await handle.close();
      }
    });
}
