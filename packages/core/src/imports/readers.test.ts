import { describe, expect, it } from "vitest";
import { csvRows, MAX_RECORD_BYTES, ndjsonLines, type RawRow } from "./readers.ts";

async function all(gen: AsyncGenerator<RawRow[] | RawRow>): Promise<RawRow[]> {
  const out: RawRow[] = [];
  for await (const item of gen) out.push(...(Array.isArray(item) ? item : [item]));
  return out;
}

/** Splits bytes into pieces of `size`, as a stream would deliver them. */
function* pieces(bytes: Buffer, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe("import readers", () => {
  it("numbers NDJSON lines exactly across pieces, windows, CRLF, a BOM, long lines and a Latin-1 line", async () => {
    const lines: Buffer[] = [Buffer.from("\uFEFF")];
    const expected: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const text =
        i % 700 === 5 ? JSON.stringify({ i, big: "x".repeat(100_000) }) : JSON.stringify({ i, name: `Zoë ${i}` });
      expected.push(text);
      if (i === 2500) lines.push(Buffer.from(`{"i": 2500, "name": "José"}\r\n`, "latin1"));
      else lines.push(Buffer.from(`${text}${i % 2 ? "\r\n" : "\n"}`));
    }
    lines.push(Buffer.from("\n   \n"));
    const bytes = Buffer.concat(lines);
    for (const size of [7, 4096, 1024 * 1024]) {
      const rows = await all(ndjsonLines(pieces(bytes, size), { bytes: 0 }));
      expect(rows).toHaveLength(3000);
      expect(rows.map((r) => r.row)).toEqual(Array.from({ length: 3000 }, (_, i) => i + 1));
      rows.forEach((r, i) => {
        if (i === 2500) {
          expect(r.problem?.reason).toMatch(/not valid UTF-8/);
          expect(r.line).toBe('{"i": 2500, "name": "José"}');
        } else expect(r.line).toBe(expected[i]);
      });
    }
  });

  it("reports an NDJSON line well past the limit once and goes on with the next", async () => {
    const bytes = Buffer.from(`{"a":1}\n${"y".repeat(MAX_RECORD_BYTES + 200_000)}\n{"b":2}\n`);
    const rows = await all(ndjsonLines(pieces(bytes, 64 * 1024), { bytes: 0 }));
    expect(rows.map((r) => [r.row, r.problem?.field ?? r.line.slice(0, 20)])).toEqual([
      [1, '{"a":1}'],
      [2, "line"],
      [3, '{"b":2}'],
    ]);
  });

  it("numbers CSV rows as a spreadsheet does, with broken rows in their place", async () => {
    const csv = 'a;b\n1;"two\nlines"\n2;"x"y\n3;z\n4;"unclosed\n';
    const rows = await all(csvRows(pieces(Buffer.from(csv), 3), { bytes: 0 }));
    expect(rows.map((r) => [r.row, r.cells ?? r.problem?.field])).toEqual([
      [1, ["a", "b"]],
      [2, ["1", "two\nlines"]],
      [3, ["2", '"x"y']],
      [4, ["3", "z"]],
      [5, "line"],
    ]);
  });
});
