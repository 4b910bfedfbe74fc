import { createAccount } from "@advo/core/accounts";
import { addMembers, createEvent, createSpace, registerContacts } from "@advo/core/community";
import { createContact } from "@advo/core/contacts";
import { createContent } from "@advo/core/content";
import { importStream, memoryErrorSink } from "@advo/core/imports";
import { enqueueJob } from "@advo/core/jobs";
import { createJourney } from "@advo/core/journeys";
import { createChallenge, createProgram, reviewSubmission, submitToChallenge } from "@advo/core/programs";
import { createBadge } from "@advo/core/recognition";
import { askCandidate, createProfile, fileRequest } from "@advo/core/references";
import { createLead, issueCode, recordConversion } from "@advo/core/referrals";
import { createReward, redeemReward } from "@advo/core/rewards";
import { createSegment } from "@advo/core/segments";
import { createSource, ingestMessages, normalizeBatch } from "@advo/core/signals";
import { createApiKey, createUser, setSsoSettings } from "@advo/core/users";
import { createTestTenant, describeDialects } from "@advo/test-kit";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp, testSecretKey } from "./testing.ts";

// Walks every route of the OpenAPI document: with tenant B's credentials, each route that takes a
// resource id is tried with tenant A's ids, by every method the route has. A route added later is
// covered automatically; one whose resource this test cannot seed fails loudly until it is added.

const FINGERPRINT = "isolation-canary-7f3a";

