import type { FieldError } from "../shared/errors.ts";
import type { SegmentMessage } from "./segment.ts";

// Track events with these names carry a typed signal. The names follow Segment's specs where one
// exists (e-commerce "Order Completed") and plain conventions elsewhere.
const SURVEY = new Set([
  "survey responded",
  "nps survey responded",
  "nps responded",
  "csat responded",
  "survey response",
]);
const TICKET_OPENED = new Set(["ticket opened", "ticket created"]);
const TICKET_UPDATED = new Set(["ticket updated", "ticket escalated"]);
const TICKET_RESOLVED = new Set(["ticket resolved", "ticket closed", "ticket solved"]);
const TICKET_RATED = new Set(["ticket rated", "ticket satisfaction"]);
const PURCHASE = new Map([
  ["order completed", "purchase"],
  ["purchase completed", "purchase"],
  ["subscription renewed", "renewal"],
  ["renewal completed", "renewal"],
  ["order refunded", "refund"],
]);

export interface SurveySignal {
  kind: "survey";
  survey: string;
  surveyKind: "nps" | "csat";
  score: number;
  comment: string | null;
}

export interface TicketSignal {
  kind: "ticket";
  ticketId: string;
  action: "opened" | "updated" | "resolved" | "rated";
  subject: string | null;
  text: string | null;
  priority: string | null;
  escalated: boolean | null;
  satisfaction: number | null;
}

export interface PurchaseSignal {
  kind: "purchase";
  purchaseKind: string;
  orderId: string | null;
  amount: number;
  currency: string;
}

export type TypedSignal = SurveySignal | TicketSignal | PurchaseSignal;

const text = (v: unknown, max = 10_000): string | null =>
  typeof v === "string" && v.trim() !== "" ? v.slice(0, max) : null;

const num = (v: unknown): number | null => {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return null;
};

function surveyOf(name: string, p: Record<string, unknown>, path: string, errors: FieldError[]): SurveySignal | null {
  const score = num(p.score ?? p.rating);
  const declared = text(p.kind ?? p.type)?.toLowerCase();
  const surveyKind: "nps" | "csat" = declared === "csat" || name.startsWith("csat") ? "csat" : "nps";
  const [min, max] = surveyKind === "nps" ? [0, 10] : [1, 5];
  if (score === null || !Number.isInteger(score) || score < min || score > max) {
    errors.push({
      path: `${path}.properties.score`,
      message: `must be a whole number from ${min} to ${max} for ${surveyKind.toUpperCase()}`,
    });
    return null;
  }
  return {
    kind: "survey",
    survey: text(p.survey ?? p.surveyName, 200) ?? surveyKind.toUpperCase(),
    surveyKind,
    score,
    comment: text(p.comment ?? p.feedback),
  };
}

function satisfactionOf(v: unknown): number | null {
  if (typeof v === "string") {
    const s = v.toLowerCase();
    if (s === "good" || s === "satisfied") return 5;
    if (s === "bad" || s === "unsatisfied" || s === "dissatisfied") return 1;
  }
  const n = num(v);
  return n !== null && n >= 1 && n <= 5 ? Math.round(n) : null;
}

/** Reads the typed signal a track event carries, if any; bad typed fields are errors. */
export function typedSignalOf(message: SegmentMessage, path: string, errors: FieldError[]): TypedSignal | null {
  if (message.type !== "track" || !message.event) return null;
  const name = message.event.trim().toLowerCase();
  const p = message.properties;
  if (SURVEY.has(name)) return surveyOf(name, p, path, errors);

  const action = TICKET_OPENED.has(name)
    ? "opened"
    : TICKET_UPDATED.has(name)
      ? "updated"
      : TICKET_RESOLVED.has(name)
        ? "resolved"
        : TICKET_RATED.has(name)
          ? "rated"
          : null;
  if (action) {
    const ticketId = text(p.ticketId ?? p.ticket_id ?? p.id, 200);
    if (!ticketId) {
      errors.push({ path: `${path}.properties.ticketId`, message: "is required for ticket events" });
      return null;
    }
    const satisfaction = satisfactionOf(p.satisfaction ?? p.rating ?? p.score);
    if (action === "rated" && satisfaction === null) {
      errors.push({ path: `${path}.properties.satisfaction`, message: 'must be 1–5, "good" or "bad"' });
      return null;
    }
    return {
      kind: "ticket",
      ticketId,
      action,
      subject: text(p.subject, 500),
      text: text(p.text ?? p.description ?? p.body),
      priority: text(p.priority, 40),
      escalated: typeof p.escalated === "boolean" ? p.escalated : name === "ticket escalated" ? true : null,
      satisfaction,
    };
  }

  const purchaseKind = PURCHASE.get(name);
  if (purchaseKind) {
    const amount = num(p.total ?? p.revenue ?? p.amount ?? p.value);
    if (amount === null || amount < 0) {
      errors.push({
        path: `${path}.properties.total`,
        message: "must be a non-negative amount (total, revenue or amount)",
      });
      return null;
    }
    const currency = (text(p.currency, 3) ?? "USD").toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) {
      errors.push({ path: `${path}.properties.currency`, message: "must be a 3-letter ISO 4217 code" });
      return null;
    }
    return { kind: "purchase", purchaseKind, orderId: text(p.orderId ?? p.order_id, 200), amount, currency };
  }
  return null;
}

/** Track event names that carry typed signals rather than product usage. */
export const signalEventNames: readonly string[] = [
  ...SURVEY,
  ...TICKET_OPENED,
  ...TICKET_UPDATED,
  ...TICKET_RESOLVED,
  ...TICKET_RATED,
  ...PURCHASE.keys(),
];
