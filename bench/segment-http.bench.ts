import { systemClock } from "@advo/core";
import { createSource } from "@advo/core/signals";
import { createTenant } from "@advo/core/tenants";
import { createApp, loadConfig } from "@advo/server";
import Fastify from "fastify";
import pino from "pino";
import { benchDb, benchDialects, fmt, report } from "./harness.ts";
import { type LoadResult, latencyFigures, listen, runLoad } from "./http-load-client.ts";
import type { Benchmark } from "./registry.ts";

const BATCH = 500;
const REQUESTS = Number(process.env.BENCH_SEGMENT_REQUESTS ?? (process.env.BENCH_FULL ? 1000 : 200));
const CONNECTIONS = Number(process.env.BENCH_SEGMENT_CONNECTIONS ?? 8);
const USERS = 10_000;

/** Segment /v1/batch bodies of 500 track calls each, every event with its own messageId. */
function batches(prefix = "h"): Buffer[] {
  const sentAt = new Date().toISOString();
  return Array.from({ length: REQUESTS }, (_, r) => {
    const batch = Array.from({ length: BATCH }, (_, k) => {
      const i = r * BATCH + k;
      return {
        type: "track",
        messageId: `${prefix}-${i}`,
        userId: `user-${(i * 7919) % USERS}`,
        event: "Feature Used",
        properties: { feature: `f${i % 10}`, plan: i % 3 ? "pro" : "team", count: i % 100 },
        timestamp: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
      };
    });
    return Buffer.from(JSON.stringify({ batch, sentAt }));
  });
}

/** Posts every body to /v1/batch, over keep-alive connections from a client in a worker thread. */
const load = (port: number, writeKey: string | null, bodies: Buffer[]) =>
  runLoad({
    port,
    connections: CONNECTIONS,
    headers: writeKey ? { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}` } : {},
    requests: bodies.map((body) => ({ method: "POST", path: "/v1/batch", body })),
    ok: [200],
  });

function figures(result: LoadResult) {
  return {
    eventsPerSecond: Math.round((REQUESTS * BATCH * 1000) / result.ms),
    ...latencyFigures(result),
    ms: result.ms,
  };
}

/** The same bodies to a bare Fastify route that only parses the JSON: the ceiling of HTTP + JSON here. */
async function bareFastify(bodies: Buffer[]) {
  const app = Fastify({ bodyLimit: 1024 * 1024 });
  app.post("/v1/batch", async (request) => ({
    success: true,
    received: (request.body as { batch: unknown[] }).batch.length,
  }));
  const port = await listen(app);
  try {
    return figures(await load(port, null, bodies));
  } finally {
    await app.close();
  }
}

async function advo(url: string, onFile: boolean, firstBodies: Buffer[], bodies: Buffer[]) {
  const handle = await benchDb(url, { onFile });
  const app = await createApp({
    db: handle.db,
    clock: systemClock,
    logger: pino({ level: "silent" }),
    config: { ...loadConfig({ RATE_LIMITS: "off" }), worker: false },
  });
  try {
    const tenant = await createTenant(handle.db, systemClock, { name: "Bench" });
    const source = await createSource({ db: handle.db, tenantId: tenant.id, clock: systemClock }, { name: "bench" });
    const port = await listen(app);
    // The same users again, as a server that has been running sees them: its code compiled and the
    // 10,000 contacts known. The first pass, which creates them, is reported too.
    const first = figures(await load(port, source.writeKey, firstBodies));
    const result = figures(await load(port, source.writeKey, bodies));
    const stored = await handle.db
      .selectFrom("events")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    if (Number(stored.n) !== 2 * REQUESTS * BATCH)
      throw new Error(`stored ${stored.n} of ${2 * REQUESTS * BATCH} events`);
    return { first, result };
  } finally {
    await app.close();
    await handle.close();
  }
}

export const segmentHttpBench: Benchmark = {
  name: "segment-http",
  description: `${fmt(REQUESTS)} Segment /v1/batch requests of ${BATCH} events over ${CONNECTIONS} keep-alive connections to a listening server vs a bare Fastify JSON route`,
  async run() {
    const bodies = batches();
    const firstBodies = batches("first");
    const bare = await bareFastify(bodies);
    // SQLite on a file, as Advo runs it, and in memory beside it: no WAL to write, which shows what
    // storing on disk costs.
    const targets = benchDialects().flatMap((dialect) =>
      dialect.name === "sqlite"
        ? [
            { name: "sqlite (file)", url: dialect.url, onFile: true },
            { name: "sqlite (in memory)", url: dialect.url, onFile: false },
          ]
        : [{ ...dialect, onFile: false }],
    );
    for (const target of targets) {
      const { first, result: ours } = await advo(target.url, target.onFile, firstBodies, bodies);
      const row = (path: string, f: ReturnType<typeof figures>) => ({
        dialect: target.name,
        path,
        "events/s": fmt(f.eventsPerSecond),
        "p50 ms/batch": f.p50.toFixed(1),
        "p99 ms/batch": f.p99.toFixed(1),
        "total ms": Math.round(f.ms),
      });
      report([
        row("advo /v1/batch, first calls (creates the 10,000 contacts; code cold)", first),
        row("advo /v1/batch (auth, validate, resolve, store)", ours),
        row("bare Fastify POST, JSON parsed", bare),
      ]);
      console.log(
        `${target.name}: ratio advo / bare = ${(ours.eventsPerSecond / bare.eventsPerSecond).toFixed(2)}; ` +
          `goal ≥ 100,000 events/s: ${ours.eventsPerSecond >= 100_000 ? "met" : "not met"}`,
      );
    }
  },
};
