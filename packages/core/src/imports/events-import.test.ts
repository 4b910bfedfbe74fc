import { createTestTenant, describeDialects } from "@advo/test-kit";
import { expect, it } from "vitest";
import { listContacts } from "../contacts/index.ts";
import { manualClock } from "../shared/clock.ts";
import { contactSignals, countEvents, listSources } from "../signals/index.ts";
import { importStream, memoryErrorSink } from "./index.ts";

const clock = manualClock(Date.parse("2026-10-01T12:00:00Z"));

const good = [
  { type: "identify", messageId: "i1", userId: "u1", traits: { email: "ana@acme.com", name: "Ana Lima" } },
  { type: "track", messageId: "t1", userId: "u1", event: "Report Exported", timestamp: "2026-09-01T10:00:00Z" },
  // No messageId: the line's content names it, so a re-run recognises it.
  { type: "track", userId: "u1", event: "Feature Used", properties: { feature: "export" } },
  { type: "track", userId: "u2", event: "NPS Survey Responded", properties: { score: 9, comment: "love it" } },
  { type: "page", anonymousId: "anon-1", name: "Pricing" },
];

describeDialects("events import", (ctx) => {
  it("stores NDJSON Segment messages once each, reports bad lines, and a re-run stores nothing new", async () => {
    const { scope } = await createTestTenant(ctx.db, clock);
    const lines = [
      ...good.map((m) => JSON.stringify(m)),
      '{"type": "track", "event": "No One"}',
      "not json",
      JSON.stringify({ type: "track", userId: "u3", event: "NPS Survey Responded", properties: { score: 11 } }),
      JSON.stringify({ type: "shout", userId: "u3" }),
    ];
    const latin1 = Buffer.from(`${JSON.stringify({ type: "track", userId: "u4", event: "Café Visited" })}\n`, "latin1");
    const input = () => [Buffer.from(`${lines.join("\n")}\n`), latin1, Buffer.from(`${JSON.stringify(good[1])}\n`)];

    const errors = memoryErrorSink();
    const first = await importStream(scope, input(), { kind: "events", format: "ndjson", errors, chunkSize: 3 });
    expect(first).toEqual({ rows: 11, inserted: 5, updated: 0, skipped: 1, rejected: 5 });
    expect(errors.errors.map((e) => [e.row, e.field])).toEqual([
      [6, "userId"],
      [7, "line"],
      [8, "properties.score"],
      [9, "type"],
      [10, "line"],
    ]);
    expect(errors.errors[4]?.reason).toMatch(/not valid UTF-8/);
    expect(errors.errors[4]?.line).toContain("Café Visited");
    expect(await countEvents(scope)).toBe(5);
    const contacts = (await listContacts(scope, { limit: 10 })).data;
    const u2 = contacts.find((c) => c.firstName === null && c.email === null);
    expect((await contactSignals(scope, u2?.id ?? "")).surveys).toMatchObject([{ score: 9, comment: "love it" }]);

    clock.advance(3_600_000);
    const again = await importStream(scope, input(), {
      kind: "events",
      format: "ndjson",
      errors: memoryErrorSink(),
    });
    expect(again).toEqual({ rows: 11, inserted: 0, updated: 0, skipped: 6, rejected: 5 });
    expect(await countEvents(scope)).toBe(5);
    expect((await listContacts(scope, { limit: 10 })).data).toHaveLength(contacts.length);
  });

  /** Imports the messages two per chunk and expects one contact holding every event. */
  async function expectOneContactFor(messages: Record<string, unknown>[]) {
    const { scope } = await createTestTenant(ctx.db, clock);
    const lines = messages.map((m) => JSON.stringify(m)).join("\n");
    const summary = await importStream(scope, [lines], {
      kind: "events",
      format: "ndjson",
      errors: memoryErrorSink(),
      chunkSize: 2,
    });
    expect(summary).toMatchObject({ inserted: messages.length, rejected: 0 });
    const contacts = (await listContacts(scope, { limit: 10 })).data;
    expect(contacts).toHaveLength(1);
    const rows = await ctx.db.selectFrom("events").select("contactId").where("tenantId", "=", scope.tenantId).execute();
    expect(rows.map((r) => r.contactId)).toEqual(Array(messages.length).fill(contacts[0]?.id));
  }

  it("keeps contacts right across chunks when an identify merges two of them mid-file", () =>
    expectOneContactFor([
      { type: "track", messageId: "a", userId: "u1", event: "Opened" },
      { type: "track", messageId: "b", anonymousId: "x", event: "Opened", context: { traits: { email: "u@x.io" } } },
      { type: "identify", messageId: "c", userId: "u1", traits: { email: "u@x.io" } },
      { type: "track", messageId: "d", userId: "u1", event: "Closed" },
      { type: "track", messageId: "e", anonymousId: "y", event: "Closed", context: { traits: { email: "u@x.io" } } },
    ]));

  it("sends a known user's calls to the survivor when an alias later in the same chunk merges them", () =>
    expectOneContactFor([
      { type: "track", messageId: "a", userId: "old", event: "Opened" },
      { type: "track", messageId: "b", userId: "new", event: "Opened" },
      // Second chunk: both userIds are answered from the run's cache, then the alias joins them.
      { type: "track", messageId: "c", userId: "old", event: "Closed" },
      { type: "alias", messageId: "d", userId: "new", previousId: "old" },
      { type: "track", messageId: "e", userId: "old", event: "Closed" },
    ]));

  it("reads events from CSV (extra columns become properties) and records the named source", async () => {
    const { scope } = await createTestTenant(ctx.db, clock);
    const csv = [
      "userId,event,timestamp,plan,seats,email",
      "u1,Plan Upgraded,2026-09-01 10:00,pro,5,ana@acme.com",
      "u1,Plan Upgraded,2026-09-01 10:00,pro,5,ana@acme.com",
      "u2,,2026-09-02,team,2,",
      "u3,Seat Added,yesterday,team,3,",
    ].join("\n");
    const errors = memoryErrorSink();
    const summary = await importStream(scope, [csv], { kind: "events", format: "csv", source: "billing", errors });
    expect(summary).toEqual({ rows: 4, inserted: 1, updated: 0, skipped: 1, rejected: 2 });
    expect(errors.errors.map((e) => [e.row, e.field])).toEqual([
      [4, "event"],
      [5, "timestamp"],
    ]);
    const [source] = await listSources(scope);
    expect(source).toMatchObject({ name: "billing", kind: "import" });
    const rows = await ctx.db.selectFrom("events").selectAll().where("tenantId", "=", scope.tenantId).execute();
    expect(rows).toMatchObject([
      { userId: "u1", event: "Plan Upgraded", sourceId: source?.id, occurredAt: Date.parse("2026-09-01T10:00:00Z") },
    ]);
    expect(JSON.parse(rows[0]?.properties ?? "{}")).toEqual({ plan: "pro", seats: "5" });
    expect((await listContacts(scope, { limit: 10 })).data.map((c) => c.email)).toEqual(["ana@acme.com"]);

    await importStream(scope, [csv], { kind: "events", format: "csv", source: "billing", errors: memoryErrorSink() });
    expect(await listSources(scope)).toHaveLength(1);
    expect(await countEvents(scope)).toBe(1);
  });
});
