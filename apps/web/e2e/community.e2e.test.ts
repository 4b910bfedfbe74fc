import { dialectsUnderTest } from "@advo/test-kit";
import { describe, expect, test } from "vitest";
import { hubOnPhone, screenshot, signedInSession } from "./harness.ts";

// Community events in the manager console and the advocate hub: a meetup scheduled in the form with
// few places, people registered until the waitlist starts, attendance recorded for a past board
// session (points to who came); then an advocate answering from their hub, on a phone.

const DAY = 86_400_000;

for (const dialect of dialectsUnderTest()) {
  describe(`community [${dialect}]`, () => {
    const session = signedInSession(dialect, "/community");
    const shot = (name: string) => screenshot(session.page, `${dialect}-${name}`);

    test("schedules a meetup, fills it past capacity onto the waitlist, and records who came to a past session", async () => {
      const { page, server } = session;
      const upcoming = page.getByRole("table", { name: "Upcoming events" });
      await upcoming
        .getByRole("row", { name: /Berlin User Group: winter meetup/ })
        .getByText("12 / 12")
        .waitFor();
      await shot("community-upcoming");

      const people = await server.db
        .selectFrom("contacts")
        .select(["email"])
        .where("email", "is not", null)
        .where("firstName", "is not", null)
        .where("erasedAt", "is", null)
        .orderBy("id")
        .limit(3)
        .execute();
      await page.getByRole("link", { name: "New event" }).click();
      const form = page.getByRole("form", { name: "New event" });
      await form.getByRole("textbox", { name: "Title" }).fill(`Admin office hours (${dialect})`);
      await form.getByLabel(/^Starts/).fill(new Date(Date.now() + 20 * DAY).toISOString().slice(0, 10));
      await form.getByRole("textbox", { name: "Online URL" }).fill("https://meet.example.com/office-hours");
      await form.getByRole("textbox", { name: "Capacity" }).fill("2");
      await form.getByRole("textbox", { name: "Attendance points" }).fill("30");
      await form.getByRole("button", { name: "Schedule event" }).click();
      await page.getByRole("heading", { name: `Admin office hours (${dialect})` }).waitFor();
      expect(await page.getByRole("button", { name: "Record attendance" }).isDisabled()).toBe(true);

      await page.getByRole("button", { name: "Register contacts" }).click();
      const register = page.getByRole("dialog", { name: `Register for Admin office hours (${dialect})` });
      for (const { email } of people) {
        await register.getByRole("combobox", { name: "Contacts" }).fill(email ?? "");
        await page.getByRole("option", { name: new RegExp(email ?? "") }).click();
      }
      // Picking keeps the list open over the dialog's buttons, as for someone picking several.
      await register.getByText(/places left/).click();
      await register.getByRole("button", { name: "Register 3" }).click();
      const registrations = page.getByRole("table", { name: "Registrations" });
      await expect.poll(() => registrations.getByText("going", { exact: true }).count()).toBe(2);
      await registrations.getByText("waitlisted", { exact: true }).waitFor();
      await registrations.getByLabel("Waitlist position 1").waitFor();
      await page.getByRole("group", { name: "Places taken" }).getByText("2 / 2").waitFor();
      await shot("community-event");

      await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Community" }).click();
      await page.getByRole("tab", { name: "Past events" }).click();
      await page.getByRole("link", { name: "Customer Advisory Board: Q4 session" }).click();
      await page.getByRole("button", { name: "Record attendance" }).click();
      const attendance = page.getByRole("dialog", { name: /^Who came to/ });
      // The demo recorded six who came (ticked for good) and one who did not: they came after all.
      expect(await attendance.getByRole("checkbox", { checked: true, disabled: true }).count()).toBe(6);
      await attendance.getByRole("checkbox", { checked: false, disabled: false }).click();
      await attendance.getByRole("button", { name: "Save attendance" }).click();
      await attendance.getByText("100 points awarded").waitFor();
      await attendance.getByRole("button", { name: "Done" }).click();
      await page.getByRole("group", { name: "Came" }).getByText("7", { exact: true }).waitFor();
    });

    test("an advocate joins the full meetup's waitlist and says they are going to the webinar from their hub", async () => {
      const { server, browser } = session;
      const advocate = await server.db
        .selectFrom("contacts")
        .select(["email"])
        .where("email", "is not", null)
        .where("firstName", "is not", null)
        .where("erasedAt", "is", null)
        .where("id", "not in", server.db.selectFrom("communityRegistrations").select("contactId"))
        .orderBy("id")
        .executeTakeFirstOrThrow();

      const { hub, watch: hubWatch, close } = await hubOnPhone(server, browser, advocate.email ?? "");
      try {
        const full = hub.getByRole("article", { name: "Berlin User Group: winter meetup" });
        await full.getByRole("button", { name: "Join the waitlist" }).click();
        await full.getByText("waitlist #4").waitFor();
        const webinar = hub.getByRole("article", { name: "Webinar: reporting playbooks from our champions" });
        await webinar.getByRole("button", { name: "I'm going" }).click();
        await webinar.getByText("you're going").waitFor();
        await webinar.getByRole("link", { name: "Join online ↗" }).waitFor();

        await hub.getByRole("link", { name: "All events and groups" }).click();
        const events = hub.getByRole("region", { name: "Events" });
        await events
          .getByRole("article", { name: "Berlin User Group: winter meetup" })
          .getByRole("button", { name: "Leave the waitlist" })
          .waitFor();
        // The board is by invitation: not in this advocate's hub.
        expect(await events.getByRole("article", { name: "Customer Advisory Board: Q1 session" }).count()).toBe(0);
        await screenshot(hub, `${dialect}-hub-community-events`);
        expect(await hub.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
        expect(hubWatch.errors).toEqual([]);
      } finally {
        await close();
      }
    });

    test("who came to the spring meetup rates it from their hub; the manager reads it on the event's page", async () => {
      const { server, browser, page } = session;
      const spring = await server.db
        .selectFrom("communityEvents")
        .select("id")
        .where("title", "=", "Berlin User Group: spring meetup")
        .executeTakeFirstOrThrow();
      const unanswered = await server.db
        .selectFrom("communityRegistrations")
        .innerJoin("contacts", (j) =>
          j
            .onRef("contacts.tenantId", "=", "communityRegistrations.tenantId")
            .onRef("contacts.id", "=", "communityRegistrations.contactId"),
        )
        .select(["contacts.email", "contacts.id"])
        .where("communityRegistrations.eventId", "=", spring.id)
        .where("communityRegistrations.status", "=", "attended")
        .where("communityRegistrations.feedbackAt", "is", null)
        .orderBy("contacts.id")
        .executeTakeFirstOrThrow();
      const { hub, watch: hubWatch, close } = await hubOnPhone(server, browser, unanswered.email ?? "");
      try {
        await hub.goto("/hub/community");
        const came = hub.getByRole("region", { name: "Events you came to" });
        const card = came.getByRole("article", { name: "Berlin User Group: spring meetup" });
        await card.getByText("How was it?").waitFor();
        // The stars are labels for visually hidden radios: a click lands on the label, as a finger would.
        const fourth = await card.getByRole("radio", { name: "4 stars: Good" }).getAttribute("id");
        await card.locator(`label[for="${fourth}"]`).click();
        await card.getByRole("textbox", { name: /Anything to add/ }).fill("More time for questions next time, please.");
        await card.getByRole("button", { name: "Send" }).click();
        await card.getByText("Good: thank you for telling us.").waitFor();
        await card.getByText("“More time for questions next time, please.”").waitFor();
        await screenshot(hub, `${dialect}-hub-event-feedback`);
        expect(await hub.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
        expect(hubWatch.errors).toEqual([]);
      } finally {
        await close();
      }

      await page.goto(`/community/events/${spring.id}`);
      const said = page.getByRole("region", { name: "Feedback" });
      await said.getByText("7 of 8 who came answered").waitFor();
      const comments = said.getByRole("group", { name: "Comments" });
      await comments.getByText("More time for questions next time, please.").waitFor();
      await comments.getByText("The reporting talk was exactly what our team needed. Great venue too.").waitFor();
      await screenshot(page, `${dialect}-event-feedback`);
    });
  });
}
