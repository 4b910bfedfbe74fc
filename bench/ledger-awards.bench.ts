import { systemClock } from "@advo/core";
import { createContact } from "@advo/core/contacts";
import { awardPoints, verifyLedger } from "@advo/core/ledger";
import { createTenant } from "@advo/core/tenants";
import { createApiKey } from "@advo/core/users";
import type { Db } from "@advo/db";
import { createApp, loadConfig } from "@advo/server";
import Fastify from "fastify";
import { sql } from "kysely";
import pino from "pino";
import { benchDb, benchDialects, fmt, perSecond, report, timed } from "./harness.ts";
import { type LoadRequest, type LoadResult, latencyFigures, listen, runLoad } from "./http-load-client.ts";
import type { Benchmark } from "./registry.ts";

const AWARDS = Number(process.env.BENCH_LEDGER_AWARDS ?? (process.env.BENCH_FULL ? 20_000 : 4000));
const CONNECTIONS = Number(process.env.BENCH_LEDGER_CONNECTIONS ?? 50);
const ADVOCATES = 100;

function figures(result: LoadResult) {
  return { perSecond: perSecond(AWARDS, result.ms), ...latencyFigures(result) };
}

const bodies = (prefix: string, contactIds: string[]) =>
  Array.from({ length: AWARDS }, (_, i) => ({
    contactId: contactIds[i % contactIds.length] as string,
    body: { points: (i % 50) + 1, reason: "Webinar attended", idempotencyKey: `${prefix}-${i}` },
  }));

/** The baseline: a bare Fastify POST route that inserts one row into the same database. */
async function bare(db: Db, contactIds: string[]) {
  await sql`create table bench_rows (tenant_id text not null, id text not null, contact_id text not null, points integer not null, primary key (tenant_id, id))`.execute(
    db,
  );
  const app = Fastify();
  app.post("/bare/:contactId", async (request) => {
    const { contactId } = request.params as { contactId: string };
    const body = request.body as { points: number; idempotencyKey: string };
    await sql`insert into bench_rows (tenant_id, id, contact_id, points) values (${"t"}, ${body.idempotencyKey}, ${contactId}, ${body.points})`.execute(
      db,
    );
    return { ok: true };
  });
  const port = await listen(app);
  try {
    const requests: LoadRequest[] = bodies("bare", contactIds).map((r) => ({
      method: "POST",
      path: `/bare/${r.contactId}`,
      body: JSON.stringify(r.body),
    }));
    return figures(await runLoad({ port, connections: CONNECTIONS, headers: {}, requests, ok: [200] }));
  } finally {
    await app.close();
  }
}

export const ledgerAwardsBench: Benchmark = {
  name: "ledger-awards",
  description: `${fmt(AWARDS)} point awards to ${ADVOCATES} advocates over ${CONNECTIONS} connections: through the API, through awardPoints() directly, vs a bare Fastify insert route`,
  async run() {
    for (const dialect of benchDialects()) {
      const handle = await benchDb(dialect.url);
      const app = await createApp({
        db: handle.db,
        clock: systemClock,
        logger: pino({ level: "silent" }),
        config: { ...loadConfig({ RATE_LIMITS: "off" }), worker: false },
      });
      try {
        const tenant = await createTenant(handle.db, systemClock, { name: "Bench" });
        const scope = { db: handle.db, tenantId: tenant.id, clock: systemClock };
        const key = await createApiKey(scope, { name: "bench", role: "admin" }, null);
        const contacts = await Promise.all(
          Array.from({ length: ADVOCATES }, (_, i) => createContact(scope, { email: `adv${i}@bench.example` })),
        );
        const ids = contacts.map((c) => c.id);

        const baseline = await bare(handle.db, ids);
        const port = await listen(app);
        const requests: LoadRequest[] = bodies("api", ids).map((r) => ({
          method: "POST",
          path: `/api/v1/ledger/accounts/${r.contactId}/awards`,
          body: JSON.stringify(r.body),
        }));
        const api = figures(
          await runLoad({
            port,
            connections: CONNECTIONS,
            headers: { authorization: `Bearer ${key.key}` },
            requests,
            ok: [201],
          }),
        );

        const actor = { type: "system" as const, id: "bench", name: "bench" };
        const work = bodies("direct", ids);
        let next = 0;
        const direct = await timed(() =>
          Promise.all(
            Array.from({ length: CONNECTIONS }, async () => {
              for (let i = next++; i < work.length; i = next++) {
                const w = work[i] as (typeof work)[number];
                await awardPoints(scope, { contactId: w.contactId, ...w.body, actor });
              }
            }),
          ),
        );
        const directPerSecond = perSecond(AWARDS, direct.ms);
        const verified = await verifyLedger(scope);
        if (!verified.ok || verified.transactionsChecked !== 2 * AWARDS) {
          throw new Error(
            `ledger check failed: ${verified.transactionsChecked} transactions, ${verified.problems[0]?.problem ?? ""}`,
          );
        }
        report([
          {
            dialect: dialect.name,
            path: "POST /api/v1/ledger/accounts/:id/awards (auth, validate, hash-chained double entry)",
            "awards/s": fmt(api.perSecond),
            "p50 ms": api.p50.toFixed(1),
            "p99 ms": api.p99.toFixed(1),
          },
          {
            dialect: dialect.name,
            path: "awardPoints() directly, 50 in flight",
            "awards/s": fmt(directPerSecond),
            "p50 ms": "",
            "p99 ms": "",
          },
          {
            dialect: dialect.name,
            path: "bare Fastify POST inserting one row",
            "awards/s": fmt(baseline.perSecond),
            "p50 ms": baseline.p50.toFixed(1),
            "p99 ms": baseline.p99.toFixed(1),
          },
        ]);
        console.log(
          `${dialect.name}: ratio API / bare = ${(api.perSecond / baseline.perSecond).toFixed(2)}, direct / bare = ${(directPerSecond / baseline.perSecond).toFixed(2)} (goal ≥ 0.4); ledger verified: ${verified.entriesChecked} entries`,
        );
      } finally {
        await app.close();
        await handle.close();
      }
    }
  },
};
