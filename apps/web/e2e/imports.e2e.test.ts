import { readFile } from "node:fs/promises";
import { dialectsUnderTest } from "@advo/test-kit";
import { describe, expect, test } from "vitest";
import { apiFromPage, screenshot, signedInSession } from "./harness.ts";

// A HubSpot "All contacts" export's columns; the third row's email is not one.
const HUBSPOT_CSV = [
  "Record ID,First Name,Last Name,Email,Job Title,Company Name,Lifecycle Stage",
  "90001,Ada,Importwright,ada.importwright@example.org,CTO,Importwright Labs,customer",
  "90002,Brook,Importwright,brook.importwright@example.org,VP Marketing,Importwright Labs,evangelist",
  "90003,Cal,Importwright,not-an-email,Engineer,Importwright Labs,customer",
].join("\r\n");

const csvFile = (name: string, text: string) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text) });

for (const dialect of dialectsUnderTest()) {
  describe(`importing files in the console [${dialect}]`, () => {
    const session = signedInSession(dialect, "/contacts");
    const shot = (name: string) => screenshot(session.page, `${dialect}-${name}`);
    const summary = () => session.page.getByRole("region", { name: "Import summary" });
    const stat = async (label: string) =>
      Number(
        ((await summary().getByRole("group", { name: label }).textContent()) ?? "").replace(/\D/g, "") || Number.NaN,
      );
    const chooseFile = (file: { name: string; mimeType: string; buffer: Buffer }) =>
      session.page.getByRole("form", { name: "Import a file" }).locator('input[type="file"]').setInputFiles(file);

    test("imports a HubSpot export from the contacts page and lists the refused row, downloadable as CSV", async () => {
      await session.page.goto("/contacts");
      await session.page.getByRole("link", { name: "Import", exact: true }).click();
      await session.page.waitForURL(/\/import\?kind=contacts$/);
      await chooseFile(csvFile("hubspot-contacts.csv", HUBSPOT_CSV));
      await session.page.getByRole("button", { name: "Import", exact: true }).click();

      await summary().waitFor();
      expect(await stat("Added")).toBe(2);
      expect(await stat("Updated")).toBe(0);
      expect(await stat("Refused")).toBe(1);
      const refused = session.page.getByRole("table", { name: "Refused rows" }).locator("tbody tr");
      expect(await refused.count()).toBe(1);
      const cells = await refused.first().locator("td").allTextContents();
      // Row 4 as a spreadsheet numbers it (the header is row 1), and the column as the file names it.
      expect(cells.slice(0, 2)).toEqual(["4", "Email"]);
      expect(cells[2]).toMatch(/email/i);
      expect(cells[3]).toContain("not-an-email");
      await shot("import-result");
      expect(await session.page.getByRole("link", { name: "This import on record" }).getAttribute("href")).toMatch(
        /^\/imports\/imp_/,
      );

      const [download] = await Promise.all([
        session.page.waitForEvent("download"),
        session.page.getByRole("button", { name: "Download the refused rows" }).click(),
      ]);
      expect(download.suggestedFilename()).toBe("hubspot-contacts-refused-rows.csv");
      const lines = (await readFile(await download.path(), "utf8"))
        .replace(/^\ufeff/, "")
        .trim()
        .split("\r\n");
      expect(lines[0]).toBe("row,field,reason,line");
      expect(lines).toHaveLength(2);
      expect(lines[1]).toMatch(/^4,Email,/);

      // The contacts it added carry the export's fields; HubSpot's record id became their CRM id.
      const found = await apiFromPage<{
        data: { email: string; title: string; externalIds: Record<string, string> }[];
      }>(session.page, "/api/v1/contacts?q=importwright");
      expect(found.data.map((c) => c.email).sort()).toEqual([
        "ada.importwright@example.org",
        "brook.importwright@example.org",
      ]);
      expect(found.data.find((c) => c.email.startsWith("ada"))?.title).toBe("CTO");
      expect(found.data.find((c) => c.email.startsWith("ada"))?.externalIds.hubspot).toBe("90001");
    });

    test("the same file again adds nothing, and the list shows what the first import added", async () => {
      await session.page.getByRole("button", { name: "Import another file" }).click();
      await chooseFile(csvFile("hubspot-contacts.csv", HUBSPOT_CSV));
      await session.page.getByRole("button", { name: "Import", exact: true }).click();
      await summary().waitFor();
      expect(await stat("Added")).toBe(0);
      expect(await stat("Unchanged")).toBe(2);
      expect(await stat("Refused")).toBe(1);

      await session.page.getByRole("link", { name: "View contacts" }).click();
      await session.page.waitForURL(/\/contacts$/);
      await session.page.getByLabel("Search contacts").fill("Importwright");
      const rows = session.page.getByRole("table", { name: "Contacts" }).locator("tbody tr");
      await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(2);
    });

    test("lists the imports on record, and the newest opens with the rows it refused", async () => {
      await session.page.goto("/import");
      const all = session.page.getByRole("table", { name: "Recent imports" }).locator("tbody tr");
      await all.first().waitFor();
      // The demo's own first import (a webinar export), then the two of this journey.
      expect(await all.count()).toBe(3);
      expect(await all.last().textContent()).toContain("webinar-attendees-october.csv");
      const rows = all.filter({ hasText: "hubspot-contacts.csv" });
      expect(await rows.count()).toBe(2);
      for (const row of await rows.all()) {
        const cells = await row.locator("td").allTextContents();
        expect(cells.slice(0, 3)).toEqual(["hubspot-contacts.csv", "Contacts", "Olivia Owner"]);
        expect(cells[4]).toBe("Completed");
      }
      // Newest first: the second run added nothing and refused the same row.
      expect((await rows.first().locator("td").allTextContents()).slice(5)).toEqual(["0", "0", "1"]);
      expect((await rows.last().locator("td").allTextContents()).slice(5)).toEqual(["2", "0", "1"]);

      await rows.first().getByRole("link", { name: "hubspot-contacts.csv" }).click();
      await session.page.waitForURL(/\/imports\/imp_/);
      await summary().waitFor();
      expect(await stat("Unchanged")).toBe(2);
      expect(await stat("Refused")).toBe(1);
      expect(await session.page.getByText(/^By Olivia Owner, started/).count()).toBe(1);
      const refused = await session.page
        .getByRole("table", { name: "Refused rows" })
        .locator("tbody tr td")
        .allTextContents();
      expect(refused.slice(0, 2)).toEqual(["4", "Email"]);
      await shot("import-run");
    });

    test("checks the form before sending, and shows the server's refusal of a mapping next to it", async () => {
      await session.page.goto("/import?kind=contacts");
      await session.page.getByRole("button", { name: "Import", exact: true }).click();
      expect(await session.page.getByText("Choose the file to import").isVisible()).toBe(true);

      await chooseFile(csvFile("renamed.csv", "Mail,Given\nzed.importwright@example.org,Zed\n"));
      await session.page.getByRole("button", { name: "My file names its columns differently" }).click();
      const mapping = session.page.getByLabel("Column mapping (JSON)");
      await mapping.fill('{"columns": {"Mail": "email",}}');
      await session.page.getByRole("button", { name: "Import", exact: true }).click();
      await expect.poll(() => session.page.getByText(/^Not valid JSON/).count()).toBe(1);

      await mapping.fill('{"columns": {"Mail": "email", "Given": "givenName"}}');
      const refusal = session.watch.allow(400, "/api/v1/imports");
      await session.page.getByRole("button", { name: "Import", exact: true }).click();
      const error = session.page.getByText(/columns\.Given: "givenName" is not a contacts field/);
      await error.waitFor();
      refusal();
      expect(await session.page.getByRole("alert").filter({ hasText: "The file was not imported" }).count()).toBe(1);
      await shot("import-mapping-refused");

      // Corrected, the same file imports; nothing of the refused attempt was stored before.
      await mapping.fill('{"columns": {"Mail": "email", "Given": "firstName"}}');
      await session.page.getByRole("button", { name: "Import", exact: true }).click();
      await summary().waitFor();
      expect(await stat("Added")).toBe(1);
      const zed = await apiFromPage<{ data: { firstName: string }[] }>(
        session.page,
        "/api/v1/contacts?q=zed.importwright",
      );
      expect(zed.data.map((c) => c.firstName)).toEqual(["Zed"]);
    });

    test("imports NDJSON events: an identify makes the contact, and its timeline holds the track calls", async () => {
      await session.page.goto("/import?kind=contacts");
      await session.page.getByText("Events", { exact: true }).click();
      await session.page.waitForURL(/\/import\?kind=events$/);
      // The form is made anew for events: a file chosen in the contacts form before it goes would go with it.
      await session.page.getByLabel("Source name").waitFor();
      const lines = [
        {
          type: "identify",
          userId: "imp-42",
          traits: { email: "eve.importwright@example.org", name: "Eve Importwright" },
          timestamp: "2026-11-20T10:00:00Z",
          messageId: "imp-e2e-1",
        },
        {
          type: "track",
          userId: "imp-42",
          event: "Report Exported",
          timestamp: "2026-11-20T10:05:00Z",
          messageId: "imp-e2e-2",
        },
        {
          type: "track",
          userId: "imp-42",
          event: "Dashboard Viewed",
          timestamp: "2026-11-21T09:00:00Z",
          messageId: "imp-e2e-3",
        },
        { type: "track", userId: "imp-42", timestamp: "2026-11-21T09:30:00Z", messageId: "imp-e2e-4" },
      ];
      await chooseFile({
        name: "events.ndjson",
        mimeType: "application/x-ndjson",
        buffer: Buffer.from(`${lines.map((l) => JSON.stringify(l)).join("\n")}\n`),
      });
      await session.page.getByLabel("Source name").fill("e2e-export");
      await session.page.getByRole("button", { name: "Import", exact: true }).click();
      await summary().waitFor();
      expect(await stat("Added")).toBe(3);
      expect(await stat("Refused")).toBe(1);
      const cells = await session.page
        .getByRole("table", { name: "Refused rows" })
        .locator("tbody tr td")
        .allTextContents();
      expect(cells.slice(0, 3)).toEqual(["4", "event", "is required for track calls"]);

      const eve = await apiFromPage<{ data: { id: string }[] }>(session.page, "/api/v1/contacts?q=eve.importwright");
      expect(eve.data).toHaveLength(1);
      const timeline = await apiFromPage<{ data: { event: string | null; type: string }[] }>(
        session.page,
        `/api/v1/contacts/${eve.data[0]?.id}/timeline`,
      );
      expect(timeline.data.map((e) => e.event ?? e.type)).toEqual(["Dashboard Viewed", "Report Exported", "identify"]);
    });

    test("each kind's sample file, downloaded and imported as it is, is taken whole", async () => {
      for (const kind of ["accounts", "contacts", "events"] as const) {
        await session.page.goto(`/import?kind=${kind}`);
        const [download] = await Promise.all([
          session.page.waitForEvent("download"),
          session.page.getByRole("button", { name: "Download a sample file" }).click(),
        ]);
        expect(download.suggestedFilename()).toBe(`advo-${kind}-sample.csv`);
        await chooseFile(csvFile(download.suggestedFilename(), await readFile(await download.path(), "utf8")));
        await session.page.getByRole("button", { name: "Import", exact: true }).click();
        await summary().waitFor();
        expect([kind, await stat("Added"), await stat("Updated"), await stat("Refused")]).toEqual([kind, 2, 0, 0]);
      }
      const maria = await apiFromPage<{ data: { id: string; accountId: string | null }[] }>(
        session.page,
        "/api/v1/contacts?q=maria.garcia@example.com",
      );
      expect(maria.data).toHaveLength(1);
      // The contacts sample names the account the accounts sample added, by its domain.
      const accounts = await apiFromPage<{ data: { id: string; domain: string | null }[] }>(
        session.page,
        "/api/v1/accounts?q=Example%20Corp",
      );
      expect(maria.data[0]?.accountId).toBe(accounts.data.find((a) => a.domain === "example.com")?.id);
      const timeline = await apiFromPage<{ data: { event: string | null }[] }>(
        session.page,
        `/api/v1/contacts/${maria.data[0]?.id}/timeline`,
      );
      expect(timeline.data.map((e) => e.event)).toContain("Report Exported");
    });
  });
}
