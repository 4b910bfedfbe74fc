import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestTenant, describeDialects } from "@advo/test-kit";
import { parse } from "csv-parse/sync";
import { afterAll, expect, it } from "vitest";
import { listAccounts } from "../accounts/index.ts";
import { type Contact, countContacts, listContacts } from "../contacts/index.ts";
import { type Clock, manualClock } from "../shared/clock.ts";
import type { Scope } from "../shared/scope.ts";
import { importFile, importStream, memoryErrorSink, parseMapping } from "./index.ts";
import { hubspotContactsCsv, salesforceContactsCsv } from "./test-files.ts";

const dir = mkdtempSync(join(tmpdir(), "advo-import-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const fileWith = (bytes: Buffer | string, ext = "csv") => {
  const path = join(dir, `f${++files}.${ext}`);
  writeFileSync(path, bytes);
  return path;
};

async function allContacts(scope: Scope): Promise<Contact[]> {
  const out: Contact[] = [];
  let cursor: string | undefined;
  do {
    const page = await listContacts(scope, { limit: 500, cursor });
    out.push(...page.data);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

describeDialects("contacts import", (ctx) => {
  it("imports a HubSpot export's good rows, reports each bad one beside the file, and a re-run changes nothing", async () => {
    const clock = manualClock();
    const { scope } = await createTestTenant(ctx.db, clock);
    const file = hubspotContactsCsv({ rows: 1000, badEvery: 20 });
    expect(file.bad).toHaveLength(50);
    const path = fileWith(file.bytes);

    const first = await importFile(scope, path, { kind: "contacts", chunkSize: 300 });
    expect(first).toEqual({
      rows: 1000,
      inserted: 950,
      updated: 0,
      skipped: 0,
      rejected: 50,
      errorReport: `${path}.errors.csv`,
    });

    const report = parse(readFileSync(`${path}.errors.csv`), { columns: true }) as Record<string, string>[];
    const reported = new Map<number, string[]>();
    for (const r of report) reported.set(Number(r.row), [...(reported.get(Number(r.row)) ?? []), r.field as string]);
    expect([...reported.keys()].sort((a, b) => a - b)).toEqual(file.bad.map((b) => b.row));
    for (const bad of file.bad) expect(reported.get(bad.row)).toContain(bad.field);
    const latin1 = report.find((r) => Number(r.row) === file.bad.find((b) => b.kind === "latin1")?.row);
    expect(latin1?.reason).toMatch(/UTF-8/);
    expect(latin1?.line).toMatch(/^100\d{4},Jos/);
    expect(report.find((r) => r.field === "Number of Pageviews")?.reason).toBe('must be a number, got "lots"');

    const contacts = await allContacts(scope);
    expect(contacts).toHaveLength(950);
    // Rejected rows left nothing behind: no contact carries a bad row's Record ID.
    const badIds = new Set(file.bad.map((b) => String(1_000_000 + b.row - 2)));
    expect(contacts.filter((c) => badIds.has(c.externalIds.hubspot ?? ""))).toEqual([]);
    const c10 = contacts.find((c) => c.externalIds.hubspot === "1000010");
    expect(c10).toMatchObject({
      email: "person10@example.com",
      firstName: "First10",
      lastName: "Last 10",
      title: "Engineer",
      phone: "+1 555 1010",
      region: "United States",
      lifecycleStage: "champion",
      consent: { marketingEmail: { granted: true, source: "import:hubspot" } },
      attributes: {
        crmLifecycleStage: "Evangelist",
        "Number of Pageviews": 10,
        lastNpsScore: 10,
        "HubSpot Score": 70,
        "Create Date": "2025-02-10T10:10:00.000Z",
        lastNpsComment: 'Says "great", would\nrecommend',
      },
    });
    expect(c10?.attributes).not.toHaveProperty("Membership Notes");
    expect(contacts.find((c) => c.externalIds.hubspot === "1000012")?.consent).toEqual({
      marketingEmail: { granted: false, source: "import:hubspot", at: expect.any(String), expiresAt: null },
    });
    const accounts = (await listAccounts(scope, { limit: 100 })).data;
    expect(accounts).toHaveLength(50);
    expect(c10?.accountId).toBe(accounts.find((a) => a.name === "Company 10")?.id);

    clock.advance(60_000);
    const again = await importFile(scope, path, { kind: "contacts", chunkSize: 300 });
    expect(again).toMatchObject({ rows: 1000, inserted: 0, updated: 0, skipped: 950, rejected: 50 });
    const after = await allContacts(scope);
    expect(after).toEqual(contacts);
    expect((await listAccounts(scope, { limit: 100 })).data).toHaveLength(50);
  });

  it("updates only the contacts whose values changed, matched by Record ID even when the email changed", async () => {
    const { scope } = await createTestTenant(ctx.db);
    await importFile(scope, fileWith(hubspotContactsCsv({ rows: 40 }).bytes), { kind: "contacts" });
    const text = hubspotContactsCsv({ rows: 40 })
      .bytes.toString("utf8")
      .replace("First3,", "Third,")
      .replace("person5@example.com", "new.five@example.com");
    const summary = await importFile(scope, fileWith(text), { kind: "contacts" });
    expect(summary).toMatchObject({ inserted: 0, updated: 2, skipped: 38, rejected: 0, errorReport: null });
    const contacts = await allContacts(scope);
    expect(contacts).toHaveLength(40);
    expect(contacts.find((c) => c.externalIds.hubspot === "1000005")?.email).toBe("new.five@example.com");
    expect(contacts.find((c) => c.externalIds.hubspot === "1000003")?.firstName).toBe("Third");
  });

  it("writes nothing of a chunk whose transaction fails, and the re-run completes it exactly", async () => {
    const base = manualClock();
    let calls = 0;
    let failAt = -1;
    // The clock is read again between the contacts insert and their identities: failing there
    // proves the chunk's contacts are rolled back with it.
    const flaky: Clock = {
      now: () => {
        if (++calls === failAt) throw new Error("simulated crash inside the chunk");
        return base.now();
      },
    };
    const { scope } = await createTestTenant(ctx.db, base);
    const path = fileWith(hubspotContactsCsv({ rows: 500 }).bytes);
    // Calls: 1 when reading starts, then 2 per chunk (start, identities): 5 is inside chunk 2.
    calls = 0;
    failAt = 5;
    await expect(importFile({ ...scope, clock: flaky }, path, { kind: "contacts", chunkSize: 200 })).rejects.toThrow(
      /simulated crash/,
    );
    const partial = await countContacts(scope);
    expect(partial).toBe(200);
    failAt = -1;
    const rerun = await importFile(scope, path, { kind: "contacts", chunkSize: 200 });
    expect(rerun).toMatchObject({ inserted: 500 - partial, skipped: partial, rejected: 0 });
    expect(await countContacts(scope)).toBe(500);
  });

  it("links a Salesforce Contact.csv to the accounts of an earlier Account.csv by AccountId", async () => {
    const { scope } = await createTestTenant(ctx.db);
    const accountsCsv = [
      "Id,Name,Website,Industry,NumberOfEmployees,BillingCountry,AnnualRevenue",
      ...[0, 1, 2, 3, 4].map(
        (i) =>
          `0015g00000Xy${String(i).padStart(4, "0")}AAA,Acct ${i},https://www.acct${i}.com/home,Software,${50 * (i + 1)},France,1000000`,
      ),
    ].join("\n");
    expect(await importFile(scope, fileWith(accountsCsv), { kind: "accounts" })).toMatchObject({ inserted: 5 });
    const accounts = (await listAccounts(scope, { limit: 10 })).data;
    expect(accounts.find((a) => a.name === "Acct 2")).toMatchObject({
      domain: "acct2.com",
      industry: "Software",
      employeeCount: 150,
      country: "France",
      externalIds: { salesforce: "0015g00000Xy0002AAA" },
      attributes: { AnnualRevenue: 1000000 },
    });

    const file = salesforceContactsCsv({ rows: 30 });
    const summary = await importFile(scope, fileWith(file.bytes), { kind: "contacts" });
    expect(summary).toMatchObject({ rows: 30, inserted: 30, rejected: 0 });
    const contacts = await allContacts(scope);
    const sf7 = contacts.find((c) => c.externalIds.salesforce === "0035g00000Ab0007AAA");
    expect(sf7).toMatchObject({
      email: "sf7@example.org",
      firstName: "Sf7",
      lastName: "Person 7",
      title: "Head of Ops",
      phone: "(415) 555-1007",
      region: "France",
      accountId: accounts.find((a) => a.name === "Acct 2")?.id,
      consent: { marketingEmail: { granted: false, source: "import:salesforce" }, phone: { granted: true } },
    });
    expect(sf7?.attributes.IsDeleted).toBe(false);
    expect(await importFile(scope, fileWith(file.bytes), { kind: "contacts" })).toMatchObject({ skipped: 30 });
  });

  it("follows a mapping file for any other export, and refuses a bad one naming the entry", async () => {
    const { scope } = await createTestTenant(ctx.db);
    const mapping = parseMapping(
      "contacts",
      JSON.stringify({
        source: "pipedrive",
        columns: {
          "Person - ID": "externalIds.pipedrive",
          "Person - Name": "name",
          "Person - Email": { target: "email", required: true },
          "Organization - Name": "account.name",
          Seats: { target: "attributes.seats", type: "integer" },
          Internal: "ignore",
        },
      }),
    );
    const csv = [
      "Person - ID;Person - Name;Person - Email;Organization - Name;Seats;Internal;Favourite colour",
      "17;Ana Lima;ana@acme.com;Acme;12;secret;green",
      "18;Bo Berg;bo@acme.com;Acme;twelve;secret;blue",
      "19;Cy Chen;;Globex;3;secret;",
    ].join("\n");
    const errors = memoryErrorSink();
    const summary = await importStream(scope, [Buffer.from(csv)], { kind: "contacts", format: "csv", mapping, errors });
    expect(summary).toEqual({ rows: 3, inserted: 2, updated: 0, skipped: 0, rejected: 1 });
    expect(errors.errors).toEqual([
      expect.objectContaining({ row: 3, field: "Seats", reason: 'must be a whole number, got "twelve"' }),
    ]);
    const contacts = await allContacts(scope);
    expect(contacts.find((c) => c.email === "ana@acme.com")).toMatchObject({
      firstName: "Ana",
      lastName: "Lima",
      externalIds: { pipedrive: "17" },
      attributes: { seats: 12, "Favourite colour": "green" },
    });
    expect(contacts.find((c) => c.externalIds.pipedrive === "19")).toMatchObject({ email: null, firstName: "Cy" });
    expect((await listAccounts(scope, { limit: 10 })).data.map((a) => a.name).sort()).toEqual(["Acme", "Globex"]);

    expect(() => parseMapping("contacts", '{"columns": {"X": "favouriteColour"}}')).toThrow(
      /mapping\.columns\.X: "favouriteColour" is not a contacts field/,
    );
    expect(() => parseMapping("contacts", "{not json")).toThrow(/mapping: is not valid JSON/);
    const missing = importStream(scope, [Buffer.from("Person - ID,Seats\n1,2\n")], {
      kind: "contacts",
      format: "csv",
      mapping,
      errors: memoryErrorSink(),
    });
    await expect(missing).rejects.toThrow(/requires "Person - Email"/);
    const noIdentity = importStream(scope, [Buffer.from("First Name,Job Title\nAna,CTO\n")], {
      kind: "contacts",
      format: "csv",
      errors: memoryErrorSink(),
    });
    await expect(noIdentity).rejects.toThrow(/no column holds an email or an external id/);
  });

  it("imports NDJSON contacts with nested external ids and attributes, folding repeats of one person", async () => {
    const { scope } = await createTestTenant(ctx.db);
    const lines = [
      { email: "Ana@Acme.com", firstName: "Ana", externalIds: { hubspot: "1" }, attributes: { plan: "pro", seats: 5 } },
      { email: "ana@acme.com", title: "CTO", attributes: { seats: 7 } },
      { email: "bad-email", firstName: "X" },
      { externalIds: { hubspot: "2" }, name: "Bo Berg", account: { name: "Globex", domain: "globex.io" } },
    ];
    const errors = memoryErrorSink();
    const text = `${lines.map((l) => JSON.stringify(l)).join("\n")}\n{oops\n`;
    const summary = await importStream(scope, [text], { kind: "contacts", format: "ndjson", errors });
    expect(summary).toEqual({ rows: 5, inserted: 2, updated: 0, skipped: 1, rejected: 2 });
    expect(errors.errors.map((e) => [e.row, e.field])).toEqual([
      [3, "email"],
      [5, "line"],
    ]);
    const contacts = await allContacts(scope);
    expect(contacts.find((c) => c.email === "ana@acme.com")).toMatchObject({
      firstName: "Ana",
      title: "CTO",
      externalIds: { hubspot: "1" },
      attributes: { plan: "pro", seats: 7 },
    });
    const bo = contacts.find((c) => c.externalIds.hubspot === "2");
    expect(bo).toMatchObject({ firstName: "Bo", lastName: "Berg" });
    expect((await listAccounts(scope, { limit: 10 })).data).toMatchObject([
      { id: bo?.accountId, name: "Globex", domain: "globex.io" },
    ]);
  });

  it("refuses a row whose email and Record ID belong to two different contacts", async () => {
    const { scope } = await createTestTenant(ctx.db);
    const csv = "Record ID,Email\n1,a@x.com\n2,b@x.com\n";
    await importStream(scope, [csv], { kind: "contacts", format: "csv", errors: memoryErrorSink() });
    const errors = memoryErrorSink();
    const summary = await importStream(scope, ["Record ID,Email\n1,b@x.com\n"], {
      kind: "contacts",
      format: "csv",
      errors,
    });
    expect(summary).toMatchObject({ rejected: 1, inserted: 0, updated: 0 });
    expect(errors.errors[0]?.reason).toMatch(/email b@x.com is contact con_\w+ but externalIds.hubspot "1" is contact/);
  });
});
