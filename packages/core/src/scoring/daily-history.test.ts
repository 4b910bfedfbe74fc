import { describe, expect, it } from "vitest";
import { dailyHistory } from "./score.queries.ts";

const point = (day: number, score: number) => ({ day, score, confidence: 0.5 });

describe("daily score history", () => {
  it("reads one point a day, each the latest snapshot at or before it", () => {
    const days = dailyHistory([point(8, 40), point(11, 55), point(12, 60)], 10, 14);
    expect(days.map((d) => [d.day, d.score])).toEqual([
      [10, 40],
      [11, 55],
      [12, 60],
      [13, 60],
      [14, 60],
    ]);
  });

  it("starts at the first snapshot when the contact was scored later than the window opens", () => {
    expect(dailyHistory([point(12, 70)], 10, 13).map((d) => d.day)).toEqual([12, 13]);
  });

  it("is empty without snapshots", () => {
    expect(dailyHistory([], 10, 13)).toEqual([]);
  });
});
