import { describe, expect, it } from "vitest";
import { costCentsOf, formatPointsDifference, formatRoi } from "./impact-format.ts";

describe("the impact page's numbers", () => {
  it("reads the typed cost as cents, blank as none, and refuses what is not an amount", () => {
    expect(costCentsOf("")).toBe(0);
    expect(costCentsOf("250000")).toBe(25_000_000);
    expect(costCentsOf("19.99")).toBe(1999);
    expect(costCentsOf("-5")).toBeNull();
    expect(costCentsOf("ten")).toBeNull();
  });

  it("shows ROI as a multiple, keeping the decimals a small one needs, and a dash when nothing was spent", () => {
    expect(formatRoi(null)).toBe("—");
    expect(formatRoi(23.4)).toBe("23×");
    expect(formatRoi(-0.97)).toBe(`${new Intl.NumberFormat().format(-0.97)}×`);
    expect(formatRoi(-0.97)).not.toBe(`${new Intl.NumberFormat().format(-1)}×`);
  });

  it("shows a renewal lift in signed percentage points", () => {
    expect(formatPointsDifference(0.12)).toBe("+12 pp");
    expect(formatPointsDifference(-0.05)).toBe("-5 pp");
    expect(formatPointsDifference(0)).toBe("0 pp");
    expect(formatPointsDifference(null)).toBe("—");
  });
});
