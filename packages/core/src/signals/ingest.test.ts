import { createTestTenant, describeDialects } from "@advo/test-kit";
import { expect, it } from "vitest";
import { createContact, getContact, listContacts } from "../contacts/index.ts";
import { manualClock } from "../shared/clock.ts";
import {
  contactSignals,
  contactTimeline,
  countEvents,
  ingestMessages,
  normalizeBatch,
  unmergeContact,
} from "./index.ts";
import { mergeHistory } from "./merges.ts";

const clock = manualClock(Date.parse("2026-10-01T12:00:00Z"));

function batchOf(items: object[]) {
  const { messages, errors } = normalizeBatch(items, { receivedAt: clock.now(), checkSizes: true });
  expect(errors).toEqual([]);
  return messages;
}

describeDialects("signals ingest", (ctx) => {
  const target = async () => {
    const t = await createTestTenant(ctx.db, clock);
    return { t, target: { db: ctx.db, clock, tenantId: t.tenant.id, sourceId: null } };
  };

  it("stores each message once, however often it is sent", async () => {
    const { t, target: tg } = await target();
    const batch = batchOf([
      {
        type: "identify",
        messageId: "m1",
        userId: "u1",
        traits: { email: "Ana@Acme.com", name: "Ana Lima", title: "CTO" },
      },
      { type: "track", messageId: "m2", userId: "u1", event: "Report Exported", properties: { format: "pdf" } },
      { type: "track", messageId: "m2", userId: "u1", event: "Report Exported", properties: { format: "pdf" } },
    ]);
    expect(await ingestMessages(tg, batch)).toEqual({ received: 3, stored: 2, duplicates: 1 });
    expect(await ingestMessages(tg, batch)).toEqual({ received: 3, stored: 0, duplicates: 3 });
    expect(await countEvents(t.scope)).toBe(2);
    const contacts = (await listContacts(t.scope, { limit: 10 })).data;
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({ email: "ana@acme.com", firstName: "Ana", lastName: "Lima", title: "CTO" });
  });

  it("attaches anonymous history to the person once an identify names them", async () => {
    const { t, target: tg } = await target();
    await ingestMessages(
      tg,
      batchOf([
        { type: "page", messageId: "a1", anonymousId: "anon-7", name: "Pricing", timestamp: "2026-09-01T10:00:00Z" },
        {
          type: "track",
          messageId: "a2",
          anonymousId: "anon-7",
          event: "Signed Up",
          timestamp: "2026-09-01T10:05:00Z",
        },
      ]),
    );
    expect((await listContacts(t.scope, { limit: 10 })).data).toHaveLength(0);
    await ingestMessages(
      tg,
      batchOf([
        { type: "identify", messageId: "a3", anonymousId: "anon-7", userId: "user-7", traits: { email: "bo@x.io" } },
      ]),
    );
    const [contact] = (await listContacts(t.scope, { limit: 10 })).data;
    const timeline = await contactTimeline(t.scope, contact?.id ?? "", { limit: 10 });
    expect(timeline.data.map((e) => e.messageId)).toEqual(["a3", "a2", "a1"]);
    await ingestMessages(
      tg,
      batchOf([{ type: "track", messageId: "a4", anonymousId: "anon-7", event: "Invited Teammate" }]),
    );
    expect((await contactTimeline(t.scope, contact?.id ?? "", { limit: 10 })).data[0]?.messageId).toBe("a4");
  });

  it("attaches anonymous calls to the person an identify later in the same batch names", async () => {
    const { t, target: tg } = await target();
    await ingestMessages(
      tg,
      batchOf([
        { type: "page", messageId: "s1", anonymousId: "anon-9", name: "Pricing", timestamp: "2026-09-01T10:00:00Z" },
        { type: "identify", messageId: "s2", anonymousId: "anon-9", userId: "user-9", traits: { email: "cy@x.io" } },
        { type: "page", messageId: "s3", anonymousId: "anon-10", name: "Docs", timestamp: "2026-09-01T10:00:00Z" },
      ]),
    );
    const contacts = (await listContacts(t.scope, { limit: 10 })).data;
    expect(contacts).toHaveLength(1);
    const timeline = await contactTimeline(t.scope, contacts[0]?.id ?? "", { limit: 10 });
    expect(timeline.data.map((e) => e.messageId).sort()).toEqual(["s1", "s2"]);
  });

  it("gives a known contact the ids it is first seen with on a track call, so later calls find it", async () => {
    const { t, target: tg } = await target();
    const ana = await createContact(t.scope, { email: "ana@acme.com" });
    await ingestMessages(
      tg,
      batchOf([
        { type: "page", messageId: "p1", anonymousId: "anon-1", name: "Pricing", timestamp: "2026-09-01T10:00:00Z" },
        // Matched by its context email; its userId is new.
        {
          type: "track",
          messageId: "t1",
          userId: "u-ana",
          context: { traits: { email: "ana@acme.com" } },
          event: "Report Exported",
        },
      ]),
    );
    await ingestMessages(
      tg,
      batchOf([
        // The userId alone now finds Ana, and the anonymousId sent along brings her earlier visit.
        { type: "track", messageId: "t2", userId: "u-ana", anonymousId: "anon-1", event: "Dashboard Viewed" },
      ]),
    );
    expect((await listContacts(t.scope, { limit: 10 })).data.map((c) => c.id)).toEqual([ana.id]);
    const timeline = await contactTimeline(t.scope, ana.id, { limit: 10 });
    expect(timeline.data.map((e) => e.messageId)).toEqual(["t2", "t1", "p1"]);
  });

  it("merges two contacts proven to be one person, and unmerges them exactly", async () => {
    const { t, target: tg } = await target();
    await ingestMessages(
      tg,
      batchOf([
        { type: "identify", messageId: "b1", userId: "crm-42", traits: { firstName: "Cy" } },
        { type: "track", messageId: "b2", userId: "crm-42", event: "Logged In" },
        {
          type: "track",
          messageId: "b3",
          userId: "x",
          context: { traits: { email: "cy@corp.com" } },
          event: "Viewed Docs",
        },
      ]),
    );
    expect((await listContacts(t.scope, { limit: 10 })).data).toHaveLength(2);
    await ingestMessages(
      tg,
      batchOf([{ type: "identify", messageId: "b4", userId: "crm-42", traits: { email: "cy@corp.com" } }]),
    );
    const after = (await listContacts(t.scope, { limit: 10 })).data;
    expect(after).toHaveLength(1);
    const survivor = after[0]?.id ?? "";
    expect((await contactTimeline(t.scope, survivor, { limit: 10 })).data.map((e) => e.messageId).sort()).toEqual([
      "b1",
      "b2",
      "b3",
      "b4",
    ]);
    const [merge] = await mergeHistory(t.scope, survivor);
    expect(merge?.reason).toContain("crm-42");

    const undone = await unmergeContact(t.scope, survivor);
    expect((await listContacts(t.scope, { limit: 10 })).data).toHaveLength(2);
    expect((await contactTimeline(t.scope, undone.restoredId, { limit: 10 })).data.map((e) => e.messageId)).toEqual([
      "b3",
    ]);
    expect((await getContact(t.scope, undone.restoredId)).email).toBe("cy@corp.com");
    await expect(unmergeContact(t.scope, survivor, undone.mergeId)).rejects.toMatchObject({ code: "conflict" });
  });

  it("folds two people seen in one batch into one when an identify links them, and follows aliases", async () => {
    const { t, target: tg } = await target();
    await ingestMessages(
      tg,
      batchOf([
        { type: "track", messageId: "e1", userId: "app-1", event: "Opened" },
        { type: "track", messageId: "e2", userId: "z", context: { traits: { email: "eve@firm.com" } }, event: "Read" },
        { type: "identify", messageId: "e3", userId: "app-1", traits: { email: "eve@firm.com", firstName: "Eve" } },
        { type: "alias", messageId: "e4", previousId: "app-1", userId: "crm-eve" },
        { type: "track", messageId: "e5", userId: "crm-eve", event: "Renewed" },
      ]),
    );
    const contacts = (await listContacts(t.scope, { limit: 10 })).data;
    const eve = contacts.find((c) => c.email === "eve@firm.com");
    expect(eve?.firstName).toBe("Eve");
    const timeline = await contactTimeline(t.scope, eve?.id ?? "", { limit: 10 });
    // e2 said userId "z" has Eve's email, so z is Eve too: one person, one contact.
    expect(timeline.data.map((e) => e.messageId).sort()).toEqual(["e1", "e2", "e3", "e4", "e5"]);
    expect(contacts).toHaveLength(1);
  });

  it("projects surveys, tickets and purchases from their track events", async () => {
    const { t, target: tg } = await target();
    await ingestMessages(
      tg,
      batchOf([
        { type: "identify", messageId: "c0", userId: "u9", traits: { email: "dee@shop.com" } },
        {
          type: "track",
          messageId: "c1",
          userId: "u9",
          event: "Survey Responded",
          properties: { survey: "Q3 NPS", score: 10, comment: "Love it" },
        },
        {
          type: "track",
          messageId: "c2",
          userId: "u9",
          event: "Ticket Opened",
          properties: { ticketId: "T-1", subject: "Export broken", priority: "high" },
          timestamp: "2026-09-02T00:00:00Z",
        },
        {
          type: "track",
          messageId: "c3",
          userId: "u9",
          event: "Ticket Resolved",
          properties: { ticketId: "T-1" },
          timestamp: "2026-09-03T00:00:00Z",
        },
        {
          type: "track",
          messageId: "c4",
          userId: "u9",
          event: "Ticket Rated",
          properties: { ticketId: "T-1", satisfaction: "good" },
          timestamp: "2026-09-03T01:00:00Z",
        },
        {
          type: "track",
          messageId: "c5",
          userId: "u9",
          event: "Order Completed",
          properties: { orderId: "o-1", total: 1200, currency: "eur" },
        },
      ]),
    );
    const [contact] = (await listContacts(t.scope, { limit: 10 })).data;
    const signals = await contactSignals(t.scope, contact?.id ?? "");
    expect(signals.surveys).toMatchObject([{ survey: "Q3 NPS", kind: "nps", score: 10, comment: "Love it" }]);
    expect(signals.surveys[0]?.sentiment).toBeGreaterThan(0.3);
    expect(signals.tickets).toMatchObject([
      { id: "T-1", status: "resolved", satisfaction: 5, priority: "high", resolvedAt: "2026-09-03T00:00:00.000Z" },
    ]);
    expect(signals.purchases).toMatchObject([{ kind: "purchase", amount: 1200, currency: "EUR", orderId: "o-1" }]);
  });

  it("rejects a whole batch naming the bad field, storing nothing", async () => {
    const { t } = await target();
    const { errors } = normalizeBatch(
      [
        { type: "track", userId: "u1", event: "Fine" },
        { type: "track", event: "No one" },
        { type: "nope", userId: "u" },
      ],
      { receivedAt: clock.now(), checkSizes: true },
    );
    expect(errors.map((e) => e.path)).toEqual(["batch.1.userId", "batch.2.type"]);
    const bad = batchOf([
      { type: "track", messageId: "d1", userId: "u1", event: "Survey Responded", properties: { score: 11 } },
    ]);
    await expect(
      ingestMessages({ db: ctx.db, clock, tenantId: t.tenant.id, sourceId: null }, bad),
    ).rejects.toMatchObject({
      errors: [{ path: "batch.0.properties.score" }],
    });
    expect(await countEvents(t.scope)).toBe(0);
  });

  it("corrects a client's clock skew from sentAt, as Segment does", () => {
    const receivedAt = Date.parse("2026-10-01T12:00:10Z");
    const { messages } = normalizeBatch(
      [{ type: "track", userId: "u", event: "E", originalTimestamp: "2026-10-01T11:59:00Z" }],
      { receivedAt, sentAt: Date.parse("2026-10-01T12:00:00Z"), checkSizes: false },
    );
    expect(new Date(messages[0]?.timestamp ?? 0).toISOString()).toBe("2026-10-01T11:59:10.000Z");
  });
});