describeDialects("tenant isolation on every route", (ctx) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp(ctx.db);
  });
  afterAll(async () => {
    await app.close();
  });

  it("answers 404 (or 403) to another tenant's ids on every route and leaks none of its data", async () => {
    const a = await createTestTenant(ctx.db);
    const b = await createTestTenant(ctx.db);
    const account = await createAccount(a.scope, { name: `Acme ${FINGERPRINT}`, domain: "isolation-canary.com" });
    const contact = await createContact(a.scope, {
      email: `${FINGERPRINT}@a.com`,
      firstName: FINGERPRINT,
      accountId: account.id,
    });
    const segment = await createSegment(a.scope, { name: `seg ${FINGERPRINT}`, expression: "nps >= 0" });
    const source = await createSource(a.scope, { name: `src ${FINGERPRINT}` });
    const key = await createApiKey(a.scope, { name: `key ${FINGERPRINT}` }, null);
    const user = await createUser(a.scope, { email: `user-${FINGERPRINT}@a.com`, name: FINGERPRINT, role: "viewer" });
    const { messages } = normalizeBatch(
      [
        {
          type: "track",
          userId: "iso",
          context: { traits: { email: `${FINGERPRINT}@a.com` } },
          event: "Survey Responded",
          properties: { score: 10, comment: FINGERPRINT },
        },
      ],
      { receivedAt: Date.now(), checkSizes: false },
    );
    await ingestMessages({ db: ctx.db, clock: a.scope.clock, tenantId: a.tenant.id, sourceId: null }, messages);

    const feed = await app.inject({
      method: "POST",
      url: "/api/v1/listening/feeds",
      headers: bearer(a.adminKey),
      payload: { name: `feed ${FINGERPRINT}`, url: "http://127.0.0.1:9/feed.xml" },
    });
    expect(feed.statusCode).toBe(201);

    const staff = { type: "user" as const, id: user.id, name: FINGERPRINT };
    const profile = await createProfile(
      a.scope,
      { contactId: contact.id, consent: { granted: true }, activities: ["reference_call"], notes: FINGERPRINT },
      staff,
    );
    const referenceRequest = await fileRequest(a.scope, { prospectName: `Prospect ${FINGERPRINT}` }, staff);
    const asked = await askCandidate(a.scope, referenceRequest.id, { contactId: contact.id }, staff);

    const referralProgram = await createProgram(a.scope, { name: `Referrals ${FINGERPRINT}`, type: "referral" });
    const { code: referralCode } = await issueCode(a.scope, {
      programId: referralProgram.id,
      contactId: contact.id,
      vanity: FINGERPRINT,
    });
    // A self-referral: it also waits in A's review queue.
    const { lead: referralLead } = await createLead(a.scope, {
      code: referralCode.code,
      email: `${FINGERPRINT}@a.com`,
    });
    const conversion = await recordConversion(a.scope, {
      externalId: `order-${FINGERPRINT}`,
      amount: 10,
      currency: "USD",
      leadId: referralLead.id,
    });

    const challenge = await createChallenge(
      a.scope,
      { programId: referralProgram.id, type: "testimonial", title: `Quote ${FINGERPRINT}`, points: 40 },
      staff,
    );
    const submission = await submitToChallenge(
      a.scope,
      challenge.id,
      contact.id,
      { evidence: { text: FINGERPRINT } },
      staff,
    );
    const approved = await reviewSubmission(a.scope, submission.id, { decision: "approve" }, staff);
    const reward = await createReward(a.scope, { name: `Mug ${FINGERPRINT}`, kind: "swag", costPoints: 10, stock: 3 });
    const redemption = await redeemReward(
      a.scope,
      contact.id,
      { rewardId: reward.id, details: { note: FINGERPRINT } },
      staff,
    );
    const badge = await createBadge(a.scope, { name: `Badge ${FINGERPRINT}`, rule: { kind: "manual" } });
    // Set up but off (enabling would call the provider): its client id must not show anywhere.
    await setSsoSettings(
      a.scope,
      {
        enabled: false,
        issuerUrl: "https://isolation-canary.example",
        clientId: FINGERPRINT,
        clientSecret: `secret-${FINGERPRINT}`,
      },
      { publicUrl: "http://localhost:3000", secretKey: testSecretKey() },
    );

    const imported = await importStream(a.scope, [`email\nnot-an-email-${FINGERPRINT}\n`], {
      kind: "contacts",
      format: "csv",
      errors: memoryErrorSink(),
      record: { actor: { type: "system", id: null, name: FINGERPRINT }, fileName: `${FINGERPRINT}.csv` },
    });

    // A job of A's that failed, its error naming the fingerprint (set directly: running due jobs here
    // would run every test's).
    const job = await enqueueJob(a.scope, "isolation.canary", { note: FINGERPRINT }, { maxAttempts: 1 });
    await ctx.db
      .updateTable("jobs")
      .set({ status: "failed", attempts: 1, lastError: `failed for ${FINGERPRINT}` })
      .where("id", "=", job)
      .execute();

    const journey = await createJourney(a.scope, {
      name: `journey ${FINGERPRINT}`,
      trigger: { type: "segment_joined", segmentId: segment.id },
      steps: [{ type: "send_email", subject: FINGERPRINT, body: FINGERPRINT }],
    });

    const content = await createContent(
      a.scope,
      { kind: "testimonial", title: FINGERPRINT, body: FINGERPRINT, contactId: contact.id },
      staff,
    );

    const space = await createSpace(a.scope, { name: `space ${FINGERPRINT}`, kind: "user_group" });
    await addMembers(a.scope, space.id, { contactIds: [contact.id] }, staff);
    const event = await createEvent(a.scope, {
      title: `event ${FINGERPRINT}`,
      kind: "meetup",
      spaceId: space.id,
      location: FINGERPRINT,
      timezone: "UTC",
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 90_000_000).toISOString(),
    });
    await registerContacts(a.scope, event.id, { contactIds: [contact.id] });

    // The id of tenant A's resource for each kind of path parameter, by the collection it sits under.
    const idFor: Record<string, string> = {
      feeds: feed.json().id,
      contacts: contact.id,
      accounts: account.id,
      segments: segment.id,
      sources: source.id,
      "api-keys": key.id,
      users: user.id,
      "reference-profiles": profile.id,
      "reference-requests": referenceRequest.id,
      "reference-asks": asked.asks[0]?.id ?? "",
      programs: referralProgram.id,
      codes: referralCode.id,
      conversions: conversion.id,
      "review-queue": referralLead.id,
      challenges: challenge.id,
      submissions: submission.id,
      rewards: reward.id,
      redemptions: redemption.id,
      badges: badge.id,
      transactions: approved.transactionId ?? "",
      // The ledger's accounts are advocates' points accounts: their id is the contact's.
      "ledger/accounts": contact.id,
      imports: imported.runId ?? "",
      jobs: job,
      journeys: journey.id,
      content: content.id,
      "community/spaces": space.id,
      "community/events": event.id,
    };

    const doc = (await app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json() as {
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
    };
    const tried: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      if (!path.includes("{")) continue;
      if (path.includes("{workspace}")) {
        // Public sign-in routes addressed by workspace slug, not by id: they answer the same to anyone
        // (B's key changes nothing) and must not show A's SSO settings.
        for (const method of Object.keys(operations)) {
          const res = await app.inject({
            method: method.toUpperCase() as "GET",
            url: path.replace("{workspace}", a.tenant.slug),
            headers: bearer(b.adminKey),
          });
          tried.push(`${method.toUpperCase()} ${path} → ${res.statusCode}`);
          expect([200, 400, 404], `${method.toUpperCase()} ${path}`).toContain(res.statusCode);
          expect(res.body, `${method.toUpperCase()} ${path} leaked tenant A's data`).not.toContain(FINGERPRINT);
        }
        continue;
      }
      const collection = /([^/]+)\/\{id\}/.exec(path)?.[1];
      const nested = /([^/]+\/[^/]+)\/\{id\}/.exec(path)?.[1];
      const id = (nested ? idFor[nested] : undefined) ?? (collection ? idFor[collection] : undefined);
      expect(id, `no tenant-A resource to try on ${path}: seed one in isolation.test.ts`).toBeDefined();
      const url = path.replace("{id}", id as string).replace("{contactId}", contact.id);
      for (const method of Object.keys(operations)) {
        const res = await app.inject({
          method: method.toUpperCase() as "GET",
          url,
          headers: bearer(b.adminKey),
          ...(method === "get" || method === "delete" ? {} : { payload: {} }),
        });
        tried.push(`${method.toUpperCase()} ${path} → ${res.statusCode}`);
        // 400 is allowed only when the body is refused before any lookup (validation comes first).
        expect([400, 403, 404], `${method.toUpperCase()} ${path}`).toContain(res.statusCode);
        expect(res.body, `${method.toUpperCase()} ${path} leaked tenant A's data`).not.toContain(FINGERPRINT);
      }
    }
    expect(tried.length).toBeGreaterThan(15);

    // Lists and searches under B never show A's rows either.
    for (const url of [
      "/api/v1/contacts?q=isolation",
      "/api/v1/imports",
      "/api/v1/accounts",
      "/api/v1/segments",
      "/api/v1/sources",
      "/api/v1/api-keys",
      "/api/v1/users",
      "/api/v1/advocates",
      "/api/v1/analytics/overview",
      "/api/v1/reference-profiles",
      "/api/v1/reference-requests",
      "/api/v1/references/reports/utilisation",
      "/api/v1/references/reports/coverage",
      "/api/v1/references/reports/influence",
      "/api/v1/referrals/codes",
      "/api/v1/referrals/leads",
      "/api/v1/referrals/conversions",
      "/api/v1/referrals/review-queue",
      "/api/v1/referrals/metrics",
      "/api/v1/programs",
      "/api/v1/challenges",
      "/api/v1/submissions",
      "/api/v1/rewards",
      "/api/v1/redemptions",
      "/api/v1/badges",
      "/api/v1/leaderboards?period=all",
      "/api/v1/shoutouts",
      "/api/v1/reward-budgets",
      "/api/v1/audit",
      "/api/v1/settings/sso",
      "/api/v1/jobs",
      "/api/v1/journeys",
      "/api/v1/content",
      "/api/v1/community/spaces",
      "/api/v1/community/events?when=all",
    ]) {
      const res = await app.inject({ method: "GET", url, headers: bearer(b.adminKey) });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain(FINGERPRINT);
    }
    // And A still has everything.
    const still = await app.inject({
      method: "GET",
      url: `/api/v1/contacts/${contact.id}`,
      headers: bearer(a.adminKey),
    });
    expect(still.json().firstName).toBe(FINGERPRINT);
    const jobs = await app.inject({ method: "GET", url: "/api/v1/jobs?status=failed", headers: bearer(a.adminKey) });
    expect(jobs.body).toContain(FINGERPRINT);
  });
});
