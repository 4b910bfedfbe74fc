import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { AppError, systemClock } from "@advo/core";
import {
  createSentimentScorer,
  type LexiconEntries,
  lexiconEntriesInput,
  type SentimentScorer,
} from "@advo/core/listening";
import { getSentimentLexicon } from "@advo/core/signals";
import { getTenantBySlug } from "@advo/core/tenants";
import type { Db } from "@advo/db";
import type { Command } from "commander";
import { openDatabase } from "../db.ts";

const FLUSH_AT = 64 * 1024;

export function registerSentiment(program: Command) {
  program
    .command("sentiment")
    .description(
      "score the sentiment of each line on stdin; writes one JSON object per line " +
        '({"compound","pos","neu","neg","label"}), in order, streaming',
    )
    .option("--lexicon <file>", 'JSON file of extra lexicon entries: {"term or phrase": valence from -4 to 4}')
    .option(
      "--workspace <slug>",
      "add that workspace's own lexicon terms (PUT /api/v1/settings/sentiment-lexicon), read from --database; " +
        "a --lexicon file's entries win over them",
    )
    .action(async (options: { lexicon?: string; workspace?: string }) => {
      const file = options.lexicon ? readLexicon(options.lexicon) : undefined;
      let workspace: LexiconEntries = {};
      if (options.workspace) {
        // Read, then closed again before any line is scored: a long stream holds no database.
        const handle = await openDatabase(program.opts().database);
        try {
          workspace = await workspaceLexicon(handle.db, options.workspace);
        } finally {
          await handle.close();
        }
      }
      const extra = { ...workspace, ...file };
      await scoreLines(
        process.stdin,
        process.stdout,
        createSentimentScorer(Object.keys(extra).length ? extra : undefined),
      );
    });
}

/** The terms a workspace added to the sentiment lexicon. */
export async function workspaceLexicon(db: Db, slug: string): Promise<LexiconEntries> {
  const tenant = await getTenantBySlug(db, slug);
  return getSentimentLexicon({ db, tenantId: tenant.id, clock: systemClock });
}

/** Reads and checks a lexicon file; any problem is one clear AppError naming the file and the entry. */
export function readLexicon(file: string): LexiconEntries {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
    throw new AppError("invalid", `cannot read the lexicon file ${file} (${code})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AppError("invalid", `the lexicon file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = lexiconEntriesInput.safeParse(json);
  if (!parsed.success) {
    throw new AppError(
      "invalid",
      `the lexicon file ${file} must be a JSON object of "term": valence, valence from -4 to 4`,
      parsed.error.issues.map((issue) => ({ path: issue.path.join(".") || "(file)", message: issue.message })),
    );
  }
  return parsed.data;
}

/**
 * One JSON line out per line in. Memory stays flat however long the input: readline pauses stdin while
 * lines wait, and output is written in 64 KB chunks that wait for the pipe to drain.
 */
export async function scoreLines(input: NodeJS.ReadableStream, output: NodeJS.WritableStream, score: SentimentScorer) {
  // A reader that stops early (`advo sentiment < big.txt | head`) is not an error.
  output.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let chunk = "";
  for await (const line of lines) {
    chunk += `${JSON.stringify(score(line))}\n`;
    if (chunk.length >= FLUSH_AT) {
      const flushed = output.write(chunk);
      chunk = "";
      if (!flushed) await once(output, "drain");
    }
  }
  if (chunk && !output.write(chunk)) await once(output, "drain");
}
