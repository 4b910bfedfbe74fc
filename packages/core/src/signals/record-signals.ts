import { createHash } from "node:crypto";
import type { FieldError } from "../shared/errors.ts";
import { AppError } from "../shared/errors.ts";
import { type IngestResult, type IngestTarget, ingestMessages } from "./ingest.ts";
import type { SegmentMessage } from "./segment.ts";
import { type SignalInput, signalBatchInput } from "./signal.schemas.ts";
import { typedSignalOf } from "./typed-signals.ts";

const EVENT_NAMES = {
  survey: () => "Survey Responded",
  ticket: (s: Extract<SignalInput, { kind: "ticket" }>) => `Ticket ${s.action[0]?.toUpperCase()}${s.action.slice(1)}`,
  purchase: (s: Extract<SignalInput, { kind: "purchase" }>) =>
    ({ purchase: "Order Completed", renewal: "Subscription Renewed", refund: "Order Refunded" })[
      s.purchaseKind ?? "purchase"
    ],
};

/** A typed signal becomes the same track event a Segment client would send, so one path stores both. */
function toMessage(input: SignalInput, now: number): SegmentMessage {
  const { kind, contact, messageId, occurredAt, ...fields } = input;
  const event =
    kind === "survey"
      ? EVENT_NAMES.survey()
      : kind === "ticket"
        ? EVENT_NAMES.ticket(input)
        : EVENT_NAMES.purchase(input);
  const properties: Record<string, unknown> =
    kind === "survey"
      ? { ...fields, kind: input.surveyKind ?? "nps" }
      : kind === "purchase"
        ? { orderId: input.orderId, total: input.amount, currency: input.currency ?? "USD" }
        : fields;
  const timestamp = occurredAt ? Date.parse(occurredAt) : now;
  const email = contact.email?.trim().toLowerCase() ?? null;
  return {
    type: "track",
    messageId:
      messageId ??
      `sig-${createHash("sha1")
        .update(JSON.stringify([kind, contact, occurredAt ?? null, fields]))
        .digest("hex")}`,
    userId: contact.userId ?? null,
    anonymousId: contact.anonymousId ?? null,
    event,
    properties,
    contextTraits: email ? { email } : null,
    groupId: null,
    previousId: null,
    timestamp,
  };
}

export async function recordSignals(target: IngestTarget, body: unknown): Promise<IngestResult> {
  const { signals } = signalBatchInput.parse(body);
  const now = target.clock.now();
  const messages = signals.map((s) => toMessage(s, now));
  const errors: FieldError[] = [];
  const typed = messages.map((m, i) => typedSignalOf(m, `signals.${i}`, errors));
  if (errors.length > 0) throw new AppError("invalid", `${errors[0]?.path}: ${errors[0]?.message}`, errors);
  return ingestMessages(target, messages, typed);
}
