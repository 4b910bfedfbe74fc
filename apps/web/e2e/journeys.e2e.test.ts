import { systemClock } from "@advo/core";
import { advanceJourneys } from "@advo/core/journeys";
import { dialectsUnderTest } from "@advo/test-kit";
import { describe, expect, test } from "vitest";
import { apiFromPage, screenshot, signedInSession } from "./harness.ts";

// Journeys in the manager console: the demo's running journey and its history; then a new journey
// built in the form (a bad condition answered next to its field), activated for a segment's members,
// and its first steps shown once the worker's pass has run.

interface Segment {
  id: string;
  name: string;
  memberCount: number;
}

for (const dialect of dialectsUnderTest()) {
  describe(`journeys [${dialect}]`, () => {
    const session = signedInSession(dialect, "/");
    const shot = (name: string) => screenshot(session.page, `${dialect}-${name}`);

    test("lists the demo's journeys and shows what the running one did", async () => {
      const { page } = session;
      await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Journeys" }).click();
      const journeys = page.getByRole("table", { name: "Journeys" });
      const running = journeys.locator("tbody tr").filter({ hasText: "Thank promoters" });
      await running.getByText("active", { exact: true }).waitFor();
      await journeys.locator("tbody tr").filter({ hasText: "Win back" }).getByText("draft", { exact: true }).waitFor();
      await shot("journeys");
      await running.getByRole("link").click();
      await page.getByRole("heading", { name: /Thank promoters/ }).waitFor();
      const steps = page.getByRole("table", { name: "Journey steps taken" }).locator("tbody tr");
      await steps.first().waitFor();
      expect(await steps.filter({ hasText: "Email" }).filter({ hasText: "done" }).count()).toBeGreaterThan(0);
      expect(
        Number((await page.getByRole("group", { name: "In the journey now" }).textContent())?.replace(/\D/g, "")),
      ).toBeGreaterThan(0);
      await shot("journey-running");
    });

    test("builds a journey, refuses a bad condition next to its field, and runs it for a segment", async () => {
      const { page, server } = session;
      const segments = (await apiFromPage<{ data: Segment[] }>(page, "/api/v1/segments")).data;
      const target = segments.find((s) => s.memberCount > 0 && s.name.startsWith("Ready to ask")) ?? segments[0];
      expect(target).toBeDefined();
      if (!target) return;
      await page.goto("/journeys");
      await page.getByRole("link", { name: "New journey" }).first().click();
      const form = page.getByRole("form", { name: "New journey" });
      await form.getByRole("textbox", { name: "Name" }).fill(`Reward the ready (${dialect})`);
      await form.getByRole("combobox", { name: "Saved segment" }).click();
      await page.getByRole("option", { name: new RegExp(`^${target.name}`) }).click();
      await form.getByRole("textbox", { name: "Condition (optional)" }).fill("nps >> 9");
      await form.getByRole("textbox", { name: "Step 1 subject" }).fill("You're one of our best, {{firstName}}");
      await form.getByRole("textbox", { name: "Step 1 body" }).fill("Hi {{firstName}}, thank you from all of us.");
      await form.getByRole("checkbox", { name: /This email asks for something/ }).uncheck();
      // Filled in for a real contact, with the footer every journey email carries; nothing sent.
      await form.getByRole("button", { name: "Preview step 1 email" }).click();
      const preview = page.getByRole("dialog", { name: "Email preview" });
      await preview.getByText("Nothing was sent.").waitFor();
      const previewed = await preview.getByLabel("Email body").textContent();
      expect(previewed).toMatch(
        /^Hi \S+, thank you from all of us\.\n\n--\nYou get this email because you agreed to hear from Demo Co\./,
      );
      expect(previewed).not.toContain("{{");
      await page.keyboard.press("Escape");
      await preview.waitFor({ state: "hidden" });
      await form.getByRole("combobox", { name: "Step to add" }).click();
      await page.getByRole("option", { name: "Award points" }).click();
      await form.getByRole("button", { name: "Add step" }).click();
      await form.getByRole("textbox", { name: "Step 2 reason" }).fill("Thanks for being a top advocate");
      await form.getByRole("textbox", { name: "Step 2 only if" }).fill("advocacy_score >= 0");
      const refused = session.watch.allow(400, "/api/v1/journeys");
      await form.getByRole("button", { name: "Create journey" }).click();
      await form.getByText(/position 6: expected a value/i).waitFor();
      refused();
      await shot("journey-form-error");

      await form.getByRole("textbox", { name: "Condition (optional)" }).fill("open_tickets = 0");
      await form.getByRole("textbox", { name: "Goal (optional)" }).fill('lifecycle_stage = "champion"');
      await form.getByRole("button", { name: "Create journey" }).click();
      await page.getByRole("heading", { name: `Reward the ready (${dialect})` }).waitFor();
      await page.getByText("draft", { exact: true }).first().waitFor();
      await page.getByText("Award 50 points, only if advocacy_score >= 0").waitFor();
      await page.getByRole("group", { name: "Reached the goal" }).getByText("0", { exact: true }).waitFor();
      await page.getByRole("button", { name: "Activate" }).click();
      await page.getByRole("checkbox", { name: /Also enroll everyone in/ }).check();
      await page.getByRole("button", { name: "Activate journey" }).click();
      await page.getByText("active", { exact: true }).first().waitFor();
      // Paused and resumed, catching up on who joined the segment meanwhile.
      await page.getByRole("button", { name: "Pause", exact: true }).click();
      await page.getByText("paused", { exact: true }).first().waitFor();
      await page.getByRole("button", { name: "Resume", exact: true }).click();
      await page.getByRole("checkbox", { name: /while it was paused/ }).check();
      await page.getByRole("button", { name: "Resume journey" }).click();
      await page.getByText("active", { exact: true }).first().waitFor();

      // The worker is off in these servers: one pass of what it runs every 10 seconds.
      const demo = await server.db
        .selectFrom("tenants")
        .select("tenantId")
        .where("slug", "=", "demo")
        .executeTakeFirstOrThrow();
      const moved = await advanceJourneys(
        { db: server.db, tenantId: demo.tenantId, clock: systemClock },
        { unsubscribe: { publicUrl: server.url, keys: server.secretKey } },
      );
      expect(moved.steps).toBeGreaterThan(0);
      await page.reload();
      const steps = page.getByRole("table", { name: "Journey steps taken" }).locator("tbody tr");
      await steps.filter({ hasText: "Points" }).first().waitFor();
      expect(await steps.filter({ hasText: "Points" }).filter({ hasText: "done" }).count()).toBeGreaterThan(0);
      await shot("journey-new-ran");

      // The contact's page says what the journey did for them.
      await steps.filter({ hasText: "Points" }).first().getByRole("link").click();
      const card = page
        .locator("section, div")
        .filter({ has: page.getByRole("heading", { name: "Journeys", exact: true }) })
        .last();
      await card
        .getByRole("link", { name: `Reward the ready (${dialect})` })
        .first()
        .waitFor();
      await card.getByText("Points: done").first().waitFor();

      // The link at the foot of a journey email: a page that asks, then stops the emails.
      const email = await server.db
        .selectFrom("emailOutbox")
        .select(["textBody", "contactId"])
        .where("purpose", "=", "journey")
        .where("textBody", "like", "%/unsubscribe#token=%")
        .executeTakeFirstOrThrow();
      const link = /(http\S+\/unsubscribe#token=\S+)/.exec(email.textBody)?.[1] ?? "";
      await page.goto(link);
      await page.getByText("Stop marketing emails from Demo Co?").waitFor();
      await shot("unsubscribe");
      await page.getByRole("button", { name: "Unsubscribe" }).click();
      await page.getByRole("status").getByText("You are unsubscribed").waitFor();
      const consents = await apiFromPage<unknown>(page, `/api/v1/contacts/${email.contactId}/consents`);
      expect(JSON.stringify(consents)).toContain("unsubscribe link");
      await page.reload();
      await page.getByText("You are unsubscribed").waitFor();
    });

    test("starts a journey on a survey answer: the demo's review asks, and a new one (event feedback) refused until its range makes sense", async () => {
      const { page } = session;
      await page.goto("/journeys");
      const reviews = page
        .getByRole("table", { name: "Journeys" })
        .locator("tbody tr")
        .filter({ hasText: "Ask fresh promoters" });
      await reviews.getByText("Answers NPS 9–10").waitFor();
      await reviews.getByText("active", { exact: true }).waitFor();

      await page.getByRole("link", { name: "New journey" }).first().click();
      const form = page.getByRole("form", { name: "New journey" });
      await form.getByRole("textbox", { name: "Name" }).fill(`Unhappy with an event (${dialect})`);
      await form.getByText("Answers a survey", { exact: true }).click();
      await form.getByRole("combobox", { name: "Survey" }).click();
      await page.getByRole("option", { name: "CSAT (1–5)" }).click();
      // Moved onto the new scale: the satisfied, 4–5. Asked the wrong way round, the form says so.
      expect(await form.getByRole("textbox", { name: "Lowest score" }).inputValue()).toBe("4");
      expect(await form.getByRole("textbox", { name: "Highest score" }).inputValue()).toBe("5");
      await form.getByRole("textbox", { name: /Survey name contains/ }).fill("Event:");
      await form.getByRole("textbox", { name: "Lowest score" }).fill("3");
      await form.getByRole("textbox", { name: "Highest score" }).fill("1");
      await form.getByRole("textbox", { name: "Step 1 subject" }).fill("Sorry, {{firstName}}");
      await form
        .getByRole("textbox", { name: "Step 1 body" })
        .fill("Hi {{firstName}}, your support lead will call you.");
      const refused = session.watch.allow(400, "/api/v1/journeys");
      await form.getByRole("button", { name: "Create journey" }).click();
      await form.getByText("Must be at least minScore").waitFor();
      refused();
      await form.getByRole("textbox", { name: "Highest score" }).fill("2");
      await form.getByRole("textbox", { name: "Lowest score" }).fill("1");
      await form.getByRole("button", { name: "Create journey" }).click();
      await page.getByRole("heading", { name: `Unhappy with an event (${dialect})` }).waitFor();
      await page.getByText("Answers CSAT 1–2 to a survey named “…Event:…”").waitFor();
      await page.getByRole("button", { name: "Activate" }).click();
      await page
        .getByText("From now on, whoever answers CSAT 1–2 to a survey named “…Event:…” enters the journey.")
        .waitFor();
      await shot("journey-survey-trigger");
      await page.getByRole("button", { name: "Activate journey" }).click();
      await page.getByText("active", { exact: true }).first().waitFor();
    });
  });
}
