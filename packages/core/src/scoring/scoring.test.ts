import { createTestTenant, describeDialects } from "@advo/test-kit";
import { expect, it } from "vitest";
import { createAccount } from "../accounts/index.ts";
import { createContact } from "../contacts/index.ts";
import { manualClock } from "../shared/clock.ts";
import { insertInto, selectFrom } from "../shared/scope.ts";
import { ingestMessages, normalizeBatch } from "../signals/index.ts";
import { combine, largestRemainder } from "./combine.ts";
import { loadAccountDirectory, loadFeatures } from "./feature.queries.ts";
import {
  findAccountScore,
  findScore,
  fullRescoreDue,
  getContactScore,
  listAdvocates,
  overridePersonality,
  rescoreAll,
  rescoreContacts,
  setWeights,
} from "./index.ts";

const NOW = Date.parse("2026-11-01T12:00:00Z");
const DAY = 86_400_000;
const iso = (daysAgo: number) => new Date(NOW - daysAgo * DAY).toISOString();

describeDialects("advocacy score", (ctx) => {
  async function world() {
    const clock = manualClock(NOW);
    const t = await createTestTenant(ctx.db, clock);
    const scope = { ...t.scope, clock };
    const target = { db: ctx.db, clock, tenantId: t.tenant.id, sourceId: null };
    const send = async (items: object[]) => {
      const { messages, errors } = normalizeBatch(items, { receivedAt: NOW, checkSizes: false });
      expect(errors).toEqual([]);
      await ingestMessages(target, messages);
    };
    return { clock, scope, send };
  }

  it("ranks a promoter who uses the product and advocates above a silent detractor, and explains every point", async () => {
    const { scope, send } = await world();
    const fan = await createContact(scope, { email: "fan@a.com", firstName: "Fan" });
    const critic = await createContact(scope, { email: "critic@b.com", firstName: "Critic" });
    const events: object[] = [];
    for (let d = 0; d < 30; d += 2)
      events.push({
        type: "track",
        userId: "fan",
        context: { traits: { email: "fan@a.com" } },
        event: d % 4 ? "Report Exported" : "Dashboard Viewed",
        timestamp: iso(d),
      });
    events.push(
      {
        type: "track",
        userId: "fan",
        context: { traits: { email: "fan@a.com" } },
        event: "Survey Responded",
        properties: { score: 10, comment: "Brilliant" },
        timestamp: iso(5),
      },
      {
        type: "track",
        userId: "fan",
        context: { traits: { email: "fan@a.com" } },
        event: "Review Published",
        timestamp: iso(10),
      },
      {
        type: "track",
        userId: "fan",
        context: { traits: { email: "fan@a.com" } },
        event: "Reference Call Completed",
        timestamp: iso(20),
      },
      {
        type: "track",
        userId: "critic",
        context: { traits: { email: "critic@b.com" } },
        event: "Survey Responded",
        properties: { score: 2 },
        timestamp: iso(3),
      },
      {
        type: "track",
        userId: "critic",
        context: { traits: { email: "critic@b.com" } },
        event: "Ticket Opened",
        properties: { ticketId: "T1", escalated: true },
        timestamp: iso(4),
      },
      {
        type: "track",
        userId: "critic",
        context: { traits: { email: "critic@b.com" } },
        event: "Dashboard Viewed",
        timestamp: iso(120),
      },
    );
    await send(events);
    await rescoreAll(scope);

    const fanScore = await getContactScore(scope, fan.id);
    const criticScore = await getContactScore(scope, critic.id);
    expect(fanScore.score).toBeGreaterThan(75);
    expect(criticScore.score).toBeLessThan(40);
    for (const s of [fanScore, criticScore]) {
      expect(s.explanation.reduce((sum, line) => sum + line.points, 0)).toBe(s.score);
    }
    expect(fanScore.explanation.map((l) => l.label)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^NPS 10 on 2026-10-27/)]),
    );
    expect(criticScore.explanation.some((l) => l.label.includes("open escalated ticket") && l.points < 0)).toBe(true);
    expect(fanScore.personality.value).toBe("validator");
    expect(fanScore.personality.suggestedAsks.length).toBeGreaterThan(0);
    expect(fanScore.history.at(-1)).toMatchObject({ date: "2026-11-01", score: fanScore.score });
  });

  it("reads an act's name whatever its letters' case, and no name with other letters as an act", async () => {
    const { scope, send } = await world();
    const writer = await createContact(scope, { email: "writer@w.com" });
    const who = { type: "track", userId: "writer", context: { traits: { email: "writer@w.com" } } };
    await send([
      { ...who, event: "REVIEW published", timestamp: iso(3) },
      { ...who, event: "case Study PUBLISHED", timestamp: iso(4) },
      // Not an act, on either database: a Kelvin sign (U+212A) for the k, which a full Unicode lower()
      // would fold to "beta feedback submitted". A feature used, then.
      { ...who, event: "Beta Feedbac\u212A Submitted", timestamp: iso(5) },
    ]);
    const loaded = await loadFeatures(scope, { ids: [writer.id] }, NOW);
    expect(loaded.features[0]).toMatchObject({ acts: 2, lastActAt: NOW - 3 * DAY, breadth: 1 });
    expect(loaded.personalityActs.get(writer.id)).toMatchObject({ validator: 2, collaborator: 0 });
  });

  it("counts page and screen views as usage and acts, features only from track calls, and identify calls as neither", async () => {
    const { scope, send } = await world();
    const viewer = await createContact(scope, { email: "viewer@v.com" });
    const who = { userId: "viewer", context: { traits: { email: "viewer@v.com" } } };
    await send([
      { ...who, type: "page", name: "Webinar Hosted", timestamp: iso(3) },
      { ...who, type: "screen", name: "Settings", timestamp: iso(2) },
      { ...who, type: "screen", name: "Reports", timestamp: iso(2) },
      { ...who, type: "track", event: "Report Exported", timestamp: iso(40) },
      { ...who, type: "identify", traits: { title: "CTO" }, timestamp: iso(1) },
      { ...who, type: "identify", traits: { title: "CEO" }, timestamp: iso(0) },
    ]);
    const loaded = await loadFeatures(scope, { ids: [viewer.id] }, NOW);
    expect(loaded.features[0]).toMatchObject({
      acts: 1,
      lastActAt: NOW - 3 * DAY,
      // Identify calls on days 0 and 1 are not activity; the screens two days ago are.
      lastActiveAt: NOW - 2 * DAY,
      // Features are named track calls only.
      breadth: 1,
      // Days with any message: 40, 3, 2, 1 and 0 days ago.
      activeDays: 5,
    });
    expect(loaded.personalityActs.get(viewer.id)).toMatchObject({ educator: 1, validator: 0 });
  });

  it("lowers confidence, not the score, when data is missing", async () => {
    const { scope } = await world();
    const unknown = await createContact(scope, { email: "new@c.com" });
    const score = await getContactScore(scope, unknown.id);
    expect(score.score).toBe(50);
    expect(score.confidence).toBe(0);
    expect(score.components.every((c) => !c.hasData)).toBe(true);
  });

  it("answers a contact's score as of now, storing it (and its account's roll-up) only when it moved", async () => {
    const { clock, scope, send } = await world();
    const acme = await createAccount(scope, { name: "Acme", domain: "acme.io" });
    const a = await createContact(scope, { email: "a@acme.io", accountId: acme.id });
    await rescoreAll(scope);
    const before = await getContactScore(scope, a.id);
    const storedAt = (await findScore(scope, a.id))?.computedAt;
    // Read again a minute later, nothing new: the same score, not written again.
    clock.advance(60_000);
    expect(await getContactScore(scope, a.id)).toEqual(before);
    expect((await findScore(scope, a.id))?.computedAt).toBe(storedAt);

    // A promoter's answer the worker has not scored yet: the stored score still reads as before...
    await send([
      {
        type: "track",
        userId: "a",
        context: { traits: { email: "a@acme.io" } },
        event: "Survey Responded",
        properties: { score: 10 },
        timestamp: iso(0),
      },
    ]);
    expect(Number((await findScore(scope, a.id))?.score)).toBe(before.score);
    // ...and reading it scores the answer, explains it, and stores it with the account's roll-up.
    const now = await getContactScore(scope, a.id);
    expect(now.score).toBeGreaterThan(before.score);
    expect(now.explanation.reduce((sum, line) => sum + line.points, 0)).toBe(now.score);
    expect(now.explanation.some((l) => l.label.startsWith("NPS 10") && l.points > 0)).toBe(true);
    expect(Number((await findScore(scope, a.id))?.score)).toBe(now.score);
    expect(Number((await findAccountScore(scope, acme.id))?.score)).toBe(now.score);
    expect((await listAdvocates(scope, { limit: 10 })).data[0]).toMatchObject({
      contactId: a.id,
      score: now.score,
      topReason: expect.stringMatching(/^NPS 10/),
    });
  });

  it("rescores only the touched contacts incrementally, and honours weights and a manager's personality override", async () => {
    const { scope, send } = await world();
    const a = await createContact(scope, { email: "a@d.com" });
    const b = await createContact(scope, { email: "b@d.com" });
    await rescoreAll(scope);
    const before = await getContactScore(scope, b.id);
    await send([
      {
        type: "track",
        userId: "a",
        context: { traits: { email: "a@d.com" } },
        event: "Survey Responded",
        properties: { score: 9 },
        timestamp: iso(1),
      },
    ]);
    expect(await rescoreContacts(scope, [a.id])).toBe(1);
    expect((await getContactScore(scope, a.id)).score).toBeGreaterThan(50);
    expect((await getContactScore(scope, b.id)).computedAt).toBe(before.computedAt);

    await setWeights(scope, { satisfaction: 1, engagement: 0, relationship: 0, advocacy: 0, social: 0 });
    await rescoreContacts(scope, [a.id]);
    const weighted = await getContactScore(scope, a.id);
    expect(weighted.components.find((c) => c.name === "satisfaction")?.effectiveWeight).toBe(1);

    const overridden = await overridePersonality(scope, a.id, "collaborator");
    expect(overridden.personality).toMatchObject({ value: "collaborator", overridden: true });
    await rescoreContacts(scope, [a.id]);
    expect((await getContactScore(scope, a.id)).personality.value).toBe("collaborator");
  });

  it("says a full rescore is due when there never was one, and again a day after the last", async () => {
    const { clock, scope } = await world();
    await createContact(scope, { email: "due@a.com" });
    expect(await fullRescoreDue(scope)).toBe(true);
    await rescoreAll(scope);
    expect(await fullRescoreDue(scope)).toBe(false);
    clock.advance(19 * 3_600_000);
    expect(await fullRescoreDue(scope)).toBe(false);
    clock.advance(2 * 3_600_000);
    expect(await fullRescoreDue(scope)).toBe(true);
  });

  it("reads a full rescore's accounts once, finding what each range's joins find", async () => {
    const { scope, send } = await world();
    const acme = await createAccount(scope, { name: "Acme", domain: "acme.io", plan: "growth" });
    const ids: string[] = [];
    for (const who of ["ann", "bob"])
      ids.push((await createContact(scope, { email: `${who}@acme.io`, accountId: acme.id })).id);
    ids.push((await createContact(scope, { email: "solo@gmail.com" })).id);
    await send(
      ["ann", "bob", "solo"].map((who, i) => ({
        type: "track",
        userId: who,
        context: { traits: { email: who === "solo" ? "solo@gmail.com" : `${who}@acme.io` } },
        event: "Dashboard Viewed",
        timestamp: iso(i),
      })),
    );
    await rescoreAll(scope);
    const directory = await loadAccountDirectory(scope);
    expect(directory?.get(acme.id)).toEqual({
      plan: "growth",
      accountName: "Acme",
      accountActiveDays: 2,
      accountContacts: 2,
    });
    const byJoins = await loadFeatures(scope, { ids }, NOW);
    expect(byJoins.features.find((f) => f.contactId === ids[0])).toMatchObject({
      plan: "growth",
      colleagues: { account: "Acme", contacts: 2, meanActiveDays: 1 },
    });
    expect(await loadFeatures(scope, { ids }, NOW, directory)).toEqual(byJoins);

    // An account added after the directory was read: its contacts are read as the joins find them.
    const late = await createAccount(scope, { name: "Late Ltd", domain: "late.io", plan: "enterprise" });
    const newcomer = await createContact(scope, { email: "new@late.io", accountId: late.id });
    const withNewcomer = await loadFeatures(scope, { ids: [...ids, newcomer.id] }, NOW, directory);
    expect(withNewcomer.features.find((f) => f.contactId === newcomer.id)?.plan).toBe("enterprise");
    expect(withNewcomer).toEqual(await loadFeatures(scope, { ids: [...ids, newcomer.id] }, NOW));

    // More accounts than a directory may hold: none, and each range joins.
    expect(await loadAccountDirectory(scope, 1)).toBeNull();
  });

  it("compares a contact's engagement with colleagues at the same account, as its last roll-up found them", async () => {
    const { scope, send } = await world();
    const account = await createAccount(scope, { name: "Acme Analytics", domain: "acme.io" });
    const people = ["champion", "casual1", "casual2", "casual3"];
    const ids = new Map<string, string>();
    for (const who of people)
      ids.set(who, (await createContact(scope, { email: `${who}@acme.io`, firstName: who, accountId: account.id })).id);
    const events: object[] = [];
    for (const who of people)
      for (let d = 0; d < (who === "champion" ? 40 : 3); d++)
        events.push({
          type: "track",
          userId: who,
          context: { traits: { email: `${who}@acme.io` } },
          event: "Dashboard Viewed",
          timestamp: iso(d),
        });
    await send(events);
    // The first rescore has no roll-up to compare with; it leaves one: (40 + 3 × 3) / 4 active days.
    await rescoreAll(scope);
    const line = (score: Awaited<ReturnType<typeof getContactScore>>) =>
      score.explanation.find((l) => l.label.includes("colleagues at Acme Analytics"));
    await rescoreAll(scope);
    const champion = await getContactScore(scope, ids.get("champion") as string);
    expect(line(champion)).toMatchObject({
      component: "engagement",
      label:
        "more active than colleagues at Acme Analytics (40 days against 12.3 on average across its 4 scored contacts)",
    });
    expect(line(champion)?.points).toBeGreaterThan(0);
    const casual = await getContactScore(scope, ids.get("casual1") as string);
    expect(line(casual)?.label).toBe(
      "less active than colleagues at Acme Analytics (3 days against 12.3 on average across its 4 scored contacts)",
    );
    expect(line(casual)?.points).toBeLessThan(0);
    for (const s of [champion, casual]) expect(s.explanation.reduce((t, l) => t + l.points, 0)).toBe(s.score);
  });

  it("keeps a score it replaces as that day's snapshot, and reads history as those and the stored score", async () => {
    const { clock, scope, send } = await world();
    const a = await createContact(scope, { email: "history@a.com" });
    const nps = (score: number) =>
      send([
        {
          type: "track",
          userId: "history",
          context: { traits: { email: "history@a.com" } },
          event: "Survey Responded",
          properties: { score },
          timestamp: new Date(clock.now() - 60_000).toISOString(),
        },
      ]);
    const snapshots = async () =>
      (
        await selectFrom(scope, "scoreSnapshots")
          .select(["day", "score"])
          .where("contactId", "=", a.id)
          .orderBy("day")
          .execute()
      ).map((r) => [Number(r.day), Number(r.score)]);
    const day0 = Math.floor(clock.now() / DAY);
    await nps(10);
    await rescoreContacts(scope, [a.id]);
    const first = await getContactScore(scope, a.id);
    // The first score replaces nothing: its history is itself.
    expect(await snapshots()).toEqual([]);
    expect(first.history.map((h) => h.score)).toEqual([first.score]);
    // A snapshot of the stored score's own day, as databases kept before snapshots held replaced scores.
    await insertInto(scope, "scoreSnapshots", {
      contactId: a.id,
      day: day0,
      score: first.score,
      confidence: first.confidence,
    }).execute();

    clock.advance(DAY);
    await nps(0);
    await rescoreContacts(scope, [a.id]);
    const second = await getContactScore(scope, a.id);
    expect(second.score).toBeLessThan(first.score);
    expect(await snapshots()).toEqual([[day0, first.score]]);
    // Rescored again the same day: the day's last score is its point, nothing more is kept.
    await nps(2);
    await rescoreContacts(scope, [a.id]);
    const later = await getContactScore(scope, a.id);
    expect(await snapshots()).toEqual([[day0, first.score]]);

    clock.advance(2 * DAY);
    await nps(10);
    await rescoreContacts(scope, [a.id]);
    const third = await getContactScore(scope, a.id);
    expect(await snapshots()).toEqual([
      [day0, first.score],
      [day0 + 1, later.score],
    ]);
    expect(third.history.map((h) => [h.date, h.score])).toEqual([
      [new Date(day0 * DAY).toISOString().slice(0, 10), first.score],
      [new Date((day0 + 1) * DAY).toISOString().slice(0, 10), later.score],
      [new Date((day0 + 2) * DAY).toISOString().slice(0, 10), later.score],
      [new Date((day0 + 3) * DAY).toISOString().slice(0, 10), third.score],
    ]);
  });
});

