import { systemClock } from "@advo/core";
import { advocacyImpact } from "@advo/core/analytics";
import { loadDemo } from "@advo/core/demo";
import { sql } from "kysely";
import { benchDb, benchDialects, fmt, median, report, timed } from "./harness.ts";
import type { Benchmark } from "./registry.ts";

const ACCOUNTS = Number(process.env.BENCH_IMPACT_ACCOUNTS ?? (process.env.BENCH_FULL ? 10_000 : 2_000));
const RUNS = 20;

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? 0;

/**
 * The impact report over the demo workspace (its accounts, contacts with scores, renewals, referral
 * conversions and reference calls, a year's range), against the plainest read it contains in the
 * same run: the workspace's renewals counted by account.
 */
export const impactBench: Benchmark = {
  name: "impact",
  description: `the impact report over a demo workspace of ${fmt(ACCOUNTS)} accounts, vs renewals counted by account`,
  async run() {
    for (const dialect of benchDialects()) {
      const handle = await benchDb(dialect.url);
      try {
        const tenant = await loadDemo(handle.db, systemClock, { accounts: ACCOUNTS, contactsPerAccount: 5 });
        const scope = { db: handle.db, tenantId: tenant.id, clock: systemClock };
        await sql`analyze`.execute(handle.db);
        const plain = () =>
          handle.db
            .selectFrom("purchases")
            .select(["accountId", (eb) => eb.fn.countAll().as("n")])
            .where("tenantId", "=", tenant.id)
            .where("kind", "=", "renewal")
            .groupBy("accountId")
            .execute();
        const report1 = () => advocacyImpact(scope, { model: "linear" });
        const first = await report1();
        if (first.retention.advocateAccounts.accounts + first.retention.otherAccounts.accounts < ACCOUNTS)
          throw new Error("the report missed accounts");
        await plain();
        const ours: number[] = [];
        const base: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          ours.push((await timed(report1)).ms);
          base.push((await timed(plain)).ms);
        }
        report([
          {
            dialect: dialect.name,
            path: "impact: revenue, attribution, ROI, retention by side",
            "p50 ms": median(ours).toFixed(1),
            "p95 ms": p95(ours).toFixed(1),
          },
          {
            dialect: dialect.name,
            path: "plain: renewals counted by account",
            "p50 ms": median(base).toFixed(1),
            "p95 ms": p95(base).toFixed(1),
          },
        ]);
        console.log(`${dialect.name}: ratio impact / plain (p50) = ${(median(ours) / median(base)).toFixed(2)}`);
      } finally {
        await handle.close();
      }
    }
  },
};
