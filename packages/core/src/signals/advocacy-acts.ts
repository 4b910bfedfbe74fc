import { inTransaction } from "@advo/db";
import { enqueueJob } from "../jobs/index.ts";
import { type Scope, selectFrom } from "../shared/scope.ts";
import { appendEvents } from "./event.queries.ts";
import { CONTACTS_CHANGED } from "./ingest.ts";
import { projectSignals } from "./projections.ts";
import type { SurveySignal } from "./typed-signals.ts";

export interface AdvocacyAct {
  contactId: string;
  /** One of scoring's advocacy-act names, e.g. "Review Published". */
  event: string;
  /** Stable per act (e.g. "submission:<id>"), so recording it twice stores it once. */
  messageId: string;
  properties?: Record<string, unknown>;
  /** An answer the act carries (an attendee's rating of an event): stored as survey answers are. */
  survey?: SurveySignal;
}

/**
 * Programs record what advocates did as events on their timeline, so the advocacy score and the
 * personalities see it like any other signal (a survey answer among them, as its table keeps it);
 * the touched contacts are rescored by the worker.
 */
export async function recordAdvocacyActs(scope: Scope, acts: AdvocacyAct[]): Promise<void> {
  if (acts.length === 0) return;
  const now = scope.clock.now();
  const accounts = new Map(
    (
      await selectFrom(scope, "contacts")
        .select(["id", "accountId"])
        .where("id", "in", [...new Set(acts.map((a) => a.contactId))])
        .execute()
    ).map((r) => [r.id, r.accountId]),
  );
  await inTransaction(scope.db, async (trx) => {
    const stored = await appendEvents(
      trx,
      scope.tenantId,
      acts.map((a) => ({
        messageId: a.messageId,
        type: "track",
        event: a.event,
        contactId: a.contactId,
        accountId: accounts.get(a.contactId) ?? null,
        userId: null,
        anonymousId: null,
        sourceId: null,
        occurredAt: now,
        receivedAt: now,
        properties: JSON.stringify(a.properties ?? {}),
      })),
    );
    const answers = acts.flatMap((a) =>
      a.survey && stored.has(a.messageId)
        ? [
            {
              signal: a.survey,
              messageId: a.messageId,
              contactId: a.contactId,
              accountId: accounts.get(a.contactId) ?? null,
              occurredAt: now,
            },
          ]
        : [],
    );
    if (answers.length > 0) await projectSignals({ ...scope, db: trx }, answers);
    const touched = acts.filter((a) => stored.has(a.messageId)).map((a) => a.contactId);
    if (touched.length > 0)
      await enqueueJob({ ...scope, db: trx }, CONTACTS_CHANGED, { contactIds: [...new Set(touched)] });
  });
}
