import type { Advocate } from "../../api/types.ts";
import { personName } from "../../ui/format.ts";
import { type AdvocateFilter, listAdvocates } from "./advocates.api.ts";

export const EXPORT_MAX_ROWS = 10_000;
const EXPORT_PAGE = 500;

/** Every page of the list, up to `max` rows, reporting progress after each page. */
export async function fetchAllAdvocates(
  filter: AdvocateFilter,
  {
    max = EXPORT_MAX_ROWS,
    signal,
    onProgress,
  }: { max?: number; signal?: AbortSignal; onProgress?: (rows: number) => void },
): Promise<{ rows: Advocate[]; truncated: boolean }> {
  const rows: Advocate[] = [];
  let cursor: string | undefined;
  do {
    const page = await listAdvocates(filter, cursor, Math.min(EXPORT_PAGE, max - rows.length), signal);
    rows.push(...page.data);
    cursor = page.nextCursor ?? undefined;
    onProgress?.(rows.length);
  } while (cursor && rows.length < max);
  return { rows, truncated: Boolean(cursor) };
}

const columns: [string, (a: Advocate, rank: number) => string | number | null][] = [
  ["rank", (_, rank) => rank],
  ["name", (a) => personName(a)],
  ["email", (a) => a.email],
  ["title", (a) => a.title],
  ["account", (a) => a.accountName],
  ["lifecycle_stage", (a) => a.lifecycleStage],
  ["advocacy_score", (a) => a.score],
  ["confidence", (a) => a.confidence],
  ["personality", (a) => a.personality],
  ["latest_nps", (a) => a.latestNps],
  ["top_reason", (a) => a.topReason],
  ["contact_id", (a) => a.contactId],
  ["account_id", (a) => a.accountId],
];

function cell(value: string | number | null): string {
  if (value === null) return "";
  const text = String(value);
  // Quote what CSV needs quoted; a leading = + - @ is neutralised so spreadsheets never run it as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === "string" ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function advocatesToCsv(rows: Advocate[]): string {
  const lines = [columns.map(([name]) => name).join(",")];
  rows.forEach((row, i) => {
    lines.push(columns.map(([, value]) => cell(value(row, i + 1))).join(","));
  });
  return `${lines.join("\r\n")}\r\n`;
}

export function downloadText(filename: string, text: string, type = "text/csv;charset=utf-8") {
  // A BOM so Excel reads UTF-8 names correctly.
  const url = URL.createObjectURL(new Blob(["\ufeff", text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** advocates-promoters-active-this-month-2026-11-23.csv */
export function exportFileName(label: string, now = new Date()): string {
  const slug = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return `advocates${slug ? `-${slug}` : ""}-${now.toISOString().slice(0, 10)}.csv`;
}
