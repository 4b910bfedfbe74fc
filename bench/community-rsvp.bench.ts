import { systemClock } from "@advo/core";
import { communityOfAdvocate, createEvent, createSpace, respondAsAdvocate } from "@advo/core/community";
import { insertContacts, newContactRow } from "@advo/core/contacts";
import { createTenant } from "@advo/core/tenants";
import { inTransaction } from "@advo/db";
import { sql } from "kysely";
import { benchDb, benchDialects, fmt, median, report, timed } from "./harness.ts";
import type { Benchmark } from "./registry.ts";

const ANSWERS = Number(process.env.BENCH_RSVPS ?? (process.env.BENCH_FULL ? 20_000 : 3_000));
const CAPACITY = Math.floor(ANSWERS * 0.7);
const OTHER_EVENTS = 300;
const DAY = 86_400_000;

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? 0;

/**
 * A webinar invitation goes out and advocates answer one after another: each answer locks the event,
 * counts the places taken and takes one or joins the waitlist (the last 30 % do). The answers of the
 * second half, when thousands are registered, against the plainest write of the same kind in the
 * same run: one registration row inserted into another event. Then the hub's community page of one
 * advocate, among ${OTHER_EVENTS} other events.
 */
export const communityRsvpBench: Benchmark = {
  name: "community-rsvp",
  description: `${fmt(ANSWERS)} advocates answer one webinar (capacity ${fmt(CAPACITY)}), vs a plain row insert`,
  async run() {
    for (const dialect of benchDialects()) {
      const handle = await benchDb(dialect.url);
      try {
        const tenant = await createTenant(handle.db, systemClock, { name: "Bench" });
        const scope = { db: handle.db, tenantId: tenant.id, clock: systemClock };
        const now = Date.now();
        const rows = Array.from({ length: ANSWERS }, (_, i) =>
          newContactRow({ email: `a${i}@example.com`, firstName: `A${i}` }, now),
        );
        await inTransaction(handle.db, (trx) => insertContacts({ ...scope, db: trx }, rows));
        const ids = rows.map((r) => r.id);
        const space = await createSpace(scope, { name: "Admins", kind: "online_group" });
        const at = (days: number) => new Date(now + days * DAY).toISOString();
        const event = (title: string, days: number, capacity: number | null) =>
          createEvent(scope, {
            title,
            kind: "webinar",
            spaceId: space.id,
            onlineUrl: "https://meet.example.com/w",
            timezone: "UTC",
            capacity,
            startsAt: at(days),
            endsAt: at(days + 0.05),
          });
        const webinar = await event("Webinar", 10, CAPACITY);
        const other = await event("Baseline", 11, null);
        for (let i = 0; i < OTHER_EVENTS; i++) await event(`Event ${i}`, 1 + (i % 60), 100);
        await sql`analyze`.execute(handle.db);

        const answers: number[] = [];
        const plain: number[] = [];
        let waitlisted = 0;
        for (const [i, contactId] of ids.entries()) {
          const { ms, result } = await timed(() => respondAsAdvocate(scope, contactId, webinar.id, true));
          if (result.status === "waitlisted") waitlisted += 1;
          const base = await timed(() =>
            handle.db
              .insertInto("communityRegistrations")
              .values({
                tenantId: tenant.id,
                eventId: other.id,
                contactId,
                role: "attendee",
                status: "going",
                registeredAt: Date.now(),
                updatedAt: Date.now(),
                pointsTransactionId: null,
              })
              .execute(),
          );
          if (i >= ANSWERS / 2) {
            answers.push(ms);
            plain.push(base.ms);
          }
        }
        if (waitlisted !== ANSWERS - CAPACITY)
          throw new Error(`${waitlisted} joined the waitlist, not ${ANSWERS - CAPACITY}`);
        const hub: number[] = [];
        for (let i = 0; i < 50; i++)
          hub.push((await timed(() => communityOfAdvocate(scope, ids[ids.length - 1 - i] as string))).ms);
        report([
          {
            dialect: dialect.name,
            path: "an advocate answers (lock, count, place or waitlist)",
            "p50 ms": median(answers).toFixed(2),
            "p95 ms": p95(answers).toFixed(2),
          },
          {
            dialect: dialect.name,
            path: "plain: insert one registration row",
            "p50 ms": median(plain).toFixed(2),
            "p95 ms": p95(plain).toFixed(2),
          },
          {
            dialect: dialect.name,
            path: `the hub's community page (${OTHER_EVENTS + 2} events)`,
            "p50 ms": median(hub).toFixed(2),
            "p95 ms": p95(hub).toFixed(2),
          },
        ]);
        console.log(
          `${dialect.name}: ratio answer / plain insert (p50) = ${(median(answers) / median(plain)).toFixed(2)}`,
        );
      } finally {
        await handle.close();
      }
    }
  },
};
