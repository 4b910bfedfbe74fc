import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { systemClock } from "@advo/core";
import { enqueueJob, runDueJobs } from "@advo/core/jobs";
import { DELIVER_ALERT } from "@advo/core/listening/mentions";
import { jobHandlers } from "@advo/server";
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

// Listening in the manager console on the demo workspace: mentions, organic advocates (invited to a
// program), spike alerts, feeds, the sentiment try-it box; and the dashboard's referral funnel card.

interface Program {
  id: string;
  name: string;
  status: string;
}
interface Member {
  contactId: string;
}
interface Alert {
  id: string;
}

/** A webhook receiver that answers 503 while `down`, and keeps what it was sent. */
async function webhookReceiver() {
  const hook = { down: true, received: [] as unknown[], url: "", server: null as Server | null };
  hook.server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      if (hook.down) {
        response.writeHead(503).end("maintenance");
        return;
      }
      hook.received.push(JSON.parse(body));
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => hook.server?.listen(0, "127.0.0.1", resolve));
  hook.url = `http://127.0.0.1:${(hook.server.address() as AddressInfo).port}/advo`;
  return hook;
}

for (const dialect of dialectsUnderTest()) {
  describe(`listening and the dashboard's new cards [${dialect}]`, () => {
    let server: TestServer;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    let watch: ConsoleWatch;
    let hook: Awaited<ReturnType<typeof webhookReceiver>> | undefined;
    const shot = (name: string) => screenshot(page, `${dialect}-${name}`);

    beforeAll(async () => {
      [server, browser] = await Promise.all([startTestServer(dialect), launchBrowser()]);
      context = await browser.newContext({ viewport: { width: 1360, height: 860 }, baseURL: server.url });
      page = await context.newPage();
      page.setDefaultTimeout(15_000);
      watch = watchConsole(page);
      await signIn(page, watch);
    });

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
      await new Promise((resolve) => hook?.server?.close(resolve));
    });

    test("the dashboard shows the referral funnel and reference requests by state", async () => {
      await page.goto("/");
      const funnel = page.getByRole("group", { name: "Referral funnel for all referral programs" });
      await funnel.waitFor();
      for (const step of ["Clicks", "Leads", "Conversions"]) {
        await funnel.getByText(step, { exact: true }).waitFor();
      }
      await page.getByTestId("referred-revenue").waitFor();
      await page.getByRole("heading", { name: "Reference requests by state" }).waitFor();
      expect(await page.getByText(/coming soon|coming to advo/i).count()).toBe(0);
      await shot("dashboard-referrals-references");
      await page.getByRole("link", { name: "View referrals" }).click();
      await page.waitForURL(/\/referrals$/);
    });

    test("lists the demo's mentions, newest first, with sentiment and filters", async () => {
      await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Listening" }).click();
      await page.getByRole("heading", { name: "Listening", exact: true }).waitFor();
      const rows = page.getByRole("table", { name: "Mentions" }).locator("tbody tr");
      await rows.first().waitFor();
      expect(await rows.count()).toBeGreaterThan(20);
      await page.getByRole("region", { name: "Sentiment over time" }).waitFor();
      // Today's burst of negative mentions is the newest.
      await rows
        .first()
        .getByText(/^negative/)
        .waitFor();
      await shot("listening-mentions");

      await page.getByRole("combobox", { name: "Brand" }).click();
      await page.getByRole("option", { name: "Demo Co" }).click();
      await page.waitForURL(/brand=Demo/);
      await rows.first().waitFor();
    });

    test("shows the negative-spike alert the demo's burst raised", async () => {
      await page.getByRole("tab", { name: /Alerts/ }).click();
      const alerts = page.getByRole("table", { name: "Negative-spike alerts" });
      await alerts.locator("tbody tr").first().waitFor();
      await alerts.getByText("Open").first().waitFor();
      // What opened it, in words: the burst is more negative mentions than usual (and maybe a sentiment drop).
      const why = alerts
        .locator("tbody tr")
        .first()
        .getByText(/^(More negative mentions|Sentiment dropped)/);
      await why.waitFor();
      expect(await why.getAttribute("title")).toMatch(/^Opened by (volume|tone|both):/);
      await shot("listening-alerts");
    });

    test("suggests organic advocates and invites one to a program", async () => {
      await page.getByRole("tab", { name: /Organic advocates/ }).click();
      const first = page.locator("section").filter({ hasText: "Evidence" }).first();
      await first.waitFor();
      const name = ((await first.getByRole("heading", { level: 3 }).textContent()) ?? "").trim();
      expect(name.length).toBeGreaterThan(0);
      const href = (await first.getByRole("heading", { level: 3 }).getByRole("link").getAttribute("href")) ?? "";
      const contactId = href.split("/").pop() ?? "";
      await shot("listening-organic-advocates");

      const programs = (await apiFromPage<{ data: Program[] }>(page, "/api/v1/programs")).data;
      const program = programs.find((p) => p.status === "active") ?? programs[0];
      expect(program).toBeDefined();
      if (!program) return;
      await first.getByRole("combobox", { name: `Program to invite ${name} to` }).click();
      await page.getByRole("option", { name: program.name, exact: true }).click();
      await first.getByRole("button", { name: "Invite to program" }).click();

      const outcome = page.getByRole("status").filter({ hasText: name }).first();
      await outcome.waitFor();
      const text = (await outcome.textContent()) ?? "";
      await shot("listening-invited");
      if (/was invited/.test(text)) {
        const members = (
          await apiFromPage<{ data: Member[] }>(page, `/api/v1/programs/${program.id}/members?limit=500`)
        ).data;
        expect(members.some((m) => m.contactId === contactId)).toBe(true);
        // Invited now: no longer suggested.
        await expect.poll(() => page.getByRole("heading", { level: 3, name, exact: true }).count()).toBe(0);
      } else {
        // Ask-fatigue limits protected them: the server's reasons are shown.
        expect(text).toMatch(/not invited/);
        expect(await outcome.getByRole("listitem").count()).toBeGreaterThan(0);
      }
    });

    test("shows the demo feed with its next poll", async () => {
      await page.getByRole("tab", { name: "Feeds" }).click();
      const feeds = page.getByRole("table", { name: "Feeds" });
      await feeds.getByText("Demo Co blog mentions (demo)").waitFor();
      await page.getByRole("form", { name: "Add a feed" }).waitFor();
      await shot("listening-feeds");
    });

    test("scores a sentence in the sentiment box", async () => {
      await page.getByRole("tab", { name: "Try sentiment" }).click();
      await page.getByRole("textbox", { name: "Text to score" }).fill("the onboarding was slow but support was great");
      await page.getByRole("button", { name: "Score" }).click();
      const compound = Number((await page.getByTestId("sentiment-compound").textContent()) ?? "NaN");
      expect(compound).toBeGreaterThan(0);
      expect(compound).toBeLessThanOrEqual(1);
      expect(await page.getByTestId("sentiment-label").textContent()).toBe("positive");
      await page.getByText("Positive", { exact: true }).waitFor();
      await page.getByText("Negative", { exact: true }).waitFor();
      await shot("listening-sentiment");
    });

    test("a spike alert's webhook is down: the failed delivery shows in Settings and is retried from there", async () => {
      hook = await webhookReceiver();
      const settings = await apiFromPage<{ alerts: Record<string, unknown> }>(page, "/api/v1/settings/listening");
      await apiFromPage(page, "/api/v1/settings/listening", {
        method: "PUT",
        body: { ...settings, alerts: { ...settings.alerts, webhookUrls: [hook.url] } },
      });
      const alert = (await apiFromPage<{ data: Alert[] }>(page, "/api/v1/listening/alerts")).data[0];
      expect(alert).toBeDefined();
      const demo = await server.db
        .selectFrom("tenants")
        .select("tenantId")
        .where("slug", "=", "demo")
        .executeTakeFirstOrThrow();
      const scope = { db: server.db, tenantId: demo.tenantId, clock: systemClock };
      // The worker is off in these servers: run what it would, with its handlers (the demo's own
      // queued rescores and referral payouts included). One attempt, so the first failure is final.
      const job = await enqueueJob(scope, DELIVER_ALERT, { alertId: alert?.id }, { maxAttempts: 1 });
      const drain = async () => {
        while ((await runDueJobs(server.db, systemClock, jobHandlers, { limit: 50 })) > 0);
      };
      await drain();

      await page.goto("/settings?tab=jobs&jobs=failed");
      const showJobs = (filter: string) => page.getByLabel("Show jobs").getByText(filter, { exact: true }).click();
      const jobs = page.getByRole("table", { name: "Background jobs" });
      const row = jobs.locator("tbody tr").filter({ hasText: "Deliver a negative-spike alert" });
      await row.waitFor();
      expect(await jobs.locator("tbody tr").count()).toBe(1);
      await row.getByText("Failed", { exact: true }).waitFor();
      await row.getByText("1 of 1").waitFor();
      await row.getByText(`alert delivery failed: ${hook.url} (HTTP 503)`).waitFor();
      await shot("settings-jobs-failed");

      hook.down = false;
      await row.getByRole("button", { name: "Retry Deliver a negative-spike alert" }).click();
      await page.getByText("Deliver a negative-spike alert: queued for one more attempt.").waitFor();
      await page.getByText("All clear").waitFor();
      await showJobs("Waiting");
      await jobs.locator("tbody tr").filter({ hasText: "Deliver a negative-spike alert" }).waitFor();

      await drain();
      expect(hook.received).toEqual([expect.objectContaining({ type: "mention.negative_spike" })]);
      const left = await apiFromPage<{ data: { id: string }[] }>(page, "/api/v1/jobs");
      expect(left.data.map((j) => j.id)).not.toContain(job);
      await showJobs("All");
      await expect
        .poll(() => jobs.locator("tbody tr").filter({ hasText: "Deliver a negative-spike alert" }).count(), {
          timeout: 15_000,
        })
        .toBe(0);
      await shot("settings-jobs-all");
    });

    test("left no console errors", () => {
      expect(watch.errors).toEqual([]);
    });
  });
}
