import { createAdvocateSession } from "@advo/core/users";
import { dialectsUnderTest } from "@advo/test-kit";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  type ConsoleWatch,
  launchBrowser,
  screenshot,
  signIn,
  startTestServer,
  type TestServer,
  watchConsole,
} from "./harness.ts";

// Stored XSS: classic payloads are stored through the API in every kind of text a person can
// write (names, rich-text descriptions, testimonials, shout-outs, reward names, mentions, consent
// wording), then every console and hub screen that shows them is opened in Chromium. Each payload
// would set window.__xss or open a dialog if it ran; neither may happen, and the words must still
// be there to read, as text.

const PAYLOADS = [
  `<script>window.__xss=(window.__xss||0)+1</script>`,
  `<img src=x onerror="window.__xss=(window.__xss||0)+1">`,
  `<svg onload="window.__xss=(window.__xss||0)+1"></svg>`,
  `<a href="javascript:window.__xss=(window.__xss||0)+1">click me</a>`,
  `"><iframe src="javascript:parent.__xss=(parent.__xss||0)+1"></iframe>`,
  `<details open ontoggle="window.__xss=(window.__xss||0)+1">x</details>`,
  `<img src=x onerror=alert(document.domain)>`,
  `javascript:alert(1)`,
  `<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=1">`,
];
const ALL = PAYLOADS.join(" ");
const MARK = "XSS-canary";

interface Me {
  tenant: { id: string };
}

