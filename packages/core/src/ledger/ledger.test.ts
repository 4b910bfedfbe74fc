import { createTestTenant, describeDialects } from "@advo/test-kit";
import { sql } from "kysely";
import { expect, it } from "vitest";
import { createContact } from "../contacts/index.ts";
import { manualClock } from "../shared/clock.ts";
import type { Actor } from "../users/index.ts";
import {
  adjustPoints,
  awardPoints,
  expireStalePoints,
  getBalance,
  getLedgerAccount,
  reverseTransaction,
  setLedgerSettings,
  spendPoints,
  verifyLedger,
} from "./index.ts";

const actor: Actor = { type: "system", id: "test", name: "test" };

describeDialects("points ledger", (ctx) => {
  it("awards once per idempotency key, refuses a reused key with a different request, and balances from entries", async () => {
    const t = await createTestTenant(ctx.db);
    const ada = await createContact(t.scope, { email: "ada@example.com" });
    const first = await awardPoints(t.scope, {
      contactId: ada.id,
      points: 50,
      reason: "review",
      idempotencyKey: "k1",
      actor,
    });
    expect(first.replayed).toBe(false);
    expect(first.points).toBe(50);
    expect(first.entries.map((e) => e.amount).reduce((a, b) => a + b, 0)).toBe(0);
    const again = await awardPoints(t.scope, {
      contactId: ada.id,
      points: 50,
      reason: "review",
      idempotencyKey: "k1",
      actor,
    });
    expect(again).toMatchObject({ id: first.id, replayed: true });
    await expect(
      awardPoints(t.scope, { contactId: ada.id, points: 60, reason: "review", idempotencyKey: "k1", actor }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect(await getBalance(t.scope, ada.id)).toEqual({ balance: 50, lifetimeEarned: 50 });
    await expect(
      awardPoints(t.scope, { contactId: "con_nobody", points: 5, reason: "x", idempotencyKey: "k2", actor }),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses to overdraw, reverses once, and never edits an entry", async () => {
    const t = await createTestTenant(ctx.db);
    const bo = await createContact(t.scope, { email: "bo@example.com" });
    const award = await awardPoints(t.scope, {
      contactId: bo.id,
      points: 100,
      reason: "talk",
      idempotencyKey: "a",
      actor,
    });
    await expect(
      spendPoints(t.scope, {
        contactId: bo.id,
        points: 101,
        kind: "redemption",
        reason: "mug",
        idempotencyKey: "r1",
        actor,
      }),
    ).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("not enough points") });
    const spent = await spendPoints(t.scope, {
      contactId: bo.id,
      points: 30,
      kind: "redemption",
      reason: "mug",
      idempotencyKey: "r2",
      actor,
    });
    expect(spent.points).toBe(-30);
    const reversal = await reverseTransaction(
      t.scope,
      award.id,
      { reason: "duplicate talk", idempotencyKey: "rev1" },
      actor,
    );
    expect(reversal).toMatchObject({ kind: "reversal", reversesId: award.id, points: -100 });
    await expect(
      reverseTransaction(t.scope, award.id, { reason: "again", idempotencyKey: "rev2" }, actor),
    ).rejects.toMatchObject({ code: "conflict" });
    // The award's points were partly spent: the debt stays on record.
    expect(await getBalance(t.scope, bo.id)).toEqual({ balance: -30, lifetimeEarned: 0 });
    await adjustPoints(t.scope, bo.id, { points: 30, reason: "goodwill", idempotencyKey: "adj" }, actor);
    const account = await getLedgerAccount(t.scope, bo.id, { limit: 2 });
    expect(account.balance).toBe(0);
    expect(account.entries.map((e) => e.kind)).toEqual(["adjustment", "reversal"]);
    const older = await getLedgerAccount(t.scope, bo.id, { limit: 10, cursor: account.nextCursor ?? undefined });
    expect(older.entries.map((e) => e.kind)).toEqual(["redemption", "award"]);
    expect((await verifyLedger(t.scope)).ok).toBe(true);
  });

  it("stays exact under 200 concurrent awards and replays", async () => {
    const t = await createTestTenant(ctx.db);
    const people = await Promise.all(
      Array.from({ length: 10 }, (_, i) => createContact(t.scope, { email: `p${i}@example.com` })),
    );
    const requests = Array.from({ length: 200 }, (_, i) => ({
      contactId: people[i % 10]?.id as string,
      points: (i % 7) + 1,
      reason: "concurrent",
      idempotencyKey: `c${i}`,
      actor,
    }));
    await Promise.all(requests.map((r) => awardPoints(t.scope, r)));
    const replays = await Promise.all(requests.map((r) => awardPoints(t.scope, r)));
    expect(replays.every((r) => r.replayed)).toBe(true);
    for (const [i, person] of people.entries()) {
      const expected = requests.filter((_, j) => j % 10 === i).reduce((sum, r) => sum + r.points, 0);
      expect((await getBalance(t.scope, person.id)).balance).toBe(expected);
    }
    const report = await verifyLedger(t.scope);
    expect(report).toMatchObject({ ok: true, entriesChecked: 400, transactionsChecked: 200 });
  });

  it("names the exact entry when a row is edited, deleted, or the cache drifts", async () => {
    const t = await createTestTenant(ctx.db);
    const cy = await createContact(t.scope, { email: "cy@example.com" });
    for (let i = 0; i < 5; i++) {
      await awardPoints(t.scope, { contactId: cy.id, points: 10, reason: `r${i}`, idempotencyKey: `t${i}`, actor });
    }
    const edited = await sql<{ seq: number }>`update ledger_entries set amount = 1000
      where tenant_id = ${t.tenant.id} and seq = 5 returning seq`.execute(ctx.db);
    expect(edited.rows).toHaveLength(1);
    let report = await verifyLedger(t.scope);
    expect(report.ok).toBe(false);
    const altered = report.problems.find((p) => p.problem.startsWith("altered"));
    expect(altered).toMatchObject({ seq: 5, accountId: `advocate:${cy.id}` });
    await sql`update ledger_entries set amount = 10 where tenant_id = ${t.tenant.id} and seq = 5`.execute(ctx.db);
    expect((await verifyLedger(t.scope)).ok).toBe(true);

    await sql`update ledger_transactions set reason = 'forged' where tenant_id = ${t.tenant.id} and idempotency_key = 't0'`.execute(
      ctx.db,
    );
    report = await verifyLedger(t.scope);
    expect(report.problems.filter((p) => p.problem.startsWith("altered")).map((p) => p.seq)).toEqual([1, 2]);
    await sql`update ledger_transactions set reason = 'r0' where tenant_id = ${t.tenant.id} and idempotency_key = 't0'`.execute(
      ctx.db,
    );

    await sql`delete from ledger_entries where tenant_id = ${t.tenant.id} and seq = 4`.execute(ctx.db);
    report = await verifyLedger(t.scope);
    expect(report.problems.map((p) => p.problem).join("\n")).toContain("entries 4–4 are missing");
    expect(report.problems.some((p) => p.problem.includes("does not balance"))).toBe(true);
    expect(report.problems.some((p) => p.problem.startsWith("cached balance"))).toBe(true);
  });
});

describeDialects("points expiry", (ctx) => {
  it("expires only unspent points older than the policy, oldest spent first, once per day", async () => {
    const clock = manualClock(Date.parse("2026-01-01T00:00:00Z"));
    const t = await createTestTenant(ctx.db, clock);
    const scope = { ...t.scope, clock };
    const eve = await createContact(scope, { email: "eve@example.com" });
    await awardPoints(scope, { contactId: eve.id, points: 100, reason: "old award", idempotencyKey: "old", actor });
    clock.advance(200 * 86_400_000);
    await awardPoints(scope, { contactId: eve.id, points: 50, reason: "new award", idempotencyKey: "new", actor });
    await spendPoints(scope, {
      contactId: eve.id,
      points: 30,
      kind: "redemption",
      reason: "mug",
      idempotencyKey: "mug",
      actor,
    });
    expect(await expireStalePoints(scope)).toEqual({ advocates: 0, points: 0 });
    await setLedgerSettings(scope, { pointsExpireAfterDays: 180 });
    // 100 old points, 30 of them spent: 70 expire; the 50 new ones stay.
    expect(await expireStalePoints(scope)).toEqual({ advocates: 1, points: 70 });
    expect((await getBalance(scope, eve.id)).balance).toBe(50);
    expect(await expireStalePoints(scope)).toEqual({ advocates: 0, points: 0 });
    const account = await getLedgerAccount(scope, eve.id, { limit: 1 });
    expect(account.entries[0]).toMatchObject({ kind: "expiry", amount: -70 });
    expect((await verifyLedger(scope)).ok).toBe(true);
  });
});
