import type { Db } from "@advo/db";
import { inTransaction, withRetry } from "@advo/db";
import { identityGeneration } from "../contacts/index.ts";
import { enqueueJob } from "../jobs/index.ts";
import type { Clock } from "../shared/clock.ts";
import { AppError, type FieldError } from "../shared/errors.ts";
import type { Scope } from "../shared/scope.ts";
import { appendEvents, type EventRow } from "./event.queries.ts";
import { projectSignals, type SignalToProject } from "./projections.ts";
import { type IdentityCache, resolveMessages } from "./resolve.ts";
import type { SegmentMessage } from "./segment.ts";
import { type TypedSignal, typedSignalOf } from "./typed-signals.ts";

/** Job kind enqueued with `{contactIds}` whenever stored signals change some contacts. */
export const CONTACTS_CHANGED = "contacts.changed";

export interface IngestTarget {
  db: Db;
  clock: Clock;
  tenantId: string;
  sourceId: string | null;
  /**
   * Identity → contact answers kept across batches (an import's run, a server's Segment calls), so
   * each person is looked up once; updated only after a batch commits.
   */
  identities?: KnownIdentities;
}

/**
 * Identity answers of committed batches, with the tenant identity generation they hold for. A batch
 * that finds the generation moved (a merge, an unmerge or a deleted contact, in any process) starts
 * the answers afresh; so does one that merged contacts itself.
 */
export interface KnownIdentities {
  contacts: Map<string, string>;
  generation: number | null;
}

export const knownIdentities = (): KnownIdentities => ({ contacts: new Map(), generation: null });

export interface IngestResult {
  received: number;
  stored: number;
  duplicates: number;
}

/** Checks the typed signals a batch carries; any bad one rejects the batch, naming the field. */
export function typedSignalsOf(messages: SegmentMessage[], paths?: string[]): (TypedSignal | null)[] {
  const errors: FieldError[] = [];
  const signals = messages.map((m, i) => typedSignalOf(m, paths?.[i] ?? `batch.${i}`, errors));
  if (errors.length > 0) throw new AppError("invalid", `${errors[0]?.path}: ${errors[0]?.message}`, errors);
  return signals;
}

/**
 * Stores a batch of validated messages in one transaction: contacts resolved, events appended
 * once per messageId, typed signals projected. All or nothing.
 */
export async function ingestMessages(
  target: IngestTarget,
  messages: SegmentMessage[],
  signals: (TypedSignal | null)[] = typedSignalsOf(messages),
): Promise<IngestResult> {
  if (messages.length === 0) return { received: 0, stored: 0, duplicates: 0 };
  const received = messages.length;
  ({ messages, signals } = firstOfEachMessageId(messages, signals));
  const receivedAt = target.clock.now();
  const known = target.identities;
  let cache: (IdentityCache & { generation: number }) | undefined;
  // Two batches about the same people can deadlock on PostgreSQL; the loser simply runs again.
  const stored = await withRetry(() =>
    inTransaction(target.db, async (trx) => {
      const scope: Scope = { db: trx, tenantId: target.tenantId, clock: target.clock };
      if (known) {
        const generation = await identityGeneration(scope);
        if (known.generation !== generation) {
          known.contacts.clear();
          known.generation = generation;
        }
        cache = { known: known.contacts, learned: new Map(), generation };
      }
      const resolved = await resolveMessages(scope, messages, cache);
      const rows: EventRow[] = messages.map((m, i) => ({
        messageId: m.messageId,
        type: m.type,
        event: m.event,
        contactId: resolved[i]?.contactId ?? null,
        accountId: resolved[i]?.accountId ?? null,
        userId: m.userId,
        anonymousId: m.anonymousId,
        sourceId: target.sourceId,
        occurredAt: m.timestamp,
        receivedAt,
        properties: JSON.stringify(m.properties),
      }));
      const inserted = await appendEvents(trx, target.tenantId, rows);
      const toProject: SignalToProject[] = [];
      for (let i = 0; i < messages.length; i++) {
        const signal = signals[i];
        const row = rows[i];
        if (signal && row && inserted.has(row.messageId)) {
          toProject.push({
            signal,
            messageId: row.messageId,
            contactId: row.contactId,
            accountId: row.accountId,
            occurredAt: row.occurredAt,
          });
        }
      }
      if (toProject.length > 0) await projectSignals(scope, toProject);
      // Scores follow signals: the worker rescores just the contacts this batch touched.
      const touched = new Set<string>();
      for (const row of rows) if (row.contactId && inserted.has(row.messageId)) touched.add(row.contactId);
      if (touched.size > 0) await enqueueJob(scope, CONTACTS_CHANGED, { contactIds: [...touched] });
      return inserted.size;
    }),
  );
  if (known && cache) {
    // Answers read under a generation a concurrent batch has since moved past are not kept.
    if (!cache.learned) known.contacts.clear();
    else if (known.generation === cache.generation) for (const [key, id] of cache.learned) known.contacts.set(key, id);
  }
  return { received, stored, duplicates: received - stored };
}

function firstOfEachMessageId(messages: SegmentMessage[], signals: (TypedSignal | null)[]) {
  const seen = new Set<string>();
  const keep: number[] = [];
  for (let i = 0; i < messages.length; i++) {
    const id = (messages[i] as SegmentMessage).messageId;
    if (!seen.has(id)) {
      seen.add(id);
      keep.push(i);
    }
  }
  if (keep.length === messages.length) return { messages, signals };
  return { messages: keep.map((i) => messages[i] as SegmentMessage), signals: keep.map((i) => signals[i] ?? null) };
}
