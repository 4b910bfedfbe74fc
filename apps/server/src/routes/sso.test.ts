import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createUser } from "@advo/core/users";
import { createTestTenant, describeDialects, type TestTenant } from "@advo/test-kit";
import type { FastifyInstance } from "fastify";
import Provider from "oidc-provider";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp, testSecretKey } from "../testing.ts";

// Staff SSO against a real OpenID Connect provider (oidc-provider) listening on 127.0.0.1: Advo's
// start route redirects to it, its development login and consent forms are filled in over HTTP
// with our own cookie jar, and its redirect back is handed to Advo's callback. Nothing is mocked.

const PUBLIC_URL = "http://localhost:3000";
const CLIENT_ID = "advo-test";
const CLIENT_SECRET = "sso-client-secret-6d1f0b7e9a";

interface Account {
  email: string;
  emailVerified?: boolean;
  name?: string;
}

/** Everyone who can sign in at the test provider, by the login typed into its form. */
const accounts: Record<string, Account> = {
  ana: { email: "ana@acme.test", emailVerified: true, name: "Ana Lima" },
  newcomer: { email: "Newcomer@Acme.test", emailVerified: true, name: "New Comer" },
  outsider: { email: "eve@elsewhere.test", emailVerified: true, name: "Eve" },
  unverified: { email: "ana@acme.test", emailVerified: false, name: "Not Ana" },
  disabled: { email: "gone@acme.test", emailVerified: true, name: "Gone" },
  // No email_verified claim at all (e.g. Entra ID): accepted.
  noclaim: { email: "ana@acme.test", name: "Ana Lima" },
};

interface TestProvider {
  issuer: string;
  close: () => Promise<void>;
}

async function startProvider(redirectUris: string[], options: { emailInIdToken: boolean }): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: redirectUris,
        response_types: ["code"],
        grant_types: ["authorization_code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // true (the default): the ID token carries only sub and Advo reads the email from UserInfo.
    conformIdTokenClaims: !options.emailInIdToken,
    cookies: { keys: ["oidc-provider-test-cookie-key"] },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600 },
    findAccount: async (_ctx, id) => {
      const account = accounts[id];
      if (!account) return undefined;
      return {
        accountId: id,
        claims: async () => ({
          sub: id,
          email: account.email,
          ...(account.emailVerified === undefined ? {} : { email_verified: account.emailVerified }),
          name: account.name,
        }),
      };
    },
  });
  server.on("request", provider.callback());
  return {
    issuer,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A browser's cookies for the provider: enough of RFC 6265 for one host. */
class CookieJar {
  private cookies = new Map<string, string>();
  store(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const at = (pair ?? "").indexOf("=");
      const name = (pair ?? "").slice(0, at).trim();
      const value = (pair ?? "").slice(at + 1).trim();
      const expired = attributes.some((a) => {
        const [k, v] = a.split("=").map((s) => s.trim().toLowerCase());
        return (k === "max-age" && Number(v) <= 0) || (k === "expires" && Date.parse(v ?? "") < Date.now());
      });
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

/** The form on an HTML page: its action and its inputs' names and values. */
function formOf(html: string): { action: string; fields: Record<string, string> } {
  const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) throw new Error(`no form in the provider's page:\n${html.slice(0, 500)}`);
  const fields: Record<string, string> = {};
  for (const input of (form[2] ?? "").matchAll(/<input\b[^>]*>/gi)) {
    const name = /name="([^"]*)"/.exec(input[0])?.[1];
    if (name) fields[name] = /value="([^"]*)"/.exec(input[0])?.[1] ?? "";
  }
  const decode = (s: string) =>
    s
      .replace(/&amp;/g, "&")
      .replace(/&#x2F;/gi, "/")
      .replace(/&quot;/g, '"');
  return { action: decode(form[1] ?? ""), fields };
}

/**
 * Plays the browser at the provider: follows redirects, signs in as `login` on the development
 * login form, confirms consent, and stops at the redirect back to Advo, which it returns.
 */
