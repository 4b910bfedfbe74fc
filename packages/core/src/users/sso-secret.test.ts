import { createSecretKey, randomBytes } from "node:crypto";
import { createTestTenant, describeDialects } from "@advo/test-kit";
import { expect, it } from "vitest";
import { systemClock } from "../shared/clock.ts";
import { fixedSecretKey } from "../shared/secret-box.ts";
import {
  getSsoSettings,
  sealSsoSecretsUnderCurrentKey,
  setSsoSettings,
  startSsoSignIn,
  UNREADABLE_SSO_SECRET,
} from "./index.ts";
import { readSsoSecret } from "./sso-secret.ts";

// The stored client secret is sealed under the server's key and bound to its workspace. Enabling
// SSO would ask a provider, so these scenarios save settings switched off and turn them on in the
// row: every failure here happens before any provider is asked.

const PUBLIC_URL = "http://localhost:3000";
const SECRET = "idp-client-secret-4b2e9c";
const newKey = () => fixedSecretKey(createSecretKey(randomBytes(32)), "a test key");
const settings = (clientSecret?: string) => ({
  enabled: false,
  // Nothing listens there: a provider asked fails at once, and never leaves this machine.
  issuerUrl: "http://127.0.0.1:9",
  clientId: "advo",
  ...(clientSecret ? { clientSecret } : {}),
});

