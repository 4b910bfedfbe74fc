import { createTestTenant, describeDialects } from "@advo/test-kit";
import { expect, it } from "vitest";
import { createAccount, deleteAccount } from "../accounts/index.ts";
import { eraseContact } from "../privacy/index.ts";
import { rescoreContacts } from "../scoring/index.ts";
import { AppError } from "../shared/errors.ts";
import {
  claimIdentities,
  createContact,
  deleteContact,
  getContact,
  identityGeneration,
  listContacts,
  moveIdentity,
  updateContact,
} from "./index.ts";

describeDialects("contacts", (ctx) => {
  it("creates a contact with a normalised email and reads it back", async () => {
    const { scope } = await createTestTenant(ctx.db);
    const created = await createContact(scope, {
      email: "  Jane.Doe@Example.COM ",
      firstName: "Jane",
      lastName: "Doe",
    });
    expect(created.email).toBe("jane.doe@example.com");
    expect(created.lifecycleStage).toBe("identified");
    expect(await getContact(scope, created.id)).toEqual(created);
  });

  it("refuses a second contact with the same email in one workspace, but allows it in another", async () => {
    const a = await createTestTenant(ctx.db);
    const b = await createTestTenant(ctx.db);
    await createContact(a.scope, { email: "dup@example.com" });
    await expect(createContact(a.scope, { email: "dup@example.com" })).rejects.toMatchObject({
      code: "conflict",
      errors: [{ path: "email" }],
    });
    await expect(createContact(b.scope, { email: "dup@example.com" })).resolves.toMatchObject({
      email: "dup@example.com",
    });
  });

  it("never shows one workspace's contact to another", async () => {
    const a = await createTestTenant(ctx.db);
    const b = await createTestTenant(ctx.db);
    const secret = await createContact(a.scope, { email: "secret@a.com" });
    await expect(getContact(b.scope, secret.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(updateContact(b.scope, secret.id, { title: "hacked" })).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteContact(b.scope, secret.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await listContacts(b.scope, { limit: 50 })).data).toHaveLength(0);
    expect((await getContact(a.scope, secret.id)).title).toBeNull();
  });

  it("rejects an account id from another workspace naming the accountId field", async () => {
    const a = await createTestTenant(ctx.db);
    const b = await createTestTenant(ctx.db);
    const foreign = await createAccount(b.scope, { name: "Other Co" });
    const error = await createContact(a.scope, { email: "x@a.com", accountId: foreign.id }).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.errors[0].path).toBe("accountId");
    expect((await listContacts(a.scope, { limit: 10 })).data).toHaveLength(0);
  });

  it("pages through contacts with a cursor, in creation order, without gaps or repeats", async () => {
    const { scope } = await createTestTenant(ctx.db);
    const ids = [];
    for (let i = 0; i < 23; i++) ids.push((await createContact(scope, { email: `p${i}@example.com` })).id);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listContacts(scope, { limit: 5, cursor });
      seen.push(...page.data.map((c) => c.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(ids);
  });

  it("searches by name or email case-insensitively and treats % and _ literally", async () => {
    const { scope } = await createTestTenant(ctx.db);
    await createContact(scope, { email: "ana@acme.com", firstName: "Ana", lastName: "Lima" });
    await createContact(scope, { email: "bob@acme.com", firstName: "Bob", lastName: "Percent%" });
    await createContact(scope, { email: "carla@other.io", firstName: "Carla" });
    expect((await listContacts(scope, { limit: 10, q: "ACME" })).data).toHaveLength(2);
    expect((await listContacts(scope, { limit: 10, q: "lima" })).data.map((c) => c.firstName)).toEqual(["Ana"]);
    expect((await listContacts(scope, { limit: 10, q: "%" })).data.map((c) => c.firstName)).toEqual(["Bob"]);
    expect((await listContacts(scope, { limit: 10, q: "_" })).data).toHaveLength(0);
  });

  it("merges attribute and consent updates instead of replacing them", async () => {
    const { scope } = await createTestTenant(ctx.db);
    const c = await createContact(scope, { email: "m@example.com", attributes: { plan: "pro", seats: 5 } });
    const updated = await updateContact(scope, c.id, {
      attributes: { seats: 7 },
      consent: { marketingEmail: { granted: true } },
      lifecycleStage: "active",
    });
    expect(updated.attributes).toEqual({ plan: "pro", seats: 7 });
    expect(updated.consent.marketingEmail?.granted).toBe(true);
    expect(updated.lifecycleStage).toBe("active");
  });

  it("keeps contacts, unlinked, when their account is deleted", async () => {
    const { scope } = await createTestTenant(ctx.db);
    const account = await createAccount(scope, { name: "Gone Inc", domain: "gone.com" });
    const c = await createContact(scope, { email: "stay@gone.com", accountId: account.id });
    await deleteAccount(scope, account.id);
    expect((await getContact(scope, c.id)).accountId).toBeNull();
  });

  it("deletes a contact nothing has happened to, with its score and consent records", async () => {
    const { scope } = await createTestTenant(ctx.db);
    const mistake = await createContact(scope, { email: "typo@exampel.com", consent: { email: { granted: true } } });
    await rescoreContacts(scope, [mistake.id]);
    const left = (table: "contactScores" | "consentRecords") =>
      ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as("n"))
        .where("tenantId", "=", scope.tenantId)
        .where("contactId", "=", mistake.id)
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n));
    expect(await left("contactScores")).toBe(1);
    expect(await left("consentRecords")).toBeGreaterThan(0);
    await deleteContact(scope, mistake.id);
    await expect(getContact(scope, mistake.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await left("contactScores")).toBe(0);
    expect(await left("consentRecords")).toBe(0);
  });

  it("refuses to delete a contact with history, naming it and pointing at erasure; nothing is removed", async () => {
    const { scope } = await createTestTenant(ctx.db);
    const customer = await createContact(scope, { email: "real@example.com" });
    await ctx.db
      .insertInto("events")
      .values({
        tenantId: scope.tenantId,
        messageId: "m-1",
        type: "track",
        event: "Report Exported",
        contactId: customer.id,
        occurredAt: 1_700_000_000_000,
        receivedAt: 1_700_000_000_000,
        properties: "{}",
      })
      .execute();
    const refused = await deleteContact(scope, customer.id).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: "conflict" });
    expect((refused as AppError).message).toContain("has events");
    expect((refused as AppError).message).toContain(`/api/v1/contacts/${customer.id}/erase`);
    expect((await getContact(scope, customer.id)).email).toBe("real@example.com");
    await eraseContact(scope, customer.id);
    expect((await getContact(scope, customer.id)).email).toBeNull();
  });

  it("rejects a contact with neither email, name nor external id", async () => {
    const { scope } = await createTestTenant(ctx.db);
    await expect(createContact(scope, { title: "Ghost" })).rejects.toThrow(/at least an email/);
  });

  it("moves a workspace's identity generation when an identity is re-pointed or deleted, not when one is added", async () => {
    const { scope } = await createTestTenant(ctx.db);
    const other = await createTestTenant(ctx.db);
    const ana = await createContact(scope, { email: "ana@acme.com" });
    const bo = await createContact(scope, { email: "bo@acme.com" });
    expect(await identityGeneration(scope)).toBe(0);
    await claimIdentities(scope, ana.id, [
      { kind: "userId", value: "ana" },
      { kind: "anonymousId", value: "a-1" },
    ]);
    expect(await identityGeneration(scope)).toBe(0);
    await moveIdentity(scope, { kind: "anonymousId", value: "a-1" }, bo.id);
    expect(await identityGeneration(scope)).toBe(1);
    // Deleting the contact takes its identities with it (a cascade, which the trigger sees too).
    await ctx.db.deleteFrom("contacts").where("tenantId", "=", scope.tenantId).where("id", "=", ana.id).execute();
    expect(await ctx.db.selectFrom("identities").select("value").where("contactId", "=", ana.id).execute()).toEqual([]);
    // Once per statement on PostgreSQL, once per identity (email and userId) on SQLite.
    expect(await identityGeneration(scope)).toBeGreaterThan(1);
    expect(await identityGeneration(other.scope)).toBe(0);
  });
});
