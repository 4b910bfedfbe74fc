import { expect, it } from "vitest";
import { normalizeMessage } from "./segment.ts";

const timestampOf = (timestamp: string) =>
  normalizeMessage({ type: "track", userId: "u", event: "E", messageId: "m", timestamp }, { receivedAt: 0 }).message
    ?.timestamp ?? null;

it("reads timestamps exactly as Date.parse does, plain ISO UTC forms and every other", () => {
  const cases = [
    "2026-01-01T10:00:00.000Z",
    "2026-01-01T10:00:00Z",
    "2024-02-29T23:59:59.999Z",
    "2026-02-29T00:00:00.000Z", // no such day: Date.parse rolls it over
    "2026-04-31T00:00:00Z",
    "2026-12-31T23:59:59.999Z",
    "0050-06-01T00:00:00.000Z", // Date.UTC would read year 50 as 1950
    "1969-12-31T23:59:59.999Z",
    "2026-01-01T24:00:00.000Z",
    "2026-01-01T10:00:00.5Z",
    "2026-01-01T10:00:00+02:00",
    "2026-01-01",
    "+002026-01-01T00:00:00.000Z",
    "Thu, 01 Jan 2026 10:00:00 GMT",
  ];
  for (const text of cases) expect([text, timestampOf(text)]).toEqual([text, Date.parse(text)]);
  for (const text of ["2026-13-01T00:00:00.000Z", "2026-01-01T10:60:00Z", "2026-1a-01T00:00:00.000Z", "soon"]) {
    expect(Number.isNaN(Date.parse(text))).toBe(true);
    expect(timestampOf(text)).toBeNull();
  }
});
