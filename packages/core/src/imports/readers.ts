import { isUtf8 } from "node:buffer";
import { pipeline, Readable } from "node:stream";
import { type CsvError, parse } from "csv-parse";

/** One record of the input, as read: its row number, its original text, and its cells or JSON text. */
export interface RawRow {
  /** CSV: the row as a spreadsheet numbers it (header = 1). NDJSON: the line number. */
  row: number;
  line: string;
  cells?: string[];
  /** Set when the record could not even be read (broken quoting, bad encoding, overlong line). */
  problem?: { field: string; reason: string };
}

/** Bytes or text in pieces: a file or request stream, or (in tests) an array. */
export type ImportInput = AsyncIterable<Buffer | string> | Iterable<Buffer | string>;

export interface ByteCounter {
  bytes: number;
}

export const MAX_RECORD_BYTES = 1024 * 1024;
const WINDOW = 64 * 1024;
const NOT_UTF8 = "is not valid UTF-8 (is the file Latin-1 or Windows-1252? save it as UTF-8)";

async function* counted(input: ImportInput, counter: ByteCounter): AsyncGenerator<Buffer> {
  for await (const chunk of input) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    counter.bytes += buffer.length;
    yield buffer;
  }
}

/** The delimiter of the first line: comma unless semicolons or tabs clearly dominate it. */
function sniffDelimiter(first: Buffer | undefined): string {
  if (!first) return ",";
  const end = first.indexOf(10);
  const line = first.subarray(0, end === -1 ? first.length : end).toString("utf8");
  const count = (ch: string) => line.split(ch).length - 1;
  const candidates = [",", ";", "\t"].map((d) => [d, count(d)] as const);
  const best = candidates.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : ",";
}

const stripEol = (text: string) => text.replace(/[\r\n]+$/, "");

/**
 * Streams CSV records (the header is the first) with csv-parse. Broken records are yielded with a
 * problem instead of stopping the import; a cell holding U+FFFD marks bytes that were not UTF-8.
 */
export async function* csvRows(input: ImportInput, counter: ByteCounter): AsyncGenerator<RawRow> {
  const source = counted(input, counter);
  const first = await source.next();
  const head = first.done ? undefined : first.value;
  const skipped: { before: number; row: Omit<RawRow, "row"> }[] = [];
  const parser = parse({
    bom: true,
    delimiter: sniffDelimiter(head),
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: MAX_RECORD_BYTES,
    raw: true,
    on_skip: (error: CsvError | undefined, raw: string | undefined) => {
      // Records parsed before this one: it is yielded after the last of them.
      const before = parser.info.records;
      const reason = (error?.message ?? "could not be read").replace(/\s+/g, " ").slice(0, 300);
      skipped.push({ before, row: { line: stripEol(raw ?? ""), problem: { field: "line", reason } } });
      return undefined;
    },
  });
  const whole = Readable.from(
    (async function* () {
      if (head) yield head;
      yield* source;
    })(),
  );
  pipeline(whole, parser, () => {
    // Errors surface through the parser's iterator below.
  });
  let row = 0;
  let records = 0;
  for await (const item of parser as AsyncIterable<{ record: string[]; raw: string }>) {
    while (skipped.length > 0 && (skipped[0]?.before ?? 0) <= records) {
      yield { row: ++row, ...(skipped.shift() as { row: Omit<RawRow, "row"> }).row };
    }
    records++;
    yield { row: ++row, line: stripEol(item.raw), cells: item.record };
  }
  for (const s of skipped) yield { row: ++row, ...s.row };
}

/**
 * Streams NDJSON lines in batches, split on bytes so each line's UTF-8 can be checked exactly.
 * Memory stays flat: one input chunk plus the unfinished line, refused once it passes MAX_RECORD_BYTES.
 */
export async function* ndjsonLines(input: ImportInput, counter: ByteCounter): AsyncGenerator<RawRow[]> {
  let row = 0;
  let rest: Buffer | null = null;
  let overlong = false;
  let first = true;
  // Decoded a window of about 64 KB at a time: each window's text stays a small, short-lived heap
  // string instead of a large object that only a full collection frees.
  const toRows = (bytes: Buffer, out: RawRow[]) => {
    for (let start = 0; start < bytes.length; ) {
      const cut = start + WINDOW >= bytes.length ? bytes.length : bytes.indexOf(10, start + WINDOW) + 1 || bytes.length;
      decodeLines(bytes.subarray(start, cut), out);
      start = cut;
    }
  };
  const decodeLines = (bytes: Buffer, out: RawRow[]) => {
    let start = 0;
    if (first && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
    first = false;
    if (isUtf8(bytes)) {
      const text = bytes.toString("utf8", start);
      let from = 0;
      for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", from)) {
        push(out, nl > from && text.charCodeAt(nl - 1) === 13 ? text.slice(from, nl - 1) : text.slice(from, nl));
        from = nl + 1;
      }
      return;
    }
    for (let nl = bytes.indexOf(10, start); nl !== -1; nl = bytes.indexOf(10, start)) {
      const line = bytes.subarray(start, nl > start && bytes[nl - 1] === 13 ? nl - 1 : nl);
      if (isUtf8(line)) push(out, line.toString("utf8"));
      else out.push({ row: ++row, line: line.toString("latin1"), problem: { field: "line", reason: NOT_UTF8 } });
      start = nl + 1;
    }
  };
  const push = (out: RawRow[], line: string) => {
    row++;
    if (line.length === 0 || (line.charCodeAt(0) <= 32 && line.trim() === "")) return;
    out.push({ row, line });
  };

  for await (const chunk of counted(input, counter)) {
    const out: RawRow[] = [];
    const last = chunk.lastIndexOf(10);
    if (last === -1) {
      rest = rest ? Buffer.concat([rest, chunk]) : Buffer.from(chunk);
    } else {
      // Only the line split across reads is copied together; the rest of the chunk is read in place.
      const firstEnd = rest || overlong ? chunk.indexOf(10) + 1 : 0;
      // The tail of a line already reported as too long is dropped.
      if (overlong) overlong = false;
      else if (rest) toRows(Buffer.concat([rest, chunk.subarray(0, firstEnd)]), out);
      toRows(chunk.subarray(firstEnd, last + 1), out);
      rest = last + 1 < chunk.length ? Buffer.from(chunk.subarray(last + 1)) : null;
    }
    if (rest && rest.length > MAX_RECORD_BYTES && !overlong) {
      overlong = true;
      out.push({
        row: ++row,
        line: rest.subarray(0, 200).toString("utf8"),
        problem: { field: "line", reason: `is longer than ${MAX_RECORD_BYTES / 1024 / 1024} MB` },
      });
    }
    if (overlong) rest = null;
    if (out.length > 0) yield out;
  }
  if (rest && rest.length > 0 && !overlong) {
    const out: RawRow[] = [];
    toRows(Buffer.concat([rest, Buffer.from("\n")]), out);
    if (out.length > 0) yield out;
  }
}
