import { createTestTenant, describeDialects } from "@advo/test-kit";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp } from "./testing.ts";

describeDialects("HTTP API conventions", (ctx) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp(ctx.db);
  });
  afterAll(async () => {
    await app.close();
  });

  it("lists contacts for an API key and 401s without credentials or with a bad key", async () => {
    const t = await createTestTenant(ctx.db);
    const ok = await app.inject({ method: "GET", url: "/api/v1/contacts", headers: bearer(t.adminKey) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ data: [], nextCursor: null });

    const none = await app.inject({ method: "GET", url: "/api/v1/contacts" });
    expect(none.statusCode).toBe(401);
    expect(none.headers["content-type"]).toContain("application/problem+json");
    expect(none.json()).toMatchObject({ status: 401, title: "Unauthorized" });

    const bad = await app.inject({ method: "GET", url: "/api/v1/contacts", headers: bearer(`${t.adminKey}x`) });
    expect(bad.statusCode).toBe(401);
    const basic = await app.inject({ method: "GET", url: "/api/v1/contacts", headers: { authorization: "Basic abc" } });
    expect(basic.statusCode).toBe(401);
  });

  it("answers 404 for another tenant's contact, on read, update and delete", async () => {
    const a = await createTestTenant(ctx.db);
    const b = await createTestTenant(ctx.db);
    const created = await app.inject({
      method: "POST",
      url: "/api/v1/contacts",
      headers: bearer(a.adminKey),
      payload: { email: "owned@a.com" },
    });
    const id = created.json().id;
    for (const method of ["GET", "PATCH", "DELETE"] as const) {
      const res = await app.inject({
        method,
        url: `/api/v1/contacts/${id}`,
        headers: bearer(b.adminKey),
        ...(method === "PATCH" ? { payload: { title: "x" } } : {}),
      });
      expect(res.statusCode, method).toBe(404);
      expect(res.body).not.toContain("owned@a.com");
    }
    const still = await app.inject({ method: "GET", url: `/api/v1/contacts/${id}`, headers: bearer(a.adminKey) });
    expect(still.json()).toMatchObject({ email: "owned@a.com", title: null });
  });

  it("answers a malformed body with 400 naming the field, and stores nothing", async () => {
    const t = await createTestTenant(ctx.db);
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/contacts",
      headers: bearer(t.adminKey),
      payload: { email: "not-an-email", firstName: 7 },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["email", "firstName"]);
    expect(body.detail).toMatch(/email|firstName/);
    const list = await app.inject({ method: "GET", url: "/api/v1/contacts", headers: bearer(t.adminKey) });
    expect(list.json().data).toHaveLength(0);

    const notJson = await app.inject({
      method: "POST",
      url: "/api/v1/contacts",
      headers: { ...bearer(t.adminKey), "content-type": "application/json" },
      payload: "{oops",
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().detail).toBe("the body is not valid JSON");

    const badQuery = await app.inject({
      method: "GET",
      url: "/api/v1/contacts?limit=100000",
      headers: bearer(t.adminKey),
    });
    expect(badQuery.statusCode).toBe(400);
    expect(badQuery.json().errors[0].path).toBe("query.limit");

    const badCursor = await app.inject({
      method: "GET",
      url: "/api/v1/contacts?cursor=zzz",
      headers: bearer(t.adminKey),
    });
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.json().errors[0].path).toBe("cursor");
  });

  it("answers unknown routes with 404 problem+json and never leaks a stack trace", async () => {
    const res = await app.inject({ method: "GET", url: "/api/v1/nope" });
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it("creates one record for a repeated POST with the same Idempotency-Key and replays the response", async () => {
    const t = await createTestTenant(ctx.db);
    const send = (payload: object, key = "create-jane-1") =>
      app.inject({
        method: "POST",
        url: "/api/v1/contacts",
        headers: { ...bearer(t.adminKey), "idempotency-key": key },
        payload,
      });
    const first = await send({ email: "jane@idem.com" });
    const second = await send({ email: "jane@idem.com" });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers["idempotent-replayed"]).toBe("true");
    expect(second.json()).toEqual(first.json());
    const reused = await send({ email: "other@idem.com" });
    expect(reused.statusCode).toBe(400);
    const list = await app.inject({ method: "GET", url: "/api/v1/contacts", headers: bearer(t.adminKey) });
    expect(list.json().data).toHaveLength(1);

    const [a, b] = await Promise.all([
      send({ email: "race@idem.com" }, "race"),
      send({ email: "race@idem.com" }, "race"),
    ]);
    // Concurrent twins: one runs; the other either replays it (201) or is told it is in progress (409).
    expect(a.statusCode === 201 || b.statusCode === 201).toBe(true);
    expect([201, 409]).toContain(a.statusCode);
    expect([201, 409]).toContain(b.statusCode);
    const after = await app.inject({ method: "GET", url: "/api/v1/contacts?q=race", headers: bearer(t.adminKey) });
    expect(after.json().data).toHaveLength(1);
  });

  it("signs in with a session cookie, serves /auth/me, and signs out", async () => {
    const t = await createTestTenant(ctx.db);
    const wrong = await app.inject({
      method: "POST",
      url: "/api/v1/auth/session",
      payload: { workspace: t.tenant.slug, email: t.ownerEmail, password: "nope-nope" },
    });
    expect(wrong.statusCode).toBe(401);
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/auth/session",
      payload: { workspace: t.tenant.slug, email: t.ownerEmail, password: t.ownerPassword },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === "advo_session");
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
    const cookies = { advo_session: cookie?.value ?? "" };
    const me = await app.inject({ method: "GET", url: "/api/v1/auth/me", cookies });
    expect(me.json()).toMatchObject({ tenant: { id: t.tenant.id }, role: "owner", user: { email: t.ownerEmail } });
    const contacts = await app.inject({ method: "GET", url: "/api/v1/contacts", cookies });
    expect(contacts.statusCode).toBe(200);
    const out = await app.inject({
      method: "DELETE",
      url: "/api/v1/auth/session",
      cookies,
      headers: { origin: "http://localhost:3000" },
    });
    expect(out.statusCode).toBe(204);
    expect((await app.inject({ method: "GET", url: "/api/v1/contacts", cookies })).statusCode).toBe(401);
  });

  it("forbids writes to a viewer key with 403 and lets admins manage API keys", async () => {
    const t = await createTestTenant(ctx.db);
    const created = await app.inject({
      method: "POST",
      url: "/api/v1/api-keys",
      headers: bearer(t.adminKey),
      payload: { name: "read only", role: "viewer" },
    });
    expect(created.statusCode).toBe(201);
    const viewerKey = created.json().key;
    const write = await app.inject({
      method: "POST",
      url: "/api/v1/accounts",
      headers: bearer(viewerKey),
      payload: { name: "X" },
    });
    expect(write.statusCode).toBe(403);
    expect((await app.inject({ method: "GET", url: "/api/v1/accounts", headers: bearer(viewerKey) })).statusCode).toBe(
      200,
    );
    const keys = await app.inject({ method: "GET", url: "/api/v1/api-keys", headers: bearer(t.adminKey) });
    expect(keys.body).not.toContain(viewerKey.split(".")[3]);
    await app.inject({ method: "DELETE", url: `/api/v1/api-keys/${created.json().id}`, headers: bearer(t.adminKey) });
    expect((await app.inject({ method: "GET", url: "/api/v1/accounts", headers: bearer(viewerKey) })).statusCode).toBe(
      401,
    );
  });

  it("serves a valid OpenAPI 3.1 document covering every /api route, health and readiness", async () => {
    const doc = (await app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/v1/contacts", "/api/v1/contacts/{id}", "/api/v1/accounts"]),
    );
    expect(doc.paths["/api/v1/contacts"].post.requestBody).toBeDefined();
    expect(doc.paths["/api/v1/contacts"].get.responses["400"]).toBeDefined();
    expect((await app.inject({ method: "GET", url: "/healthz" })).json()).toEqual({ status: "ok" });
    expect((await app.inject({ method: "GET", url: "/readyz" })).json()).toEqual({ status: "ready" });
    expect((await app.inject({ method: "GET", url: "/api/v1/docs" })).statusCode).toBeLessThan(400);
  });
});
