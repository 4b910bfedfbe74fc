import { dialectsUnderTest } from "@advo/test-kit";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  apiFromPage,
  type ConsoleWatch,
  DEMO,
  launchBrowser,
  screenshot,
  startTestServer,
  type TestServer,
  watchConsole,
} from "./harness.ts";

// Referrals and references across three roles: the manager's funnel and fraud review queue, the
// salesperson's reference desk, the manager asking the top candidate, and the advocate answering
// the ask and copying their referral link in the hub on a phone.

const PHONE = { width: 375, height: 740 };

interface RequestDetail {
  id: string;
  status: string;
  asks: { contactId: string; name: string; status: string }[];
}

async function signInAs(page: Page, watch: ConsoleWatch, email: string, next = "/") {
  const anonymous = watch.allow(401, "/api/v1/auth/me");
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Workspace").fill(DEMO.workspace);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel(/^Password/).fill(DEMO.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  anonymous();
}

for (const dialect of dialectsUnderTest()) {
  describe(`referrals and references [${dialect}]`, () => {
    let server: TestServer;
    let browser: Browser;
    let manager: BrowserContext;
    let page: Page;
    let watch: ConsoleWatch;
    let requestId = "";
    const PROSPECT = `Northwind Payments (${dialect})`;
    const shot = (name: string, on: Page = page) => screenshot(on, `${dialect}-${name}`);

    beforeAll(async () => {
      [server, browser] = await Promise.all([startTestServer(dialect), launchBrowser()]);
      manager = await browser.newContext({ viewport: { width: 1360, height: 860 }, baseURL: server.url });
      page = await manager.newPage();
      page.setDefaultTimeout(15_000);
      watch = watchConsole(page);
      await signInAs(page, watch, "manager@demo.advo.dev");
    });

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    test("a manager sees the demo referral funnel and approves an item in the fraud review queue", async () => {
      await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Referrals" }).click();
      await page.getByRole("heading", { name: "Referrals", exact: true }).waitFor();
      const funnel = page.getByRole("group", { name: /^Referral funnel for / }).first();
      await funnel.getByText("Clicks", { exact: true }).waitFor();
      await funnel.getByText("Conversions", { exact: true }).waitFor();
      await page.getByText("Referral rate").first().waitFor();
      await shot("referrals-funnel");

      await page.getByRole("tab", { name: /Review queue/ }).click();
      const queue = page.getByLabel("Fraud review queue");
      const first = queue.getByRole("article").first();
      await first.waitFor();
      const label = (await first.getAttribute("aria-label")) ?? "";
      expect(await first.getByLabel(/^Fraud score \d+ of 100$/).count()).toBe(1);
      expect(await first.getByLabel("Reasons").getByRole("listitem").count()).toBeGreaterThan(0);
      const before = await queue.getByRole("article").count();
      await shot("referrals-review-queue");
      await first.getByRole("button", { name: "Approve" }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByLabel("Note").fill("Checked with the account owner: a real colleague.");
      await dialog.getByRole("button", { name: "Approve" }).click();
      await dialog.waitFor({ state: "detached" });
      await expect.poll(() => queue.getByRole("article", { name: label, exact: true }).count()).toBe(0);
      expect(await queue.getByRole("article").count()).toBeLessThan(before);
    });

    test("a sales user files a reference request for a fintech prospect and sees ranked candidates with reasons", async () => {
      const sales = await browser.newContext({ viewport: { width: 1360, height: 860 }, baseURL: server.url });
      const desk = await sales.newPage();
      desk.setDefaultTimeout(15_000);
      const salesWatch = watchConsole(desk);
      try {
        await signInAs(desk, salesWatch, "sales@demo.advo.dev", "/reference-desk");
        const nav = desk.getByRole("navigation", { name: "Main navigation" });
        await nav.getByRole("link", { name: "Reference desk" }).waitFor();
        expect(await nav.getByRole("link", { name: "Settings" }).count()).toBe(0);
        expect(await nav.getByRole("link", { name: "References", exact: true }).count()).toBe(0);

        const form = desk.getByRole("form", { name: "File a reference request" });
        await form.getByLabel(/^Prospect/).fill(PROSPECT);
        await form.getByLabel("Industry").fill("fintech");
        await form.getByLabel("Employees").fill("500");
        await form.getByRole("combobox", { name: "Region" }).click();
        await desk.getByRole("option", { name: "EMEA", exact: true }).click();
        await form.getByLabel("Competitor").fill("Globex");
        await form.getByLabel("Deal amount (USD)").fill("120000");
        await form.getByLabel("Stage").fill("Evaluation");
        await form.getByLabel("CRM opportunity id").fill(`opp-e2e-${dialect}`);
        await form.getByRole("button", { name: "Find references" }).click();
        await desk.waitForURL(/\/references\/requests\/[^/]+$/);
        requestId = new URL(desk.url()).pathname.split("/").pop() ?? "";
        await desk.getByRole("heading", { name: PROSPECT }).waitFor();
        const ranked = desk.getByRole("list", { name: "Ranked candidates" });
        const top = ranked.getByRole("listitem").first();
        await top.waitFor();
        await expect.poll(() => top.getByText(/fintech/i).count()).toBeGreaterThan(0);
        expect(await ranked.getByRole("listitem").count()).toBeGreaterThan(1);
        // Sales follows the request; asking is the manager's.
        expect(await desk.getByRole("button", { name: /^Ask / }).count()).toBe(0);
        await shot("reference-desk-candidates", desk);
        expect(salesWatch.errors).toEqual([]);
      } finally {
        await sales.close();
      }
    });

    test("a manager asks the top candidate; the advocate accepts in the hub on a phone and copies their referral link", async () => {
      await page.goto(`/references/requests/${requestId}`);
      const ranked = page.getByRole("list", { name: "Ranked candidates" });
      const top = ranked.getByRole("listitem").first();
      await top.waitFor();
      await top.getByRole("button", { name: /^Ask / }).click();
      await page.getByRole("table", { name: "Asks" }).waitFor();
      await page.getByLabel("State: Asked").waitFor();
      await shot("reference-request");
      const detail = await apiFromPage<RequestDetail>(page, `/api/v1/reference-requests/${requestId}`);
      const asked = detail.asks[0];
      if (!asked) throw new Error("nobody was asked");

      // Invite the advocate to the demo referral program (they join it themselves in the hub).
      const programs = await apiFromPage<{ data: { id: string; type: string; status: string }[] }>(
        page,
        "/api/v1/programs",
      );
      const referral = programs.data.find((p) => p.type === "referral" && p.status === "active");
      if (!referral) throw new Error("the demo has no active referral program");
      await apiFromPage(page, `/api/v1/programs/${referral.id}/members`, {
        method: "POST",
        body: { contactIds: [asked.contactId], ignoreFatigue: true },
      });
      const contact = await server.db
        .selectFrom("contacts")
        .select(["email"])
        .where("id", "=", asked.contactId)
        .executeTakeFirstOrThrow();
      const email = contact.email as string;

      const phone = await browser.newContext({ viewport: PHONE, baseURL: server.url, hasTouch: true });
      await phone.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
      const hub = await phone.newPage();
      hub.setDefaultTimeout(15_000);
      const hubWatch = watchConsole(hub);
      try {
        const anonymous = hubWatch.allow(401, "/api/v1/hub/me");
        await hub.goto("/hub/sign-in");
        const form = hub.getByRole("form", { name: "Sign in to the advocate hub" });
        await form.getByLabel(/^Workspace/).fill("demo");
        await form.getByLabel(/^Email/).fill(email);
        await form.getByRole("button", { name: "Email me a sign-in link" }).click();
        await hub.getByText("Check your email").waitFor();
        const mail = await server.db
          .selectFrom("emailOutbox")
          .select(["textBody"])
          .where("toAddress", "=", email)
          .where("purpose", "=", "magic_link")
          .orderBy("createdAt", "desc")
          .executeTakeFirstOrThrow();
        const token = /\/hub\/sign-in#token=(\S+)/.exec(mail.textBody)?.[1];
        if (!token) throw new Error(`no sign-in link in the email: ${mail.textBody}`);
        await hub.goto("about:blank");
        await hub.goto(`/hub/sign-in#token=${token}`);
        await hub.waitForURL((url) => url.pathname === "/hub" && url.hash === "");
        anonymous();

        await hub.getByRole("navigation", { name: "Hub navigation" }).getByRole("link", { name: "Programs" }).click();
        const ask = hub.getByLabel("Reference asks").getByRole("article").first();
        await ask.getByText(/fintech/).waitFor();
        await shot("hub-reference-ask", hub);
        await ask.getByRole("button", { name: "Accept" }).click();
        await ask.getByText("accepted").waitFor();

        const program = hub.getByLabel("Programs").getByRole("article").filter({ hasText: "Invited" }).first();
        await program.getByRole("button", { name: "Join" }).click();
        const link = hub.getByLabel("My referral link");
        await link.getByRole("button", { name: "Get my referral link" }).click();
        const field = link.getByLabel("Referral link");
        await field.waitFor();
        const url = await field.inputValue();
        expect(url).toMatch(/\/r\/demo\/[A-Za-z0-9_-]+$/);
        await link.getByRole("button", { name: "Copy link" }).click();
        await link.getByRole("button", { name: "Copied" }).waitFor();
        expect(await hub.evaluate(() => navigator.clipboard.readText())).toBe(url);
        expect(await link.getByRole("link", { name: "Share on LinkedIn" }).getAttribute("href")).toContain(
          encodeURIComponent(url),
        );
        await shot("hub-referral-link", hub);
        expect(await hub.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
        expect(hubWatch.errors).toEqual([]);
      } finally {
        await phone.close();
      }

      const after = await apiFromPage<RequestDetail>(page, `/api/v1/reference-requests/${requestId}`);
      expect(after.status).toBe("accepted");
      expect(watch.errors).toEqual([]);
    });
  });
}
