import { systemClock } from "@advo/core";
import { createContact } from "@advo/core/contacts";
import { createProgram } from "@advo/core/programs";
import { issueCode } from "@advo/core/referrals";
import { createTenant } from "@advo/core/tenants";
import { createApp, loadConfig } from "@advo/server";
import Fastify from "fastify";
import pino from "pino";
import { benchDb, benchDialects, fmt, median, report } from "./harness.ts";
import { latencyFigures, listen, runLoad } from "./http-load-client.ts";
import type { Benchmark } from "./registry.ts";

const REQUESTS = Number(process.env.BENCH_REDIRECT_REQUESTS ?? (process.env.BENCH_FULL ? 100_000 : 20_000));
const CONNECTIONS = Number(process.env.BENCH_REDIRECT_CONNECTIONS ?? 50);
const CODES = 200;
/** Bare and Advo are measured alternately, ROUNDS times each: a loaded machine slows both alike. */
const ROUNDS = Number(process.env.BENCH_REDIRECT_ROUNDS ?? 3);

/** `requests` GETs cycling through `paths`, each answered by a redirect with a location. */
const load = (port: number, paths: string[], requests: number) =>
  runLoad({
    port,
    connections: CONNECTIONS,
    headers: {},
    requests: Array.from({ length: requests }, (_, i) => ({ method: "GET", path: paths[i % paths.length] as string })),
    ok: [302],
    requiredHeader: "location",
  });

type Figures = { rps: number; p50: number; p99: number };

async function measure(port: number, paths: string[]): Promise<Figures> {
  const result = await load(port, paths, REQUESTS);
  return { rps: Math.round((REQUESTS * 1000) / result.ms), ...latencyFigures(result) };
}

// Enough requests for the JIT to settle on both servers (2,000 left the first measured round of the
// larger app partly cold: 4,500 vs 13,800 requests/s in a server profiled on its own).
const WARM_UP = Math.min(10_000, REQUESTS);
const warm = (port: number, paths: string[]) => load(port, paths, WARM_UP);

/** The ceiling: Fastify answering the same path with a fixed 302 and nothing else. */
async function bareApp() {
  const app = Fastify();
  app.get("/r/:workspace/:code", async (_request, reply) => reply.redirect("https://example.com/welcome?ref=X", 302));
  return { app, port: await listen(app) };
}

async function compare(url: string) {
  const handle = await benchDb(url);
  const app = await createApp({
    db: handle.db,
    clock: systemClock,
    logger: pino({ level: "silent" }),
    config: { ...loadConfig({ RATE_LIMITS: "off" }), worker: false },
  });
  try {
    const tenant = await createTenant(handle.db, systemClock, { name: "Bench", slug: "bench" });
    const scope = { db: handle.db, tenantId: tenant.id, clock: systemClock };
    const program = await createProgram(scope, {
      name: "Referrals",
      type: "referral",
      landingUrl: "https://example.com/welcome",
    });
    const paths: string[] = [];
    for (let i = 0; i < CODES; i++) {
      const contact = await createContact(scope, { email: `advocate${i}@example.com` });
      const { code } = await issueCode(scope, { programId: program.id, contactId: contact.id });
      paths.push(code.sharePath);
    }
    paths.push("/r/bench/UNKNOWN1"); // an unknown code among them: still a redirect
    const port = await listen(app);
    const bare = await bareApp();
    const barePaths = ["/r/bench/ABCDEFGHJ"];
    await warm(bare.port, barePaths);
    await warm(port, paths);
    const rounds: { ours: Figures; bare: Figures }[] = [];
    try {
      for (let r = 0; r < ROUNDS; r++) {
        const b = await measure(bare.port, barePaths);
        rounds.push({ bare: b, ours: await measure(port, paths) });
      }
    } finally {
      await bare.app.close();
    }
    await app.close(); // flushes the click buffer
    const stored = await handle.db
      .selectFrom("referralClicks")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    const expected = ROUNDS * REQUESTS + WARM_UP;
    if (Number(stored.n) !== expected) throw new Error(`recorded ${stored.n} of ${expected} clicks`);
    return rounds;
  } finally {
    await app.close();
    await handle.close();
  }
}

export const referralRedirectBench: Benchmark = {
  name: "referral-redirect",
  description: `${fmt(REQUESTS)} GET /r/<workspace>/<code> over ${CONNECTIONS} keep-alive connections (${CODES} codes, clicks recorded) vs a bare Fastify 302 route`,
  async run() {
    for (const dialect of benchDialects()) {
      const rounds = await compare(dialect.url);
      const row = (round: number, path: string, f: Figures) => ({
        dialect: dialect.name,
        round,
        path,
        "requests/s": fmt(f.rps),
        "p50 ms": f.p50.toFixed(2),
        "p99 ms": f.p99.toFixed(2),
      });
      report(
        rounds.flatMap((r, i) => [
          row(i + 1, "advo GET /r/… (lookup, cookie, click recorded)", r.ours),
          row(i + 1, "bare Fastify 302", r.bare),
        ]),
      );
      const ratio = median(rounds.map((r) => r.ours.rps / r.bare.rps));
      const p99 = median(rounds.map((r) => r.ours.p99));
      const bareP99 = median(rounds.map((r) => r.bare.p99));
      console.log(
        `${dialect.name}: throughput ratio advo / bare = ${ratio.toFixed(2)} (median of ${rounds.length} rounds; ` +
          `goal ≥ 0.6: ${ratio >= 0.6 ? "met" : "not met"}); p99 ${p99.toFixed(2)} ms vs ${bareP99.toFixed(2)} ms`,
      );
    }
  },
};
