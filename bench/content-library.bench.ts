import { systemClock } from "@advo/core";
import { createContact } from "@advo/core/contacts";
import { contentChannels, listContent } from "@advo/core/content";
import { createTenant } from "@advo/core/tenants";
import { sql } from "kysely";
import { benchDb, benchDialects, fmt, median, report, timed } from "./harness.ts";
import type { Benchmark } from "./registry.ts";

const ITEMS = Number(process.env.BENCH_CONTENT_ITEMS ?? (process.env.BENCH_FULL ? 100_000 : 20_000));
const ADVOCATES = 2000;
const QUERIES = 200;
const DAY = 86_400_000;
const statuses = ["draft", "awaiting_approval", "changes_requested", "approved", "published", "published", "retired"];

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? 0;

/**
 * The content library as sales reads it — "what may I use in sales now?" (published, cleared for the
 * channel, within its term; with the advocate's name and account for the credit line), first 50 —
 * against the plainest read of 50 rows of the same table by its status index, in the same run.
 */
export const contentLibraryBench: Benchmark = {
  name: "content-library",
  description: `the content library filtered for a channel, over ${fmt(ITEMS)} pieces, vs a plain indexed read`,
  async run() {
    for (const dialect of benchDialects()) {
      const handle = await benchDb(dialect.url);
      try {
        const tenant = await createTenant(handle.db, systemClock, { name: "Bench" });
        const scope = { db: handle.db, tenantId: tenant.id, clock: systemClock };
        const advocates: string[] = [];
        for (let i = 0; i < ADVOCATES; i++)
          advocates.push((await createContact(scope, { email: `a${i}@example.com`, firstName: `A${i}` })).id);
        const now = Date.now();
        for (let start = 0; start < ITEMS; start += 500) {
          const rows = Array.from({ length: Math.min(500, ITEMS - start) }, (_, k) => {
            const i = start + k;
            return {
              tenantId: tenant.id,
              id: `cnt_bench_${String(i).padStart(8, "0")}`,
              kind: "testimonial" as const,
              title: `Testimonial ${i}`,
              body: `<p>Words of advocate ${i % ADVOCATES} about what changed for them.</p>`,
              contactId: advocates[i % ADVOCATES] ?? null,
              accountId: null,
              attribution: "full" as const,
              channels: JSON.stringify(contentChannels.filter((_, c) => (i + c) % 3 === 0)),
              usableUntil: i % 4 === 0 ? now - DAY : i % 4 === 1 ? now + 365 * DAY : null,
              status: statuses[i % statuses.length] as "published",
              version: 1,
              approvedVersion: 1,
              approvedAt: now - 30 * DAY,
              advocateComment: null,
              approvalTokenHash: null,
              approvalExpiresAt: null,
              sourceSubmissionId: null,
              createdAt: now - (ITEMS - i) * 60_000,
              updatedAt: now - (ITEMS - i) * 60_000,
              publishedAt: now - 20 * DAY,
            };
          });
          await handle.db.insertInto("contentItems").values(rows).execute();
        }
        await sql`analyze`.execute(handle.db);
        const plain = () =>
          handle.db
            .selectFrom("contentItems")
            .selectAll()
            .where("tenantId", "=", tenant.id)
            .where("status", "=", "published")
            .orderBy("updatedAt", "desc")
            .limit(50)
            .execute();
        const library = () => listContent(scope, { usableFor: "sales", limit: 50 });
        // Warm both, then alternate so neither always runs on a warmer cache.
        const found = await library();
        if (found.length !== 50) throw new Error(`the library found ${found.length} pieces, not 50`);
        await plain();
        const ours: number[] = [];
        const base: number[] = [];
        for (let i = 0; i < QUERIES; i++) {
          ours.push((await timed(library)).ms);
          base.push((await timed(plain)).ms);
        }
        report([
          {
            dialect: dialect.name,
            path: "library: usable for sales now, with credit lines",
            "p50 ms": median(ours).toFixed(2),
            "p95 ms": p95(ours).toFixed(2),
          },
          {
            dialect: dialect.name,
            path: "plain: 50 published rows by the status index",
            "p50 ms": median(base).toFixed(2),
            "p95 ms": p95(base).toFixed(2),
          },
        ]);
        console.log(`${dialect.name}: ratio library / plain (p50) = ${(median(ours) / median(base)).toFixed(2)}`);
      } finally {
        await handle.close();
      }
    }
  },
};
