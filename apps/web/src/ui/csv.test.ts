import { describe, expect, it } from "vitest";
import { type CsvColumn, csvFileName, fetchAllPages, toCsv } from "./csv.ts";

interface Row {
  name: string;
  score: number | null;
}

const columns: CsvColumn<Row>[] = [
  ["rank", (_, i) => i + 1],
  ["name", (r) => r.name],
  ["score", (r) => r.score],
];

describe("CSV export", () => {
  it("quotes what CSV needs quoted, neutralises formulas and numbers rows from 1", () => {
    const csv = toCsv(columns, [
      { name: 'Ada "the first", Lovelace', score: 91 },
      { name: '=HYPERLINK("http://x")', score: null },
      { name: "-2+3", score: -2 },
      { name: "line\nbreak", score: 0 },
    ]);
    expect(csv.split("\r\n")).toEqual([
      "rank,name,score",
      '1,"Ada ""the first"", Lovelace",91',
      '2,"\'=HYPERLINK(""http://x"")",',
      "3,'-2+3,-2",
      '4,"line\nbreak",0',
      "",
    ]);
  });

  it("fetches every page up to the limit and says when it stopped short", async () => {
    const pages = [
      { data: [1, 2], nextCursor: "a" },
      { data: [3, 4], nextCursor: "b" },
      { data: [5], nextCursor: null },
    ];
    const asked: (string | undefined)[] = [];
    const fetchPage = async (cursor: string | undefined) => {
      asked.push(cursor);
      return pages[asked.length - 1] as { data: number[]; nextCursor: string | null };
    };
    expect(await fetchAllPages(fetchPage)).toEqual({ rows: [1, 2, 3, 4, 5], truncated: false });
    expect(asked).toEqual([undefined, "a", "b"]);
    asked.length = 0;
    expect(await fetchAllPages(fetchPage, { max: 4 })).toEqual({ rows: [1, 2, 3, 4], truncated: true });
  });

  it("names the file after the list and its filter", () => {
    expect(csvFileName("advocates", "Fintech & SaaS promoters", new Date("2026-12-02T10:00:00Z"))).toBe(
      "advocates-fintech-saas-promoters-2026-12-02.csv",
    );
  });
});
