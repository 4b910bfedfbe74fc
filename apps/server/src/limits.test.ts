import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createSource } from "@advo/core/signals";
import { createApiKey } from "@advo/core/users";
import { createTestTenant, describeDialects } from "@advo/test-kit";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RateLimits } from "./config.ts";
import { bearer, buildTestApp } from "./testing.ts";

const small: RateLimits = {
  publicPerMinute: 3,
  loginPer15Minutes: 2,
  redirectPerMinute: 2,
  apiPerMinute: 3,
  ingestPerMinute: 2,
};

const from = (ip: string) => ({ remoteAddress: ip });

describeDialects("abuse limits, security headers and CSRF", (ctx) => {
  let app: FastifyInstance;
  let limited: FastifyInstance;
  let https: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp(ctx.db);
    limited = await buildTestApp(ctx.db, undefined, { rateLimits: small });
    https = await buildTestApp(ctx.db, undefined, { publicUrl: "https://advo.example.com" });
  });
  afterAll(async () => {
    await Promise.all([app.close(), limited.close(), https.close()]);
  });

  const expect429 = (res: { statusCode: number; headers: Record<string, unknown>; json: () => unknown }) => {
    expect(res.statusCode).toBe(429);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
    expect(res.json()).toMatchObject({ status: 429, title: "Too Many Requests" });
  };

  it("limits public endpoints per IP, sign-ins per workspace and email, API keys, write keys and referral links", async () => {
    const t = await createTestTenant(ctx.db);
    // Per IP: the fourth magic-link request from one address is refused; another address goes on.
    for (let i = 0; i < 3; i++) {
      const res = await limited.inject({
        method: "POST",
        url: "/api/v1/hub/sign-in",
        payload: { workspace: t.tenant.slug, email: `a${i}@example.com` },
        ...from("10.0.0.1"),
      });
      expect(res.statusCode).toBe(202);
    }
    expect429(
      await limited.inject({
        method: "POST",
        url: "/api/v1/hub/sign-in",
        payload: { workspace: t.tenant.slug, email: "a9@example.com" },
        ...from("10.0.0.1"),
      }),
    );
    expect(
      (
        await limited.inject({
          method: "POST",
          url: "/api/v1/hub/sign-in",
          payload: { workspace: t.tenant.slug, email: "b@example.com" },
          ...from("10.0.0.2"),
        })
      ).statusCode,
    ).toBe(202);

    // Login throttling: the same workspace + email from many addresses, even with the right password at the end.
    const signIn = (ip: string, email: string, password: string) =>
      limited.inject({
        method: "POST",
        url: "/api/v1/auth/session",
        payload: { workspace: t.tenant.slug, email, password },
        ...from(ip),
      });
    expect((await signIn("10.1.0.1", t.ownerEmail, "guess-1")).statusCode).toBe(401);
    expect((await signIn("10.1.0.2", t.ownerEmail.toUpperCase(), "guess-2")).statusCode).toBe(401);
    expect429(await signIn("10.1.0.3", t.ownerEmail, t.ownerPassword));
    expect((await signIn("10.1.0.4", "someone-else@example.com", "guess")).statusCode).toBe(401);

    // Per API key.
    const other = await createApiKey(t.scope, { name: "other", role: "viewer" }, null);
    for (let i = 0; i < 3; i++) {
      expect((await limited.inject({ url: "/api/v1/contacts", headers: bearer(t.adminKey) })).statusCode).toBe(200);
    }
    expect429(await limited.inject({ url: "/api/v1/contacts", headers: bearer(t.adminKey) }));
    expect((await limited.inject({ url: "/api/v1/contacts", headers: bearer(other.key) })).statusCode).toBe(200);

    // Per write key on the Segment routes.
    const source = await createSource(t.scope, { name: "web" });
    const basic = { authorization: `Basic ${Buffer.from(`${source.writeKey}:`).toString("base64")}` };
    const track = { userId: "u1", event: "Clicked" };
    for (let i = 0; i < 2; i++) {
      expect(
        (await limited.inject({ method: "POST", url: "/v1/track", headers: basic, payload: track })).statusCode,
      ).toBe(200);
    }
    expect429(await limited.inject({ method: "POST", url: "/v1/track", headers: basic, payload: track }));

    // Per IP on referral links.
    for (let i = 0; i < 2; i++) {
      expect((await limited.inject({ url: "/r/nowhere/ABC", ...from("10.2.0.1") })).statusCode).toBeLessThan(400);
    }
    expect429(await limited.inject({ url: "/r/nowhere/ABC", ...from("10.2.0.1") }));

    // Without limits (tests, benchmarks: RATE_LIMITS=off) nothing is throttled.
    for (let i = 0; i < 10; i++) {
      expect((await app.inject({ url: "/api/v1/contacts", headers: bearer(t.adminKey) })).statusCode).toBe(200);
    }
  });

  it("sends security headers on every response, HSTS only behind https", async () => {
    for (const res of [
      await app.inject({ url: "/healthz" }),
      await app.inject({ url: "/api/v1/contacts" }),
      await app.inject({ url: "/no/such/page" }),
    ]) {
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["x-frame-options"]).toBe("DENY");
      expect(res.headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
      expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(res.headers["content-security-policy"]).toContain("script-src 'self'");
      expect(res.headers["strict-transport-security"]).toBeUndefined();
    }
    const secure = await https.inject({ url: "/healthz" });
    expect(secure.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
  });

  it("refuses cookie-authenticated writes that do not come from Advo's own pages; API keys are exempt", async () => {
    const t = await createTestTenant(ctx.db);
    const signIn = (headers: Record<string, string>) =>
      app.inject({
        method: "POST",
        url: "/api/v1/auth/session",
        headers,
        payload: { workspace: t.tenant.slug, email: t.ownerEmail, password: t.ownerPassword },
      });
    // Login CSRF: a browser posting the form from another site is refused; curl (no browser signal) is not.
    expect((await signIn({ "sec-fetch-site": "cross-site" })).statusCode).toBe(403);
    expect((await signIn({ origin: "https://evil.example" })).statusCode).toBe(403);
    const session = await signIn({});
    expect(session.statusCode).toBe(200);
    const cookies = { advo_session: session.cookies.find((c) => c.name === "advo_session")?.value ?? "" };
    const create = (headers: Record<string, string>, i: number) =>
      app.inject({
        method: "POST",
        url: "/api/v1/contacts",
        cookies,
        headers,
        payload: { email: `csrf${i}@example.com` },
      });

    const refused: Record<string, string>[] = [
      {},
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
      { origin: "https://evil.example" },
      { origin: "null" },
      { "sec-fetch-site": "cross-site", "x-requested-with": "advo" },
    ];
    for (const [i, headers] of refused.entries()) {
      const res = await create(headers, i);
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json().detail).toContain("cross-site request refused");
    }
    const allowed: Record<string, string>[] = [
      { "sec-fetch-site": "same-origin" },
      { origin: "http://localhost:80" },
      { origin: "http://localhost:3000" },
      { "x-requested-with": "XMLHttpRequest" },
    ];
    for (const [i, headers] of allowed.entries()) {
      expect((await create(headers, 10 + i)).statusCode, JSON.stringify(headers)).toBe(201);
    }
    // Reads need nothing; API keys need nothing.
    expect((await app.inject({ url: "/api/v1/contacts", cookies })).statusCode).toBe(200);
    const keyed = await app.inject({
      method: "POST",
      url: "/api/v1/contacts",
      headers: bearer(t.adminKey),
      payload: { email: "keyed@example.com" },
    });
    expect(keyed.statusCode).toBe(201);
  });
});

describe("the built web app", () => {
  const index = fileURLToPath(new URL("../../web/dist/index.html", import.meta.url));
  it.skipIf(!existsSync(index))("has no inline scripts, so script-src 'self' does not break it", () => {
    const html = readFileSync(index, "utf8");
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc="\/assets\//);
      expect(body?.trim()).toBe("");
    }
    expect(html).not.toMatch(/\son[a-z]+="/);
  });
});
