import { manualClock } from "@advo/core";
import { createContact } from "@advo/core/contacts";
import {
  ADVOCATE_SESSION_MAX_AGE_MS,
  ADVOCATE_SESSION_ROTATE_AFTER_MS,
  createAdvocateSession,
  createUser,
  SESSION_MAX_AGE_MS,
  SESSION_ROTATE_AFTER_MS,
} from "@advo/core/users";
import { createTestTenant, describeDialects, type TestTenant } from "@advo/test-kit";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp } from "./testing.ts";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
// A browser's same-origin signal, which cookie-authenticated writes need (CSRF guard).
const SAME_ORIGIN = { "sec-fetch-site": "same-origin" };

const sessionCookieOf = (res: LightMyRequestResponse) =>
  res.cookies.find((c) => c.name === "advo_session" && c.value)?.value;

describeDialects("staff sessions: rotation, lifetime, sign-out everywhere, role changes", (ctx) => {
  const clock = manualClock(Date.parse("2026-06-01T08:00:00Z"));
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp(ctx.db, clock);
  });
  afterAll(async () => {
    await app.close();
  });

  const signIn = async (t: TestTenant, email = t.ownerEmail, password = t.ownerPassword, cookie?: string) => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/auth/session",
      headers: { ...SAME_ORIGIN, ...(cookie ? { cookie: `advo_session=${cookie}` } : {}) },
      payload: { workspace: t.tenant.slug, email, password },
    });
    expect(res.statusCode, res.body).toBe(200);
    return sessionCookieOf(res) as string;
  };
  const me = (cookie: string) =>
    app.inject({ method: "GET", url: "/api/v1/auth/me", headers: { cookie: `advo_session=${cookie}` } });

  it("replaces a session in use with a new one; the old one works for a short grace, then not at all", async () => {
    const t = await createTestTenant(ctx.db, clock);
    const first = await signIn(t);
    const fresh = await me(first);
    expect(fresh.statusCode).toBe(200);
    expect(sessionCookieOf(fresh)).toBeUndefined();

    clock.advance(SESSION_ROTATE_AFTER_MS + MINUTE);
    // Two requests from the same page at once: both succeed, exactly one rotates.
    const [a, b] = await Promise.all([me(first), me(first)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const renewed = [sessionCookieOf(a), sessionCookieOf(b)].filter(Boolean);
    expect(renewed).toHaveLength(1);
    const second = renewed[0] as string;
    expect(second).not.toBe(first);
    const cookie = [a, b].flatMap((r) => r.cookies).find((c) => c.name === "advo_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });

    expect((await me(first)).statusCode).toBe(200);
    clock.advance(2 * MINUTE);
    expect((await me(first)).statusCode).toBe(401);
    const now = await me(second);
    expect(now.statusCode).toBe(200);
    expect(now.json().user.email).toBe(t.ownerEmail);

    // A token sent as a bearer is never rotated: its client would not learn the new one.
    clock.advance(SESSION_ROTATE_AFTER_MS + MINUTE);
    const asBearer = await app.inject({ method: "GET", url: "/api/v1/contacts", headers: bearer(second) });
    expect(asBearer.statusCode).toBe(200);
    expect(sessionCookieOf(asBearer)).toBeUndefined();
  });

  it("ends however active it is, once the absolute lifetime since sign-in has passed", async () => {
    const t = await createTestTenant(ctx.db, clock);
    let cookie = await signIn(t);
    const signedInAt = clock.now();
    while (clock.now() - signedInAt < SESSION_MAX_AGE_MS - DAY) {
      clock.advance(DAY);
      const res = await me(cookie);
      expect(res.statusCode).toBe(200);
      cookie = sessionCookieOf(res) ?? cookie;
    }
    clock.set(signedInAt + SESSION_MAX_AGE_MS);
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it("ends the session a browser carried before signing in, and every session on 'sign out everywhere'", async () => {
    const t = await createTestTenant(ctx.db, clock);
    const planted = await signIn(t);
    const laptop = await signIn(t, t.ownerEmail, t.ownerPassword, planted);
    expect((await me(planted)).statusCode).toBe(401);
    const phone = await signIn(t);
    expect((await me(laptop)).statusCode).toBe(200);
    expect((await me(phone)).statusCode).toBe(200);

    const out = await app.inject({
      method: "DELETE",
      url: "/api/v1/auth/sessions",
      headers: { ...SAME_ORIGIN, cookie: `advo_session=${phone}` },
    });
    expect(out.statusCode, out.body).toBe(204);
    expect((await me(laptop)).statusCode).toBe(401);
    expect((await me(phone)).statusCode).toBe(401);
    // An API key is not a person with sessions.
    const byKey = await app.inject({ method: "DELETE", url: "/api/v1/auth/sessions", headers: bearer(t.adminKey) });
    expect(byKey.statusCode).toBe(401);
  });

  it("signs a user out when their role changes or they are disabled; owners are guarded", async () => {
    const t = await createTestTenant(ctx.db, clock);
    const password = "another horse battery";
    const manager = await createUser(t.scope, { email: "mona@example.com", name: "Mona", role: "manager", password });
    const admin = await createUser(t.scope, { email: "adam@example.com", name: "Adam", role: "admin", password });
    const monaCookie = await signIn(t, "mona@example.com", password);
    const adamCookie = await signIn(t, "adam@example.com", password);

    const demoted = await app.inject({
      method: "PATCH",
      url: `/api/v1/users/${manager.id}`,
      headers: bearer(t.adminKey),
      payload: { role: "viewer" },
    });
    expect(demoted.statusCode, demoted.body).toBe(200);
    expect(demoted.json()).toMatchObject({ role: "viewer", disabledAt: null });
    expect((await me(monaCookie)).statusCode).toBe(401);
    const again = await signIn(t, "mona@example.com", password);
    expect((await me(again)).json().role).toBe("viewer");

    // A rename leaves sessions alone; disabling ends them and refuses sign-in.
    await app.inject({
      method: "PATCH",
      url: `/api/v1/users/${manager.id}`,
      headers: bearer(t.adminKey),
      payload: { name: "Mona L." },
    });
    expect((await me(again)).statusCode).toBe(200);
    const disabled = await app.inject({
      method: "PATCH",
      url: `/api/v1/users/${manager.id}`,
      headers: bearer(t.adminKey),
      payload: { disabled: true },
    });
    expect(disabled.json().disabledAt).not.toBeNull();
    expect((await me(again)).statusCode).toBe(401);
    const refused = await app.inject({
      method: "POST",
      url: "/api/v1/auth/session",
      headers: SAME_ORIGIN,
      payload: { workspace: t.tenant.slug, email: "mona@example.com", password },
    });
    expect(refused.statusCode).toBe(401);

    // Only an owner makes owners; the last owner stays one.
    const grab = await app.inject({
      method: "PATCH",
      url: `/api/v1/users/${admin.id}`,
      headers: { ...SAME_ORIGIN, cookie: `advo_session=${adamCookie}` },
      payload: { role: "owner" },
    });
    expect(grab.statusCode, grab.body).toBe(403);
    const users = (await app.inject({ method: "GET", url: "/api/v1/users", headers: bearer(t.adminKey) })).json()
      .data as { id: string; role: string }[];
    const owner = users.find((u) => u.role === "owner") as { id: string };
    const ownerCookie = await signIn(t);
    const lastOwner = await app.inject({
      method: "PATCH",
      url: `/api/v1/users/${owner.id}`,
      headers: { ...SAME_ORIGIN, cookie: `advo_session=${ownerCookie}` },
      payload: { disabled: true },
    });
    expect(lastOwner.statusCode, lastOwner.body).toBe(409);
    expect(lastOwner.json().errors[0]).toMatchObject({ path: "disabled" });
    const bad = await app.inject({
      method: "PATCH",
      url: `/api/v1/users/${admin.id}`,
      headers: bearer(t.adminKey),
      payload: { role: "emperor" },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe("role");
  });
});

describeDialects("hub sessions: rotation and lifetime", (ctx) => {
  const clock = manualClock(Date.parse("2026-06-01T08:00:00Z"));
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp(ctx.db, clock);
  });
  afterAll(async () => {
    await app.close();
  });
  const hubCookieOf = (res: LightMyRequestResponse) => res.cookies.find((c) => c.name === "advo_hub" && c.value)?.value;
  const me = (cookie: string) =>
    app.inject({ method: "GET", url: "/api/v1/hub/me", headers: { cookie: `advo_hub=${cookie}` } });
  const advocateSession = async () => {
    const t = await createTestTenant(ctx.db, clock);
    const ada = await createContact(t.scope, { email: "ada@customer.io", firstName: "Ada" });
    return (await createAdvocateSession(t.scope, ada.id)).token;
  };

  it("replaces a hub session in use with a new one; the old one works for a short grace, then not at all", async () => {
    const first = await advocateSession();
    const fresh = await me(first);
    expect(fresh.statusCode, fresh.body).toBe(200);
    expect(hubCookieOf(fresh)).toBeUndefined();

    clock.advance(ADVOCATE_SESSION_ROTATE_AFTER_MS + MINUTE);
    const [a, b] = await Promise.all([me(first), me(first)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const renewed = [hubCookieOf(a), hubCookieOf(b)].filter(Boolean);
    expect(renewed).toHaveLength(1);
    const second = renewed[0] as string;
    expect(second).not.toBe(first);
    const cookie = [a, b].flatMap((r) => r.cookies).find((c) => c.name === "advo_hub");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    // The staff cookie is not touched by a hub rotation.
    expect([a, b].flatMap((r) => r.cookies).find((c) => c.name === "advo_session")).toBeUndefined();

    expect((await me(first)).statusCode).toBe(200);
    clock.advance(2 * MINUTE);
    expect((await me(first)).statusCode).toBe(401);
    const now = await me(second);
    expect(now.statusCode).toBe(200);
    expect(now.json()).toMatchObject({ firstName: "Ada", email: "ada@customer.io" });
  });

  it("ends however active it is, once the absolute lifetime since the magic link has passed", async () => {
    let cookie = await advocateSession();
    const signedInAt = clock.now();
    while (clock.now() - signedInAt < ADVOCATE_SESSION_MAX_AGE_MS - DAY) {
      clock.advance(DAY);
      const res = await me(cookie);
      expect(res.statusCode).toBe(200);
      cookie = hubCookieOf(res) ?? cookie;
    }
    clock.set(signedInAt + ADVOCATE_SESSION_MAX_AGE_MS);
    expect((await me(cookie)).statusCode).toBe(401);
  });
});
