import { createTestTenant, describeDialects } from "@advo/test-kit";
import { expect, it } from "vitest";
import { createContact } from "../contacts/index.ts";
import { manualClock } from "../shared/clock.ts";
import { asksOf, checkAskAllowed, recordAsk, setContactAskLimit, setFatigueSettings } from "./index.ts";

const DAY = 86_400_000;

describeDialects("ask fatigue", (ctx) => {
  it("records each ask once per source and refuses the next ask over the workspace, kind and personal limits", async () => {
    const clock = manualClock(Date.parse("2026-10-05T09:00:00Z"));
    const t = await createTestTenant(ctx.db, clock);
    await setFatigueSettings(t.scope, {
      maxAsksPerQuarter: 3,
      perKindPerQuarter: { review: 1 },
      minDaysBetweenAsks: 2,
    });
    const ada = await createContact(t.scope, { email: "ada@example.com" });

    expect(await checkAskAllowed(t.scope, ada.id, "review")).toMatchObject({ allowed: true, reasons: [] });
    await recordAsk(t.scope, { contactId: ada.id, kind: "review", sourceType: "challenge", sourceId: "ch_1" });
    await recordAsk(t.scope, { contactId: ada.id, kind: "review", sourceType: "challenge", sourceId: "ch_1" });
    expect(await asksOf(t.scope, ada.id)).toHaveLength(1);

    const soon = await checkAskAllowed(t.scope, ada.id, "referral");
    expect(soon.allowed).toBe(false);
    expect(soon.reasons.map((r) => r.code)).toEqual(["too_soon"]);
    expect(soon.reasons[0]?.message).toContain("left alone 2 days");

    clock.advance(3 * DAY);
    const review = await checkAskAllowed(t.scope, ada.id, "review");
    expect(review).toMatchObject({ allowed: false, kindAsksThisQuarter: 1, asksThisQuarter: 1, quarter: "2026-Q4" });
    expect(review.reasons[0]).toMatchObject({ code: "kind_limit" });
    expect((await checkAskAllowed(t.scope, ada.id, "referral")).allowed).toBe(true);

    await setContactAskLimit(t.scope, ada.id, "*", 1);
    const personal = await checkAskAllowed(t.scope, ada.id, "referral");
    expect(personal.reasons).toEqual([
      { code: "personal_limit", message: expect.stringContaining("at their own limit: 1 ask of any kind per quarter") },
    ]);
    await setContactAskLimit(t.scope, ada.id, "*", null);

    await recordAsk(t.scope, { contactId: ada.id, kind: "referral", sourceType: "program", sourceId: "p1" });
    clock.advance(3 * DAY);
    await recordAsk(t.scope, { contactId: ada.id, kind: "content", sourceType: "program", sourceId: "p2" });
    clock.advance(3 * DAY);
    const global = await checkAskAllowed(t.scope, ada.id, "reference");
    expect(global.reasons.map((r) => r.code)).toEqual(["global_limit"]);
    expect(global.reasons[0]?.message).toContain("asked 3 times this quarter (2026-Q4)");

    // A new quarter starts the counts again.
    clock.set(Date.parse("2027-01-10T09:00:00Z"));
    expect(await checkAskAllowed(t.scope, ada.id, "review")).toMatchObject({ allowed: true, asksThisQuarter: 0 });
    expect((await asksOf(t.scope, ada.id)).map((a) => a.kind)).toEqual(["content", "referral", "review"]);
  });
});
