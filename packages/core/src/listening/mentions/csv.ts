import { parse } from "csv-parse/sync";
import { AppError, type FieldError } from "../../shared/errors.ts";
import type { Scope } from "../../shared/scope.ts";
import { CSV_SOURCE, ingestMentions } from "./ingest.ts";
import { type IngestMentionsResult, mentionInput, type ParsedMention } from "./mention.schemas.ts";

// Header names accepted for each field (case and separators ignored).
const aliases: Record<string, string> = {
  url: "url",
  link: "url",
  text: "text",
  content: "text",
  body: "text",
  message: "text",
  authorhandle: "authorHandle",
  handle: "authorHandle",
  username: "authorHandle",
  authorname: "authorName",
  author: "authorName",
  name: "authorName",
  authoremail: "authorEmail",
  email: "authorEmail",
  publishedat: "publishedAt",
  date: "publishedAt",
  published: "publishedAt",
  reach: "reach",
  followers: "reach",
};

export interface CsvMentionsResult extends IngestMentionsResult {
  rejected: FieldError[];
}

/** Parses a CSV of mentions (header row: url, text, author_handle, author_name, author_email, published_at, reach). */
export function parseMentionsCsv(csv: string): { mentions: ParsedMention[]; rejected: FieldError[] } {
  const records = parse(csv, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Record<
    string,
    string
  >[];
  const mentions: ParsedMention[] = [];
  const rejected: FieldError[] = [];
  records.forEach((record, i) => {
    const row: Record<string, unknown> = {};
    for (const [header, value] of Object.entries(record)) {
      const field = aliases[header.toLowerCase().replace(/[^a-z]/g, "")];
      if (!field || value === "") continue;
      row[field] = field === "reach" ? Number(value) : value;
    }
    const parsed = mentionInput.safeParse(row);
    if (parsed.success) mentions.push(parsed.data);
    else {
      const issue = parsed.error.issues[0];
      rejected.push({
        path: `row ${i + 2}${issue?.path.length ? `.${issue.path.join(".")}` : ""}`,
        message: issue?.message ?? "invalid",
      });
    }
  });
  return { mentions, rejected };
}

/** Imports a CSV of mentions; re-importing the same file stores nothing twice. */
export async function importMentionsCsv(scope: Scope, csv: string): Promise<CsvMentionsResult> {
  let parsed: ReturnType<typeof parseMentionsCsv>;
  try {
    parsed = parseMentionsCsv(csv);
  } catch (error) {
    throw new AppError("invalid", `not a readable CSV: ${(error as Error).message}`);
  }
  const total: CsvMentionsResult = {
    received: 0,
    stored: 0,
    duplicates: 0,
    filtered: 0,
    linked: 0,
    alertsRaised: 0,
    rejected: parsed.rejected,
  };
  for (let i = 0; i < parsed.mentions.length; i += 1000) {
    const r = await ingestMentions(scope, CSV_SOURCE, parsed.mentions.slice(i, i + 1000));
    total.received += r.received;
    total.stored += r.stored;
    total.duplicates += r.duplicates;
    total.filtered += r.filtered;
    total.linked += r.linked;
    total.alertsRaised += r.alertsRaised;
  }
  total.received += parsed.rejected.length;
  return total;
}