it("rounds explanation lines so they always add up to the score", () => {
  expect(largestRemainder([1.4, 1.4, 1.2], 4)).toEqual([2, 1, 1]);
  expect(largestRemainder([-1.5, 3.7], 2)).toEqual([-2, 4]);
  // Rounding down takes from the smallest fractions first, the later of equal ones first.
  expect(largestRemainder([1.5, 2.5, 3.2], 5)).toEqual([1, 2, 2]);
  expect(largestRemainder([1.5, 2.5, 3.2], 4)).toEqual([1, 1, 2]);
  // More to give than lines: round after round, largest fractions first.
  expect(largestRemainder([0.1, 0.2, 0.3], 5)).toEqual([1, 2, 2]);
  const combined = combine(
    [
      {
        name: "satisfaction",
        hasData: true,
        value: 95,
        facts: [
          { label: "NPS 10", points: 21 },
          { label: "trend", points: 30 },
        ],
      },
      { name: "engagement", hasData: true, value: 57, facts: [{ label: "recent", points: 7 }] },
      { name: "social", hasData: false, value: 50, facts: [] },
    ],
    { satisfaction: 0.3, engagement: 0.25, relationship: 0.15, advocacy: 0.2, social: 0.1 },
  );
  expect(combined.explanation.reduce((s, l) => s + l.points, 0)).toBe(combined.score);
  expect(combined.explanation.some((l) => l.label.includes("capped"))).toBe(true);
  expect(combined.confidence).toBeCloseTo(0.55 / 0.65, 2);
});
