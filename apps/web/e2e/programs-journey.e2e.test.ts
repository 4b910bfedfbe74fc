import { dialectsUnderTest } from "@advo/test-kit";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  apiFromPage,
  type ConsoleWatch,
  launchBrowser,
  screenshot,
  signIn,
  startTestServer,
  type TestServer,
  watchConsole,
} from "./harness.ts";

// Programs, challenges, the review queue, rewards and a contact's points in the manager console;
// then the advocate hub on a phone: sign in by emailed link, answer a challenge, redeem a reward.

interface Contact {
  id: string;
  email: string | null;
}
interface Submission {
  id: string;
  state: string;
  contactName: string | null;
}
interface Challenge {
  id: string;
  title: string;
}

const PHONE = { width: 375, height: 740 };
const number = (text: string | null) => Number((text ?? "").replace(/[^\d-]/g, ""));

for (const dialect of dialectsUnderTest()) {
  describe(`programs, rewards and the advocate hub [${dialect}]`, () => {
    let server: TestServer;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    let watch: ConsoleWatch;
    let programId = "";
    let advocate: Contact & { email: string };
    let startBalance = 0;
    const PROGRAM = `Customer voices (${dialect})`;
    const AUTOMATIC = `Share your story (${dialect})`;
    const REVIEW = `Review us on G2 (${dialect})`;
    const REWARD = `Journey hoodie (${dialect})`;
    const SHOUTOUT = `Thank you for the G2 review! (${dialect})`;
    const shot = (name: string, on: Page = page) => screenshot(on, `${dialect}-${name}`);

    beforeAll(async () => {
      [server, browser] = await Promise.all([startTestServer(dialect), launchBrowser()]);
      context = await browser.newContext({ viewport: { width: 1360, height: 860 }, baseURL: server.url });
      page = await context.newPage();
      page.setDefaultTimeout(15_000);
      watch = watchConsole(page);
      await signIn(page, watch);
      // An advocate with an email who may accept gifts (the hub signs in by email).
      const row = await server.db
        .selectFrom("contacts")
        .select(["id", "email"])
        .where("email", "is not", null)
        .where("giftsRestricted", "=", 0)
        .orderBy("id")
        .executeTakeFirstOrThrow();
      advocate = { id: row.id, email: row.email as string };
      startBalance = (await apiFromPage<{ balance: number }>(page, `/api/v1/ledger/accounts/${advocate.id}`)).balance;
    });

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    test("creates a program with a goal and a budget", async () => {
      await page.goto("/programs");
      await page.getByRole("heading", { name: "Programs", exact: true }).waitFor();
      await page.getByRole("link", { name: "New program" }).click();
      const form = page.getByRole("form", { name: "New program" });
      await form.getByLabel(/^Name/).fill(PROGRAM);
      await form.getByRole("combobox", { name: "Type" }).click();
      await page.getByRole("option", { name: "Content", exact: true }).click();
      await form.getByLabel("Points budget").fill("50000");
      await form.getByRole("button", { name: "Add goal" }).click();
      await form.getByLabel("Goal 1 target").fill("25");
      await form.getByLabel("Description").fill("Stories, quotes and reviews from our best customers.");
      await form.getByRole("button", { name: "Create program" }).click();
      await page.waitForURL(/\/programs\/prg_[^/]+$/);
      programId = new URL(page.url()).pathname.split("/").pop() ?? "";
      await page.getByRole("heading", { name: PROGRAM }).waitFor();
      await page.getByText("0 / 50,000 pts").waitFor();
      await page.getByText("No challenges yet").waitFor();
    });

    test("creates an automatic challenge", async () => {
      await page.getByRole("link", { name: "New challenge" }).first().click();
      const form = page.getByRole("form", { name: "New challenge" });
      await form.getByLabel(/^Title/).fill(AUTOMATIC);
      await form.getByLabel(/^Points/).fill("50");
      await form.getByText("Automatic", { exact: true }).click();
      await form.getByLabel("Description").fill("Tell us in a post how Advo helps your team, and link it here.");
      await form.getByRole("button", { name: "Create challenge" }).click();
      await page.waitForURL(new RegExp(`/programs/${programId}$`));
      await page.getByRole("table", { name: "Challenges" }).getByText(AUTOMATIC).waitFor();
    });

    test("shows the review site's incentive cap next to the points, keeping what was typed", async () => {
      await page.goto("/settings?tab=compliance");
      const policy = page.getByRole("form", { name: "Endorsement compliance" });
      await policy.getByLabel("G2", { exact: true }).fill("25");
      await policy.getByRole("button", { name: "Save policy" }).click();
      await page.getByText("Compliance policy saved").waitFor();
      await page.goto(`/programs/${programId}`);
      await page.getByRole("link", { name: "New challenge" }).first().click();
      const form = page.getByRole("form", { name: "New challenge" });
      await form.getByLabel(/^Title/).fill(REVIEW);
      await form.getByRole("combobox", { name: "Type" }).click();
      await page.getByRole("option", { name: "Review", exact: true }).click();
      await form.getByRole("combobox", { name: "Review site" }).click();
      await page.getByRole("option", { name: "G2", exact: true }).click();
      await form.getByLabel(/^Points/).fill("5000");
      const refused = watch.allow(400, "/api/v1/challenges");
      await form.getByRole("button", { name: "Create challenge" }).click();
      await form.getByText(/over g2's incentive cap/).waitFor();
      refused();
      expect(await form.getByLabel(/^Title/).inputValue()).toBe(REVIEW);
      await shot("challenge-site-cap");
      await form.getByLabel(/^Points/).fill("2000");
      await form.getByRole("button", { name: "Create challenge" }).click();
      await page.waitForURL(new RegExp(`/programs/${programId}$`));
      await page.getByRole("table", { name: "Challenges" }).getByText(REVIEW).waitFor();
      await shot("program");
    });

    test("adds a reward with stock and sets this quarter's budget", async () => {
      await page.getByRole("link", { name: "Rewards", exact: true }).click();
      await page.getByRole("heading", { name: "Rewards", exact: true }).waitFor();
      await page.getByRole("button", { name: "New reward" }).click();
      const form = page.getByRole("form", { name: "New reward" });
      await form.getByLabel(/^Name/).fill(REWARD);
      await form.getByLabel(/^Cost in points/).fill("100");
      await form.getByLabel(/^Value/).fill("30");
      await form.getByLabel(/^Stock/).fill("5");
      await form.getByRole("button", { name: "Add reward" }).click();
      const row = page.getByRole("table", { name: "Reward catalog" }).getByRole("row", { name: REWARD });
      await row.waitFor();
      expect(await row.textContent()).toContain("5");
      await shot("rewards");

      // The demo workspace may already have spent from this quarter's budget: leave room for $500 more.
      const budgets = await apiFromPage<{ data: { programId: string | null; spentCents: number }[] }>(
        page,
        `/api/v1/reward-budgets?quarter=${new Date().getFullYear()}-Q${Math.floor(new Date().getMonth() / 3) + 1}`,
      );
      const spent = budgets.data.find((b) => b.programId === null)?.spentCents ?? 0;
      await page.getByRole("tab", { name: "Budgets" }).click();
      const budget = page.getByRole("form", { name: "Set a budget" });
      await budget.getByLabel("Limit (USD)").fill(String(Math.ceil(spent / 100) + 500));
      await budget.getByRole("button", { name: "Save budget" }).click();
      await page.getByRole("table", { name: "Reward budgets" }).getByText("Whole workspace").waitFor();
    });

    test("approves a submission from the review queue, and the points reach the contact", async () => {
      await apiFromPage(page, `/api/v1/programs/${programId}/members`, {
        method: "POST",
        body: { contactIds: [advocate.id] },
      });
      const challenges = await apiFromPage<{ data: Challenge[] }>(page, `/api/v1/challenges?programId=${programId}`);
      const review = challenges.data.find((c) => c.title === REVIEW);
      if (!review) throw new Error("the review challenge was not created");
      const submission = await apiFromPage<Submission>(page, `/api/v1/challenges/${review.id}/submissions`, {
        method: "POST",
        body: { contactId: advocate.id, evidence: { url: "https://www.g2.com/products/advo/reviews/advo-review-1" } },
      });
      expect(submission.state).toBe("pending");

      await page.getByRole("link", { name: "Programs", exact: true }).click();
      await page.getByRole("tab", { name: /Review queue/ }).click();
      const card = page.getByRole("article", { name: `Submission by ${submission.contactName ?? "Unnamed contact"}` });
      await card.getByText(REVIEW).waitFor();
      await shot("review-queue");
      await card.getByRole("button", { name: "Approve" }).click();
      await card.waitFor({ state: "detached" });

      await page.goto(`/contacts/${advocate.id}?tab=points`);
      await expect
        .poll(async () => number(await page.getByTestId("points-balance").textContent()), { timeout: 10_000 })
        .toBe(startBalance + 2000);
      await page.getByRole("table", { name: "Ledger entries" }).getByText(REVIEW).waitFor();
      await page.getByRole("table", { name: "Submissions" }).getByText("Approved").waitFor();
      const thanks = page.getByRole("form", { name: "Give a shout-out" });
      await thanks.getByLabel("Shout-out").fill(SHOUTOUT);
      await thanks.getByRole("button", { name: "Post shout-out" }).click();
      await page.getByText("Shout-out posted").waitFor();
      await shot("contact-points");
    });

    test("an advocate signs in by emailed link on a phone, answers a challenge and redeems a reward", async () => {
      const phone = await browser.newContext({ viewport: PHONE, baseURL: server.url, hasTouch: true });
      const hub = await phone.newPage();
      hub.setDefaultTimeout(15_000);
      const hubWatch = watchConsole(hub);
      try {
        const anonymous = hubWatch.allow(401, "/api/v1/hub/me");
        await hub.goto("/hub");
        await hub.waitForURL(/\/hub\/sign-in/);
        const form = hub.getByRole("form", { name: "Sign in to the advocate hub" });
        await form.getByLabel(/^Workspace/).fill("demo");
        await form.getByLabel(/^Email/).fill(advocate.email);
        await form.getByRole("button", { name: "Email me a sign-in link" }).click();
        await hub.getByText("Check your email").waitFor();
        await shot("hub-sign-in", hub);

        const mail = await server.db
          .selectFrom("emailOutbox")
          .select(["textBody"])
          .where("toAddress", "=", advocate.email)
          .where("purpose", "=", "magic_link")
          .orderBy("createdAt", "desc")
          .executeTakeFirstOrThrow();
        const token = /\/hub\/sign-in#token=(\S+)/.exec(mail.textBody)?.[1];
        if (!token) throw new Error(`no sign-in link in the email: ${mail.textBody}`);
        await hub.goto("about:blank");
        await hub.goto(`/hub/sign-in#token=${token}`);
        await hub.waitForURL((url) => url.pathname === "/hub" && url.hash === "");
        anonymous();

        const balance = hub.getByLabel(/^\d+ points$/);
        await expect.poll(async () => number(await balance.getAttribute("aria-label"))).toBe(startBalance + 2000);
        const challenge = hub.getByRole("article", { name: AUTOMATIC });
        await challenge.getByRole("button", { name: "Complete this challenge" }).click();
        await challenge.getByLabel(/^Link/).fill("https://www.linkedin.com/posts/advo-story-1");
        await shot("hub-challenges", hub);
        await challenge.getByRole("button", { name: "Submit" }).click();
        await expect
          .poll(async () => number(await balance.getAttribute("aria-label")), { timeout: 10_000 })
          .toBe(startBalance + 2050);
        await challenge.getByText("Completed ✓").waitFor();

        await hub.getByRole("navigation", { name: "Hub navigation" }).getByRole("link", { name: "Rewards" }).click();
        const reward = hub.getByRole("article", { name: REWARD });
        await reward.getByRole("button", { name: `Redeem ${REWARD}` }).click();
        await hub.getByRole("dialog").getByRole("button", { name: "Confirm" }).click();
        await expect
          .poll(async () => number(await balance.getAttribute("aria-label")), { timeout: 10_000 })
          .toBe(startBalance + 1950);
        await hub.getByLabel("My redemptions").getByText(REWARD).waitFor();
        await shot("hub-rewards", hub);

        await hub.getByRole("navigation", { name: "Hub navigation" }).getByRole("link", { name: "Activity" }).click();
        await hub.getByLabel("Points history").getByText(AUTOMATIC).waitFor();
        await hub.getByRole("navigation", { name: "Hub navigation" }).getByRole("link", { name: "Community" }).click();
        await hub.getByText(SHOUTOUT).waitFor();
        await hub.getByLabel("Leaderboard").waitFor();
        await shot("hub-community", hub);
        await hub.getByRole("navigation", { name: "Hub navigation" }).getByRole("link", { name: "Profile" }).click();
        await hub.getByRole("form", { name: "Profile and preferences" }).waitFor();
        await shot("hub-profile", hub);

        // Nothing wider than the phone: no sideways scrolling on any of these screens.
        expect(await hub.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
        expect(hubWatch.errors).toEqual([]);
      } finally {
        await phone.close();
      }
    });

    test("the manager sees the redemption and the dashboard's program cards, with no console errors", async () => {
      await page.goto("/rewards?tab=redemptions&state=all");
      await page.getByRole("table", { name: "Redemptions" }).getByText(REWARD).waitFor();
      await page.goto("/");
      await page.getByRole("heading", { name: "Program activity", exact: true }).waitFor();
      await page.getByRole("heading", { name: "Program activity over time, last 30 days" }).waitFor();
      await page.getByRole("heading", { name: "Reward spend vs budget" }).waitFor();
      expect(watch.errors).toEqual([]);
    });
  });
}
