import { describeDialects } from "@advo/test-kit";
import { expect, it } from "vitest";
import { listAccounts } from "../accounts/index.ts";
import { advocacyImpact } from "../analytics/index.ts";
import { communitySummary, getEvent, listEvents, listSpaces } from "../community/index.ts";
import { countContacts } from "../contacts/index.ts";
import { listContent } from "../content/index.ts";
import { listImportRuns } from "../imports/index.ts";
import { listJourneyActions, listJourneys } from "../journeys/index.ts";
import { explainScores } from "../scoring/index.ts";
import { manualClock } from "../shared/clock.ts";
import { selectFrom } from "../shared/scope.ts";
import { contactTimeline, mergeHistory, unmergeContact } from "../signals/index.ts";
import { signIn } from "../users/index.ts";
import { DEMO_PASSWORD, DEMO_USERS, DEMO_WORKSPACE, loadDemo, loadDemoIfEmpty } from "./index.ts";

describeDialects("demo workspace", (ctx) => {
  it("loads varied accounts and contacts once, with working sign-ins, anonymous history attached and an undoable merge", {
    timeout: 120_000,
  }, async () => {
    const clock = manualClock();
    const tenant = await loadDemoIfEmpty(ctx.db, clock, {
      accounts: 60,
      contactsPerAccount: 5,
      publicUrl: "https://advo.example.com",
    });
    expect(tenant?.slug).toBe(DEMO_WORKSPACE);
    const scope = { db: ctx.db, tenantId: tenant?.id ?? "", clock };
    // 300 customer contacts, plus the webinar's new attendees and the friends the demo referral program
    // brought in.
    expect(await countContacts(scope)).toBeGreaterThanOrEqual(300);
    expect(await countContacts(scope)).toBeLessThan(330);
    // A webinar export went through the real import: on record, with the row it refused.
    const imports = (await listImportRuns(scope, { limit: 10 })).data;
    expect(imports.map((r) => [r.fileName, r.actor.name, r.status, r.summary])).toEqual([
      [
        "webinar-attendees-october.csv",
        "Olivia Owner",
        "completed",
        { rows: 8, inserted: 6, updated: 1, skipped: 0, rejected: 1 },
      ],
    ]);
    const accounts = (await listAccounts(scope, { limit: 100 })).data;
    expect(new Set(accounts.map((a) => a.industry)).size).toBeGreaterThan(5);
    expect(new Set(accounts.map((a) => a.region)).size).toBeGreaterThan(2);
    // Engagement is compared with colleagues at the same account from the start.
    const scored = await selectFrom(scope, "contactScores").select("contactId").execute();
    const explanations = await explainScores(
      scope,
      scored.map((s) => s.contactId),
    );
    const comparedWithColleagues = [...explanations.values()].filter((e) =>
      e.lines.some((l) => l.label.includes("than colleagues at ")),
    );
    expect(comparedWithColleagues.length).toBeGreaterThan(30);
    // A content library worked through the advocates' approvals.
    const library = await listContent(scope);
    expect(library.map((c) => c.status).sort()).toEqual([
      "awaiting_approval",
      "changes_requested",
      "draft",
      "published",
      "published",
      "retired",
    ]);
    expect((await listContent(scope, { usableFor: "website" })).length).toBe(2);
    // A community: four spaces, past events with attendance recorded, a full meetup with a waitlist.
    expect((await listSpaces(scope)).map((s) => s.name)).toEqual([
      "Admins Online Circle",
      "Berlin User Group",
      "Customer Advisory Board",
      "Product Champions",
    ]);
    const past = await listEvents(scope, { when: "past" });
    expect(past.map((e) => [e.title, e.counts.attended])).toEqual([
      ["Customer Advisory Board: Q4 session", 6],
      ["Berlin User Group: spring meetup", 8],
    ]);
    const upcoming = await listEvents(scope, { when: "upcoming" });
    const winter = upcoming.find((e) => e.title === "Berlin User Group: winter meetup");
    expect(winter).toMatchObject({ placesLeft: 0, counts: { waitlisted: 3 } });
    expect(upcoming.find((e) => e.title === "Hamburg roadshow")?.status).toBe("cancelled");
    // The spring meetup's 8 of 10 and the board's 6 of 7 came: 14 of 17; 11 of them said how it was
    // (26 stars from six at the meetup, 20 from five at the board: 46 / 11).
    expect(await communitySummary(scope)).toMatchObject({
      upcomingEvents: 3,
      nextEvent: { title: "Webinar: reporting playbooks from our champions" },
      waitlisted: 3,
      attendanceRate90Days: 0.82,
      rating90Days: { average: 4.2, answers: 11 },
    });
    // What advocacy earned: every model hands out the same revenue, and accounts split into two sides.
    const impact = await advocacyImpact(scope, { model: "linear" });
    expect(impact.referrals.conversions).toBeGreaterThan(0);
    expect(impact.references.calls).toBeGreaterThan(0);
    expect(impact.attribution.revenue).toBeCloseTo(
      impact.attribution.bySource.referral +
        impact.attribution.bySource.reference +
        impact.attribution.bySource.content,
      1,
    );
    // Sales used the first testimonial in four deals: two won (for their amounts), one lost, one open.
    expect(impact.content).toEqual({
      uses: 4,
      dealsInfluenced: 4,
      pipeline: 285_000,
      wonDeals: 2,
      wonRevenue: 162_000,
    });
    expect(impact.attribution.bySource.content).toBe(162_000);
    const firstTouch = await advocacyImpact(scope, { model: "first_touch" });
    expect(firstTouch.attribution.revenue).toBeCloseTo(impact.attribution.revenue, 1);
    const sides = impact.retention.advocateAccounts.accounts + impact.retention.otherAccounts.accounts;
    expect(sides).toBe(accounts.length);
    expect(impact.retention.advocateAccounts.accounts).toBeGreaterThan(0);
    const spring = await getEvent(scope, past[1]?.id ?? "");
    expect(spring.registrations.filter((r) => r.pointsTransactionId !== null)).toHaveLength(8);
    // The reference asks it emailed link to the server's address, as the server's own would.
    const asks = await selectFrom(scope, "emailOutbox")
      .select("textBody")
      .where("purpose", "=", "reference_ask")
      .execute();
    expect(asks.length).toBeGreaterThan(0);
    for (const ask of asks)
      expect(ask.textBody).toContain("https://advo.example.com/hub/reference-asks/respond?token=");
    expect(await loadDemoIfEmpty(ctx.db, clock)).toBeNull();
    await expect(loadDemo(ctx.db, clock)).rejects.toMatchObject({ code: "conflict" });
    const session = await signIn(ctx.db, clock, {
      workspace: DEMO_WORKSPACE,
      email: DEMO_USERS[1].email,
      password: DEMO_PASSWORD,
    });
    expect(session.user.role).toBe("manager");

    // Identity resolution: anonymous browsing attached at sign-up, and an undoable merge.
    const anonymous = await selectFrom(scope, "events")
      .select(["contactId", "type"])
      .where("anonymousId", "like", "demo-anon-%")
      .execute();
    expect(anonymous.filter((e) => e.type === "page").length).toBeGreaterThanOrEqual(6);
    expect(anonymous.filter((e) => e.contactId === null)).toEqual([]);
    const browser = anonymous[0]?.contactId ?? "";
    const timeline = await contactTimeline(scope, browser, { limit: 200 });
    expect(timeline.data.some((e) => e.type === "page")).toBe(true);

    const merges = await selectFrom(scope, "contactMerges").select(["survivorId", "mergedId"]).execute();
    expect(merges.length).toBeGreaterThanOrEqual(1);
    const survivor = merges[0]?.survivorId ?? "";
    const [merge] = await mergeHistory(scope, survivor);
    expect(merge?.reason).toMatch(
      /^identify: userId "demo-user-\w+" and email \S+@(gmail|outlook)\.com were two contacts$/,
    );
    const before = await countContacts(scope);
    await unmergeContact(scope, survivor);
    expect(await countContacts(scope)).toBe(before + 1);

    // A journey that has been running for nine days, with its history; one that asks promoters for a review
    // as their answers arrive; two drafts (one invites to an event).
    const journeys = await listJourneys(scope);
    expect(journeys.map((j) => j.status).sort()).toEqual(["active", "active", "draft", "draft"]);
    const reviews = journeys.find((j) => j.name === "Ask fresh promoters for a review");
    expect(reviews?.trigger).toEqual({ type: "survey_answered", kind: "nps", minScore: 9, maxScore: 10 });
    expect(journeys.find((j) => j.name === "Invite EMEA promoters to the Berlin meetup")?.steps[0]?.type).toBe(
      "invite_to_event",
    );
    const running = journeys.find((j) => j.name.startsWith("Thank promoters"));
    expect(running?.enrollments.active, JSON.stringify(running?.enrollments)).toBeGreaterThan(0);
    const actions = await listJourneyActions(scope, { journeyId: running?.id ?? "" }, 500);
    expect(new Set(actions.map((a) => a.action))).toEqual(new Set(["send_email", "invite_to_program"]));
    const thanked = await selectFrom(scope, "emailOutbox").select("status").where("purpose", "=", "journey").execute();
    expect(thanked.length).toBeGreaterThan(0);
    expect(thanked.filter((e) => e.status !== "logged")).toEqual([]);
  });
});
