import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dialectsUnderTest } from "@advo/test-kit";
import Provider from "oidc-provider";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  type ConsoleWatch,
  freePort,
  launchBrowser,
  screenshot,
  signIn,
  startTestServer,
  type TestServer,
  watchConsole,
} from "./harness.ts";

// Single sign-on through the browser: an admin sets it up in Settings against a real OpenID Connect
// provider (oidc-provider on loopback), a wrong issuer is shown next to its field, then a newcomer
// signs in with SSO from the sign-in page, through the provider's own login and consent pages, and
// lands in the console with the default role.

const CLIENT_ID = "advo-e2e";
const CLIENT_SECRET = "e2e-client-secret-3f9c1a";

async function startProvider(redirectUri: string) {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [redirectUri],
        response_types: ["code"],
        grant_types: ["authorization_code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    cookies: { keys: ["oidc-provider-e2e-cookie-key"] },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600 },
    findAccount: async (_ctx, id) => ({
      accountId: id,
      claims: async () => ({ sub: id, email: `${id}@demo-sso.test`, email_verified: true, name: "Sam Single" }),
    }),
  });
  server.on("request", provider.callback());
  return { issuer, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

// The redirect dance is browser and server code only; the API tests cover SSO's storage on both
// databases, so one server is enough here and keeps CI under 20 minutes.
for (const dialect of dialectsUnderTest().slice(0, 1)) {
  describe(`single sign-on, set up and used in the browser [${dialect}]`, () => {
    let server: TestServer;
    let provider: Awaited<ReturnType<typeof startProvider>>;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    let watch: ConsoleWatch;

    beforeAll(async () => {
      // The redirect URI is built from PUBLIC_URL, so the address is chosen before the server starts.
      const port = await freePort();
      const publicUrl = `http://127.0.0.1:${port}`;
      [server, browser, provider] = await Promise.all([
        startTestServer(dialect, { PORT: String(port), PUBLIC_URL: publicUrl }),
        launchBrowser(),
        startProvider(`${publicUrl}/api/v1/auth/sso/demo/callback`),
      ]);
      context = await browser.newContext({ viewport: { width: 1360, height: 860 }, baseURL: server.url });
      page = await context.newPage();
      page.setDefaultTimeout(15_000);
      watch = watchConsole(page);
      await signIn(page, watch);
    });

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
      await provider?.close();
    });

    test("an admin's wrong issuer is shown next to the field, keeping what was typed; the right one saves", async () => {
      await page.goto("/settings?tab=sso");
      const form = page.getByRole("form", { name: "Single sign-on" });
      await form.getByText(`${server.url}/api/v1/auth/sso/demo/callback`).waitFor();
      // Mantine switches hide their checkbox visually; it is still the labelled control.
      await form.getByRole("switch", { name: /Offer/ }).check({ force: true });
      await form.getByLabel(/^Issuer URL/).fill("http://127.0.0.1:9/no-provider-here");
      await form.getByLabel(/^Client ID/).fill(CLIENT_ID);
      await form.getByLabel(/^Client secret/).fill(CLIENT_SECRET);
      await form.getByRole("switch", { name: /Create users at first sign-in/ }).check({ force: true });
      const refused = watch.allow(400, "/api/v1/settings/sso");
      await form.getByRole("button", { name: "Save single sign-on" }).click();
      const issuer = form.getByLabel(/^Issuer URL/);
      await expect.poll(() => issuer.getAttribute("aria-invalid")).toBe("true");
      refused();
      expect(await form.getByLabel(/^Client ID/).inputValue()).toBe(CLIENT_ID);
      await screenshot(page, `${dialect}-sso-settings-error`);

      await issuer.fill(provider.issuer);
      await form.getByRole("button", { name: "Save single sign-on" }).click();
      await page.getByText("Your team can sign in with SSO.").waitFor();
      await expect.poll(() => issuer.getAttribute("aria-invalid")).not.toBe("true");
    });

    test("a newcomer signs in with SSO through the provider and lands in the console with the default role", async () => {
      await page.getByRole("button", { name: /Account menu/ }).click();
      watch.allow(401, "/api/v1/auth/me");
      await page.getByRole("menuitem", { name: "Sign out", exact: true }).click();
      await page.waitForURL(/\/sign-in$/);
      await page.getByLabel("Workspace").fill("demo");
      // A link to the server's start route (it redirects on to the provider).
      const sso = page.getByRole("link", { name: "Sign in with SSO" });
      await sso.waitFor();
      await screenshot(page, `${dialect}-sso-sign-in`);
      await sso.click();
      // The provider's own pages (another origin): its login form, then its consent prompt.
      await page.waitForURL((url) => url.origin === provider.issuer);
      await page.locator('input[name="login"]').fill("sam");
      await page.locator('input[name="password"]').fill("any password");
      await page.locator('button[type="submit"]').click();
      await page.locator('button[type="submit"]', { hasText: "Continue" }).click();
      await page.waitForURL((url) => url.origin === server.url && !url.pathname.startsWith("/sign-in"));
      await page.getByRole("button", { name: /Account menu for Sam Single/ }).waitFor();
      const me = (await page.evaluate(() => fetch("/api/v1/auth/me").then((r) => r.json()))) as {
        role: string;
        user: { email: string };
      };
      expect(me).toMatchObject({ role: "viewer", user: { email: "sam@demo-sso.test" } });
      await screenshot(page, `${dialect}-sso-signed-in`);
      // The provider's development pages (a web font this offline machine cannot reach, no favicon) log
      // errors of their own: only Advo's pages count here.
      const ours = watch.errors.filter((e) => !e.includes("fonts.googleapis.com") && !e.includes(provider.issuer));
      expect(ours, ours.join("\n")).toEqual([]);
    });
  });
}
