import { once } from "node:events";
import { createWriteStream, existsSync, rmSync, type WriteStream } from "node:fs";
import type { RowError } from "./import.schemas.ts";

/** Where rejected rows go: a CSV file beside the input (CLI) or the first N in memory (API). */
export interface ErrorSink {
  add(error: RowError): Promise<void> | void;
  close(): Promise<void>;
}

const LINE_LIMIT = 1000;
const cell = (value: string | number) => {
  const text = String(value);
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** One CSV record (no line end), quoted where a cell needs it, as Advo's import reads it back. */
export const csvRecord = (values: readonly (string | number)[]) => values.map(cell).join(",");

/** Keeps the first `limit` errors, each line cut to 1,000 characters. */
export function memoryErrorSink(limit = 1000): ErrorSink & { errors: RowError[]; truncated: boolean } {
  const sink = {
    errors: [] as RowError[],
    truncated: false,
    add(error: RowError) {
      if (sink.errors.length < limit) sink.errors.push({ ...error, line: error.line.slice(0, LINE_LIMIT) });
      else sink.truncated = true;
    },
    close: async () => {},
  };
  return sink;
}

/** Every error to each sink, in turn. */
export const bothErrorSinks = (first: ErrorSink, second: ErrorSink): ErrorSink => ({
  async add(error) {
    await first.add(error);
    await second.add(error);
  },
  async close() {
    await first.close();
    await second.close();
  },
});

/**
 * Writes `row,field,reason,line` to `path`, created on the first error. A report left by an
 * earlier run of the same file is replaced, or removed when this run rejects nothing.
 */
export function fileErrorSink(path: string): ErrorSink & { path: string; count(): number } {
  let out: WriteStream | null = null;
  let count = 0;
  return {
    path,
    count: () => count,
    async add(error) {
      if (!out) {
        out = createWriteStream(path, { flags: "w" });
        out.write("row,field,reason,line\n");
      }
      count++;
      const ok = out.write(`${csvRecord([error.row, error.field, error.reason, error.line])}\n`);
      if (!ok) await once(out, "drain");
    },
    async close() {
      if (out) {
        const stream = out;
        await new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
      } else if (existsSync(path)) rmSync(path);
    },
  };
}
