import { systemClock } from "@advo/core";
import { cachedFatigueSettings, checkAsksAllowed, recordAsk } from "@advo/core/asks";
import { createContact } from "@advo/core/contacts";
import { queueEmail } from "@advo/core/email";
import { activateJourney, advanceJourneys, createJourney, JOURNEY_ACTOR } from "@advo/core/journeys";
import { awardPointsBatch } from "@advo/core/ledger";
import { createSegment } from "@advo/core/segments";
import { createTenant } from "@advo/core/tenants";
import type { Db } from "@advo/db";
import { benchDb, benchDialects, fmt, perSecond, report, timed } from "./harness.ts";
import type { Benchmark } from "./registry.ts";

const CONTACTS = Number(process.env.BENCH_JOURNEY_CONTACTS ?? (process.env.BENCH_FULL ? 10_000 : 2000));

async function workspace(db: Db) {
  const tenant = await createTenant(db, systemClock, { name: "Bench" });
  const scope = { db, tenantId: tenant.id, clock: systemClock };
  const ids: string[] = [];
  for (let i = 0; i < CONTACTS; i++) {
    const c = await createContact(scope, {
      email: `vp${i}@example.com`,
      firstName: `Vee${i}`,
      title: "VP",
      consent: { marketingEmail: { granted: true } },
    });
    ids.push(c.id);
  }
  return { scope, ids };
}

/** A journey of two steps (an email that asks, then points) for every member of a segment. */
async function viaJourney(url: string) {
  const handle = await benchDb(url);
  try {
    const { scope } = await workspace(handle.db);
    const vps = await createSegment(scope, { name: "VPs", expression: 'title = "VP"' });
    const journey = await createJourney(scope, {
      name: "Bench",
      trigger: { type: "segment_joined", segmentId: vps.id },
      steps: [
        { type: "send_email", subject: "Hi {{firstName}}", body: "Would you speak at our event?" },
        { type: "award_points", points: 10, reason: "Thanks" },
      ],
    });
    let steps = 0;
    const run = await timed(async () => {
      await activateJourney(scope, journey.id, { enrollCurrentMembers: true });
      for (let moved = -1; moved !== 0; ) {
        moved = (await advanceJourneys(scope)).steps;
        steps += moved;
      }
    });
    if (steps !== 2 * CONTACTS) throw new Error(`journey ran ${steps} steps for ${CONTACTS} contacts`);
    return run.ms;
  } finally {
    await handle.close();
  }
}

/** The same effects without a journey: fatigue check, email queued, ask recorded, points posted, per contact. */
async function direct(url: string) {
  const handle = await benchDb(url);
  try {
    const { scope, ids } = await workspace(handle.db);
    const run = await timed(async () => {
      for (const [i, contactId] of ids.entries()) {
        const settings = await cachedFatigueSettings(scope);
        const check = (await checkAsksAllowed(scope, [contactId], "journey", { settings })).get(contactId);
        if (!check?.allowed) throw new Error("fatigue refused");
        await queueEmail(scope, {
          to: `vp${i}@example.com`,
          subject: `Hi Vee${i}`,
          text: "Would you speak?",
          purpose: "journey",
          contactId,
        });
        await recordAsk(scope, { contactId, kind: "journey", sourceType: "bench", sourceId: "bench" });
        const [award] = await awardPointsBatch(scope, [
          { contactId, points: 10, reason: "Thanks", idempotencyKey: `bench:${contactId}`, actor: JOURNEY_ACTOR },
        ]);
        if (!award?.ok) throw new Error("award failed");
      }
    });
    return run.ms;
  } finally {
    await handle.close();
  }
}

export const journeysBench: Benchmark = {
  name: "journeys",
  description: `${fmt(CONTACTS)} contacts through a two-step journey (email that asks, points) vs the same effects called directly`,
  async run() {
    for (const dialect of benchDialects()) {
      // Alternated, the better of two each: whichever runs first in a process pays for compiling the code.
      const journeyRuns: number[] = [];
      const directRuns: number[] = [];
      for (let round = 0; round < 2; round++) {
        if (round === 1) directRuns.push(await direct(dialect.url));
        journeyRuns.push(await viaJourney(dialect.url));
        if (round === 0) directRuns.push(await direct(dialect.url));
      }
      const journeyMs = Math.min(...journeyRuns);
      const directMs = Math.min(...directRuns);
      const ours = perSecond(CONTACTS, journeyMs);
      const base = perSecond(CONTACTS, directMs);
      report([
        {
          dialect: dialect.name,
          path: "journey: enroll, then run and record each step",
          "contacts/s": fmt(ours),
          ms: Math.round(journeyMs),
        },
        {
          dialect: dialect.name,
          path: "direct calls: fatigue check, queue email, record ask, post points",
          "contacts/s": fmt(base),
          ms: Math.round(directMs),
        },
      ]);
      const ratio = ours / base;
      // What the journey adds per contact: a transaction, a claim and a record per step, its enrollment.
      console.log(`${dialect.name}: ratio journey / direct = ${ratio.toFixed(2)}`);
    }
  },
};
