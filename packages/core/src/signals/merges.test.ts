import { createTestTenant, describeDialects } from "@advo/test-kit";
import { sql } from "kysely";
import { expect, it } from "vitest";
import { consentEffective, createContact, getContact, listContacts, recordConsents } from "../contacts/index.ts";
import { awardPoints, getBalance, verifyLedger } from "../ledger/index.ts";
import { standingOf } from "../recognition/index.ts";
import { manualClock } from "../shared/clock.ts";
import { insertInto, type Scope, selectFrom } from "../shared/scope.ts";
import { ingestMessages, mergeContactsNow, normalizeBatch, unmergeContact } from "./index.ts";

const clock = manualClock(Date.parse("2026-10-01T12:00:00Z"));
const ACTOR = { type: "system" as const, id: "test", name: "test" };

// Every column that names a contact, checked independently of the merge's own inventory. Ledger
// transactions and wallets are left out on purpose: the ledger is append-only and hash-chained, so
// its history keeps the merged id (the points move by a posting; see merge-folds.ts).
const CONTACT_COLUMNS: [string, string][] = [
  ["identities", "contact_id"],
  ["events", "contact_id"],
  ["survey_responses", "contact_id"],
  ["tickets", "contact_id"],
  ["purchases", "contact_id"],
  ["mentions", "contact_id"],
  ["consent_records", "contact_id"],
  ["program_members", "contact_id"],
  ["submissions", "contact_id"],
  ["contact_badges", "contact_id"],
  ["shoutouts", "contact_id"],
  ["redemptions", "contact_id"],
  ["email_outbox", "contact_id"],
  ["magic_links", "contact_id"],
  ["advocate_sessions", "contact_id"],
  ["contact_asks", "contact_id"],
  ["contact_ask_counts", "contact_id"],
  ["contact_ask_limits", "contact_id"],
  ["reference_profiles", "contact_id"],
  ["reference_requests", "contact_id"],
  ["reference_asks", "contact_id"],
  ["referral_codes", "contact_id"],
  ["referral_clicks", "advocate_id"],
  ["referral_leads", "advocate_id"],
  ["referral_leads", "contact_id"],
  ["referral_conversions", "advocate_id"],
  ["referral_conversions", "friend_contact_id"],
  ["referral_rewards", "contact_id"],
  ["referral_fingerprints", "contact_id"],
  ["segment_members", "contact_id"],
  ["segment_changes", "contact_id"],
  ["journey_enrollments", "contact_id"],
  ["journey_actions", "contact_id"],
  ["community_members", "contact_id"],
  ["community_registrations", "contact_id"],
  ["contact_scores", "contact_id"],
  ["score_snapshots", "contact_id"],
  ["account_scores", "top_contact_id"],
];

