import { dialectsUnderTest } from "@advo/test-kit";
import { describe, expect, test } from "vitest";
import { apiFromPage, hubOnPhone, screenshot, signedInSession } from "./harness.ts";

// The content library in the manager console: the demo's library filtered by where a piece may be used;
// then a testimonial drafted in the form, sent to its advocate, approved by them on the page behind the
// emailed link (no sign-in), and published.

for (const dialect of dialectsUnderTest()) {
  describe(`content [${dialect}]`, () => {
    const session = signedInSession(dialect, "/");
    const shot = (name: string) => screenshot(session.page, `${dialect}-${name}`);

    test("drafts a testimonial, has its advocate approve it through their link, and publishes it", async () => {
      const { page, server } = session;
      // The dashboard's card says what waits on advocates, and links to it.
      await page.getByRole("link", { name: "Waiting for the advocate's approval" }).click();
      const table = page.getByRole("table", { name: "Content" });
      await expect.poll(() => table.locator("tbody tr").count()).toBe(1);
      await table.getByText("awaiting approval", { exact: true }).waitFor();
      await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Content" }).click();
      await page.reload();
      await table.locator("tbody tr").first().waitFor();
      expect(await table.locator("tbody tr").count()).toBeGreaterThanOrEqual(6);
      await page.getByRole("combobox", { name: "Usable for" }).click();
      await page.getByRole("option", { name: "Usable now: Website" }).click();
      await expect.poll(() => table.locator("tbody tr").count()).toBe(2);
      await shot("content-library");

      // An approved challenge answer becomes a draft: the advocate's words, with their name.
      await page.getByRole("button", { name: "From a submission…" }).click();
      const choices = page.getByRole("dialog", { name: "Draft content from a submission" });
      await choices
        .getByRole("button", { name: /^Draft content from/ })
        .first()
        .click();
      await page.getByText("draft", { exact: true }).first().waitFor();
      await page.getByText("Drafted (v1)").waitFor();

      const advocate = await server.db
        .selectFrom("contacts")
        .select(["email", "firstName", "lastName"])
        .where("email", "is not", null)
        .where("firstName", "is not", null)
        .where("erasedAt", "is", null)
        .orderBy("id")
        .executeTakeFirstOrThrow();
      await page.goto("/content/new");
      const form = page.getByRole("form", { name: "New content" });
      await form.getByRole("textbox", { name: "Title" }).fill(`Reports in minutes (${dialect})`);
      await form.getByRole("textbox", { name: "The words" }).fill("Our weekly report takes minutes now, not a day.");
      await form.getByRole("combobox", { name: "Advocate (who approves it)" }).fill(advocate.email ?? "");
      await page.getByRole("option", { name: new RegExp(advocate.email ?? "") }).click();
      await form.getByRole("button", { name: "Create draft" }).click();
      await page.getByRole("heading", { name: `Reports in minutes (${dialect})` }).waitFor();
      await page.getByRole("button", { name: "Send for approval" }).click();
      await page.getByText("awaiting approval", { exact: true }).first().waitFor();

      // The advocate's side: the link from their email, no sign-in.
      const mail = await server.db
        .selectFrom("emailOutbox")
        .select("textBody")
        .where("purpose", "=", "content_approval")
        .where("toAddress", "=", advocate.email ?? "")
        .orderBy("createdAt", "desc")
        .executeTakeFirstOrThrow();
      const link = /(http\S+\/hub\/content-approval#token=\S+)/.exec(mail.textBody)?.[1] ?? "";
      expect(link).not.toBe("");
      const contentUrl = page.url();
      // The test server listens on a port of its own choosing; its PUBLIC_URL does not know it.
      const { pathname, hash } = new URL(link);
      await page.goto(`${pathname}${hash}`);
      await page.getByText("Our weekly report takes minutes now, not a day.").waitFor();
      await shot("content-approval");
      await page.getByRole("button", { name: "Approve" }).click();
      await page
        .getByRole("status")
        .getByText(/may now use it as shown/)
        .waitFor();

      await page.goto(contentUrl);
      await page.getByText("approved", { exact: true }).first().waitFor();
      await page.getByRole("button", { name: "Publish" }).click();
      await page.getByText("published", { exact: true }).first().waitFor();
      await page.getByText("Approved by the advocate (v1)").waitFor();
      await shot("content-published");

      // Sales used it in a deal: recorded here, once per opportunity, and then won.
      const deals = page.getByLabel("Used in deals", { exact: true });
      await deals.getByText(/Not used in a deal yet/).waitFor();
      const record = async () => {
        await deals.getByRole("button", { name: "Record a use" }).click();
        const dialog = page.getByRole("dialog", { name: /in a deal$/ });
        await dialog.getByRole("textbox", { name: "Opportunity ID" }).fill(`006E2E${dialect}`);
        await dialog.getByRole("textbox", { name: "Prospect" }).fill("Globex");
        await dialog.getByRole("textbox", { name: "Deal amount" }).fill("30000");
        await dialog.getByRole("button", { name: "Record" }).click();
        return dialog;
      };
      await record();
      await deals.getByText("Globex").waitFor();
      await deals.getByText("$30,000").waitFor();
      // The same opportunity again is refused, named by the field (the 409 is the answer expected here).
      const refused = session.watch.allow(409, /^\/api\/v1\/content\/cnt_\w+\/uses$/);
      const again = await record();
      await again.getByText(/already recorded for opportunity/).waitFor();
      refused();
      await page.keyboard.press("Escape");
      await again.waitFor({ state: "hidden" });
      await deals.getByRole("combobox", { name: "Outcome of Globex" }).click();
      await page.getByRole("option", { name: "Won" }).click();
      await page.getByText("Globex: won").waitFor();
      await page.getByText("Used in a deal (v1)").waitFor();
      await shot("content-used-in-deal");

      // The advocate's own page lists what quotes them.
      await page.getByText("Advocate:").getByRole("link").click();
      const card = page
        .locator("section, div")
        .filter({ has: page.getByRole("heading", { name: "Content", exact: true }) })
        .last();
      await card.getByRole("link", { name: `Reports in minutes (${dialect})` }).waitFor();

      // Sales finds it at the reference desk, cleared for sales, ready to copy with its credit line.
      await page.goto("/reference-desk");
      const forSales = page.getByLabel("Customer words for sales");
      await forSales.getByRole("textbox", { name: "Search customer words" }).fill("weekly report");
      await forSales.getByText("Our weekly report takes minutes now, not a day.").waitFor();
      await forSales.getByRole("button", { name: `Copy “Reports in minutes (${dialect})”` }).waitFor();
    });

    test("an advocate signed in to the hub approves their words there", async () => {
      const { page, server, browser } = session;
      const advocate = await server.db
        .selectFrom("contacts")
        .select(["id", "email"])
        .where("email", "is not", null)
        .where("firstName", "is not", null)
        .where("erasedAt", "is", null)
        .orderBy("id", "desc")
        .executeTakeFirstOrThrow();
      const draft = await apiFromPage<{ id: string }>(page, "/api/v1/content", {
        method: "POST",
        body: {
          kind: "quote",
          title: `Setup in a day (${dialect})`,
          body: "We were set up in a day.",
          contactId: advocate.id,
        },
      });
      await apiFromPage(page, `/api/v1/content/${draft.id}/request-approval`, { method: "POST", body: {} });

      const { hub, watch: hubWatch, close } = await hubOnPhone(server, browser, advocate.email ?? "");
      try {
        const mine = hub.getByRole("article", { name: `Your quote: Setup in a day (${dialect})` });
        await mine.getByText("needs your approval").waitFor();
        await shot("hub-content");
        await mine.getByRole("button", { name: "Approve" }).click();
        await mine.getByText("approved", { exact: true }).waitFor();
        const approved = await apiFromPage<{ status: string; history: { action: string }[] }>(
          page,
          `/api/v1/content/${draft.id}`,
        );
        expect(approved.status).toBe("approved");
        expect(approved.history.at(-1)?.action).toBe("approved_by_advocate");

        // Published, used by sales in a deal that was won: the advocate hears what their words helped with.
        await apiFromPage(page, `/api/v1/content/${draft.id}/publish`, { method: "POST", body: {} });
        const use = await apiFromPage<{ id: string }>(page, `/api/v1/content/${draft.id}/uses`, {
          method: "POST",
          body: { opportunityId: `006HUB${dialect}`, prospectName: "Initech", dealAmount: 9000 },
        });
        await apiFromPage(page, `/api/v1/content/${draft.id}/uses/${use.id}`, {
          method: "PATCH",
          body: { dealStatus: "won" },
        });
        await hub.reload();
        await mine.getByText("Our sales team shared it with a prospect: it helped win one of those deals.").waitFor();
        expect(await mine.getByText("Initech").count()).toBe(0);
        expect(hubWatch.errors).toEqual([]);
      } finally {
        await close();
      }
    });
  });
}
