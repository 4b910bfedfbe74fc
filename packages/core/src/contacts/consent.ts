import type { ConsentRecordsTable } from "@advo/db";
import { inTransaction } from "@advo/db";
import type { z } from "zod";
import { enqueueJob } from "../jobs/index.ts";
import { toIso, toIsoOrNull } from "../shared/clock.ts";
import { notFound } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { parseJsonObject, toJson } from "../shared/json.ts";
import { insertInto, type Scope, selectFrom, updateTable, withDb } from "../shared/scope.ts";
import { getTenantSetting, setTenantSetting } from "../tenants/index.ts";
import {
  type ConsentPolicy,
  type ConsentPolicyInput,
  type ConsentRecordOutput,
  consentPolicyInput,
  type contactConsentsOutput,
  DEFAULT_CONSENT_DURATION_DAYS,
  type expiringConsentsOutput,
  type expiringConsentsQuery,
  type RecordConsentInput,
  recordConsentInput,
} from "./consent.schemas.ts";

// A contact's consent is kept twice: every grant and withdrawal as an append-only record (the
// evidence: wording, what it covers, who recorded it, when it lapses), and the latest state per
// purpose in contacts.consent (what everything else reads), written in the same transaction.

const DAY = 24 * 3600 * 1000;
const POLICY_KEY = "consent";

export interface ConsentRecorder {
  type: string;
  id: string;
}

/** The contact's current state for one purpose, as cached on the contact row. */
interface CachedConsent {
  granted?: boolean;
  at?: string;
  source?: string;
  expiresAt?: string | null;
}

/**
 * Whether Advo may act on a purpose now: granted, and not past its expiry. Everything that uses a
 * person's name, words or inbox asks this, never `granted` alone.
 */
export function consentEffective(consent: string | Record<string, unknown> | null, purpose: string, now: number) {
  const all = typeof consent === "string" || consent === null ? parseJsonObject(consent) : consent;
  const record = all[purpose] as CachedConsent | undefined;
  if (!record?.granted) return false;
  return !record.expiresAt || Date.parse(record.expiresAt) > now;
}

export async function getConsentPolicy(scope: Scope): Promise<ConsentPolicy> {
  const stored = await getTenantSetting<ConsentPolicy>(scope.db, scope.tenantId, POLICY_KEY);
  return { durationDays: { ...DEFAULT_CONSENT_DURATION_DAYS, ...(stored?.durationDays ?? {}) } };
}

export async function setConsentPolicy(scope: Scope, input: ConsentPolicyInput): Promise<ConsentPolicy> {
  const { durationDays } = consentPolicyInput.parse(input);
  const current = await getConsentPolicy(scope);
  const next = { durationDays: { ...current.durationDays, ...durationDays } };
  await setTenantSetting(scope.db, scope.tenantId, POLICY_KEY, next);
  return next;
}

/** The rows that record a set of consent changes for one contact (no I/O: imports batch them). */
export function consentRows(
  contactId: string,
  changes: RecordConsentInput[],
  recorder: ConsentRecorder,
  defaultSource: string,
  policy: ConsentPolicy,
  now: number,
): Omit<ConsentRecordsTable, "tenantId">[] {
  return changes.map((input) => {
    const c = recordConsentInput.parse(input);
    const at = c.at ? Date.parse(c.at) : now;
    const days = policy.durationDays[c.purpose] ?? null;
    const expiresAt = !c.granted
      ? null
      : c.expiresAt !== undefined
        ? c.expiresAt === null
          ? null
          : Date.parse(c.expiresAt)
        : days === null
          ? null
          : at + days * DAY;
    return {
      id: newId("cns"),
      contactId,
      purpose: c.purpose,
      granted: c.granted ? 1 : 0,
      statement: c.statement ?? null,
      covers: c.covers ?? null,
      source: c.source ?? defaultSource,
      actorType: recorder.type,
      actorId: recorder.id,
      recordedAt: at,
      expiresAt,
    };
  });
}

/**
 * The contact's cached state after some records: a record replaces a purpose's state only when it
 * is at least as recent, so importing an old consent does not undo a newer withdrawal.
 */
export function withConsentRows(consentColumn: string, rows: Omit<ConsentRecordsTable, "tenantId">[]): string {
  const state = parseJsonObject<Record<string, CachedConsent>>(consentColumn);
  for (const row of [...rows].sort((a, b) => a.recordedAt - b.recordedAt)) {
    const previous = state[row.purpose]?.at ? Date.parse(state[row.purpose]?.at as string) : Number.NEGATIVE_INFINITY;
    if (row.recordedAt < previous) continue;
    state[row.purpose] = {
      granted: row.granted === 1,
      at: toIso(row.recordedAt),
      source: row.source,
      expiresAt: toIsoOrNull(row.expiresAt),
    };
  }
  return toJson(state);
}

/** Queued when someone withdraws consent: modules that use the person's words or name act on it (content). */
export const CONSENT_WITHDRAWN = "contacts.consent-withdrawn";

export async function insertConsentRows(scope: Scope, rows: Omit<ConsentRecordsTable, "tenantId">[]) {
  for (let i = 0; i < rows.length; i += 500) {
    await insertInto(scope, "consentRecords", rows.slice(i, i + 500)).execute();
  }
  // In the same transaction as the records: a withdrawal is never stored without its follow-up.
  const withdrawals = rows.filter((r) => r.granted === 0).map((r) => ({ contactId: r.contactId, purpose: r.purpose }));
  for (let i = 0; i < withdrawals.length; i += 1000)
    await enqueueJob(scope, CONSENT_WITHDRAWN, { withdrawals: withdrawals.slice(i, i + 1000) });
}

