import { existsSync, readFileSync, statSync } from "node:fs";
import { AppError, systemClock } from "@advo/core";
import { importMentionsCsv } from "@advo/core/listening/mentions";
import { getTenantBySlug } from "@advo/core/tenants";
import type { Command } from "commander";
import { openDatabase } from "../db.ts";

export function registerMentions(program: Command) {
  const mentions = program.command("mentions").description("brand mentions (listening)");
  mentions
    .command("import")
    .description(
      "import brand mentions from a CSV (columns: url, text, author_handle, author_name, author_email, " +
        "published_at, reach); brand rules filter them, duplicates are stored once, authors are linked to contacts",
    )
    .argument("<file>", "the CSV file")
    .requiredOption("--workspace <slug>", "the workspace to import into")
    .option("--json", "print the summary as JSON")
    .action(async (file: string, options: { workspace: string; json?: boolean }) => {
      if (!existsSync(file) || !statSync(file).isFile()) throw new AppError("invalid", `no file "${file}"`);
      const csv = readFileSync(file, "utf8");
      const handle = await openDatabase(program.opts().database);
      try {
        const tenant = await getTenantBySlug(handle.db, options.workspace);
        const scope = { db: handle.db, tenantId: tenant.id, clock: systemClock };
        const r = await importMentionsCsv(scope, csv);
        if (options.json) {
          process.stdout.write(`${JSON.stringify(r)}\n`);
          return;
        }
        process.stdout.write(
          `imported mentions from ${file}: ${r.received} rows — stored ${r.stored}, duplicates ${r.duplicates}, ` +
            `filtered by brand rules ${r.filtered}, linked to contacts ${r.linked}, rejected ${r.rejected.length}` +
            (r.alertsRaised ? `, negative-spike alerts raised ${r.alertsRaised}` : "") +
            "\n" +
            r.rejected.map((e) => `  ${e.path}: ${e.message}\n`).join(""),
        );
      } finally {
        await handle.close();
      }
    });
}
