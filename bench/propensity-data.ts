// Loads ../shared/data/recommend (23,486 real clothing reviews) as propensity examples:
// one review = one contact; title and text as survey comments; rating as CSAT; "Recommended IND" as label.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";

export const RECOMMEND_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "shared", "data", "recommend");

export interface Review {
  title: string;
  text: string;
  rating: number;
  age: number | null;
  department: string | null;
  recommended: 0 | 1;
}

export function recommendDataPresent(dir = RECOMMEND_DIR): boolean {
  return existsSync(join(dir, "womens_clothing_reviews_part1.csv"));
}

export function loadReviews(dir = RECOMMEND_DIR): Review[] {
  const reviews: Review[] = [];
  for (const part of [1, 2, 3]) {
    const rows = parse(readFileSync(join(dir, `womens_clothing_reviews_part${part}.csv`), "utf8"), {
      columns: true,
      skip_empty_lines: true,
    }) as Record<string, string>[];
    for (const r of rows) {
      const age = Number.parseInt(r.Age ?? "", 10);
      reviews.push({
        title: r.Title ?? "",
        text: r["Review Text"] ?? "",
        rating: Number.parseInt(r.Rating ?? "", 10),
        age: Number.isFinite(age) ? age : null,
        department: r["Department Name"] || null,
        recommended: r["Recommended IND"] === "1" ? 1 : 0,
      });
    }
  }
  return reviews;
}
