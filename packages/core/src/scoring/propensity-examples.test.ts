import { describe, expect, it } from "vitest";
import { statementsOf } from "./propensity-examples.ts";

describe("propensity texts", () => {
  it("reads each line of a comment as its own statement and drops blank lines", () => {
    expect(statementsOf(["Runs small\r\nBut the colour is lovely", "", "Great\n\n  \nwould buy again"])).toEqual([
      "Runs small",
      "But the colour is lovely",
      "Great",
      "would buy again",
    ]);
  });
});
