import { listContacts } from "@advo/core/contacts";
import { countEvents, createSource } from "@advo/core/signals";
import { createTestTenant, describeDialects } from "@advo/test-kit";
import { Analytics } from "@segment/analytics-node";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildTestApp } from "../testing.ts";

const USERS = 1000;
const TRACKS = 10_000;

describeDialects("Segment-compatible API", (ctx) => {
  let app: FastifyInstance;
  let host: string;
  beforeAll(async () => {
    app = await buildTestApp(ctx.db);
    await app.listen({ port: 0, host: "127.0.0.1" });
    const address = app.server.address();
    host = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await app.close();
  });

  function client(writeKey: string) {
    return new Analytics({ writeKey, host, maxEventsInBatch: 250, flushInterval: 200, maxRetries: 2 });
  }

  async function sendAll(writeKey: string) {
    const analytics = client(writeKey);
    const failures: unknown[] = [];
    analytics.on("error", (e) => failures.push(e));
    for (let u = 0; u < USERS; u++) {
      analytics.identify({
        messageId: `id-${u}`,
        userId: `user-${u}`,
        traits: { email: `user${u}@example.com`, name: `User ${u}` },
      });
    }
    for (let i = 0; i < TRACKS; i++) {
      analytics.track({
        messageId: `tr-${i}`,
        userId: `user-${i % USERS}`,
        event: "Feature Used",
        properties: { feature: `f${i % 7}` },
      });
    }
    await analytics.closeAndFlush({ timeout: 60_000 });
    return failures;
  }

  it("receives 10,000 tracks and 1,000 identifies from the real analytics-node client, once each, on the right contacts", async () => {
    const t = await createTestTenant(ctx.db);
    const source = await createSource(t.scope, { name: "web app" });
    expect(await sendAll(source.writeKey)).toEqual([]);
    expect(await countEvents(t.scope)).toBe(TRACKS + USERS);

    const contacts = [];
    let cursor: string | undefined;
    do {
      const page = await listContacts(t.scope, { limit: 500, cursor });
      contacts.push(...page.data);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(contacts).toHaveLength(USERS);
    const user7 = contacts.find((c) => c.email === "user7@example.com");
    expect(user7).toMatchObject({ firstName: "User", lastName: "7" });
    const { tenant } = t;
    const perContact = await ctx.db
      .selectFrom("events")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("tenantId", "=", tenant.id)
      .where("contactId", "=", user7?.id ?? "")
      .executeTakeFirstOrThrow();
    expect(Number(perContact.n)).toBe(TRACKS / USERS + 1);

    // The same calls again (same messageIds): acknowledged, nothing new stored.
    expect(await sendAll(source.writeKey)).toEqual([]);
    expect(await countEvents(t.scope)).toBe(TRACKS + USERS);
  });

  it("forgets identity answers it kept once another process merges the contact they named", async () => {
    const t = await createTestTenant(ctx.db);
    const source = await createSource(t.scope, { name: "web" });
    const headers = { authorization: `Basic ${Buffer.from(`${source.writeKey}:`).toString("base64")}` };
    const other = await buildTestApp(ctx.db);
    try {
      const send = (to: FastifyInstance, batch: Record<string, unknown>[]) =>
        to.inject({ method: "POST", url: "/v1/batch", headers, payload: { batch } });
      const contactOf = async (messageId: string) =>
        (
          await ctx.db
            .selectFrom("events")
            .select("contactId")
            .where("tenantId", "=", t.scope.tenantId)
            .where("messageId", "=", messageId)
            .executeTakeFirstOrThrow()
        ).contactId;

      await send(app, [
        { type: "identify", messageId: "m1", userId: "ana", traits: { email: "ana@acme.com" } },
        { type: "track", messageId: "m2", userId: "ana", event: "Opened" },
      ]);
      // This server now answers "ana" from memory; the other one learns she is also "ana-crm".
      await send(other, [{ type: "identify", messageId: "m3", userId: "ana-crm" }]);
      const survivor = await contactOf("m3");
      const merged = await send(other, [
        { type: "identify", messageId: "m4", userId: "ana-crm", traits: { email: "ana@acme.com" } },
      ]);
      expect(merged.statusCode).toBe(200);
      expect(await contactOf("m2")).toBe(survivor);

      expect((await send(app, [{ type: "track", messageId: "m5", userId: "ana", event: "Closed" }])).statusCode).toBe(
        200,
      );
      expect(await contactOf("m5")).toBe(survivor);
      const contacts = await ctx.db
        .selectFrom("contacts")
        .select("id")
        .where("tenantId", "=", t.scope.tenantId)
        .execute();
      expect(contacts.map((c) => c.id)).toEqual([survivor]);
    } finally {
      await other.close();
    }
  });

  it("refuses a body with a NUL character or nested deeper than 64 levels, naming where", async () => {
    const t = await createTestTenant(ctx.db);
    const source = await createSource(t.scope, { name: "nul" });
    const headers = {
      authorization: `Basic ${Buffer.from(`${source.writeKey}:`).toString("base64")}`,
      "content-type": "application/json",
    };
    const post = (payload: string) => app.inject({ method: "POST", url: "/v1/batch", headers, payload });
    const track = (properties: string) => `{"type":"track","userId":"u","event":"E","properties":${properties}}`;
    const batch = (...messages: string[]) => `{"batch":[${messages.join(",")}]}`;

    const nulValue = await post(batch(track('{"ok":"a"}'), track('{"note":"a\\u0000b"}')));
    expect(nulValue.statusCode).toBe(400);
    expect(nulValue.json().errors[0]).toMatchObject({ path: "batch.1.properties.note" });
    const nulKey = await post(batch(track('{"k\\u0000":1}')));
    expect(nulKey.statusCode).toBe(400);
    expect(nulKey.json().errors[0].path).toBe("batch.0.properties.k\u0000");
    // An escaped backslash followed by "u0000" is six ordinary characters.
    expect((await post(batch(track('{"path":"C:\\\\u0000"}')))).statusCode).toBe(200);

    // body 1, batch 2, message 3, properties 4: 60 more levels reach 64, one more is too deep.
    const nested = (levels: number) => `${'{"a":'.repeat(levels)}1${"}".repeat(levels)}`;
    expect((await post(batch(track(nested(61))))).statusCode).toBe(200);
    const tooDeep = await post(batch(track(nested(62))));
    expect(tooDeep.statusCode).toBe(400);
    expect(tooDeep.json().detail).toContain("deeper than 64");
    expect(await countEvents(t.scope)).toBe(2);
  });

  it("refuses a bad write key with 401 and an oversized or malformed batch with 400 naming the problem", async () => {
    const t = await createTestTenant(ctx.db);
    const source = await createSource(t.scope, { name: "server" });
    const auth = { authorization: `Basic ${Buffer.from(`${source.writeKey}:`).toString("base64")}` };
    const wrong = await app.inject({
      method: "POST",
      url: "/v1/track",
      headers: { authorization: `Basic ${Buffer.from("nope:").toString("base64")}` },
      payload: { userId: "u", event: "E" },
    });
    expect(wrong.statusCode).toBe(401);

    const big = {
      batch: Array.from({ length: 3000 }, (_, i) => ({
        type: "track",
        userId: `u${i}`,
        event: "E",
        properties: { pad: "x".repeat(150) },
      })),
    };
    const tooBig = await app.inject({ method: "POST", url: "/v1/batch", headers: auth, payload: big });
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().detail).toContain("500 KB");

    const oneHuge = await app.inject({
      method: "POST",
      url: "/v1/batch",
      headers: auth,
      payload: { batch: [{ type: "track", userId: "u", event: "E", properties: { pad: "x".repeat(40_000) } }] },
    });
    expect(oneHuge.statusCode).toBe(400);
    expect(oneHuge.json().errors[0]).toEqual({
      path: "batch.0",
      message: "is larger than Segment's 32 KB limit for one message",
    });

    // Sizes are bytes of JSON, checked per message once the batch is over 32 KB: 15,000 "é" (30,000
    // bytes) pass, 10,000 characters of "€" (3 bytes each) and escaped quotes (29,600 bytes) pass,
    // 11,000 "€" (33,000 bytes) do not.
    const sized = (pad: string) =>
      app.inject({
        method: "POST",
        url: "/v1/batch",
        headers: auth,
        payload: { batch: [{ type: "track", userId: "u", event: "E", properties: { pad } }, ...filler] },
      });
    const filler = Array.from({ length: 10 }, (_, i) => ({
      type: "track",
      userId: "u",
      event: "F",
      messageId: `f${i}`,
      properties: { pad: "x".repeat(2000) },
    }));
    expect((await sized("é".repeat(15_000))).statusCode).toBe(200);
    expect((await sized(`${"€".repeat(96)}""""`.repeat(100))).statusCode).toBe(200);
    const overBytes = await sized("€".repeat(11_000));
    expect(overBytes.statusCode).toBe(400);
    expect(overBytes.json().errors[0].path).toBe("batch.0");
    await ctx.db.deleteFrom("events").where("tenantId", "=", t.scope.tenantId).execute();

    const singleTooBig = await app.inject({
      method: "POST",
      url: "/v1/track",
      headers: auth,
      payload: { userId: "u", event: "E", properties: { pad: "x".repeat(40_000) } },
    });
    expect(singleTooBig.statusCode).toBe(400);
    expect(singleTooBig.json().detail).toContain("32 KB");

    const missing = await app.inject({ method: "POST", url: "/v1/track", headers: auth, payload: { event: "E" } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].path).toBe("userId");
    expect(await countEvents(t.scope)).toBe(0);

    const disabled = await app.inject({
      method: "DELETE",
      url: `/api/v1/sources/${source.id}`,
      headers: { authorization: `Bearer ${t.adminKey}` },
    });
    expect(disabled.statusCode).toBe(200);
    expect(
      (await app.inject({ method: "POST", url: "/v1/track", headers: auth, payload: { userId: "u", event: "E" } }))
        .statusCode,
    ).toBe(401);
  });

  it("accepts typed signals over the API and shows them on the contact's profile endpoints", async () => {
    const t = await createTestTenant(ctx.db);
    const headers = { authorization: `Bearer ${t.adminKey}` };
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/signals",
      headers,
      payload: {
        signals: [
          {
            kind: "survey",
            contact: { email: "Fan@Client.com" },
            score: 9,
            comment: "Great support",
            messageId: "s-1",
          },
          { kind: "ticket", contact: { email: "fan@client.com" }, action: "opened", ticketId: "Z-9", subject: "SSO" },
          {
            kind: "purchase",
            contact: { email: "fan@client.com" },
            amount: 499,
            currency: "USD",
            purchaseKind: "renewal",
          },
        ],
      },
    });
    expect(res.json()).toEqual({ received: 3, stored: 3, duplicates: 0 });
    const contacts = await app.inject({ method: "GET", url: "/api/v1/contacts?q=fan", headers });
    const id = contacts.json().data[0].id;
    const signals = (await app.inject({ method: "GET", url: `/api/v1/contacts/${id}/signals`, headers })).json();
    expect(signals.surveys[0]).toMatchObject({ score: 9, kind: "nps" });
    expect(signals.tickets[0]).toMatchObject({ id: "Z-9", status: "open" });
    expect(signals.purchases[0]).toMatchObject({ kind: "renewal", amount: 499 });
    const timeline = (
      await app.inject({ method: "GET", url: `/api/v1/contacts/${id}/timeline?limit=2`, headers })
    ).json();
    expect(timeline.data).toHaveLength(2);
    expect(timeline.nextCursor).not.toBeNull();
    const rest = (
      await app.inject({
        method: "GET",
        url: `/api/v1/contacts/${id}/timeline?limit=2&cursor=${timeline.nextCursor}`,
        headers,
      })
    ).json();
    expect(rest.data).toHaveLength(1);

    const bad = await app.inject({
      method: "POST",
      url: "/api/v1/signals",
      headers,
      payload: { signals: [{ kind: "survey", contact: {}, score: 99 }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(["signals.0.contact.email", "signals.0.score"]);
  });
});

describeDialects("workspace sentiment lexicon", (ctx) => {
  it("scores new survey comments with the terms a workspace adds", async () => {
    const app = await buildTestApp(ctx.db);
    try {
      const t = await createTestTenant(ctx.db);
      const headers = { authorization: `Bearer ${t.adminKey}` };
      const send = (comment: string, id: string) =>
        app.inject({
          method: "POST",
          url: "/api/v1/signals",
          headers,
          payload: { signals: [{ kind: "survey", contact: { email: "lex@x.com" }, score: 8, comment, messageId: id }] },
        });
      await send("the zorblax module", "l1");
      const bad = await app.inject({
        method: "PUT",
        url: "/api/v1/settings/sentiment-lexicon",
        headers,
        payload: { zorblax: 9 },
      });
      expect(bad.statusCode).toBe(400);
      const put = await app.inject({
        method: "PUT",
        url: "/api/v1/settings/sentiment-lexicon",
        headers,
        payload: { zorblax: 3 },
      });
      expect(put.json()).toEqual({ zorblax: 3 });
      await send("the zorblax module", "l2");
      const id = (await app.inject({ method: "GET", url: "/api/v1/contacts?q=lex", headers })).json().data[0].id;
      const surveys = (await app.inject({ method: "GET", url: `/api/v1/contacts/${id}/signals`, headers })).json()
        .surveys;
      const byId = Object.fromEntries(
        surveys.map((s: { messageId: string; sentiment: number }) => [s.messageId, s.sentiment]),
      );
      expect(byId.l1).toBe(0);
      expect(byId.l2).toBeGreaterThan(0.3);
    } finally {
      await app.close();
    }
  });
});
