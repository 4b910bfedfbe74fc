import type { BulkColumnType } from "./types.ts";

// COPY's binary format (https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4): the
// server stores each value as sent instead of parsing text, and this side writes numbers into a
// buffer instead of building strings. 200,000 score rows (17 columns): server 340 ms and this thread
// 330 ms against 450 / 460 ms as text (scratch measurement, three alternations).

const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");
const BUFFER_BYTES = 64 * 1024;
const TWO_32 = 2 ** 32;

/** The server's name of each column type a binary COPY can send as this side encodes it. */
export const binaryColumnTypes: Record<BulkColumnType, string> = {
  text: "text",
  bigint: "bigint",
  integer: "integer",
  double: "double precision",
};

export class CopyValueError extends Error {}

function wholeNumber(value: unknown, column: string, type: BulkColumnType): number | bigint {
  if (typeof value === "bigint") return value;
  const n =
    typeof value === "boolean"
      ? Number(value)
      : typeof value === "string" && value.trim() !== ""
        ? Number(value)
        : value;
  if (typeof n === "number" && Number.isInteger(n)) {
    if (type === "integer" && (n < -2_147_483_648 || n > 2_147_483_647))
      throw new CopyValueError(`bulk insert: ${column} is out of range for an integer: ${n}`);
    return n;
  }
  throw new CopyValueError(`bulk insert: ${column} takes a whole number, not ${JSON.stringify(value)}`);
}

function realNumber(value: unknown, column: string): number {
  if (typeof value === "number") return value;
  const n =
    typeof value === "boolean"
      ? Number(value)
      : typeof value === "string" && value.trim() !== ""
        ? Number(value)
        : Number.NaN;
  if (!Number.isNaN(n) || value === "NaN") return n;
  throw new CopyValueError(`bulk insert: ${column} takes a number, not ${JSON.stringify(value)}`);
}

const textOf = (value: unknown) => (typeof value === "string" ? value : String(value));

/** The most bytes a row can take: UTF-8 needs at most 3 bytes per UTF-16 unit. */
function rowBound(row: readonly unknown[], width: number): number {
  let bytes = 2 + 12 * width;
  for (let i = 0; i < width; i++) {
    const value = row[i];
    if (typeof value === "string") bytes += 3 * value.length;
    else if (value !== null && value !== undefined && typeof value !== "number") bytes += 3 * String(value).length;
  }
  return bytes;
}

/** The rows in COPY's binary format, in buffers of about 64 KB (a larger one for a larger row). */
export function* copyBinary(
  rows: readonly (readonly unknown[])[],
  columns: readonly { name: string; type: BulkColumnType }[],
): Generator<Buffer> {
  const width = columns.length;
  const types = columns.map((c) => c.type);
  let buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  SIGNATURE.copy(buffer, 0);
  buffer.writeInt32BE(0, 11); // flags
  buffer.writeInt32BE(0, 15); // header extension length
  let at = 19;
  for (const row of rows) {
    const bound = rowBound(row, width);
    if (at + bound > buffer.length) {
      if (at > 0) yield buffer.subarray(0, at);
      buffer = Buffer.allocUnsafe(Math.max(BUFFER_BYTES, bound + 2));
      at = 0;
    }
    buffer.writeInt16BE(width, at);
    at += 2;
    for (let i = 0; i < width; i++) {
      const value = row[i];
      if (value === null || value === undefined) {
        buffer.writeInt32BE(-1, at);
        at += 4;
        continue;
      }
      const type = types[i] as BulkColumnType;
      if (type === "text") {
        const length = buffer.write(textOf(value), at + 4, "utf8");
        buffer.writeInt32BE(length, at);
        at += 4 + length;
      } else if (type === "double") {
        buffer.writeInt32BE(8, at);
        buffer.writeDoubleBE(realNumber(value, (columns[i] as { name: string }).name), at + 4);
        at += 12;
      } else if (type === "integer") {
        buffer.writeInt32BE(4, at);
        buffer.writeInt32BE(Number(wholeNumber(value, (columns[i] as { name: string }).name, type)), at + 4);
        at += 8;
      } else {
        const n = wholeNumber(value, (columns[i] as { name: string }).name, type);
        buffer.writeInt32BE(8, at);
        if (typeof n === "bigint") buffer.writeBigInt64BE(n, at + 4);
        else {
          // Two's complement in two halves: no BigInt allocated per value.
          buffer.writeInt32BE(Math.floor(n / TWO_32), at + 4);
          buffer.writeUInt32BE(((n % TWO_32) + TWO_32) % TWO_32, at + 8);
        }
        at += 12;
      }
    }
  }
  if (at + 2 > buffer.length) {
    yield buffer.subarray(0, at);
    buffer = Buffer.allocUnsafe(2);
    at = 0;
  }
  buffer.writeInt16BE(-1, at);
  yield buffer.subarray(0, at + 2);
}