async function rowsNaming(scope: Scope, contactId: string) {
  const found: string[] = [];
  for (const [table, column] of CONTACT_COLUMNS) {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}
      where tenant_id = ${scope.tenantId} and ${sql.ref(column)} = ${contactId}`.execute(scope.db);
    const n = Number(rows[0]?.n ?? 0);
    if (n > 0) found.push(`${table}.${column}: ${n}`);
  }
  return found;
}

const profile = (id: string, contactId: string, referencesGiven: number) => ({
  id,
  contactId,
  accountId: null,
  status: "active" as const,
  consentAt: clock.now(),
  consentSource: "test",
  activities: '["reference_call"]',
  activityMask: 1,
  products: "[]",
  useCases: "[]",
  industry: null,
  employeeCount: null,
  sizeBand: null,
  region: null,
  country: null,
  languages: "[]",
  competitorsReplaced: "[]",
  results: "[]",
  availability: null,
  maxAsksPerQuarter: null,
  blackouts: "[]",
  notes: null,
  lastReferenceAt: null,
  referencesGiven,
  updatedBy: null,
  createdAt: clock.now(),
  updatedAt: clock.now(),
});

/** Two contacts that each took part in programs, earned points, opted out or in, were asked, … */
async function twoAdvocates(scope: Scope) {
  const a = (await createContact(scope, { email: "ana@acme.com", firstName: "Ana" })).id;
  const b = (await createContact(scope, { email: "ana.lima@gmail.com", title: "CTO" })).id;
  const now = clock.now();
  for (const [contactId, programId] of [
    [a, "prg_shared"],
    [b, "prg_shared"],
    [b, "prg_only_b"],
  ] as const)
    await insertInto(scope, "programMembers", {
      programId,
      contactId,
      state: "active",
      invitedAt: null,
      joinedAt: now,
      lastActiveAt: null,
      declinedReason: null,
      updatedAt: now,
    }).execute();
  await awardPoints(scope, { contactId: a, points: 100, reason: "review", idempotencyKey: "a1", actor: ACTOR });
  await awardPoints(scope, { contactId: b, points: 250, reason: "case study", idempotencyKey: "b1", actor: ACTOR });
  await recordConsents(scope, a, [{ purpose: "marketing", granted: true }], ACTOR, "test");
  await recordConsents(scope, b, [{ purpose: "marketing", granted: false }], ACTOR, "test");
  await recordConsents(scope, b, [{ purpose: "reference", granted: true }], ACTOR, "test");
  await insertInto(scope, "mentions", {
    id: "men_1",
    sourceId: "manual",
    brand: "Acme",
    url: null,
    authorHandle: "@ana",
    authorName: null,
    authorEmail: null,
    text: "Acme is great",
    publishedAt: now,
    sentiment: 0.9,
    reach: 10,
    contactId: b,
    fingerprint: "f1",
    createdAt: now,
  } as never).execute();
  await insertInto(scope, "referenceProfiles", profile("rpf_a", a, 1)).execute();
  await insertInto(scope, "referenceProfiles", profile("rpf_b", b, 2)).execute();
  await insertInto(scope, "referralCodes", {
    id: "rc_b",
    programId: "prg_ref",
    contactId: b,
    code: "ANA10",
    codeKey: "ANA10",
    kind: "vanity",
    status: "active",
    createdAt: now,
    updatedAt: now,
  } as never).execute();
  for (const contactId of [a, b])
    await insertInto(scope, "contactAskCounts", {
      contactId,
      quarter: "2026Q4",
      kind: "*",
      asks: 1,
      lastAt: now,
    }).execute();
  await insertInto(scope, "scoreSnapshots", { contactId: b, day: 20_000, score: 50, confidence: 0.5 }).execute();
  await insertInto(scope, "segmentMembers", { segmentId: "seg_1", contactId: b, joinedAt: now }).execute();
  return { a, b };
}

describeDialects("contact merges", (ctx) => {
  it("leaves nothing naming the merged contact, keeps its points and its opt-out, and unmerges exactly", async () => {
    const t = await createTestTenant(ctx.db, clock);
    const { a, b } = await twoAdvocates(t.scope);
    expect(await rowsNaming(t.scope, b)).not.toEqual([]);
    clock.advance(60_000);

    const mergeId = await mergeContactsNow(t.scope, a, b);
    expect(await rowsNaming(t.scope, b)).toEqual([]);
    expect(await getBalance(t.scope, a)).toEqual({ balance: 350, lifetimeEarned: 100 });
    expect(await getBalance(t.scope, b)).toEqual({ balance: 0, lifetimeEarned: 250 });
    expect((await verifyLedger(t.scope)).problems).toEqual([]);
    // Tiers and badges count what both earned: the merged wallet's earnings stay in the ledger under it.
    expect(await standingOf(t.scope, a)).toMatchObject({ balance: 350, lifetimeEarned: 350 });
    const survivor = await getContact(t.scope, a);
    expect(consentEffective(survivor.consent as Record<string, unknown>, "marketing", clock.now())).toBe(false);
    expect(consentEffective(survivor.consent as Record<string, unknown>, "reference", clock.now())).toBe(true);
    expect(survivor.title).toBe("CTO");
    const members = await selectFrom(t.scope, "programMembers")
      .select("programId")
      .where("contactId", "=", a)
      .execute();
    expect(members.map((m) => m.programId).sort()).toEqual(["prg_only_b", "prg_shared"]);
    const profiles = await selectFrom(t.scope, "referenceProfiles").selectAll().execute();
    expect(profiles.map((p) => [p.id, p.contactId, Number(p.referencesGiven)])).toEqual([["rpf_a", a, 3]]);
    const counts = await selectFrom(t.scope, "contactAskCounts").selectAll().execute();
    expect(counts.map((c) => [c.contactId, Number(c.asks)])).toEqual([[a, 2]]);
    const jobs = await selectFrom(t.scope, "jobs").select(["kind", "payload"]).execute();
    expect(jobs).toContainEqual({ kind: "contacts.changed", payload: JSON.stringify({ contactIds: [a] }) });

    const undone = await unmergeContact(t.scope, a);
    expect(undone).toEqual({ mergeId, survivorId: a, restoredId: b });
    expect(await getBalance(t.scope, a)).toEqual({ balance: 100, lifetimeEarned: 100 });
    expect(await getBalance(t.scope, b)).toEqual({ balance: 250, lifetimeEarned: 250 });
    expect((await verifyLedger(t.scope)).problems).toEqual([]);
    expect(await standingOf(t.scope, a)).toMatchObject({ balance: 100, lifetimeEarned: 100 });
    const [first, second] = [await getContact(t.scope, a), await getContact(t.scope, b)];
    expect(consentEffective(first.consent as Record<string, unknown>, "marketing", clock.now())).toBe(true);
    expect(consentEffective(second.consent as Record<string, unknown>, "marketing", clock.now())).toBe(false);
    const ofB = await rowsNaming(t.scope, b);
    for (const table of ["program_members.contact_id: 2", "mentions.contact_id: 1", "reference_profiles.contact_id: 1"])
      expect(ofB).toContain(table);
    expect(ofB).toContain("referral_codes.contact_id: 1");
    const countsAfter = await selectFrom(t.scope, "contactAskCounts").selectAll().orderBy("contactId").execute();
    expect(countsAfter.map((c) => [c.contactId, Number(c.asks)]).sort()).toEqual([
      [a, 1],
      [b, 1],
    ]);
    const restoredProfiles = await selectFrom(t.scope, "referenceProfiles").selectAll().orderBy("id").execute();
    expect(restoredProfiles.map((p) => [p.id, p.contactId, Number(p.referencesGiven)])).toEqual([
      ["rpf_a", a, 1],
      ["rpf_b", b, 2],
    ]);
    const rescore = await selectFrom(t.scope, "jobs")
      .select("payload")
      .where("kind", "=", "contacts.changed")
      .execute();
    expect(rescore.map((j) => j.payload)).toContain(JSON.stringify({ contactIds: [a, b] }));
  });

  it("stores custom identify traits in the contact's attributes, writing only changes", async () => {
    const t = await createTestTenant(ctx.db, clock);
    const target = { db: ctx.db, clock, tenantId: t.tenant.id, sourceId: null };
    const batch = (items: object[]) => normalizeBatch(items, { receivedAt: clock.now(), checkSizes: true }).messages;
    await ingestMessages(
      target,
      batch([
        {
          type: "identify",
          messageId: "i1",
          userId: "u1",
          traits: {
            email: "ana@acme.com",
            locale: "pt-BR",
            plan: "pro",
            seats: 12,
            beta: true,
            address: { city: "Rio" },
          },
        },
      ]),
    );
    const [created] = (await listContacts(t.scope, { limit: 10 })).data;
    expect(created?.locale).toBe("pt-BR");
    expect(created?.attributes).toEqual({ plan: "pro", seats: 12, beta: true });

    await ingestMessages(
      target,
      batch([{ type: "identify", messageId: "i2", userId: "u1", traits: { seats: 20, team: "growth" } }]),
    );
    const updated = await getContact(t.scope, created?.id ?? "");
    expect(updated.attributes).toEqual({ plan: "pro", seats: 20, beta: true, team: "growth" });
    const stamp = (await selectFrom(t.scope, "contacts").select("updatedAt").executeTakeFirstOrThrow()).updatedAt;
    clock.advance(60_000);
    await ingestMessages(target, batch([{ type: "identify", messageId: "i3", userId: "u1", traits: { seats: 20 } }]));
    const after = (await selectFrom(t.scope, "contacts").select("updatedAt").executeTakeFirstOrThrow()).updatedAt;
    expect(Number(after)).toBe(Number(stamp));
  });
});
