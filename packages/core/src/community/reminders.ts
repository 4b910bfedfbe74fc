import type { Db } from "@advo/db";
import { inTransaction } from "@advo/db";
import type { Clock } from "../shared/clock.ts";
import { type Scope, updateTable, withDb } from "../shared/scope.ts";
import { eventRows } from "./events.ts";
import { notifyRegistrants } from "./notices.ts";

const DAY = 86_400_000;

/**
 * The day-before reminder: every event starting within a day whose reminder has not gone out emails
 * who is coming. Each event is claimed by setting `remindedAt` first, in the same transaction as the
 * emails, so two workers never both send it. Returns how many people were reminded.
 */
export async function sendDueReminders(scope: Scope, options: { linkBase?: string } = {}): Promise<number> {
  const now = scope.clock.now();
  const due = await eventRows(scope)
    .where("communityEvents.status", "=", "scheduled")
    .where("communityEvents.remindedAt", "is", null)
    .where("communityEvents.startsAt", ">", now)
    .where("communityEvents.startsAt", "<=", now + DAY)
    .execute();
  let reminded = 0;
  for (const event of due) {
    reminded += await inTransaction(scope.db, async (trx) => {
      const s = withDb(scope, trx);
      const claimed = await updateTable(s, "communityEvents")
        .set({ remindedAt: now })
        .where("id", "=", event.id)
        .where("remindedAt", "is", null)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 0) return 0;
      return notifyRegistrants(s, event, ["going"], "reminder", options);
    });
  }
  return reminded;
}

/** Reminders for every workspace with an event starting within a day (the worker's periodic pass). */
export async function sendAllDueReminders(db: Db, clock: Clock, options: { linkBase?: string } = {}) {
  const now = clock.now();
  const tenants = await db
    .selectFrom("communityEvents")
    .select("tenantId")
    .distinct()
    .where("status", "=", "scheduled")
    .where("remindedAt", "is", null)
    .where("startsAt", ">", now)
    .where("startsAt", "<=", now + DAY)
    .execute();
  let reminded = 0;
  for (const { tenantId } of tenants) reminded += await sendDueReminders({ db, clock, tenantId }, options);
  return reminded;
}
