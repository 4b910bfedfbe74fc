import type { Page } from "../api/types.ts";

export const EXPORT_MAX_ROWS = 10_000;
const EXPORT_PAGE = 500;

/** A header and how to read the cell from a row (and its 0-based position, for a rank column). */
export type CsvColumn<T> = [
  header: string,
  value: (row: T, index: number) => string | number | boolean | null | undefined,
];

/** Every page of a cursor-paged list, up to `max` rows, reporting progress after each page. */
export async function fetchAllPages<T>(
  fetchPage: (cursor: string | undefined, limit: number, signal?: AbortSignal) => Promise<Page<T>>,
  {
    max = EXPORT_MAX_ROWS,
    signal,
    onProgress,
  }: { max?: number; signal?: AbortSignal; onProgress?: (rows: number) => void } = {},
): Promise<{ rows: T[]; truncated: boolean }> {
  const rows: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor, Math.min(EXPORT_PAGE, max - rows.length), signal);
    rows.push(...page.data);
    cursor = page.nextCursor ?? undefined;
    onProgress?.(rows.length);
  } while (cursor && rows.length < max);
  return { rows, truncated: Boolean(cursor) };
}

/**
 * One CSV cell: quoted when it holds a quote, comma or line break; text starting with = + - @ (or a
 * tab or carriage return) gets a leading apostrophe so spreadsheets never run it as a formula.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  const safe = typeof value === "string" && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv<T>(columns: CsvColumn<T>[], rows: T[]): string {
  const lines = [columns.map(([name]) => csvCell(name)).join(",")];
  rows.forEach((row, i) => {
    lines.push(columns.map(([, value]) => csvCell(value(row, i))).join(","));
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

/** contacts-champion-2026-11-23.csv */
export function csvFileName(noun: string, label: string, now = new Date()): string {
  const slug = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return `${noun}${slug ? `-${slug}` : ""}-${now.toISOString().slice(0, 10)}.csv`;
}
