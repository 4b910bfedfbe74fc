import { z } from "zod";
import { invalidField } from "./errors.ts";

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50).describe("Items per page (1–500)"),
  cursor: z.string().max(200).optional().describe("Opaque cursor from the previous page's nextCursor"),
});
export type PageQuery = z.infer<typeof pageQuery>;

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(item),
    nextCursor: z.string().nullable().describe("Pass as ?cursor= to get the next page; null on the last page"),
  });

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export function encodeCursor(key: string): string {
  return Buffer.from(key, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined || cursor === "") return undefined;
  const key = Buffer.from(cursor, "base64url").toString("utf8");
  if (!/^[a-z]{2,5}_[0-9A-HJKMNP-TV-Z]{26}$/.test(key)) throw invalidField("cursor", "is not a cursor this API issued");
  return key;
}

/** Callers fetch limit + 1 rows; the extra row only tells whether another page exists. */
export function toPage<Row extends { id: string }, Out>(rows: Row[], limit: number, map: (row: Row) => Out): Page<Out> {
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return { data: pageRows.map(map), nextCursor: more && last ? encodeCursor(last.id) : null };
}
