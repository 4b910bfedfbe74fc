import { adapterOf, inTransaction, type JourneysTable } from "@advo/db";
import { sql } from "kysely";
import { inTexts, type Scope, selectFrom, updateTable, withDb } from "../shared/scope.ts";
import { containsText } from "../shared/text-search.ts";
import { enrollContacts } from "./enrollment.ts";
import { type SignalTrigger, triggerOf } from "./journey.schemas.ts";

const WEEK = 7 * 86_400_000;
const CONTACTS_PER_READ = 500;

// Scoring reads event names with A–Z lower-cased the same way (DialectAdapter.asciiLower).
const asciiLower = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

/**
 * The latest time each of these contacts sent a signal the trigger asks for: received since the
 * journey began listening, and sent at most a week before it arrived (an import of last year's
 * answers is history, not a reason to write to anyone today).
 */
async function latestSignals(
  scope: Scope,
  trigger: SignalTrigger,
  contactIds: readonly string[],
  listeningFrom: number,
): Promise<Map<string, number>> {
  let rows: { contactId: string | null; receivedAt: number | string | bigint | null }[];
  if (trigger.type === "event_received") {
    rows = await selectFrom(scope, "events")
      .select(["contactId", (eb) => eb.fn.max("receivedAt").as("receivedAt")])
      .where(inTexts(scope, "events.contact_id", contactIds))
      .where("type", "=", "track")
      .where(adapterOf(scope.db).asciiLower(sql.ref("events.event")), "=", asciiLower(trigger.event))
      // The index's range (contact, then time) first; then what it cannot narrow.
      .where("occurredAt", ">=", listeningFrom - WEEK)
      .where("receivedAt", ">=", listeningFrom)
      .where(sql<boolean>`events.occurred_at >= events.received_at - ${WEEK}`)
      .groupBy("contactId")
      .execute();
  } else {
    let answers = selectFrom(scope, "surveyResponses")
      .innerJoin("events", (join) =>
        join
          .onRef("events.tenantId", "=", "surveyResponses.tenantId")
          .onRef("events.messageId", "=", "surveyResponses.messageId"),
      )
      .select(["surveyResponses.contactId", (eb) => eb.fn.max("events.receivedAt").as("receivedAt")])
      .where(inTexts(scope, "survey_responses.contact_id", contactIds))
      .where("surveyResponses.kind", "=", trigger.kind)
      .where("surveyResponses.score", ">=", trigger.minScore)
      .where("surveyResponses.score", "<=", trigger.maxScore)
      .where("surveyResponses.occurredAt", ">=", listeningFrom - WEEK)
      .where("events.receivedAt", ">=", listeningFrom)
      .where(sql<boolean>`survey_responses.occurred_at >= events.received_at - ${WEEK}`)
      .groupBy("surveyResponses.contactId");
    if (trigger.survey) answers = answers.where(containsText("survey_responses.survey", trigger.survey));
    rows = await answers.execute();
  }
  const latest = new Map<string, number>();
  for (const r of rows) if (r.contactId && r.receivedAt !== null) latest.set(r.contactId, Number(r.receivedAt));
  return latest;
}

/**
 * Enrolls the contacts whose new signals trigger an active journey: the contacts.changed job runs it
 * after their scores and segments are brought up to date, so a journey's condition reads them as the
 * signal left them. A contact enters again (where the journey allows re-entry) only for a signal
 * that arrived after their last entry: the signal that brought them in once never does again.
 * Returns how many entered.
 */
export async function enrollFromSignals(scope: Scope, contactIds: readonly string[]): Promise<number> {
  if (contactIds.length === 0) return 0;
  const listening: { journey: JourneysTable & { listeningFrom: number }; trigger: SignalTrigger }[] = [];
  for (const journey of await selectFrom(scope, "journeys").selectAll().where("status", "=", "active").execute()) {
    const trigger = triggerOf(journey);
    if ((trigger.type === "event_received" || trigger.type === "survey_answered") && journey.listeningFrom !== null)
      listening.push({ journey: { ...journey, listeningFrom: Number(journey.listeningFrom) }, trigger });
  }
  if (listening.length === 0) return 0;
  const ids = [...new Set(contactIds)];
  let enrolled = 0;
  for (let i = 0; i < ids.length; i += CONTACTS_PER_READ) {
    const chunk = ids.slice(i, i + CONTACTS_PER_READ);
    for (const { journey, trigger } of listening) {
      const latest = await latestSignals(scope, trigger, chunk, journey.listeningFrom);
      if (latest.size === 0) continue;
      enrolled += await inTransaction(scope.db, async (trx) => {
        const t = withDb(scope, trx);
        // Holds the journey's row: two workers hearing the same contact at once enroll them once.
        // A journey paused meanwhile enrolls nobody.
        const [held] = await updateTable(t, "journeys")
          .set((eb) => ({ listeningFrom: eb.ref("listeningFrom") }))
          .where("id", "=", journey.id)
          .where("status", "=", "active")
          .execute();
        if (Number(held?.numUpdatedRows ?? 0) === 0) return 0;
        const entries = await selectFrom(t, "journeyEnrollments")
          .select(["contactId", (eb) => eb.fn.max("enteredAt").as("enteredAt")])
          .where("journeyId", "=", journey.id)
          .where(inTexts(t, "journey_enrollments.contact_id", [...latest.keys()]))
          .groupBy("contactId")
          .execute();
        const lastEntry = new Map(entries.map((e) => [e.contactId, Number(e.enteredAt)]));
        const fresh = [...latest].filter(([id, at]) => at > (lastEntry.get(id) ?? Number.NEGATIVE_INFINITY));
        return enrollContacts(
          t,
          journey,
          fresh.map(([id]) => id),
        );
      });
    }
  }
  return enrolled;
}
