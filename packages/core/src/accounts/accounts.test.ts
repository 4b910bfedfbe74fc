import { createTestTenant, describeDialects } from "@advo/test-kit";
import { expect, it } from "vitest";
import { createAccount, getAccount, listAccounts, updateAccount } from "./index.ts";

describeDialects("accounts", (ctx) => {
  it("creates, updates and filters accounts by industry, region and search text", async () => {
    const { scope } = await createTestTenant(ctx.db);
    const acme = await createAccount(scope, {
      name: "Acme",
      domain: "ACME.com",
      industry: "fintech",
      region: "EMEA",
      arr: 120000.5,
    });
    await createAccount(scope, { name: "Globex", domain: "globex.io", industry: "saas", region: "NA" });
    expect(acme.domain).toBe("acme.com");
    expect(acme.arr).toBe(120000.5);
    expect((await listAccounts(scope, { limit: 10, industry: "fintech" })).data.map((a) => a.name)).toEqual(["Acme"]);
    expect((await listAccounts(scope, { limit: 10, region: "NA" })).data.map((a) => a.name)).toEqual(["Globex"]);
    expect((await listAccounts(scope, { limit: 10, q: "glob" })).data.map((a) => a.name)).toEqual(["Globex"]);
    const updated = await updateAccount(scope, acme.id, { employeeCount: 500, externalIds: { salesforce: "001X" } });
    expect(updated.employeeCount).toBe(500);
    expect((await getAccount(scope, acme.id)).externalIds).toEqual({ salesforce: "001X" });
  });

  it("refuses a malformed domain and leaves nothing stored", async () => {
    const { scope } = await createTestTenant(ctx.db);
    await expect(createAccount(scope, { name: "Bad", domain: "not a domain" })).rejects.toThrow(/domain/);
    expect((await listAccounts(scope, { limit: 10 })).data).toHaveLength(0);
  });
});
