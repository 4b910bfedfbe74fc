import { createTestTenant, describeDialects } from "@advo/test-kit";
import { expect, it } from "vitest";
import { createAccount } from "../accounts/index.ts";
import { advocacyImpact } from "../analytics/index.ts";
import { createContact } from "../contacts/index.ts";
import { manualClock } from "../shared/clock.ts";
import { selectFrom } from "../shared/scope.ts";
import type { Actor } from "../users/index.ts";
import {
  type CreateContentInput,
  contentOfAdvocate,
  createContent,
  decideApproval,
  getContent,
  listContentUses,
  publishContent,
  recordContentUse,
  requestApproval,
  updateContentUse,
} from "./index.ts";

const NOW = Date.parse("2026-11-02T09:00:00Z");
const DAY = 86_400_000;
const marketer: Actor = { type: "user", id: "usr_m", name: "Mia Marketer" };
const seller: Actor = { type: "user", id: "usr_s", name: "Sam Seller" };

describeDialects("content used in deals", (ctx) => {
  async function world() {
    const clock = manualClock(NOW);
    const t = await createTestTenant(ctx.db, clock);
    const scope = { ...t.scope, clock };
    const bank = await createAccount(scope, { name: "Bank", industry: "fintech" });
    const ana = await createContact(scope, {
      email: "ana@bank.com",
      firstName: "Ana",
      lastName: "Lee",
      accountId: bank.id,
    });
    /** Drafted, approved by its advocate through their link, and published. */
    const published = async (input: Partial<CreateContentInput> = {}) => {
      const draft = await createContent(
        scope,
        { kind: "case_study", title: "Bank ships daily", body: "<p>Daily.</p>", contactId: ana.id, ...input },
        marketer,
      );
      if (!draft.contactId) return publishContent(scope, draft.id, marketer);
      await requestApproval(scope, draft.id, marketer, { linkBase: "https://advo.example.com" });
      const mail = await selectFrom(scope, "emailOutbox")
        .select("textBody")
        .where("purpose", "=", "content_approval")
        .orderBy("createdAt", "desc")
        .orderBy("id", "desc")
        .executeTakeFirstOrThrow();
      const token = /#token=(\S+)/.exec(mail.textBody)?.[1] ?? "";
      await decideApproval(ctx.db, clock, { token, decision: "approve" });
      return publishContent(scope, draft.id, marketer);
    };
    return { clock, scope, ana, published };
  }

  it("records where sales used published content, once per opportunity, and how each deal ended", async () => {
    const { clock, scope, published } = await world();
    const story = await published();
    clock.advance(DAY);
    const use = await recordContentUse(
      scope,
      story.id,
      { opportunityId: "OPP-1", prospectName: "Acme", dealAmount: 50_000, note: "sent after the demo" },
      seller,
    );
    expect(use).toMatchObject({
      contentId: story.id,
      opportunityId: "OPP-1",
      prospectName: "Acme",
      dealAmount: 50_000,
      currency: "USD",
      dealStatus: "open",
      wonAmount: null,
      usedAt: new Date(NOW + DAY).toISOString(),
      recordedBy: "Sam Seller",
    });
    await expect(recordContentUse(scope, story.id, { opportunityId: "OPP-1" }, seller)).rejects.toMatchObject({
      code: "conflict",
      errors: [{ path: "opportunityId" }],
    });
    const history = (await getContent(scope, story.id)).history;
    expect(history.at(-1)).toMatchObject({ action: "used_in_deal", detail: "OPP-1", actor: { name: "Sam Seller" } });

    // Won: for the deal amount unless told otherwise. Lost: nothing won.
    expect(await updateContentUse(scope, story.id, use.id, { dealStatus: "won" })).toMatchObject({
      dealStatus: "won",
      wonAmount: 50_000,
    });
    expect(await updateContentUse(scope, story.id, use.id, { wonAmount: 45_000 })).toMatchObject({ wonAmount: 45_000 });
    await expect(updateContentUse(scope, story.id, use.id, { dealStatus: "lost", wonAmount: 1 })).rejects.toMatchObject(
      { code: "invalid", errors: [{ path: "wonAmount" }] },
    );
    expect(await updateContentUse(scope, story.id, use.id, { dealStatus: "lost" })).toMatchObject({
      dealStatus: "lost",
      wonAmount: null,
    });
    // A deal with no amount cannot be won for nothing.
    const bare = await recordContentUse(scope, story.id, { opportunityId: "OPP-2" }, seller);
    await expect(updateContentUse(scope, story.id, bare.id, { dealStatus: "won" })).rejects.toMatchObject({
      errors: [{ path: "wonAmount" }],
    });
    // The advocate sees what their words helped with, without the prospects' names.
    await updateContentUse(scope, story.id, use.id, { dealStatus: "won" });
    expect(await contentOfAdvocate(scope, story.contactId ?? "")).toMatchObject([
      { id: story.id, live: true, dealsUsedIn: 2, dealsWon: 1 },
    ]);
    await updateContentUse(scope, story.id, use.id, { dealStatus: "lost" });
    expect((await listContentUses(scope, story.id)).map((u) => [u.opportunityId, u.dealStatus])).toEqual([
      ["OPP-1", "lost"],
      ["OPP-2", "open"],
    ]);
    await expect(updateContentUse(scope, story.id, "cus_nope", { dealStatus: "won" })).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("refuses content sales may not use now, and a use dated in the future or before publication", async () => {
    const { clock, scope, published } = await world();
    const websiteOnly = await published({ channels: ["website"] });
    await expect(recordContentUse(scope, websiteOnly.id, { opportunityId: "OPP-1" }, seller)).rejects.toMatchObject({
      code: "conflict",
      errors: [{ path: "channels" }],
    });
    const draft = await createContent(scope, { kind: "quote", title: "Quote", body: "<p>Yes.</p>" }, marketer);
    await expect(recordContentUse(scope, draft.id, { opportunityId: "OPP-1" }, seller)).rejects.toMatchObject({
      errors: [{ path: "status" }],
    });
    const shortTerm = await published({ usableUntil: new Date(NOW + 10 * DAY).toISOString() });
    await expect(
      recordContentUse(
        scope,
        shortTerm.id,
        { opportunityId: "OPP-1", usedAt: new Date(NOW + DAY).toISOString() },
        seller,
      ),
    ).rejects.toMatchObject({ errors: [{ path: "usedAt" }] });
    await expect(
      recordContentUse(
        scope,
        shortTerm.id,
        { opportunityId: "OPP-1", usedAt: new Date(NOW - DAY).toISOString() },
        seller,
      ),
    ).rejects.toMatchObject({ errors: [{ path: "usedAt" }] });
    clock.advance(11 * DAY);
    await expect(recordContentUse(scope, shortTerm.id, { opportunityId: "OPP-1" }, seller)).rejects.toMatchObject({
      errors: [{ path: "usableUntil" }],
    });
    await expect(
      recordContentUse(scope, shortTerm.id, { opportunityId: "OPP-1", dealAmount: -5 }, seller),
    ).rejects.toMatchObject({ name: "ZodError" });
    expect(await selectFrom(scope, "contentUses").selectAll().execute()).toEqual([]);
  });

  it("counts the pipeline content influenced and shares won deals with the advocate it features", async () => {
    const { clock, scope, ana, published } = await world();
    const story = await published();
    const bo = await createContact(scope, { email: "bo@shop.com", firstName: "Bo", lastName: "Berg" });
    const quote = await published({ kind: "quote", title: "Bo on support", contactId: bo.id });
    clock.advance(DAY);
    const won = await recordContentUse(scope, story.id, { opportunityId: "OPP-1", dealAmount: 80_000 }, seller);
    await updateContentUse(scope, story.id, won.id, { dealStatus: "won" });
    // The same opportunity with a second piece of content: one deal, its revenue shared by the two advocates.
    clock.advance(DAY);
    await recordContentUse(scope, quote.id, { opportunityId: "OPP-1", dealAmount: 80_000 }, seller);
    await recordContentUse(scope, story.id, { opportunityId: "OPP-2", dealAmount: 20_000 }, seller);
    const impact = await advocacyImpact(scope, { model: "linear" });
    expect(impact.content).toEqual({ uses: 3, dealsInfluenced: 2, pipeline: 100_000, wonDeals: 1, wonRevenue: 80_000 });
    expect(impact.influenced).toEqual({ deals: 2, pipeline: 100_000, wonDeals: 1, wonRevenue: 80_000 });
    expect(impact.attribution.bySource).toEqual({ referral: 0, reference: 0, content: 80_000 });
    expect(impact.attribution.revenue).toBe(80_000);
    expect(impact.attribution.topAdvocates).toEqual([
      { contactId: ana.id, name: "Ana Lee", revenue: 40_000, deals: 1 },
      { contactId: bo.id, name: "Bo Berg", revenue: 40_000, deals: 1 },
    ]);
    // First touch: Ana's case study went in a day before Bo's quote.
    const firstTouch = await advocacyImpact(scope, { model: "first_touch" });
    expect(firstTouch.attribution.topAdvocates).toEqual([
      { contactId: ana.id, name: "Ana Lee", revenue: 80_000, deals: 1 },
    ]);
  });
});
