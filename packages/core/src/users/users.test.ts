import { createTestTenant, describeDialects } from "@advo/test-kit";
import { expect, it } from "vitest";
import { manualClock } from "../shared/clock.ts";
import { authenticate, createApiKey, createUser, revokeApiKey, SESSION_TTL_MS, signIn, signOut } from "./index.ts";
import { can } from "./permissions.ts";

describeDialects("users, sessions and API keys", (ctx) => {
  it("signs in with the right password only, and the session authenticates until it expires", async () => {
    const clock = manualClock();
    const { tenant, ownerEmail, ownerPassword } = await createTestTenant(ctx.db, clock);
    await expect(
      signIn(ctx.db, clock, { workspace: tenant.slug, email: ownerEmail, password: "wrong" }),
    ).rejects.toMatchObject({ code: "unauthorized" });
    await expect(
      signIn(ctx.db, clock, { workspace: "no-such", email: ownerEmail, password: ownerPassword }),
    ).rejects.toMatchObject({ code: "unauthorized" });
    const { token } = await signIn(ctx.db, clock, {
      workspace: tenant.slug,
      email: ownerEmail.toUpperCase(),
      password: ownerPassword,
    });
    expect(await authenticate(ctx.db, clock, token)).toMatchObject({
      tenantId: tenant.id,
      role: "owner",
      actor: { type: "user" },
    });
    clock.advance(SESSION_TTL_MS + 1);
    expect(await authenticate(ctx.db, clock, token)).toBeNull();
  });

  it("ends a session on sign-out", async () => {
    const clock = manualClock();
    const t = await createTestTenant(ctx.db, clock);
    const { token } = await signIn(ctx.db, clock, {
      workspace: t.tenant.slug,
      email: t.ownerEmail,
      password: t.ownerPassword,
    });
    await signOut(ctx.db, clock, token);
    expect(await authenticate(ctx.db, clock, token)).toBeNull();
  });

  it("accepts an API key until it is revoked, and rejects a forged secret or a key moved to another tenant", async () => {
    const clock = manualClock();
    const a = await createTestTenant(ctx.db, clock);
    const b = await createTestTenant(ctx.db, clock);
    const key = await createApiKey(a.scope, { name: "ci", role: "viewer" }, null);
    expect(await authenticate(ctx.db, clock, key.key)).toMatchObject({ tenantId: a.tenant.id, role: "viewer" });
    const [, , id, secret] = key.key.split(".");
    expect(await authenticate(ctx.db, clock, `advo.${a.tenant.id}.${id}.${"x".repeat(43)}`)).toBeNull();
    expect(await authenticate(ctx.db, clock, `advo.${b.tenant.id}.${id}.${secret}`)).toBeNull();
    await revokeApiKey(a.scope, key.id);
    expect(await authenticate(ctx.db, clock, key.key)).toBeNull();
  });

  it("refuses a duplicate user email in the same workspace", async () => {
    const t = await createTestTenant(ctx.db);
    await createUser(t.scope, { email: "x@y.com", name: "X", role: "viewer" });
    await expect(createUser(t.scope, { email: "X@y.com", name: "X2", role: "viewer" })).rejects.toMatchObject({
      code: "conflict",
    });
  });
});

it("gives viewers read access only and owners everything", () => {
  expect(can("viewer", "crm:read")).toBe(true);
  expect(can("viewer", "crm:write")).toBe(false);
  expect(can("manager", "settings:manage")).toBe(false);
  expect(can("owner", "settings:manage")).toBe(true);
});
