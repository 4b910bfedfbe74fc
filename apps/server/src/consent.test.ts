import { manualClock } from "@advo/core";
import { consentEffective, createContact, getContact } from "@advo/core/contacts";
import { updateHubProfile } from "@advo/core/hub";
import { importStream, memoryErrorSink } from "@advo/core/imports";
import { createShoutout, listShoutouts } from "@advo/core/recognition";
import { createTestTenant, describeDialects } from "@advo/test-kit";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp } from "./testing.ts";

const DAY = 24 * 3600 * 1000;

describeDialects("consent records: evidence, expiry, renewal, export and erasure", (ctx) => {
  const clock = manualClock(Date.parse("2026-03-01T09:00:00Z"));
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp(ctx.db, clock);
  });
  afterAll(async () => {
    await app.close();
  });

  it("records grants with the workspace's default lifetime, lets them lapse, and lists who to ask again", async () => {
    const t = await createTestTenant(ctx.db, clock);
    const h = bearer(t.adminKey);
    const contact = await createContact(t.scope, { email: "ada@quote.example", firstName: "Ada" });

    const policy = await app.inject({
      method: "PUT",
      url: "/api/v1/settings/consent",
      headers: h,
      payload: { durationDays: { quoteUse: 90 } },
    });
    expect(policy.statusCode, policy.body).toBe(200);
    expect(policy.json().durationDays).toMatchObject({ quoteUse: 90, logoUse: 730, marketingEmail: null });

    const granted = await app.inject({
      method: "POST",
      url: `/api/v1/contacts/${contact.id}/consents`,
      headers: h,
      payload: {
        purpose: "quoteUse",
        granted: true,
        statement: "You may quote my review on your website.",
        covers: "G2 review of March 2026, website only",
        source: "signed release form",
      },
    });
    expect(granted.statusCode, granted.body).toBe(201);
    const quote = granted.json().current.find((c: { purpose: string }) => c.purpose === "quoteUse");
    expect(quote).toMatchObject({
      status: "granted",
      effective: true,
      statement: "You may quote my review on your website.",
      covers: "G2 review of March 2026, website only",
      source: "signed release form",
      recordedBy: { type: "api_key" },
      expiresAt: new Date(clock.now() + 90 * DAY).toISOString(),
    });
    // An explicit expiry wins over the default; marketing email has none by default.
    await app.inject({
      method: "POST",
      url: `/api/v1/contacts/${contact.id}/consents`,
      headers: h,
      payload: { purpose: "logoUse", granted: true, expiresAt: "2026-04-01T00:00:00Z" },
    });
    await app.inject({
      method: "POST",
      url: `/api/v1/contacts/${contact.id}/consents`,
      headers: h,
      payload: { purpose: "marketingEmail", granted: true },
    });

    const soon = await app.inject({ method: "GET", url: "/api/v1/consents/expiring?withinDays=45", headers: h });
    expect(soon.statusCode, soon.body).toBe(200);
    expect(soon.json().items.map((i: { purpose: string }) => i.purpose)).toEqual(["logoUse"]);

    clock.advance(91 * DAY);
    const lapsed = (
      await app.inject({ method: "GET", url: `/api/v1/contacts/${contact.id}/consents`, headers: h })
    ).json();
    const byPurpose = Object.fromEntries(lapsed.current.map((c: { purpose: string }) => [c.purpose, c]));
    expect(byPurpose.quoteUse).toMatchObject({ status: "expired", effective: false });
    expect(byPurpose.logoUse).toMatchObject({ status: "expired", effective: false });
    expect(byPurpose.marketingEmail).toMatchObject({ status: "granted", effective: true, expiresAt: null });
    const stored = await getContact(t.scope, contact.id);
    expect(consentEffective(stored.consent, "quoteUse", clock.now())).toBe(false);
    expect(consentEffective(stored.consent, "marketingEmail", clock.now())).toBe(true);

    const overdue = await app.inject({
      method: "GET",
      url: "/api/v1/consents/expiring?withinDays=0&includeExpired=true",
      headers: h,
    });
    expect(overdue.json().items.map((i: { purpose: string; expired: boolean }) => [i.purpose, i.expired])).toEqual([
      ["logoUse", true],
      ["quoteUse", true],
    ]);

    // Renewal: a new grant supersedes the lapsed one, and it drops off the list.
    await app.inject({
      method: "POST",
      url: `/api/v1/contacts/${contact.id}/consents`,
      headers: h,
      payload: { purpose: "quoteUse", granted: true },
    });
    const after = await app.inject({
      method: "GET",
      url: "/api/v1/consents/expiring?withinDays=0&includeExpired=true",
      headers: h,
    });
    expect(after.json().items.map((i: { purpose: string }) => i.purpose)).toEqual(["logoUse"]);
    const history = (
      await app.inject({ method: "GET", url: `/api/v1/contacts/${contact.id}/consents`, headers: h })
    ).json().history;
    expect(history).toHaveLength(4);
  });

  it("refuses bad records by field and keeps what was stored", async () => {
    const t = await createTestTenant(ctx.db, clock);
    const h = bearer(t.adminKey);
    const contact = await createContact(t.scope, {
      email: "bo@quote.example",
      consent: { quoteUse: { granted: true } },
    });
    const before = (
      await app.inject({ method: "GET", url: `/api/v1/contacts/${contact.id}/consents`, headers: h })
    ).json();
    expect(before.history).toHaveLength(1);

    for (const [payload, field] of [
      [{ purpose: "quoteUse", granted: false, expiresAt: "2027-01-01T00:00:00Z" }, "expiresAt"],
      [{ purpose: "", granted: true }, "purpose"],
      [{ purpose: "quoteUse", granted: "yes" }, "granted"],
      [{ purpose: "quoteUse", granted: true, expiresAt: "next year" }, "expiresAt"],
    ] as const) {
      const res = await app.inject({
        method: "POST",
        url: `/api/v1/contacts/${contact.id}/consents`,
        headers: h,
        payload,
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(JSON.stringify(res.json())).toContain(field);
    }
    const missing = await app.inject({
      method: "POST",
      url: "/api/v1/contacts/con_missing/consents",
      headers: h,
      payload: { purpose: "quoteUse", granted: true },
    });
    expect(missing.statusCode).toBe(404);
    const after = (
      await app.inject({ method: "GET", url: `/api/v1/contacts/${contact.id}/consents`, headers: h })
    ).json();
    expect(after).toEqual(before);
  });

  it("keeps evidence of hub, contact-edit and import changes; a back-dated record does not undo a newer one", async () => {
    const t = await createTestTenant(ctx.db, clock);
    const h = bearer(t.adminKey);
    const contact = await createContact(t.scope, { email: "cy@quote.example", firstName: "Cy" });

    await updateHubProfile(t.scope, contact.id, { consent: { publicRecognition: true, quoteUse: true } });
    const patched = await app.inject({
      method: "PATCH",
      url: `/api/v1/contacts/${contact.id}`,
      headers: h,
      payload: { consent: { quoteUse: { granted: false, source: "email from the customer" } } },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().consent.quoteUse).toMatchObject({ granted: false, source: "email from the customer" });

    // A release form signed last year is recorded as evidence, but it is older than the withdrawal.
    const late = await app.inject({
      method: "POST",
      url: `/api/v1/contacts/${contact.id}/consents`,
      headers: h,
      payload: { purpose: "quoteUse", granted: true, at: "2025-03-01T00:00:00Z", source: "release form 2025" },
    });
    expect(late.statusCode, late.body).toBe(201);
    expect(late.json().current.find((c: { purpose: string }) => c.purpose === "quoteUse")).toMatchObject({
      status: "withdrawn",
    });
    expect((await getContact(t.scope, contact.id)).consent.quoteUse).toMatchObject({ granted: false });

    const csv = "email,consent.quoteUse\nnew@quote.example,true\n";
    const imported = await importStream(t.scope, [csv], { kind: "contacts", format: "csv", errors: memoryErrorSink() });
    expect(imported.inserted).toBe(1);

    const consents = (
      await app.inject({ method: "GET", url: `/api/v1/contacts/${contact.id}/consents`, headers: h })
    ).json();
    const byPurpose = Object.fromEntries(consents.current.map((c: { purpose: string }) => [c.purpose, c]));
    expect(byPurpose.publicRecognition).toMatchObject({
      status: "granted",
      source: "advocate hub",
      recordedBy: { type: "advocate", id: contact.id },
      statement: expect.stringContaining("leaderboards"),
    });
    expect(consents.history.map((r: { source: string; granted: boolean }) => [r.source, r.granted])).toEqual(
      expect.arrayContaining([
        ["advocate hub", true],
        ["email from the customer", false],
        ["release form 2025", true],
      ]),
    );
    const newcomer = (
      await app.inject({ method: "GET", url: "/api/v1/contacts?q=new%40quote.example", headers: h })
    ).json().data[0];
    const newcomerConsents = (
      await app.inject({ method: "GET", url: `/api/v1/contacts/${newcomer.id}/consents`, headers: h })
    ).json();
    expect(newcomerConsents.current).toMatchObject([{ purpose: "quoteUse", status: "granted", source: "import" }]);
    // Re-importing the same file records nothing new.
    await importStream(t.scope, [csv], { kind: "contacts", format: "csv", errors: memoryErrorSink() });
    const again = (
      await app.inject({ method: "GET", url: `/api/v1/contacts/${newcomer.id}/consents`, headers: h })
    ).json();
    expect(again.history).toHaveLength(1);
  });

  it("shows a name publicly only while consent to public recognition is in force", async () => {
    const t = await createTestTenant(ctx.db, clock);
    const contact = await createContact(t.scope, { email: "di@quote.example", firstName: "Dimitra" });
    await updateHubProfile(t.scope, contact.id, { consent: { publicRecognition: true } });
    await createShoutout(
      t.scope,
      { contactId: contact.id, message: "Thanks!" },
      { type: "system", id: "t", name: "t" },
    );
    expect((await listShoutouts(t.scope, "public"))[0]?.name).toBe("Dimitra");
    clock.advance(731 * DAY);
    expect((await listShoutouts(t.scope, "public"))[0]?.name).toBe("An advocate");
    expect((await listShoutouts(t.scope, "staff"))[0]?.name).toBe("Dimitra");
  });

  it("exports consent records with a contact and deletes them on erasure", async () => {
    const t = await createTestTenant(ctx.db, clock);
    const h = bearer(t.adminKey);
    const contact = await createContact(t.scope, { email: "ed@quote.example", firstName: "Ed" });
    await app.inject({
      method: "POST",
      url: `/api/v1/contacts/${contact.id}/consents`,
      headers: h,
      payload: { purpose: "caseStudy", granted: true, covers: "Ed Example's story about onboarding" },
    });
    const exported = (
      await app.inject({ method: "GET", url: `/api/v1/contacts/${contact.id}/export`, headers: h })
    ).json();
    expect(exported.consent.records).toMatchObject([{ purpose: "caseStudy", granted: 1 }]);
    const erased = await app.inject({
      method: "POST",
      url: `/api/v1/contacts/${contact.id}/erase`,
      headers: h,
      payload: {},
    });
    expect(erased.statusCode, erased.body).toBe(200);
    const after = (
      await app.inject({ method: "GET", url: `/api/v1/contacts/${contact.id}/consents`, headers: h })
    ).json();
    expect(after).toMatchObject({ current: [], history: [] });
    const refused = await app.inject({
      method: "POST",
      url: `/api/v1/contacts/${contact.id}/consents`,
      headers: h,
      payload: { purpose: "caseStudy", granted: true },
    });
    expect(refused.statusCode).toBe(404);
  });
});
