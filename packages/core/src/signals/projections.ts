import { createSentimentScorer, type SentimentScorer, scoreSentiment } from "../listening/index.ts";
import { insertInto, type Scope, selectFrom, updateTable } from "../shared/scope.ts";
import { getTenantSetting, setTenantSetting } from "../tenants/index.ts";
import type { TypedSignal } from "./typed-signals.ts";

export interface SignalToProject {
  signal: TypedSignal;
  messageId: string;
  contactId: string | null;
  accountId: string | null;
  occurredAt: number;
}

const SENTIMENT_LEXICON_KEY = "sentimentLexicon";
const scorers = new Map<string, { json: string; scorer: SentimentScorer }>();

/** The workspace's sentiment scorer: the built-in lexicon plus the terms the tenant added. */
export async function tenantSentimentScorer(scope: Scope): Promise<SentimentScorer> {
  const extra = (await getTenantSetting<Record<string, number>>(scope.db, scope.tenantId, SENTIMENT_LEXICON_KEY)) ?? {};
  const json = JSON.stringify(extra);
  const cached = scorers.get(scope.tenantId);
  if (cached && cached.json === json) return cached.scorer;
  const scorer = Object.keys(extra).length > 0 ? createSentimentScorer(extra) : scoreSentiment;
  scorers.set(scope.tenantId, { json, scorer });
  return scorer;
}

export async function getSentimentLexicon(scope: Scope): Promise<Record<string, number>> {
  return (await getTenantSetting<Record<string, number>>(scope.db, scope.tenantId, SENTIMENT_LEXICON_KEY)) ?? {};
}

export async function setSentimentLexicon(
  scope: Scope,
  entries: Record<string, number>,
): Promise<Record<string, number>> {
  await setTenantSetting(scope.db, scope.tenantId, SENTIMENT_LEXICON_KEY, entries);
  return entries;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

/** Writes typed signals into their tables, for events stored for the first time. */
export async function projectSignals(scope: Scope, items: SignalToProject[]): Promise<void> {
  const hasText = items.some(
    (i) => (i.signal.kind === "survey" && i.signal.comment) || (i.signal.kind === "ticket" && i.signal.text),
  );
  const sentiment = hasText ? await tenantSentimentScorer(scope) : scoreSentiment;
  for (const item of items) {
    const { signal } = item;
    const ticketSentiment = signal.kind === "ticket" && signal.text ? round3(sentiment(signal.text).compound) : null;
    switch (signal.kind) {
      case "survey":
        await insertInto(scope, "surveyResponses", {
          messageId: item.messageId,
          contactId: item.contactId,
          survey: signal.survey,
          kind: signal.surveyKind,
          score: signal.score,
          comment: signal.comment,
          sentiment: signal.comment ? round3(sentiment(signal.comment).compound) : null,
          occurredAt: item.occurredAt,
        })
          .onConflict((oc) => oc.columns(["tenantId", "messageId"]).doNothing())
          .execute();
        break;
      case "purchase":
        await insertInto(scope, "purchases", {
          messageId: item.messageId,
          contactId: item.contactId,
          accountId: item.accountId,
          kind: signal.purchaseKind,
          orderId: signal.orderId,
          amount: signal.purchaseKind === "refund" ? -signal.amount : signal.amount,
          currency: signal.currency,
          occurredAt: item.occurredAt,
        })
          .onConflict((oc) => oc.columns(["tenantId", "messageId"]).doNothing())
          .execute();
        break;
      case "ticket":
        await upsertTicket(scope, item, signal, ticketSentiment);
        break;
    }
  }
}

async function upsertTicket(
  scope: Scope,
  item: SignalToProject,
  signal: Extract<TypedSignal, { kind: "ticket" }>,
  sentiment: number | null,
) {
  const at = item.occurredAt;
  const existing = await selectFrom(scope, "tickets").selectAll().where("id", "=", signal.ticketId).executeTakeFirst();
  const status = signal.action === "resolved" ? "resolved" : signal.action === "opened" ? "open" : undefined;
  if (!existing) {
    await insertInto(scope, "tickets", {
      id: signal.ticketId,
      contactId: item.contactId,
      status: status ?? "open",
      priority: signal.priority,
      subject: signal.subject,
      text: signal.text,
      escalated: signal.escalated ? 1 : 0,
      satisfaction: signal.satisfaction,
      sentiment,
      openedAt: at,
      resolvedAt: signal.action === "resolved" ? at : null,
      updatedAt: at,
    })
      .onConflict((oc) => oc.columns(["tenantId", "id"]).doNothing())
      .execute();
    return;
  }
  // Events can arrive out of order: a resolve older than the latest update does not reopen it.
  await updateTable(scope, "tickets")
    .set({
      ...(status && at >= existing.updatedAt ? { status } : {}),
      ...(signal.priority ? { priority: signal.priority } : {}),
      ...(signal.subject && !existing.subject ? { subject: signal.subject } : {}),
      ...(signal.text
        ? { text: existing.text && signal.action !== "opened" ? `${existing.text}\n\n${signal.text}` : signal.text }
        : {}),
      ...(signal.escalated !== null ? { escalated: signal.escalated ? 1 : 0 } : {}),
      ...(signal.satisfaction !== null ? { satisfaction: signal.satisfaction } : {}),
      // The tone of the whole thread: the mean of what it had and the newest message.
      ...(sentiment !== null
        ? { sentiment: existing.sentiment === null ? sentiment : round3((existing.sentiment + sentiment) / 2) }
        : {}),
      ...(existing.contactId === null && item.contactId ? { contactId: item.contactId } : {}),
      openedAt: Math.min(existing.openedAt, signal.action === "opened" ? at : existing.openedAt),
      resolvedAt: signal.action === "resolved" ? at : existing.resolvedAt,
      updatedAt: Math.max(existing.updatedAt, at),
    })
    .where("id", "=", signal.ticketId)
    .execute();
}
