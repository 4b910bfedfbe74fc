import { findContact } from "../contacts/index.ts";
import { toIso } from "../shared/clock.ts";
import { invalidField, notFound } from "../shared/errors.ts";
import { parseJsonObject } from "../shared/json.ts";
import type { Page, PageQuery } from "../shared/pagination.ts";
import { type Scope, selectFrom } from "../shared/scope.ts";
import { timelineRows } from "./event.queries.ts";
import type { ContactSignals, TimelineEvent } from "./signal.schemas.ts";

const encode = (at: number, id: string) => Buffer.from(JSON.stringify([at, id])).toString("base64url");

function decode(cursor: string | undefined): { at: number; id: string } | undefined {
  if (!cursor) return undefined;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [unknown, unknown];
    if (typeof at === "number" && typeof id === "string") return { at, id };
  } catch {
    // fall through to the error below
  }
  throw invalidField("cursor", "is not a cursor this API issued");
}

/** Every event of a contact, newest first. */
export async function contactTimeline(scope: Scope, contactId: string, page: PageQuery): Promise<Page<TimelineEvent>> {
  if (!(await findContact(scope, contactId))) throw notFound("contact", contactId);
  const rows = await timelineRows(scope, contactId, decode(page.cursor), page.limit + 1);
  const more = rows.length > page.limit;
  const pageRows = more ? rows.slice(0, page.limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    data: pageRows.map((r) => ({
      messageId: r.messageId,
      type: r.type,
      event: r.event,
      occurredAt: toIso(r.occurredAt),
      receivedAt: toIso(r.receivedAt),
      sourceId: r.sourceId,
      properties: parseJsonObject(r.properties),
    })),
    nextCursor: more && last ? encode(last.occurredAt, last.messageId) : null,
  };
}

/** The typed signals of one contact: surveys, tickets, purchases (newest first). */
export async function contactSignals(scope: Scope, contactId: string): Promise<ContactSignals> {
  if (!(await findContact(scope, contactId))) throw notFound("contact", contactId);
  const [surveys, tickets, purchases] = await Promise.all([
    selectFrom(scope, "surveyResponses")
      .selectAll()
      .where("contactId", "=", contactId)
      .orderBy("occurredAt", "desc")
      .limit(200)
      .execute(),
    selectFrom(scope, "tickets")
      .selectAll()
      .where("contactId", "=", contactId)
      .orderBy("openedAt", "desc")
      .limit(200)
      .execute(),
    selectFrom(scope, "purchases")
      .selectAll()
      .where("contactId", "=", contactId)
      .orderBy("occurredAt", "desc")
      .limit(200)
      .execute(),
  ]);
  return {
    surveys: surveys.map((s) => ({
      messageId: s.messageId,
      survey: s.survey,
      kind: s.kind,
      score: s.score,
      comment: s.comment,
      sentiment: s.sentiment,
      occurredAt: toIso(s.occurredAt),
    })),
    tickets: tickets.map((t) => ({
      id: t.id,
      status: t.status,
      priority: t.priority,
      subject: t.subject,
      escalated: t.escalated === 1,
      satisfaction: t.satisfaction,
      openedAt: toIso(t.openedAt),
      resolvedAt: t.resolvedAt === null ? null : toIso(t.resolvedAt),
    })),
    purchases: purchases.map((p) => ({
      messageId: p.messageId,
      kind: p.kind,
      orderId: p.orderId,
      amount: p.amount,
      currency: p.currency,
      occurredAt: toIso(p.occurredAt),
    })),
  };
}
