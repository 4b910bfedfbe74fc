import { availableParallelism } from "node:os";
import { manualClock } from "@advo/core";
import { rescoreAll, rescoreContacts } from "@advo/core/scoring";
import { countSegment, filterOf } from "@advo/core/segments";
import { ingestMessages, normalizeBatch } from "@advo/core/signals";
import { createTenant } from "@advo/core/tenants";
import { bulkInsert, type Db, inTransaction } from "@advo/db";
import { sql } from "kysely";
import { benchDb, benchDialects, cpuTimed, fmt, median, timed } from "./harness.ts";
import type { Benchmark } from "./registry.ts";

// Full size (1,000,000 contacts, 20,000,000 events) with BENCH_FULL=1; a tenth by default.
const FULL = process.env.BENCH_FULL === "1";
const CONTACTS = Number(process.env.BENCH_CONTACTS ?? (FULL ? 1_000_000 : 100_000));
const EVENTS_PER_CONTACT = 20;
const NOW = Date.parse("2026-11-01T00:00:00Z");
const DAY = 86_400_000;
const FEATURES = [
  "Report Exported",
  "Dashboard Viewed",
  "Integration Connected",
  "Workflow Created",
  "Teammate Invited",
  "Alert Configured",
];
const ACTS = ["Review Published", "Community Answer Posted", "Beta Feedback Submitted", "Social Post Shared"];
const INDUSTRIES = ["fintech", "saas", "healthcare", "retail", "manufacturing"];

let seed = 42;
const rand = () => {
  seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)] as T;

export async function generateScoringData(db: Db, tenantId: string) {
  const accounts = Math.max(1, Math.floor(CONTACTS / 5));
  const id = (prefix: string, n: number) => `${prefix}_${n.toString().padStart(26, "0")}`;
  const text = (name: string) => ({ name, type: "text" as const });
  const big = (name: string) => ({ name, type: "bigint" as const });
  const int = (name: string) => ({ name, type: "integer" as const });
  const CHUNK = 20_000;
  for (let a = 0; a < accounts; a += CHUNK) {
    const rows: unknown[][] = [];
    for (let i = a; i < Math.min(accounts, a + CHUNK); i++) {
      rows.push([
        tenantId,
        id("acc", i),
        `Account ${i}`,
        pick(INDUSTRIES),
        pick(["starter", "growth", "enterprise"]),
        "{}",
        "{}",
        NOW,
        NOW,
      ]);
    }
    await inTransaction(db, (trx) =>
      bulkInsert(
        trx,
        {
          table: "accounts",
          columns: [
            text("tenant_id"),
            text("id"),
            text("name"),
            text("industry"),
            text("plan"),
            text("external_ids"),
            text("attributes"),
            big("created_at"),
            big("updated_at"),
          ],
        },
        rows,
      ),
    );
  }
  for (let c = 0; c < CONTACTS; c += CHUNK) {
    const contacts: unknown[][] = [];
    const events: unknown[][] = [];
    const surveys: unknown[][] = [];
    for (let i = c; i < Math.min(CONTACTS, c + CHUNK); i++) {
      const contactId = id("con", i);
      contacts.push([
        tenantId,
        contactId,
        id("acc", i % accounts),
        `p${i}@example.com`,
        "identified",
        "{}",
        "{}",
        "{}",
        "{}",
        NOW,
        NOW,
      ]);
      const activity = rand();
      for (let e = 0; e < EVENTS_PER_CONTACT; e++) {
        const act = rand() < 0.02;
        const at = NOW - Math.floor(rand() * (activity > 0.3 ? 90 : 365)) * DAY;
        events.push([tenantId, `m${i}-${e}`, "track", act ? pick(ACTS) : pick(FEATURES), contactId, at, at, "{}"]);
      }
      if (rand() < 0.3)
        surveys.push([
          tenantId,
          `s${i}`,
          contactId,
          "NPS",
          "nps",
          Math.floor(rand() * 11),
          NOW - Math.floor(rand() * 200) * DAY,
        ]);
    }
    await inTransaction(db, async (trx) => {
      await bulkInsert(
        trx,
        {
          table: "contacts",
          columns: [
            text("tenant_id"),
            text("id"),
            text("account_id"),
            text("email"),
            text("lifecycle_stage"),
            text("external_ids"),
            text("social_handles"),
            text("consent"),
            text("attributes"),
            big("created_at"),
            big("updated_at"),
          ],
        },
        contacts,
      );
      await bulkInsert(
        trx,
        {
          table: "events",
          columns: [
            text("tenant_id"),
            text("message_id"),
            text("type"),
            text("event"),
            text("contact_id"),
            big("occurred_at"),
            big("received_at"),
            text("properties"),
          ],
        },
        events,
      );
      await bulkInsert(
        trx,
        {
          table: "survey_responses",
          columns: [
            text("tenant_id"),
            text("message_id"),
            text("contact_id"),
            text("survey"),
            text("kind"),
            int("score"),
            big("occurred_at"),
          ],
        },
        surveys,
      );
    });
  }
}