async function signInAtProvider(authorizationUrl: string, login: string): Promise<URL> {
  const jar = new CookieJar();
  let url = authorizationUrl;
  let init: RequestInit = {};
  for (let step = 0; step < 20; step++) {
    if (url.startsWith(PUBLIC_URL)) return new URL(url);
    const response = await fetch(url, {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers as Record<string, string>), cookie: jar.header() },
    });
    jar.store(response);
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url).href;
      init = {};
      continue;
    }
    const html = await response.text();
    if (response.status !== 200) throw new Error(`provider answered ${response.status} at ${url}: ${html}`);
    const form = formOf(html);
    const fields =
      form.fields.prompt === "login" ? { ...form.fields, login, password: "any password" } : { ...form.fields };
    url = new URL(form.action, url).href;
    init = {
      method: "POST",
      body: new URLSearchParams(fields).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    };
  }
  throw new Error("the provider never redirected back to Advo");
}

const cookieOf = (setCookie: string | string[] | undefined, name: string): string | undefined => {
  const lines = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  for (const line of lines) {
    const match = new RegExp(`^${name}=([^;]*)`).exec(line);
    if (match) return match[1];
  }
  return undefined;
};

describeDialects("staff single sign-on (OpenID Connect)", (ctx) => {
  let app: FastifyInstance;
  let t: TestTenant;
  let workspace: string;
  let provider: TestProvider;
  let userinfoProvider: TestProvider;

  const settings = (overrides: Record<string, unknown> = {}) => ({
    enabled: true,
    issuerUrl: provider.issuer,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    allowedDomains: [],
    createUsers: false,
    defaultRole: "viewer",
    passwordSignIn: true,
    ...overrides,
  });
  const configure = async (overrides: Record<string, unknown> = {}) => {
    const res = await app.inject({
      method: "PUT",
      url: "/api/v1/settings/sso",
      headers: bearer(t.adminKey),
      payload: settings(overrides),
    });
    expect(res.statusCode, res.body).toBe(200);
    return res;
  };

  /** Start at Advo, sign in at the provider as `login`, and hand the redirect back to Advo's callback. */
  const ssoSignIn = async (login: string, returnTo = "/contacts?stage=advocate") => {
    const start = await app.inject({
      method: "GET",
      url: `/api/v1/auth/sso/${workspace}/start?returnTo=${encodeURIComponent(returnTo)}`,
    });
    expect(start.statusCode, start.body).toBe(302);
    const browserState = cookieOf(start.headers["set-cookie"], "advo_sso");
    expect(browserState).toBeTruthy();
    const back = await signInAtProvider(start.headers.location as string, login);
    const callbackPath = back.pathname + back.search;
    const callback = await app.inject({
      method: "GET",
      url: callbackPath,
      headers: { cookie: `advo_sso=${browserState}` },
    });
    return { start, back, callbackPath, browserState: browserState as string, callback };
  };

  const me = (session: string) =>
    app.inject({ method: "GET", url: "/api/v1/auth/me", headers: { cookie: `advo_session=${session}` } });

  beforeAll(async () => {
    app = await buildTestApp(ctx.db, undefined, { publicUrl: PUBLIC_URL });
    t = await createTestTenant(ctx.db);
    workspace = t.tenant.slug;
    const callback = `${PUBLIC_URL}/api/v1/auth/sso/${workspace}/callback`;
    provider = await startProvider([callback], { emailInIdToken: true });
    userinfoProvider = await startProvider([callback], { emailInIdToken: false });
    await createUser(t.scope, { email: "ana@acme.test", name: "Ana Lima", role: "manager" });
    await createUser(t.scope, { email: "gone@acme.test", name: "Gone", role: "csm" });
  });
  afterAll(async () => {
    await app.close();
    await provider?.close();
    await userinfoProvider?.close();
  });

  it("signs an existing user in through the provider: the session cookie works and the sign-in is audited", async () => {
    await configure();
    const { callback, callbackPath, browserState } = await ssoSignIn("ana");
    expect(callback.statusCode, callback.body).toBe(302);
    expect(callback.headers.location).toBe("/contacts?stage=advocate");
    const session = cookieOf(callback.headers["set-cookie"], "advo_session");
    expect(session).toBeTruthy();
    expect(callback.headers["set-cookie"]).toEqual(
      expect.arrayContaining([expect.stringMatching(/^advo_session=[^;]+;.*HttpOnly/)]),
    );

    const who = await me(session as string);
    expect(who.statusCode).toBe(200);
    expect(who.json()).toMatchObject({
      tenant: { slug: workspace },
      role: "manager",
      user: { email: "ana@acme.test", name: "Ana Lima" },
    });

    // The same callback again (a replay) finds its pending sign-in used up.
    const replay = await app.inject({
      method: "GET",
      url: callbackPath,
      headers: { cookie: `advo_sso=${browserState}` },
    });
    expect(replay.statusCode).toBe(400);
    expect(replay.headers["content-type"]).toContain("application/problem+json");
    expect(replay.json().detail).toMatch(/expired or was already used/);

    const audit = await app.inject({ method: "GET", url: "/api/v1/audit?limit=500", headers: bearer(t.adminKey) });
    const entries = audit.json().data as { action: string; route: string; actor: { id: string } }[];
    expect(
      entries.some(
        (e) =>
          e.action === "sign_in" &&
          e.route === "/api/v1/auth/sso/:workspace/callback" &&
          e.actor.id === who.json().user.id,
      ),
    ).toBe(true);
  });

  it("accepts an email with no email_verified claim, and reads the email from UserInfo when the ID token has none", async () => {
    await configure();
    const plain = await ssoSignIn("noclaim", "/");
    expect(plain.callback.statusCode, plain.callback.body).toBe(302);
    expect(plain.callback.headers.location).toBe("/");

    await configure({ issuerUrl: userinfoProvider.issuer });
    const viaUserinfo = await ssoSignIn("ana");
    expect(viaUserinfo.callback.statusCode, viaUserinfo.callback.body).toBe(302);
    const who = await me(cookieOf(viaUserinfo.callback.headers["set-cookie"], "advo_session") as string);
    expect(who.json().user.email).toBe("ana@acme.test");
  });

  it("refuses a callback whose state was tampered with, is missing, or was started in another browser", async () => {
    await configure();
    const start = await app.inject({ method: "GET", url: `/api/v1/auth/sso/${workspace}/start` });
    const browserState = cookieOf(start.headers["set-cookie"], "advo_sso") as string;
    const back = await signInAtProvider(start.headers.location as string, "ana");
    const state = back.searchParams.get("state") as string;
    expect(state).toBe(browserState);

    const tampered = new URL(back);
    tampered.searchParams.set("state", `${state.slice(0, -2)}xy`);
    const bad = await app.inject({
      method: "GET",
      url: tampered.pathname + tampered.search,
      headers: { cookie: `advo_sso=${tampered.searchParams.get("state")}` },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
    expect(bad.json().errors).toEqual([expect.objectContaining({ path: "state" })]);
    expect(cookieOf(bad.headers["set-cookie"], "advo_session")).toBeUndefined();

    const missing = new URL(back);
    missing.searchParams.delete("state");
    const none = await app.inject({
      method: "GET",
      url: missing.pathname + missing.search,
      headers: { cookie: `advo_sso=${browserState}` },
    });
    expect(none.statusCode).toBe(400);
    expect(none.headers["content-type"]).toContain("application/problem+json");
    expect(none.json().errors).toEqual([expect.objectContaining({ path: "query.state" })]);

    // Login CSRF: the genuine callback URL, opened in a browser that did not start it.
    const elsewhere = await app.inject({ method: "GET", url: back.pathname + back.search });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().detail).toMatch(/does not match the sign-in this browser started/);
    // A person's browser (it asks for HTML) is sent back to the sign-in page with the reason instead.
    const inBrowser = await app.inject({
      method: "GET",
      url: back.pathname + back.search,
      headers: { accept: "text/html,application/xhtml+xml" },
    });
    expect(inBrowser.statusCode).toBe(302);
    const shown = new URL(inBrowser.headers.location as string, "http://advo.test");
    expect(shown.pathname).toBe("/sign-in");
    expect(shown.searchParams.get("sso_error")).toMatch(/does not match the sign-in this browser started/);
    expect(cookieOf(inBrowser.headers["set-cookie"], "advo_session")).toBeUndefined();

    // None of those used the pending sign-in up: the right browser still finishes it.
    const right = await app.inject({
      method: "GET",
      url: back.pathname + back.search,
      headers: { cookie: `advo_sso=${browserState}` },
    });
    expect(right.statusCode, right.body).toBe(302);
  });

  it("refuses an email no user has when users are not created at first sign-in, saying why", async () => {
    await configure({ createUsers: false });
    const { callback } = await ssoSignIn("newcomer");
    expect(callback.statusCode).toBe(403);
    expect(callback.headers["content-type"]).toContain("application/problem+json");
    expect(callback.json().detail).toBe(
      `workspace "${workspace}" has no user with the email newcomer@acme.test: ask an admin to add you, or to let single sign-on create users at first sign-in`,
    );
    expect(cookieOf(callback.headers["set-cookie"], "advo_session")).toBeUndefined();
  });

  it("creates a user with the default role at first sign-in when the workspace allows it", async () => {
    await configure({ createUsers: true, defaultRole: "csm", allowedDomains: ["acme.test"] });
    const { callback } = await ssoSignIn("newcomer");
    expect(callback.statusCode, callback.body).toBe(302);
    const who = await me(cookieOf(callback.headers["set-cookie"], "advo_session") as string);
    expect(who.json()).toMatchObject({ role: "csm", user: { email: "newcomer@acme.test", name: "New Comer" } });

    const users = await app.inject({ method: "GET", url: "/api/v1/users", headers: bearer(t.adminKey) });
    const created = (users.json().data as { email: string; role: string }[]).filter(
      (u) => u.email === "newcomer@acme.test",
    );
    expect(created).toEqual([expect.objectContaining({ role: "csm" })]);

    // Signing in again finds the same user rather than making another.
    const again = await ssoSignIn("newcomer");
    expect(again.callback.statusCode).toBe(302);
    const after = await app.inject({ method: "GET", url: "/api/v1/users", headers: bearer(t.adminKey) });
    expect((after.json().data as { email: string }[]).filter((u) => u.email === "newcomer@acme.test")).toHaveLength(1);
  });

  it("refuses an email domain the workspace does not allow, even with users created at first sign-in", async () => {
    await configure({ createUsers: true, allowedDomains: ["acme.test"] });
    const { callback } = await ssoSignIn("outsider");
    expect(callback.statusCode).toBe(403);
    expect(callback.json().detail).toBe(
      `email addresses at elsewhere.test may not sign in to workspace "${workspace}" with single sign-on`,
    );
    const users = await app.inject({ method: "GET", url: "/api/v1/users", headers: bearer(t.adminKey) });
    expect(users.body).not.toContain("eve@elsewhere.test");
  });

  it("refuses a disabled user and an email the provider says is not verified", async () => {
    await configure({ createUsers: true });
    await ctx.db
      .updateTable("users")
      .set({ disabledAt: Date.now() })
      .where("tenantId", "=", t.tenant.id)
      .where("email", "=", "gone@acme.test")
      .execute();
    const disabled = await ssoSignIn("disabled");
    expect(disabled.callback.statusCode).toBe(403);
    expect(disabled.callback.json().detail).toBe(`the user gone@acme.test is disabled in workspace "${workspace}"`);

    const unverified = await ssoSignIn("unverified");
    expect(unverified.callback.statusCode).toBe(403);
    expect(unverified.callback.json().detail).toMatch(/says ana@acme\.test is not verified/);
  });

  it("keeps the client secret out of every settings response and out of the audit trail", async () => {
    const put = await configure({ allowedDomains: ["@ACME.test", "acme.test"] });
    const get = await app.inject({ method: "GET", url: "/api/v1/settings/sso", headers: bearer(t.adminKey) });
    for (const res of [put, get]) {
      expect(res.body).not.toContain(CLIENT_SECRET);
      expect(res.json()).not.toHaveProperty("clientSecret");
      expect(res.json()).toMatchObject({
        enabled: true,
        issuerUrl: provider.issuer,
        clientId: CLIENT_ID,
        clientSecretSet: true,
        allowedDomains: ["acme.test"],
        redirectUri: `${PUBLIC_URL}/api/v1/auth/sso/${workspace}/callback`,
      });
    }
    // Left out, the stored secret is kept: sign-in still works.
    const { clientSecret: _omitted, ...withoutSecret } = settings();
    const keep = await app.inject({
      method: "PUT",
      url: "/api/v1/settings/sso",
      headers: bearer(t.adminKey),
      payload: withoutSecret,
    });
    expect(keep.statusCode, keep.body).toBe(200);
    expect(keep.json().clientSecretSet).toBe(true);
    expect((await ssoSignIn("ana")).callback.statusCode).toBe(302);

    const audit = await app.inject({ method: "GET", url: "/api/v1/audit?limit=500", headers: bearer(t.adminKey) });
    expect(audit.statusCode).toBe(200);
    expect(audit.body).toContain("/api/v1/settings/sso");
    expect(audit.body).not.toContain(CLIENT_SECRET);
  });

  it("stores the client secret encrypted; a legacy plain one still signs in and is encrypted at the next save", async () => {
    const storedSecret = async () =>
      (
        await ctx.db
          .selectFrom("ssoSettings")
          .select("clientSecret")
          .where("tenantId", "=", t.tenant.id)
          .executeTakeFirstOrThrow()
      ).clientSecret;
    await configure();
    const first = await storedSecret();
    expect(first).toMatch(/^enc:v1:/);
    expect(first).not.toContain(CLIENT_SECRET);
    await configure();
    expect(await storedSecret()).not.toBe(first);

    // As saved before secrets were encrypted.
    await ctx.db
      .updateTable("ssoSettings")
      .set({ clientSecret: CLIENT_SECRET })
      .where("tenantId", "=", t.tenant.id)
      .execute();
    expect((await ssoSignIn("ana")).callback.statusCode).toBe(302);
    const { clientSecret: _omitted, ...withoutSecret } = settings();
    const keep = await app.inject({
      method: "PUT",
      url: "/api/v1/settings/sso",
      headers: bearer(t.adminKey),
      payload: withoutSecret,
    });
    expect(keep.statusCode, keep.body).toBe(200);
    expect(await storedSecret()).toMatch(/^enc:v1:/);
    expect((await ssoSignIn("ana")).callback.statusCode).toBe(302);
  });

  it("on a server with another key, says the secret cannot be decrypted and still shows the settings", async () => {
    await configure();
    const other = await buildTestApp(ctx.db, undefined, { publicUrl: PUBLIC_URL, secretKey: testSecretKey() });
    try {
      const start = await other.inject({ method: "GET", url: `/api/v1/auth/sso/${workspace}/start` });
      expect(start.statusCode).toBe(503);
      expect(start.headers["content-type"]).toContain("application/problem+json");
      expect(start.json().detail).toBe(
        "the SSO client secret cannot be decrypted with this server's key: set ADVO_SECRET_KEY to the key it was saved with (or list that key in ADVO_SECRET_KEY_PREVIOUS), or save the secret again",
      );
      const shown = await other.inject({ method: "GET", url: "/api/v1/settings/sso", headers: bearer(t.adminKey) });
      expect(shown.statusCode).toBe(200);
      expect(shown.json()).toMatchObject({ enabled: true, clientSecretSet: true });

      // A callback begun on the right server but finished on this one: a browser is told why on the sign-in page.
      const begun = await app.inject({ method: "GET", url: `/api/v1/auth/sso/${workspace}/start` });
      const back = await signInAtProvider(begun.headers.location as string, "ana");
      const callback = await other.inject({
        method: "GET",
        url: back.pathname + back.search,
        headers: { cookie: `advo_sso=${cookieOf(begun.headers["set-cookie"], "advo_sso")}`, accept: "text/html" },
      });
      expect(callback.statusCode).toBe(302);
      const page = new URL(callback.headers.location as string, "http://advo.test");
      expect(page.searchParams.get("sso_error")).toMatch(/^the SSO client secret cannot be decrypted/);

      // Saving the secret again on this server mends it here.
      const saved = await other.inject({
        method: "PUT",
        url: "/api/v1/settings/sso",
        headers: bearer(t.adminKey),
        payload: settings(),
      });
      expect(saved.statusCode, saved.body).toBe(200);
      expect((await other.inject({ method: "GET", url: `/api/v1/auth/sso/${workspace}/start` })).statusCode).toBe(302);
    } finally {
      await other.close();
      await configure();
    }
  });

  it("answers bad settings with 400 naming the field, and only admins may read or change them", async () => {
    const put = (payload: Record<string, unknown>, key = t.adminKey) =>
      app.inject({ method: "PUT", url: "/api/v1/settings/sso", headers: bearer(key), payload });
    const cases: [Record<string, unknown>, string][] = [
      [{ issuerUrl: "http://login.example.com" }, "issuerUrl"],
      [{ issuerUrl: "not a url" }, "issuerUrl"],
      [{ issuerUrl: "https://login.example.com/?tenant=1" }, "issuerUrl"],
      [{ clientId: "" }, "clientId"],
      [{ defaultRole: "owner" }, "defaultRole"],
      [{ allowedDomains: ["not a domain"] }, "allowedDomains.0"],
      [{ enabled: false, passwordSignIn: false }, "passwordSignIn"],
    ];
    for (const [overrides, path] of cases) {
      const res = await put(settings(overrides));
      expect(res.statusCode, JSON.stringify(overrides)).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    // Enabling checks the issuer answers OpenID discovery.
    const unreachable = await put(settings({ issuerUrl: "http://127.0.0.1:9/" }));
    expect(unreachable.statusCode).toBe(400);
    expect(unreachable.json().errors[0].path).toBe("issuerUrl");

    // A workspace's first settings need a secret.
    const other = await createTestTenant(ctx.db);
    const { clientSecret: _omitted, ...withoutSecret } = settings();
    const first = await put(withoutSecret, other.adminKey);
    expect(first.statusCode).toBe(400);
    expect(first.json().errors[0].path).toBe("clientSecret");

    const { createApiKey } = await import("@advo/core/users");
    const manager = await createApiKey(t.scope, { name: "manager", role: "manager" }, null);
    expect(
      (await app.inject({ method: "GET", url: "/api/v1/settings/sso", headers: bearer(manager.key) })).statusCode,
    ).toBe(403);
    expect((await put(settings(), manager.key)).statusCode).toBe(403);
  });

  it("tells the sign-in page what to offer, and refuses password sign-in when the workspace turned it off", async () => {
    const status = async (ws: string) =>
      (await app.inject({ method: "GET", url: `/api/v1/auth/sso/${ws}` })).json() as Record<string, boolean>;
    const password = () =>
      app.inject({
        method: "POST",
        url: "/api/v1/auth/session",
        payload: { workspace, email: t.ownerEmail, password: t.ownerPassword },
      });

    await configure({ enabled: false });
    expect(await status(workspace)).toEqual({ enabled: false, passwordAllowed: true });
    const notSetUp = await app.inject({ method: "GET", url: `/api/v1/auth/sso/${workspace}/start` });
    expect(notSetUp.statusCode).toBe(404);
    expect((await password()).statusCode).toBe(200);

    await configure({ passwordSignIn: false });
    expect(await status(workspace)).toEqual({ enabled: true, passwordAllowed: false });
    expect(await status(workspace.toUpperCase())).toEqual({ enabled: true, passwordAllowed: false });
    const refused = await password();
    expect(refused.statusCode).toBe(403);
    expect(refused.headers["content-type"]).toContain("application/problem+json");
    expect(refused.json().detail).toBe(
      "password sign-in is turned off for this workspace: sign in with single sign-on (SSO)",
    );
    // SSO still signs people in.
    expect((await ssoSignIn("ana")).callback.statusCode).toBe(302);

    // An unknown workspace looks like one without SSO: nothing to learn about which exist.
    expect(await status("no-such-workspace-x1")).toEqual({ enabled: false, passwordAllowed: true });
    await configure({ passwordSignIn: true });
    expect((await password()).statusCode).toBe(200);
  });

  it("only returns to a path on this site", async () => {
    await configure();
    for (const returnTo of ["//evil.example/x", "https://evil.example/", "/\\evil.example", "contacts"]) {
      const res = await app.inject({
        method: "GET",
        url: `/api/v1/auth/sso/${workspace}/start?returnTo=${encodeURIComponent(returnTo)}`,
      });
      expect(res.statusCode, returnTo).toBe(400);
      expect(res.json().errors[0].path).toBe("query.returnTo");
    }
  });
});
