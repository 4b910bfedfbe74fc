import { createTestTenant, describeDialects } from "@advo/test-kit";
import { expect, it } from "vitest";
import { listAccounts } from "../accounts/index.ts";
import { importStream, memoryErrorSink } from "./index.ts";

describeDialects("accounts import", (ctx) => {
  it("upserts a HubSpot company export by Record ID, then domain, rejecting rows with a bad count or domain", async () => {
    const { scope } = await createTestTenant(ctx.db);
    const csv = [
      "Record ID,Company name,Company Domain Name,Industry,Number of Employees,Country/Region,Annual Revenue,Lifecycle Stage",
      "901,Acme,acme.com,Software,120,Germany,5000000,Customer",
      "902,Globex,https://www.globex.io/,Manufacturing,many,France,,Lead",
      "903,Initech,not a domain,Software,10,France,,Lead",
      "904,Umbrella,umbrella.co,Pharma,5000,,,Customer",
    ].join("\n");
    const errors = memoryErrorSink();
    const first = await importStream(scope, [csv], { kind: "accounts", format: "csv", errors });
    expect(first).toEqual({ rows: 4, inserted: 2, updated: 0, skipped: 0, rejected: 2 });
    expect(errors.errors.map((e) => [e.row, e.field])).toEqual([
      [3, "Number of Employees"],
      [4, "Company Domain Name"],
    ]);
    const accounts = (await listAccounts(scope, { limit: 10 })).data;
    expect(accounts.find((a) => a.name === "Acme")).toMatchObject({
      domain: "acme.com",
      industry: "Software",
      employeeCount: 120,
      country: "Germany",
      lifecycleStage: "Customer",
      externalIds: { hubspot: "901" },
      attributes: { "Annual Revenue": 5000000 },
    });

    const fixed = csv.replace("Manufacturing,many", "Manufacturing,800").replace("not a domain", "initech.com");
    const second = await importStream(scope, [fixed], { kind: "accounts", format: "csv", errors: memoryErrorSink() });
    expect(second).toEqual({ rows: 4, inserted: 2, updated: 0, skipped: 2, rejected: 0 });

    // A file without ids finds the same accounts by domain.
    const byDomain = "domain,plan,arr\nacme.com,enterprise,250000\nglobex.io,team,12000\n";
    const third = await importStream(scope, [byDomain], { kind: "accounts", format: "csv", errors: memoryErrorSink() });
    expect(third).toEqual({ rows: 2, inserted: 0, updated: 2, skipped: 0, rejected: 0 });
    const after = (await listAccounts(scope, { limit: 10 })).data;
    expect(after).toHaveLength(4);
    expect(after.find((a) => a.name === "Acme")).toMatchObject({ plan: "enterprise", arr: 250000 });
  });

  it("imports NDJSON accounts with nested external ids", async () => {
    const { scope } = await createTestTenant(ctx.db);
    const text = [
      { name: "Acme", domain: "acme.com", externalIds: { salesforce: "001A" }, attributes: { tier: 1 } },
      { name: "Acme Corp", externalIds: { salesforce: "001A" }, employeeCount: 40 },
      { employeeCount: "x" },
    ]
      .map((o) => JSON.stringify(o))
      .join("\n");
    const errors = memoryErrorSink();
    const summary = await importStream(scope, [text], { kind: "accounts", format: "ndjson", errors });
    expect(summary).toEqual({ rows: 3, inserted: 1, updated: 0, skipped: 1, rejected: 1 });
    expect(errors.errors[0]).toMatchObject({ row: 3, field: "employeeCount" });
    expect((await listAccounts(scope, { limit: 10 })).data).toMatchObject([
      { name: "Acme Corp", domain: "acme.com", employeeCount: 40, externalIds: { salesforce: "001A" } },
    ]);
  });
});