// What this checks happens in the browser (escaping, sanitising, CSP); the API tests cover storing and
// answering the payloads on both databases, so one server is enough here and keeps CI under 20 minutes.
for (const dialect of dialectsUnderTest().slice(0, 1)) {
  describe(`stored XSS payloads never run, in the console or the hub [${dialect}]`, () => {
    let server: TestServer;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    let watch: ConsoleWatch;
    const dialogs: string[] = [];
    const ids: Record<string, string> = {};

    /** A write through the API as the signed-in manager (the browser's own session and CSRF signal). */
    const post = <T>(path: string, body: unknown) =>
      page.evaluate(
        async ({ path, body }) => {
          const res = await fetch(path, {
            method: "POST",
            headers: { "content-type": "application/json", "x-requested-with": "XMLHttpRequest" },
            body: JSON.stringify(body),
          });
          const text = await res.text();
          if (!res.ok) throw new Error(`${path} → ${res.status} ${text}`);
          return JSON.parse(text);
        },
        { path, body },
      ) as Promise<T>;

    const assertNothingRan = async (where: Page, label: string) => {
      // Give image errors, iframes and toggles time to fire.
      await where.waitForTimeout(400);
      const ran = await where.evaluate(() => (window as unknown as { __xss?: number }).__xss ?? 0);
      expect(ran, `a payload ran on ${label}`).toBe(0);
      expect(dialogs, `a dialog opened on ${label}`).toEqual([]);
      expect(await where.locator("iframe").count(), `an iframe was injected on ${label}`).toBe(0);
      expect(await where.locator('a[href^="javascript:" i]').count(), `a javascript: link on ${label}`).toBe(0);
    };

    beforeAll(async () => {
      [server, browser] = await Promise.all([startTestServer(dialect), launchBrowser()]);
      context = await browser.newContext({ viewport: { width: 1360, height: 860 }, baseURL: server.url });
      context.on("dialog", (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      page = await context.newPage();
      page.on("dialog", (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      page.setDefaultTimeout(15_000);
      watch = watchConsole(page);
      await signIn(page, watch);
    });

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    test("stores the payloads in every kind of user-written text", async () => {
      const account = await post<{ id: string }>("/api/v1/accounts", { name: `${MARK} Corp ${PAYLOADS[1]}` });
      const contact = await post<{ id: string }>("/api/v1/contacts", {
        email: "xss.canary@example.com",
        firstName: `${MARK} ${PAYLOADS[1]}`,
        lastName: PAYLOADS[0],
        title: PAYLOADS[3],
        accountId: account.id,
        attributes: { note: ALL },
        socialHandles: { x: PAYLOADS[2] },
        consent: { publicRecognition: { granted: true, source: PAYLOADS[6] } },
      });
      ids.contact = contact.id;
      await post(`/api/v1/contacts/${contact.id}/consents`, {
        purpose: "quoteUse",
        granted: true,
        statement: `${MARK} ${ALL}`,
        covers: PAYLOADS[4],
      });
      const program = await post<{ id: string; description: string }>("/api/v1/programs", {
        name: `${MARK} program ${PAYLOADS[5]}`,
        type: "content",
        description: `<p><strong>${MARK} bold stays</strong></p>${ALL}`,
      });
      ids.program = program.id;
      // Sanitised on the way in: formatting kept, scripts and handlers gone.
      expect(program.description).toContain("<strong>");
      expect(program.description).not.toMatch(
        /<script|<iframe|<svg|<img|<details|\son\w+\s*=|href\s*=\s*["']?\s*javascript:/i,
      );
      await post(`/api/v1/programs/${program.id}/members`, { contactIds: [contact.id] });
      const challenge = await post<{ id: string }>("/api/v1/challenges", {
        programId: program.id,
        type: "testimonial",
        title: `${MARK} challenge ${PAYLOADS[0]}`,
        description: `<p>${MARK} describe</p>${ALL}`,
        points: 10,
      });
      ids.challenge = challenge.id;
      await post(`/api/v1/challenges/${challenge.id}/submissions`, {
        contactId: contact.id,
        evidence: { text: `${MARK} testimonial ${ALL}`, url: "https://example.com/review" },
      });
      await post("/api/v1/rewards", {
        name: `${MARK} reward ${PAYLOADS[2]}`,
        description: `<p>${MARK}</p>${ALL}`,
        kind: "swag",
        costPoints: 1,
        stock: 3,
      });
      await post("/api/v1/shoutouts", { contactId: contact.id, message: `<p>${MARK} thanks</p>${ALL}` });
      await post("/api/v1/mentions", [
        {
          source: "webhook",
          text: `${MARK} love it ${ALL}`,
          url: "https://social.example/post/1",
          authorName: PAYLOADS[1],
          authorEmail: "xss.canary@example.com",
        },
      ]);
      await post("/api/v1/segments", { name: `${MARK} segment ${PAYLOADS[1]}`, expression: "nps >= 0" });
      const space = await post<{ id: string }>("/api/v1/community/spaces", {
        name: `${MARK} group ${PAYLOADS[1]}`,
        kind: "user_group",
        region: PAYLOADS[3],
        description: `<p>${MARK} meet</p>${ALL}`,
      });
      ids.space = space.id;
      const starts = Date.now() + 5 * 86_400_000;
      const event = await post<{ id: string }>("/api/v1/community/events", {
        title: `${MARK} meetup ${PAYLOADS[0]}`,
        kind: "meetup",
        spaceId: space.id,
        location: `${MARK} ${PAYLOADS[2]}`,
        timezone: "UTC",
        description: `<p>${MARK} talk</p>${ALL}`,
        startsAt: new Date(starts).toISOString(),
        endsAt: new Date(starts + 7_200_000).toISOString(),
      });
      ids.event = event.id;
      await post(`/api/v1/community/events/${event.id}/registrations`, { contactIds: [contact.id] });
    });

    test("the console shows them as text and runs none", async () => {
      // [screen, whether it shows one of the stored texts]: every screen is checked for payloads that ran.
      const screens: [string, boolean][] = [
        [`/contacts/${ids.contact}`, true],
        ["/contacts?q=xss.canary", true],
        [`/accounts?q=${MARK}`, true],
        [`/programs/${ids.program}`, true],
        [`/community/events/${ids.event}`, true],
        [`/community/spaces/${ids.space}`, true],
        ["/programs", true],
        ["/rewards", true],
        ["/listening", false],
        ["/advocates", false],
        ["/", false],
      ];
      for (const [path, shows] of screens) {
        await page.goto(path);
        await page.waitForLoadState("networkidle");
        if (shows) await page.getByText(MARK).first().waitFor();
        await assertNothingRan(page, path);
      }
      await page.goto(`/contacts/${ids.contact}`);
      // The name is shown literally, angle brackets and all.
      await page.getByText(`${MARK} ${PAYLOADS[1]}`).first().waitFor();
      await screenshot(page, `${dialect}-xss-contact`);
      expect(watch.errors, watch.errors.join("\n")).toEqual([]);
    });

    test("the advocate hub shows them as text and runs none", async () => {
      const me = (await page.evaluate(() => fetch("/api/v1/auth/me").then((r) => r.json()))) as Me;
      const session = await createAdvocateSession(
        { db: server.db, tenantId: me.tenant.id, clock: { now: () => Date.now() } },
        ids.contact as string,
      );
      const phone = await browser.newContext({
        viewport: { width: 390, height: 844 },
        baseURL: server.url,
        isMobile: true,
      });
      await phone.addCookies([{ name: "advo_hub", value: session.token, url: server.url }]);
      const hub = await phone.newPage();
      hub.on("dialog", (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      hub.setDefaultTimeout(15_000);
      const hubWatch = watchConsole(hub);
      const screens: [string, boolean][] = [
        ["/hub", false],
        ["/hub/programs", true],
        ["/hub/rewards", true],
        ["/hub/community", true],
        ["/hub/activity", false],
        ["/hub/profile", false],
      ];
      for (const [path, shows] of screens) {
        await hub.goto(path);
        await hub.waitForLoadState("networkidle");
        if (shows) await hub.getByText(MARK).first().waitFor();
        await assertNothingRan(hub, path);
      }
      await screenshot(hub, `${dialect}-xss-hub`);
      expect(hubWatch.errors, hubWatch.errors.join("\n")).toEqual([]);
      await phone.close();
    });
  });
}
