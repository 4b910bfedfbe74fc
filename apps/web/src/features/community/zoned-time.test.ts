import { describe, expect, it } from "vitest";
import { isoToZoned, zonedToIso } from "./zoned-time.ts";

describe("an event's wall clock in its own time zone", () => {
  it("reads 18:00 in Berlin as 17:00 UTC in winter and 16:00 UTC in summer", () => {
    expect(zonedToIso("2026-01-15", "18:00", "Europe/Berlin")).toBe("2026-01-15T17:00:00.000Z");
    expect(zonedToIso("2026-07-15", "18:00", "Europe/Berlin")).toBe("2026-07-15T16:00:00.000Z");
  });

  it("crosses the date line both ways", () => {
    expect(zonedToIso("2026-03-01", "09:30", "Pacific/Auckland")).toBe("2026-02-28T20:30:00.000Z");
    expect(isoToZoned("2026-02-28T20:30:00.000Z", "Pacific/Auckland")).toEqual({ date: "2026-03-01", time: "09:30" });
    expect(isoToZoned("2026-03-01T02:00:00.000Z", "America/New_York")).toEqual({ date: "2026-02-28", time: "21:00" });
  });

  it("gives back the wall time it was given, on the days clocks change", () => {
    for (const [date, time] of [
      ["2026-03-29", "01:30"],
      ["2026-03-29", "03:30"],
      ["2026-10-25", "04:00"],
    ] as const) {
      const iso = zonedToIso(date, time, "Europe/Berlin") ?? "";
      expect(isoToZoned(iso, "Europe/Berlin")).toEqual({ date, time });
    }
  });

  it("moves a wall time that a spring-forward skips to the hour after", () => {
    const iso = zonedToIso("2026-03-29", "02:30", "Europe/Berlin") ?? "";
    expect(isoToZoned(iso, "Europe/Berlin")).toEqual({ date: "2026-03-29", time: "03:30" });
  });

  it("answers null for a missing date or time", () => {
    expect(zonedToIso("", "18:00", "Europe/Berlin")).toBeNull();
    expect(zonedToIso("2026-01-15", "", "Europe/Berlin")).toBeNull();
  });
});
