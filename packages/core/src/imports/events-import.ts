import { createHash } from "node:crypto";
import type { FieldError } from "../shared/errors.ts";
import {
  type IngestTarget,
  ingestMessages,
  normalizeMessage,
  type SegmentMessage,
  type TypedSignal,
  typedSignalOf,
} from "../signals/index.ts";
import type { ChunkCounts } from "./chunk.ts";
import type { Cell, CellProblem } from "./row-values.ts";

export interface EventDraft {
  message: SegmentMessage;
  signal: TypedSignal | null;
}

/** Without a messageId, the line's content is the event's identity, so a re-run stores it once. */
export const contentMessageId = (line: string) => `imp-${createHash("sha1").update(line).digest("hex")}`;

/** A Segment message (or `{type, userId, event, properties, timestamp, messageId}`) checked as /v1/batch would. */
export function eventDraftOf(
  object: Record<string, unknown>,
  line: string,
  receivedAt: number,
): { draft: EventDraft } | { problems: CellProblem[] } {
  const raw =
    object.messageId === undefined || object.messageId === null || object.messageId === ""
      ? { ...object, messageId: contentMessageId(line) }
      : object;
  const { message, errors } = normalizeMessage(raw, { receivedAt });
  if (!message) return { problems: errors.map((e) => ({ field: e.path, reason: e.message })) };
  const signalErrors: FieldError[] = [];
  const signal = typedSignalOf(message, "event", signalErrors);
  if (signalErrors.length > 0)
    return { problems: signalErrors.map((e) => ({ field: e.path.replace(/^event\./, ""), reason: e.message })) };
  return { draft: { message, signal } };
}

/** A CSV row as a Segment message: known columns are its fields, the rest its properties (identify: traits). */
export function eventObjectOf(cells: Cell[]): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  const bag: Record<string, unknown> = {};
  const traits: Record<string, unknown> = {};
  for (const { rule, value } of cells) {
    const { target } = rule;
    if (target.to === "field") object[target.name] = value;
    else if (target.to === "map") (target.map === "traits" ? traits : bag)[target.key] = value;
  }
  object.type ??= "track";
  const email = object.email;
  delete object.email;
  if (object.type === "identify" || object.type === "group") {
    object.traits = { ...bag, ...traits, ...(email ? { email } : {}) };
  } else {
    object.properties = bag;
    if (email || Object.keys(traits).length > 0)
      object.context = { traits: { ...traits, ...(email ? { email } : {}) } };
  }
  return object;
}

/** Stores one chunk of events through the ingest path (one transaction): identities resolved, each messageId once. */
export async function commitEvents(target: IngestTarget, drafts: EventDraft[]): Promise<ChunkCounts> {
  const result = await ingestMessages(
    target,
    drafts.map((d) => d.message),
    drafts.map((d) => d.signal),
  );
  return { inserted: result.stored, updated: 0, skipped: result.duplicates };
}