describeDialects("SSO client secret at rest", (ctx) => {
  const stored = async (tenantId: string) =>
    (
      await ctx.db
        .selectFrom("ssoSettings")
        .select("clientSecret")
        .where("tenantId", "=", tenantId)
        .executeTakeFirstOrThrow()
    ).clientSecret;
  const enable = (tenantId: string) =>
    ctx.db.updateTable("ssoSettings").set({ enabled: 1 }).where("tenantId", "=", tenantId).execute();
  const start = (workspace: string, secretKey = newKey()) =>
    startSsoSignIn(
      ctx.db,
      systemClock,
      { workspace, returnTo: "/" },
      {
        publicUrl: PUBLIC_URL,
        secretKey,
      },
    );

  it("stores a sealed value that is not the secret and differs at each save", async () => {
    const t = await createTestTenant(ctx.db);
    const server = { publicUrl: PUBLIC_URL, secretKey: newKey() };
    await setSsoSettings(t.scope, settings(SECRET), server);
    const first = await stored(t.tenant.id);
    expect(first).toMatch(/^enc:v1:/);
    expect(first).not.toContain(SECRET);
    // Saved again, with the secret left out (kept): opened and sealed afresh.
    const saved = await setSsoSettings(t.scope, settings(), server);
    expect(saved.clientSecretSet).toBe(true);
    const second = await stored(t.tenant.id);
    expect(second).toMatch(/^enc:v1:/);
    expect(second).not.toBe(first);
  });

  it("does not open a sealed secret copied into another workspace", async () => {
    const a = await createTestTenant(ctx.db);
    const b = await createTestTenant(ctx.db);
    const server = { publicUrl: PUBLIC_URL, secretKey: newKey() };
    await setSsoSettings(a.scope, settings(SECRET), server);
    await setSsoSettings(b.scope, settings("b-secret"), server);
    await ctx.db
      .updateTable("ssoSettings")
      .set({ clientSecret: await stored(a.tenant.id), enabled: 1 })
      .where("tenantId", "=", b.tenant.id)
      .execute();
    await expect(start(b.tenant.slug, server.secretKey)).rejects.toMatchObject({
      code: "unavailable",
      message: UNREADABLE_SSO_SECRET,
    });
  });

  it("gives the clear error with another key, while the settings still load and a new secret can be saved", async () => {
    const t = await createTestTenant(ctx.db);
    await setSsoSettings(t.scope, settings(SECRET), { publicUrl: PUBLIC_URL, secretKey: newKey() });
    await enable(t.tenant.id);
    const otherServer = { publicUrl: PUBLIC_URL, secretKey: newKey() };
    await expect(start(t.tenant.slug, otherServer.secretKey)).rejects.toMatchObject({
      code: "unavailable",
      message:
        "the SSO client secret cannot be decrypted with this server's key: set ADVO_SECRET_KEY to the key it was saved with (or list that key in ADVO_SECRET_KEY_PREVIOUS), or save the secret again",
    });
    expect(await getSsoSettings(t.scope, PUBLIC_URL)).toMatchObject({ enabled: true, clientSecretSet: true });
    // Keeping the secret it cannot read names the field; sending it again mends it.
    await expect(setSsoSettings(t.scope, settings(), otherServer)).rejects.toMatchObject({
      code: "invalid",
      errors: [{ path: "clientSecret", message: UNREADABLE_SSO_SECRET }],
    });
    await setSsoSettings(t.scope, settings("new-secret"), otherServer);
    await enable(t.tenant.id);
    // Opens now: what fails is the provider, which does not exist.
    await expect(start(t.tenant.slug, otherServer.secretKey)).rejects.not.toMatchObject({
      message: UNREADABLE_SSO_SECRET,
    });
  });

  it("reads a legacy plain secret, and seals it at the next save or at server start", async () => {
    const key = newKey();
    const server = { publicUrl: PUBLIC_URL, secretKey: key };
    const saved = await createTestTenant(ctx.db);
    const started = await createTestTenant(ctx.db);
    for (const t of [saved, started]) {
      await setSsoSettings(t.scope, settings(SECRET), server);
      await ctx.db
        .updateTable("ssoSettings")
        .set({ clientSecret: `legacy-${t.tenant.id}` })
        .where("tenantId", "=", t.tenant.id)
        .execute();
    }
    // Kept at a save (the secret left out): the plain value is read and stored sealed.
    await setSsoSettings(saved.scope, settings(), server);
    const resaved = await stored(saved.tenant.id);
    expect(resaved).toMatch(/^enc:v1:/);

    // At start, every plain value left is sealed for its own workspace; sealed ones are left alone.
    expect((await sealSsoSecretsUnderCurrentKey(ctx.db, saved.scope.clock, key)).sealed).toBeGreaterThanOrEqual(1);
    const sealedAtStart = await stored(started.tenant.id);
    expect(sealedAtStart).toMatch(/^enc:v1:/);
    expect(sealedAtStart).not.toContain("legacy");
    expect(await stored(saved.tenant.id)).toBe(resaved);
    expect(await sealSsoSecretsUnderCurrentKey(ctx.db, saved.scope.clock, key)).toEqual({ sealed: 0, resealed: 0 });

    // Both still open to the plain secret they held.
    for (const t of [saved, started]) {
      expect(readSsoSecret(key, t.tenant.id, await stored(t.tenant.id))).toBe(`legacy-${t.tenant.id}`);
    }
  });

  it("does not ask for the key at start when no plain secret is stored", async () => {
    let asked = 0;
    const key = () => {
      asked++;
      return createSecretKey(randomBytes(32));
    };
    const counting = { key, origin: "counting" };
    await ctx.db.updateTable("ssoSettings").set({ clientSecret: "enc:v1:x:y:z" }).execute();
    expect(await sealSsoSecretsUnderCurrentKey(ctx.db, systemClock, counting)).toEqual({ sealed: 0, resealed: 0 });
    expect(asked).toBe(0);
  });

  it("rotates the key: a secret sealed under a previous key still opens, and is sealed again under the new one at start", async () => {
    const t = await createTestTenant(ctx.db);
    const other = await createTestTenant(ctx.db);
    const oldKey = newKey();
    await setSsoSettings(t.scope, settings(SECRET), { publicUrl: PUBLIC_URL, secretKey: oldKey });
    // A secret sealed under neither key stays as it is, for an admin to save again.
    await setSsoSettings(other.scope, settings("lost"), { publicUrl: PUBLIC_URL, secretKey: newKey() });
    const underOld = await stored(t.tenant.id);
    const unreadable = await stored(other.tenant.id);

    const fresh = createSecretKey(randomBytes(32));
    const rotating = fixedSecretKey(fresh, "ADVO_SECRET_KEY", [oldKey.key()]);
    expect(readSsoSecret(rotating, t.tenant.id, underOld)).toBe(SECRET);
    expect(await sealSsoSecretsUnderCurrentKey(ctx.db, systemClock, rotating)).toMatchObject({ resealed: 1 });
    const underNew = await stored(t.tenant.id);
    expect(underNew).toMatch(/^enc:v1:/);
    expect(underNew).not.toBe(underOld);
    expect(await stored(other.tenant.id)).toBe(unreadable);
    // The old key can go: the new one alone opens it, and a second start has nothing to do.
    expect(readSsoSecret(fixedSecretKey(fresh), t.tenant.id, underNew)).toBe(SECRET);
    expect(readSsoSecret(oldKey, t.tenant.id, underNew)).toBeNull();
    expect(await sealSsoSecretsUnderCurrentKey(ctx.db, systemClock, rotating)).toMatchObject({ resealed: 0 });
  });
});