export const scoringBench: Benchmark = {
  name: "scoring",
  description: `full rescore of ${fmt(CONTACTS)} contacts / ${fmt(CONTACTS * EVENTS_PER_CONTACT)} events vs a bare GROUP BY over the same events; incremental rescore after 10,000 new events; segment count`,
  async run() {
    for (const dialect of benchDialects()) {
      // A full rescore's worker threads open the database again (an in-memory one would be scored in
      // one thread): measure on a file.
      const handle = await benchDb(dialect.url, { onFile: true });
      const clock = manualClock(NOW);
      const tenant = await createTenant(handle.db, clock, { name: "Bench" });
      const scope = { db: handle.db, tenantId: tenant.id, clock };
      const gen = await timed(() => generateScoringData(handle.db, tenant.id));
      // 20,000,000 events loaded at once: autovacuum would now spend minutes on them, beside whatever
      // runs, and until it has, reading an index alone still visits the table for every row. A workspace
      // whose events came in over months has had them vacuumed as they came: measure that state.
      if (dialect.name === "postgres") await sql`vacuum analyze`.execute(handle.db);
      console.log(`[${dialect.name}] generated in ${(gen.ms / 1000).toFixed(1)}s`);

      const baseline = await timed(() =>
        sql`select contact_id, count(*) as n, max(occurred_at) as last from events where tenant_id = ${tenant.id} group by contact_id`.execute(
          handle.db,
        ),
      );
      const threadErrors: string[] = [];
      const full = await cpuTimed(() =>
        rescoreAll(scope, undefined, { onThreadError: (error) => threadErrors.push(error.message) }),
      );
      if (threadErrors.length > 0) console.log(`[${dialect.name}] worker threads failed: ${threadErrors.join("; ")}`);
      console.log(
        `[${dialect.name}] full rescore: ${(full.ms / 1000).toFixed(1)}s (${fmt(Math.round(CONTACTS / (full.ms / 1000)))} contacts/s); ` +
          `${Math.min(4, availableParallelism())} worker threads, ${full.described}; bare GROUP BY: ${(baseline.ms / 1000).toFixed(1)}s; ratio rescore/GROUP BY = ${(full.ms / baseline.ms).toFixed(2)} (goal: < 30 s at 1M/20M)`,
      );

      // 10,000 new events for 2,000 contacts arrive, then the incremental rescore the worker would run;
      // three times, for different contacts. The first runs cold, right after the full rescore (this
      // thread's scoring code not yet compiled, the server still busy with the rescore's writes): a
      // running server's worker meets the later ones.
      const incrementals: number[] = [];
      for (let round = 0; round < 3; round++) {
        const items = Array.from({ length: 10_000 }, (_, i) => ({
          type: "track",
          messageId: `new-${round}-${i}`,
          userId: `u${round}-${i % 2000}`,
          context: { traits: { email: `p${((i % 2000) * 7 + round * 15_001) % CONTACTS}@example.com` } },
          event: pick(FEATURES),
          timestamp: new Date(NOW - 3_600_000).toISOString(),
        }));
        const { messages } = normalizeBatch(items, { receivedAt: NOW, checkSizes: false });
        await ingestMessages({ db: handle.db, clock, tenantId: tenant.id, sourceId: null }, messages);
        const touched = (
          await sql<{
            id: string;
          }>`select distinct contact_id as id from events where tenant_id = ${tenant.id} and message_id like ${`new-${round}-%`}`.execute(
            handle.db,
          )
        ).rows.map((r) => r.id);
        if (touched.length !== 2000) throw new Error(`10,000 new events touched ${touched.length} contacts, not 2,000`);
        incrementals.push((await timed(() => rescoreContacts(scope, touched))).ms);
      }
      console.log(
        `[${dialect.name}] incremental rescore of 2,000 contacts after 10,000 events, three times: ${incrementals.map((ms) => Math.round(ms)).join(", ")} ms; median ${Math.round(median(incrementals))} ms (goal < 1,000 ms)`,
      );

      const expression = 'nps >= 9 and industry in ("fintech", "saas") and last_active < 30d and advocacy_score > 60';
      const filter = filterOf(scope, expression);
      await countSegment(scope, filter);
      const times: number[] = [];
      let count = 0;
      for (let i = 0; i < 5; i++) {
        const r = await timed(() => countSegment(scope, filter));
        times.push(r.ms);
        count = r.result;
      }
      times.sort((a, b) => a - b);
      console.log(
        `[${dialect.name}] segment count over ${fmt(CONTACTS)} contacts: ${fmt(count)} match, median ${Math.round(times[2] ?? 0)} ms (goal < 500 ms at 1M)`,
      );

      // The next day's full rescore (the worker's daily pass): every contact already has a score, so
      // this one updates rows where the first one inserted them.
      clock.advance(86_400_000);
      const daily = await cpuTimed(() =>
        rescoreAll(scope, undefined, { onThreadError: (error) => threadErrors.push(error.message) }),
      );
      console.log(
        `[${dialect.name}] next day's full rescore (scores already stored): ${(daily.ms / 1000).toFixed(1)}s, ${daily.described}; ratio to the bare GROUP BY = ${(daily.ms / baseline.ms).toFixed(2)}`,
      );
      await handle.close();
    }
  },
};
