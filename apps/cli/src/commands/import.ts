import { existsSync, readFileSync, statSync } from "node:fs";
import { AppError, systemClock } from "@advo/core";
import {
  DEFAULT_CHUNK_ROWS,
  type FileImportSummary,
  type ImportFormat,
  type ImportKind,
  importFile,
  importFormats,
  importKinds,
  parseMapping,
} from "@advo/core/imports";
import { getTenantBySlug } from "@advo/core/tenants";
import type { Db } from "@advo/db";
import { type Command, InvalidArgumentError } from "commander";
import { positiveInt } from "../args.ts";
import { openDatabase } from "../db.ts";
import { boundHeapGrowth } from "../memory.ts";
import { progress } from "../output.ts";

const oneOf =
  <T extends string>(what: string, values: readonly T[]) =>
  (value: string): T => {
    if (!(values as readonly string[]).includes(value)) {
      throw new InvalidArgumentError(`unknown ${what} "${value}": use ${values.join(", ")}`);
    }
    return value as T;
  };

/** The workspace to import into: the one named, or the only one there is. */
async function workspaceId(db: Db, slug: string | undefined): Promise<string> {
  if (slug) return (await getTenantBySlug(db, slug)).id;
  const tenants = await db.selectFrom("tenants").select(["tenantId", "slug"]).orderBy("slug").limit(2).execute();
  if (tenants.length === 1 && tenants[0]) return tenants[0].tenantId;
  throw new AppError(
    "invalid",
    tenants.length === 0
      ? "there is no workspace yet: create one with advo init"
      : "there are several workspaces: name one with --workspace SLUG",
  );
}

function printSummary(kind: ImportKind, path: string, summary: FileImportSummary, seconds: number) {
  const rate = Math.round(summary.rows / Math.max(seconds, 0.001)).toLocaleString("en-US");
  const n = (v: number) => v.toLocaleString("en-US");
  process.stdout.write(
    `imported ${kind} from ${path}: ${n(summary.rows)} rows in ${seconds.toFixed(1)}s (${rate} rows/s)\n` +
      `  inserted ${n(summary.inserted)}, updated ${n(summary.updated)}, skipped ${n(summary.skipped)}, rejected ${n(summary.rejected)}\n` +
      (summary.errorReport ? `  rejected rows, with row, field and reason: ${summary.errorReport}\n` : "") +
      (summary.runId ? `  on record as ${summary.runId} (the console's Import page lists it)\n` : ""),
  );
}

export function registerImport(program: Command) {
  program
    .command("import")
    .description(
      "import accounts, contacts or events from a CSV or NDJSON file (HubSpot and Salesforce exports are recognised); " +
        "re-running a file updates what changed and adds nothing twice",
    )
    .argument("<kind>", `what the file holds: ${importKinds.join(", ")}`, oneOf("kind", importKinds))
    .argument("<file>", "the file; rejected rows are written to FILE.errors.csv")
    .option(
      "--format <format>",
      `${importFormats.join(" or ")} (default: from the file name)`,
      oneOf("format", importFormats),
    )
    .option("--mapping <file>", 'a JSON mapping file: {"columns": {"Their Column": "email", …}}')
    .option("--source <name>", "the system the file comes from (hubspot, salesforce, …); events: the source to record")
    .option("--workspace <slug>", "the workspace to import into (default: the only one)")
    .option("--chunk <rows>", "rows per transaction", (v) => positiveInt(v), DEFAULT_CHUNK_ROWS)
    .option("--json", "print the summary as JSON")
    .action(
      async (
        kind: ImportKind,
        file: string,
        options: {
          format?: ImportFormat;
          mapping?: string;
          source?: string;
          workspace?: string;
          chunk: number;
          json?: boolean;
        },
      ) => {
        if (!existsSync(file) || !statSync(file).isFile()) throw new AppError("invalid", `no file "${file}"`);
        let mapping: ReturnType<typeof parseMapping> | undefined;
        if (options.mapping) {
          if (!existsSync(options.mapping)) throw new AppError("invalid", `no mapping file "${options.mapping}"`);
          mapping = parseMapping(kind, readFileSync(options.mapping, "utf8"));
        }
        boundHeapGrowth();
        // Events: 16 MB of SQLite page cache imported 1M events as fast as the default 64 MB, with 50 MB less
        // resident memory (README.md, Benchmarks: import memory). Contacts and accounts, whose imports look
        // rows up, keep the default.
        const handle = await openDatabase(program.opts().database, kind === "events" ? { sqliteCacheMb: 16 } : {});
        const bar = progress("import");
        try {
          const scope = {
            db: handle.db,
            tenantId: await workspaceId(handle.db, options.workspace),
            clock: systemClock,
          };
          const started = Date.now();
          bar.update(kind, 0, 1);
          const summary = await importFile(scope, file, {
            kind,
            format: options.format,
            mapping,
            source: options.source,
            chunkSize: options.chunk,
            // Kept on record beside the console's and the API's imports.
            record: { actor: { type: "system", id: null, name: "advo CLI" } },
            // Rows ahead are estimated from the bytes read so far, for the rate and ETA.
            onProgress: ({ rows, bytes, totalBytes }) =>
              bar.update(kind, rows, Math.max(rows, Math.round((rows * totalBytes) / Math.max(bytes, 1)))),
          });
          bar.stop();
          const { runId, ...counts } = summary;
          if (options.json) process.stdout.write(`${JSON.stringify({ id: runId, ...counts })}\n`);
          else printSummary(kind, file, summary, (Date.now() - started) / 1000);
        } finally {
          bar.stop();
          await handle.close();
        }
      },
    );
}
