import { createAccount } from "@advo/core/accounts";
import { createChallenge, createProgram, reviewSubmission, submitToChallenge } from "@advo/core/programs";
import { createProfile } from "@advo/core/references";
import { createLead, issueCode } from "@advo/core/referrals";
import { createReward, redeemReward } from "@advo/core/rewards";
import { ingestMessages, normalizeBatch } from "@advo/core/signals";
import { createApiKey } from "@advo/core/users";
import { createTestTenant, describeDialects } from "@advo/test-kit";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp } from "./testing.ts";

const PII = "Zephyrine";
const EMAIL = "zephyrine.q@example.com";

describeDialects("privacy: export and erasure of one contact", (ctx) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp(ctx.db);
  });
  afterAll(async () => {
    await app.close();
  });

  it("exports everything about a contact, then erases the person while the ledger and aggregates stay intact", async () => {
    const t = await createTestTenant(ctx.db);
    const h = bearer(t.adminKey);
    const account = await createAccount(t.scope, { name: "Quasar Ltd", domain: "quasar.example" });
    const created = await app.inject({
      method: "POST",
      url: "/api/v1/contacts",
      headers: h,
      payload: {
        email: EMAIL,
        firstName: PII,
        lastName: "Quill",
        phone: "+44 20 7946 0000",
        accountId: account.id,
        socialHandles: { twitter: "@zephyrine" },
        attributes: { nickname: PII },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const { messages } = normalizeBatch(
      [
        {
          type: "identify",
          userId: "zq-1",
          traits: { email: EMAIL, name: `${PII} Quill` },
        },
        {
          type: "track",
          userId: "zq-1",
          event: "Survey Responded",
          properties: { score: 10, kind: "nps", comment: `${PII} here, I love it` },
        },
        {
          type: "track",
          userId: "zq-1",
          event: "Ticket Opened",
          properties: { ticketId: "T-1", subject: `${PII} cannot log in`, text: `call ${PII} back` },
        },
      ],
      { receivedAt: Date.now(), checkSizes: false },
    );
    await ingestMessages({ db: ctx.db, clock: t.scope.clock, tenantId: t.tenant.id, sourceId: null }, messages);
    const put = await app.inject({
      method: "PUT",
      url: "/api/v1/settings/listening",
      headers: h,
      payload: { brands: [{ name: "Acme" }] },
    });
    expect(put.statusCode).toBe(200);
    const mention = await app.inject({
      method: "POST",
      url: "/api/v1/mentions",
      headers: h,
      payload: [{ url: "https://s.example/z", text: `Acme rocks, says ${PII}`, authorEmail: EMAIL, authorName: PII }],
    });
    expect(mention.json()).toMatchObject({ linked: 1 });

    const staff = { type: "user" as const, id: "usr_test", name: "Staff" };
    const program = await createProgram(t.scope, { name: "Referrals", type: "referral" });
    const challenge = await createChallenge(
      t.scope,
      { programId: program.id, type: "testimonial", title: "Quote", points: 50 },
      staff,
    );
    const submission = await submitToChallenge(
      t.scope,
      challenge.id,
      id,
      { evidence: { text: `${PII} says hi` } },
      staff,
    );
    await reviewSubmission(t.scope, submission.id, { decision: "approve" }, staff);
    const reward = await createReward(t.scope, { name: "Mug", kind: "swag", costPoints: 10, stock: 3 });
    await redeemReward(t.scope, id, { rewardId: reward.id, details: { address: `${PII}, 1 Lane` } }, staff);
    await createProfile(
      t.scope,
      { contactId: id, consent: { granted: true }, activities: ["reference_call"], notes: `${PII} prefers mornings` },
      staff,
    );
    const { code } = await issueCode(t.scope, { programId: program.id, contactId: id, vanity: PII });
    await createLead(t.scope, { code: code.code, email: "friend@other.example", name: "Friend" });

    // Export: everything, and no secrets.
    const viewer = await createApiKey(t.scope, { name: "viewer", role: "viewer" }, null);
    expect(
      (await app.inject({ method: "GET", url: `/api/v1/contacts/${id}/export`, headers: bearer(viewer.key) }))
        .statusCode,
    ).toBe(403);
    const exported = await app.inject({ method: "GET", url: `/api/v1/contacts/${id}/export`, headers: h });
    expect(exported.statusCode, exported.body).toBe(200);
    expect(exported.headers["content-disposition"]).toContain(`contact-${id}.json`);
    const doc = exported.json();
    expect(doc.contact).toMatchObject({ id, email: EMAIL, firstName: PII, socialHandles: { twitter: "@zephyrine" } });
    expect(doc.account).toMatchObject({ name: "Quasar Ltd" });
    expect(doc.identities.map((i: { kind: string }) => i.kind)).toEqual(expect.arrayContaining(["email", "userId"]));
    expect(doc.events.length).toBeGreaterThanOrEqual(3);
    expect(doc.surveyResponses[0]).toMatchObject({ score: 10, comment: expect.stringContaining(PII) });
    expect(doc.tickets[0]).toMatchObject({ subject: expect.stringContaining(PII) });
    expect(doc.mentions).toHaveLength(1);
    expect(doc.submissions[0].evidence).toMatchObject({ text: expect.stringContaining(PII) });
    expect(doc.ledgerTransactions.length).toBeGreaterThanOrEqual(2);
    expect(doc.ledgerEntries.length).toBeGreaterThanOrEqual(2);
    expect(doc.redemptions).toHaveLength(1);
    expect(doc.referenceProfiles[0].notes).toContain(PII);
    expect(doc.consent.references[0].consentAt).toEqual(expect.any(Number));
    expect(doc.referralCodes[0].code).toBe(PII);
    expect(doc.referralLeads).toHaveLength(1);
    expect(exported.body).not.toMatch(/secretHash|tokenHash|dataBase64/);

    const ledgerBefore = (await app.inject({ method: "GET", url: `/api/v1/ledger/accounts/${id}`, headers: h })).json();

    // Erasure: crm:delete only.
    expect(
      (
        await app.inject({
          method: "POST",
          url: `/api/v1/contacts/${id}/erase`,
          headers: bearer(viewer.key),
          payload: {},
        })
      ).statusCode,
    ).toBe(403);
    const erased = await app.inject({
      method: "POST",
      url: `/api/v1/contacts/${id}/erase`,
      headers: h,
      payload: { reason: "GDPR request 42" },
    });
    expect(erased.statusCode, erased.body).toBe(200);
    expect(erased.json()).toMatchObject({
      id,
      reason: "GDPR request 42",
      cleared: expect.objectContaining({ contacts: 1 }),
    });

    const after = await app.inject({ method: "GET", url: `/api/v1/contacts/${id}/export`, headers: h });
    expect(after.statusCode).toBe(200);
    expect(after.body).not.toContain(PII);
    expect(after.body).not.toContain(EMAIL);
    expect(after.body).not.toContain("zephyrine");
    const gone = after.json();
    expect(gone.contact).toMatchObject({
      id,
      email: null,
      firstName: null,
      lastName: null,
      phone: null,
      erasedAt: expect.any(Number),
    });
    expect(gone.identities).toEqual([]);
    expect(gone.surveyResponses[0]).toMatchObject({ score: 10, comment: null });
    expect(gone.referenceProfiles[0].status).toBe("retired");
    expect(gone.referralCodes[0].status).toBe("retired");
    // Ledger untouched: same entries, same balance, and the chain verifies.
    expect(gone.ledgerEntries).toEqual(doc.ledgerEntries);
    const ledgerAfter = (await app.inject({ method: "GET", url: `/api/v1/ledger/accounts/${id}`, headers: h })).json();
    expect(ledgerAfter.balance).toBe(ledgerBefore.balance);
    const verify = await app.inject({ method: "GET", url: "/api/v1/ledger/verify", headers: h });
    expect(verify.json()).toMatchObject({ ok: true });

    // The contact still counts, as nobody in particular; searching for the person finds nothing.
    const search = await app.inject({ method: "GET", url: `/api/v1/contacts?q=${PII}`, headers: h });
    expect(search.json().data).toEqual([]);

    // Earlier audit entries keep who did what and when, not the person's data; the chain still verifies.
    const history = await app.inject({ method: "GET", url: "/api/v1/audit/export", headers: h });
    expect(history.body).toContain(`"resource":{"kind":"contacts","id":"${id}"}`);
    expect(history.body).not.toContain(PII);
    expect(history.body).not.toContain(EMAIL);
    expect((await app.inject({ method: "GET", url: "/api/v1/audit/verify", headers: h })).json()).toMatchObject({
      ok: true,
    });

    // The erasure is itself audited, without copying what it erased.
    const audit = (
      await app.inject({ method: "GET", url: `/api/v1/audit?resourceKind=contacts&resourceId=${id}`, headers: h })
    ).json();
    const entry = audit.data[0];
    expect(entry).toMatchObject({ action: "erase", method: "POST", body: { reason: "GDPR request 42" }, before: null });
    expect(JSON.stringify(entry)).not.toContain(PII);

    // Another tenant cannot erase it, and an unknown contact is a 404.
    const other = await createTestTenant(ctx.db);
    expect(
      (
        await app.inject({
          method: "POST",
          url: `/api/v1/contacts/${id}/erase`,
          headers: bearer(other.adminKey),
          payload: {},
        })
      ).statusCode,
    ).toBe(404);
  });
});