/** Records consent changes and updates the contact's current state, in the caller's transaction if any. */
export async function recordConsents(
  scope: Scope,
  contactId: string,
  changes: RecordConsentInput[],
  recorder: ConsentRecorder,
  defaultSource: string,
): Promise<void> {
  if (changes.length === 0) return;
  const policy = await getConsentPolicy(scope);
  const rows = consentRows(contactId, changes, recorder, defaultSource, policy, scope.clock.now());
  await inTransaction(scope.db, async (trx) => {
    const s = withDb(scope, trx);
    const contact = await selectFrom(s, "contacts")
      .select(["consent", "erasedAt"])
      .where("id", "=", contactId)
      .executeTakeFirst();
    if (!contact || contact.erasedAt !== null) throw notFound("contact", contactId);
    await insertConsentRows(s, rows);
    await updateTable(s, "contacts")
      .set({ consent: withConsentRows(contact.consent, rows), updatedAt: scope.clock.now() })
      .where("id", "=", contactId)
      .execute();
  });
}

const toOutput = (row: ConsentRecordsTable): ConsentRecordOutput => ({
  id: row.id,
  purpose: row.purpose,
  granted: row.granted === 1,
  statement: row.statement,
  covers: row.covers,
  source: row.source,
  recordedBy: { type: row.actorType, id: row.actorId },
  at: toIso(Number(row.recordedAt)),
  expiresAt: toIsoOrNull(row.expiresAt === null ? null : Number(row.expiresAt)),
});

export async function contactConsents(scope: Scope, contactId: string): Promise<z.infer<typeof contactConsentsOutput>> {
  const contact = await selectFrom(scope, "contacts")
    .select(["id", "consent"])
    .where("id", "=", contactId)
    .executeTakeFirst();
  if (!contact) throw notFound("contact", contactId);
  const rows = await selectFrom(scope, "consentRecords")
    .selectAll()
    .where("contactId", "=", contactId)
    .orderBy("recordedAt", "desc")
    .orderBy("id", "desc")
    .execute();
  const now = scope.clock.now();
  const latest = new Map<string, ConsentRecordsTable>();
  for (const row of rows) if (!latest.has(row.purpose)) latest.set(row.purpose, row);
  const current = [...latest.values()]
    .sort((a, b) => a.purpose.localeCompare(b.purpose))
    .map((row) => {
      const expired = row.granted === 1 && row.expiresAt !== null && Number(row.expiresAt) <= now;
      return {
        ...toOutput(row),
        status: row.granted !== 1 ? ("withdrawn" as const) : expired ? ("expired" as const) : ("granted" as const),
        effective: row.granted === 1 && !expired,
      };
    });
  return { contactId, current, history: rows.map(toOutput) };
}

/** Grants that lapse within the window and were not renewed or withdrawn since: who to ask again. */
export async function expiringConsents(
  scope: Scope,
  query: z.infer<typeof expiringConsentsQuery>,
): Promise<z.infer<typeof expiringConsentsOutput>> {
  const now = scope.clock.now();
  let q = selectFrom(scope, "consentRecords")
    .innerJoin("contacts as c", (join) =>
      join.onRef("c.tenantId", "=", "consentRecords.tenantId").onRef("c.id", "=", "consentRecords.contactId"),
    )
    .select([
      "consentRecords.contactId",
      "consentRecords.purpose",
      "consentRecords.recordedAt",
      "consentRecords.expiresAt",
      "c.firstName",
      "c.lastName",
      "c.email",
    ])
    .where("consentRecords.granted", "=", 1)
    .where("consentRecords.expiresAt", "is not", null)
    .where("consentRecords.expiresAt", "<=", now + query.withinDays * DAY)
    .where("c.erasedAt", "is", null)
    .where(({ not, exists, selectFrom: sub }) =>
      not(
        exists(
          sub("consentRecords as later")
            .select("later.id")
            .whereRef("later.tenantId", "=", "consentRecords.tenantId")
            .whereRef("later.contactId", "=", "consentRecords.contactId")
            .whereRef("later.purpose", "=", "consentRecords.purpose")
            .where((eb) =>
              eb.or([
                eb("later.recordedAt", ">", eb.ref("consentRecords.recordedAt")),
                eb.and([
                  eb("later.recordedAt", "=", eb.ref("consentRecords.recordedAt")),
                  eb("later.id", ">", eb.ref("consentRecords.id")),
                ]),
              ]),
            ),
        ),
      ),
    );
  if (!query.includeExpired) q = q.where("consentRecords.expiresAt", ">", now);
  if (query.purpose) q = q.where("consentRecords.purpose", "=", query.purpose);
  const rows = await q.orderBy("consentRecords.expiresAt").limit(1000).execute();
  return {
    items: rows.map((r) => ({
      contactId: r.contactId,
      name: [r.firstName, r.lastName].filter(Boolean).join(" ") || null,
      email: r.email,
      purpose: r.purpose,
      grantedAt: toIso(Number(r.recordedAt)),
      expiresAt: toIso(Number(r.expiresAt)),
      expired: Number(r.expiresAt) <= now,
    })),
  };
}
