import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AdapterOptions, createDb, type Db, migrateToLatest } from "@advo/db";
import { createTestTenant, describeDialects } from "@advo/test-kit";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../accounts/index.ts";
import { createContact } from "../contacts/index.ts";
import { manualClock } from "../shared/clock.ts";
import { ingestMessages, normalizeBatch } from "../signals/index.ts";
import { getContactScore, rescoreAll, rescoreContacts } from "./index.ts";
import { takingTurns } from "./score-threads.ts";

const NOW = Date.parse("2026-11-01T12:00:00Z");
const DAY = 86_400_000;
const FEATURES = ["Report Exported", "Dashboard Viewed", "Workflow Created", "Alert Configured"];
const ACTS = ["Review Published", "Community Answer Posted", "Beta Feedback Submitted", "Referral Sent"];

// Worker threads open the database a second time, which an in-memory SQLite database cannot be:
// here SQLite is a file.
describeDialects("full rescore in worker threads", (ctx) => {
  let db: Db;
  let dir = "";
  let closeFile = async () => {};
  beforeAll(async () => {
    if (ctx.dialect === "postgres") {
      db = ctx.db;
      return;
    }
    dir = mkdtempSync(join(tmpdir(), "advo-score-threads-"));
    const handle = createDb({ url: `sqlite:${join(dir, "advo.db")}` });
    await migrateToLatest(handle.db);
    db = handle.db;
    closeFile = () => handle.close();
  });
  afterAll(async () => {
    await closeFile();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  type Stored = { contactId: string; score: number; day?: number };

  /** Everything a full rescore writes, in a stable order. */
  async function written(tenantId: string) {
    const scores = await sql`select * from contact_scores where tenant_id = ${tenantId} order by contact_id`.execute(
      db,
    );
    const accounts = await sql`select * from account_scores where tenant_id = ${tenantId} order by account_id`.execute(
      db,
    );
    const snapshots =
      await sql`select * from score_snapshots where tenant_id = ${tenantId} order by contact_id, day`.execute(db);
    return { scores: scores.rows, accounts: accounts.rows, snapshots: snapshots.rows };
  }

  /** 90 contacts in 6 accounts, with usage, advocacy acts and NPS answers. */
  async function seededTenant() {
    const clock = manualClock(NOW);
    const { scope, tenant } = await createTestTenant(db, clock);
    const plans = ["starter", "growth", "enterprise"];
    const accounts = [];
    for (let a = 0; a < 6; a++)
      accounts.push(await createAccount(scope, { name: `Account ${a}`, plan: plans[a % 3] as string }));
    const items: object[] = [];
    for (let i = 0; i < 90; i++) {
      const email = `person${i}@example.com`;
      await createContact(scope, { email, accountId: accounts[i % 6]?.id });
      for (let e = 0; e < (i % 7) * 3; e++)
        items.push({
          type: "track",
          userId: `u${i}`,
          context: { traits: { email } },
          event: e % 5 === 4 ? ACTS[(i + e) % ACTS.length] : FEATURES[(i * e) % FEATURES.length],
          timestamp: new Date(NOW - ((i * 13 + e * 7) % 120) * DAY).toISOString(),
        });
      if (i % 3 === 0)
        items.push({
          type: "track",
          userId: `u${i}`,
          context: { traits: { email } },
          event: "Survey Responded",
          properties: { survey: "NPS", score: i % 11, comment: i % 2 ? "great support" : "too slow" },
          timestamp: new Date(NOW - (i % 40) * DAY).toISOString(),
        });
    }
    const { messages, errors } = normalizeBatch(items, { receivedAt: NOW, checkSizes: false });
    expect(errors).toEqual([]);
    await ingestMessages({ db, clock, tenantId: tenant.id, sourceId: null }, messages);

    return { clock, scope, tenant };
  }

  it("stores exactly what one thread stores, and carries on in this thread when workers fail", async () => {
    const { scope, tenant } = await seededTenant();
    // The first full rescore finds the peer distribution the next ones compare with.
    await rescoreAll(scope, undefined, { threads: 1, chunk: 10 });
    await rescoreAll(scope, undefined, { threads: 1, chunk: 10 });
    const oneThread = await written(tenant.id);
    expect(oneThread.scores).toHaveLength(90);
    expect(oneThread.accounts).toHaveLength(6);

    const failures: Error[] = [];
    const progress: number[] = [];
    const scored = await rescoreAll(scope, (done) => progress.push(done), {
      threads: 2,
      chunk: 10,
      onThreadError: (error) => failures.push(error),
    });
    expect(failures).toEqual([]);
    expect(scored).toBe(90);
    expect(progress).toHaveLength(9);
    expect(progress.at(-1)).toBe(90);
    expect(await written(tenant.id)).toEqual(oneThread);

    // Workers that open an empty database fail on their first range; this thread scores everything.
    const elsewhere: AdapterOptions =
      ctx.dialect === "sqlite"
        ? { url: `sqlite:${join(dir, "empty.db")}` }
        : { url: ctx.handle.adapter.reopen?.url ?? "", schema: "advo_no_such_schema" };
    const rescored = await rescoreAll(scope, undefined, {
      threads: 2,
      chunk: 10,
      reopen: elsewhere,
      onThreadError: (error) => failures.push(error),
    });
    expect(rescored).toBe(90);
    expect(failures).toHaveLength(2);
    for (const failure of failures) expect(failure.message).toMatch(/no such table|does not exist/);
    expect(await written(tenant.id)).toEqual(oneThread);
  });

  it("stores the same whether a range is new, stored, scored earlier today or partly new", async () => {
    const { clock, scope, tenant } = await seededTenant();
    // Ranges of 1,000 contacts, so PostgreSQL writes them by COPY (straight in when they are new).
    const identified = Array.from({ length: 1200 }, (_, i) => ({
      type: "identify",
      userId: `more${i}`,
      traits: { email: `more${i}@example.com` },
      timestamp: new Date(NOW - DAY).toISOString(),
    }));
    await ingestMessages(
      { db, clock, tenantId: tenant.id, sourceId: null },
      normalizeBatch(identified, { receivedAt: NOW, checkSizes: false }).messages,
    );
    const rescore = () => rescoreAll(scope, undefined, { threads: 1, chunk: 1000 });
    const snapshotsPerDay = async () =>
      (
        await sql<{ day: number; n: number }>`select day, count(*) as n from score_snapshots
          where tenant_id = ${tenant.id} group by day order by day`.execute(db)
      ).rows.map((r) => [Number(r.day), Number(r.n)]);
    const today = () => Math.floor(clock.now() / DAY);

    // The first rescore finds the peer distribution; with it kept, scores are written again as new rows...
    await rescore();
    for (const table of ["contact_scores", "score_snapshots"])
      await sql`delete from ${sql.table(table)} where tenant_id = ${tenant.id}`.execute(db);
    await rescore();
    const asNew = await written(tenant.id);
    expect(asNew.scores).toHaveLength(1290);
    // Nothing replaced, so no snapshot: each contact's history is its stored score.
    expect(asNew.snapshots).toHaveLength(0);
    // ...and then over stored ones, the same day: the same rows.
    await rescore();
    expect(await written(tenant.id)).toEqual(asNew);

    // The next day, after a few contacts were rescored on their own: the full rescore writes the
    // scores that changed (recency moved them), keeping each replaced one as yesterday's snapshot, and
    // leaves the rest.
    clock.advance(DAY);
    const startedAt = clock.now();
    const some = (asNew.scores as Stored[]).slice(12, 15).map((r) => r.contactId);
    await rescoreContacts(scope, some);
    await rescore();
    const nextDay = (await written(tenant.id)).scores as (Stored & { computedAt: number })[];
    const yesterday = new Map((asNew.scores as (Stored & { computedAt: number })[]).map((r) => [r.contactId, r]));
    const moved = nextDay.filter((r) => {
      const before = yesterday.get(r.contactId);
      const { computedAt: _now, ...fields } = r;
      const { computedAt: _then, ...stored } = before ?? r;
      return some.includes(r.contactId) || JSON.stringify(fields) !== JSON.stringify(stored);
    });
    expect(moved.length).toBeGreaterThan(some.length);
    expect(moved.length).toBeLessThan(1290);
    expect(await snapshotsPerDay()).toEqual([[today() - 1, moved.length]]);
    const yesterdaysScore = new Map((asNew.scores as Stored[]).map((r) => [r.contactId, Number(r.score)]));
    for (const snapshot of (await written(tenant.id)).snapshots as Stored[])
      expect(Number(snapshot.score)).toBe(yesterdaysScore.get(snapshot.contactId));
    for (const r of nextDay) {
      const changed = moved.includes(r);
      expect(Number(r.computedAt)).toBe(changed ? startedAt : NOW);
    }
    // A score left as it was reads as computed by that rescore, its history as one point a day.
    const still = nextDay.find((r) => !moved.includes(r)) as Stored;
    const shown = await getContactScore(scope, still.contactId);
    expect(shown.computedAt).toBe(new Date(startedAt).toISOString());
    expect(shown.history.map((h) => h.score)).toEqual([Number(still.score), Number(still.score)]);
    expect(shown.history.map((h) => h.date)).toEqual([
      new Date(NOW - DAY + DAY).toISOString().slice(0, 10),
      new Date(startedAt).toISOString().slice(0, 10),
    ]);

    // New contacts (later ids: a range of their own, and the end of the last one) are scored too.
    for (let i = 0; i < 15; i++) await createContact(scope, { email: `new${i}@example.com` });
    await rescore();
    const after = await written(tenant.id);
    expect(after.scores).toHaveLength(1305);
    // Yesterday's snapshots are of the scores replaced since (none of a score first written today), each
    // as it read yesterday; no score written today is a snapshot yet.
    const replaced = (after.scores as (Stored & { computedAt: number })[])
      .filter((r) => Number(r.computedAt) >= today() * DAY && yesterdaysScore.has(r.contactId))
      .map((r) => r.contactId);
    expect(replaced.length).toBeGreaterThanOrEqual(moved.length);
    expect((after.snapshots as Stored[]).map((snapshot) => snapshot.contactId)).toEqual(replaced);
    for (const snapshot of after.snapshots as Stored[]) {
      expect(Number(snapshot.day)).toBe(today() - 1);
      expect(Number(snapshot.score)).toBe(yesterdaysScore.get(snapshot.contactId));
    }
    // A replaced score's history: yesterday's point, then today's.
    const changed = await getContactScore(scope, moved[0]?.contactId as string);
    expect(changed.history.map((h) => h.score)).toEqual([
      yesterdaysScore.get(moved[0]?.contactId as string),
      changed.score,
    ]);
  });
});

describe("the write turn", () => {
  it("lets one writer at a time in, and the main thread keeps running while it waits", async () => {
    const buffer = new SharedArrayBuffer(4);
    const lock = new Int32Array(buffer);
    const turns = takingTurns(buffer);
    const order: string[] = [];
    // Another thread (id 98) holds the turn.
    lock[0] = 99;
    const waiting = turns(async () => {
      order.push("ours");
    });
    // The event loop is not blocked: this timer fires while the turn is still held elsewhere.
    await new Promise((resolve) => setTimeout(resolve, 30));
    order.push("timer");
    Atomics.store(lock, 0, 0);
    Atomics.notify(lock, 0, 1);
    await waiting;
    expect(order).toEqual(["timer", "ours"]);
    expect(lock[0]).toBe(0);

    // Two turns from this thread run one after the other, never overlapping.
    let inside = 0;
    let most = 0;
    const work = async () => {
      inside++;
      most = Math.max(most, inside);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inside--;
    };
    await Promise.all([turns(work), turns(work), turns(work)]);
    expect(most).toBe(1);
  });
});
