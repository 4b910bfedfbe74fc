import { insertInto, type Scope, selectFrom, updateTable } from "../shared/scope.ts";
import type { TypedSignal } from "./typed-signals.ts";

export interface SignalToProject {
  signal: TypedSignal;
  messageId: string;
  contactId: string | null;
  accountId: string | null;
  occurredAt: number;
}

/** Writes typed signals into their tables, for events stored for the first time. */
export async function projectSignals(scope: Scope, items: SignalToProject[]): Promise<void> {
  for (const item of items) {
    const { signal } = item;
    switch (signal.kind) {
      case "survey":
        await insertInto(scope, "surveyResponses", {
          messageId: item.messageId,
          contactId: item.contactId,
          survey: signal.survey,
          kind: signal.surveyKind,
          score: signal.score,
          comment: signal.comment,
          sentiment: null,
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
        await upsertTicket(scope, item, signal);
        break;
    }
  }
}

async function upsertTicket(scope: Scope, item: SignalToProject, signal: Extract<TypedSignal, { kind: "ticket" }>) {
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
      sentiment: null,
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
      ...(existing.contactId === null && item.contactId ? { contactId: item.contactId } : {}),
      openedAt: Math.min(existing.openedAt, signal.action === "opened" ? at : existing.openedAt),
      resolvedAt: signal.action === "resolved" ? at : existing.resolvedAt,
      updatedAt: Math.max(existing.updatedAt, at),
    })
    .where("id", "=", signal.ticketId)
    .execute();
}
