import { expect, it } from "vitest";
import { attribute } from "./impact.ts";

const DAY = 86_400_000;

it("shares a deal's revenue among the advocates who touched it, by model", () => {
  const deal = {
    revenue: 90_000,
    source: "reference" as const,
    touches: [
      { contactId: "ana", at: 3 * DAY, source: "reference" as const },
      { contactId: "bo", at: 1 * DAY, source: "reference" as const },
      { contactId: "cy", at: 2 * DAY, source: "reference" as const },
    ],
  };
  const referral = {
    revenue: 1_000,
    source: "referral" as const,
    touches: [{ contactId: "ana", at: 5 * DAY, source: "referral" as const }],
  };
  const credit = (model: "first_touch" | "last_touch" | "linear") =>
    Object.fromEntries([...attribute([deal, referral], model)].map(([id, e]) => [id, [e.revenue, e.deals.size]]));
  expect(credit("first_touch")).toEqual({ bo: [90_000, 1], ana: [1_000, 1] });
  expect(credit("last_touch")).toEqual({ ana: [91_000, 2] });
  expect(credit("linear")).toEqual({ ana: [31_000, 2], bo: [30_000, 1], cy: [30_000, 1] });
  // Every model gives out the whole revenue, no more.
  for (const model of ["first_touch", "last_touch", "linear"] as const) {
    const total = [...attribute([deal, referral], model).values()].reduce((a, e) => a + e.revenue, 0);
    expect(total).toBe(91_000);
  }
  // A deal nobody touched, or that earned nothing, credits no one.
  expect(
    attribute(
      [
        { revenue: 5, source: "referral", touches: [] },
        { ...deal, revenue: 0 },
      ],
      "linear",
    ).size,
  ).toBe(0);
});
