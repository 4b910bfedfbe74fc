import type { ContactAsksTable } from "@advo/db";
import { inTransaction } from "@advo/db";
import { toIso, toIsoOrNull } from "../shared/clock.ts";
import { invalidField } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { deleteFrom, insertInto, type Scope, withDb } from "../shared/scope.ts";
import { getTenantSetting, getTenantSettingCached, setTenantSetting } from "../tenants/index.ts";
import {
  askFacts,
  asksOfContact,
  bumpCount,
  type FactQuery,
  type FactRow,
  insertAsk,
  limitsOf,
  runFacts,
} from "./ask.queries.ts";
import {
  type Ask,
  type AskCheck,
  type AskKind,
  askKind,
  type FatigueReason,
  type FatigueSettings,
  type FatigueSettingsInput,
  fatigueSettings,
  type RecordAskInput,
  recordAskInput,
} from "./ask.schemas.ts";
import { quarterOf } from "./quarter.ts";

// The one place that knows every ask made of a contact: references, referrals, reviews, content and
// journeys record each ask here and check here first, against the tenant's fatigue limits and the
// contact's own.

const KEY = "askFatigue";
const DAY = 86_400_000;
/** The "all kinds" row of the counters and limits. */
export const ALL_KINDS = "*";

export async function getFatigueSettings(scope: Scope): Promise<FatigueSettings> {
  const stored = await getTenantSetting<unknown>(scope.db, scope.tenantId, KEY);
  const parsed = fatigueSettings.safeParse(stored ?? {});
  return parsed.success ? parsed.data : fatigueSettings.parse({});
}

/** The same, read at most once per few seconds per tenant in this process (matching's hot path). */
export async function cachedFatigueSettings(scope: Scope): Promise<FatigueSettings> {
  const stored = await getTenantSettingCached<unknown>(scope.db, scope.tenantId, KEY);
  const parsed = fatigueSettings.safeParse(stored ?? {});
  return parsed.success ? parsed.data : fatigueSettings.parse({});
}

export async function setFatigueSettings(scope: Scope, input: FatigueSettingsInput): Promise<FatigueSettings> {
  const settings = fatigueSettings.parse(input);
  await setTenantSetting(scope.db, scope.tenantId, KEY, settings);
  return settings;
}

const toAsk = (row: ContactAsksTable | Omit<ContactAsksTable, "tenantId">): Ask => ({
  id: row.id,
  contactId: row.contactId,
  kind: row.kind,
  source: { type: row.sourceType, id: row.sourceId },
  at: toIso(Number(row.at)),
});

/**
 * Records that a contact was asked for something. Once per source, contact and kind: recording the
 * same ask again changes nothing. Call it in the transaction that makes the ask.
 */
export async function recordAsk(scope: Scope, input: RecordAskInput): Promise<Ask> {
  const ask = recordAskInput.parse(input);
  const at = ask.at ?? scope.clock.now();
  const row = {
    id: newId("ask"),
    contactId: ask.contactId,
    kind: ask.kind,
    sourceType: ask.sourceType,
    sourceId: ask.sourceId,
    at,
    createdAt: scope.clock.now(),
  };
  return inTransaction(scope.db, async (trx) => {
    const s = withDb(scope, trx);
    if (await insertAsk(s, row)) {
      const quarter = quarterOf(at);
      await bumpCount(s, ask.contactId, quarter, ask.kind, at);
      await bumpCount(s, ask.contactId, quarter, ALL_KINDS, at);
    }
    return toAsk(row);
  });
}

/** Every ask made of a contact in the last `days` days (default a year), newest first. */
export async function asksOf(scope: Scope, contactId: string, days = 365): Promise<Ask[]> {
  return (await asksOfContact(scope, contactId, scope.clock.now() - days * DAY)).map(toAsk);
}

/** A contact's own limits per quarter ("*": all kinds). */
export async function contactAskLimits(scope: Scope, contactId: string) {
  return (await limitsOf(scope, [contactId])).map(({ kind, maxPerQuarter }) => ({ kind, maxPerQuarter }));
}

/** Sets (or with null removes) a contact's own limit per quarter for one kind of ask or "*" for all. */
export async function setContactAskLimit(
  scope: Scope,
  contactId: string,
  kind: AskKind | typeof ALL_KINDS,
  maxPerQuarter: number | null,
): Promise<void> {
  if (kind !== ALL_KINDS) askKind.parse(kind);
  if (maxPerQuarter !== null && (!Number.isInteger(maxPerQuarter) || maxPerQuarter < 0))
    throw invalidField("maxPerQuarter", "must be a whole number of 0 or more");
  await inTransaction(scope.db, async (trx) => {
    const s = withDb(scope, trx);
    await deleteFrom(s, "contactAskLimits").where("contactId", "=", contactId).where("kind", "=", kind).execute();
    if (maxPerQuarter !== null)
      await insertInto(s, "contactAskLimits", {
        contactId,
        kind,
        maxPerQuarter,
        updatedAt: scope.clock.now(),
      }).execute();
  });
}

const times = (n: number) => (n === 1 ? "once" : `${n} times`);

/** May each of these contacts be asked for `kind` now? One query per 500 contacts. */
export async function checkAsksAllowed(
  scope: Scope,
  contactIds: readonly string[],
  kind: AskKind,
  options: { at?: number; settings?: FatigueSettings } = {},
): Promise<Map<string, AskCheck>> {
  const at = options.at ?? scope.clock.now();
  const settings = options.settings ?? (await getFatigueSettings(scope));
  const ids = [...new Set(contactIds)];
  const facts: FactRow[] = [];
  for (let i = 0; i < ids.length; i += CHUNK)
    facts.push(...(await runFacts(askFactsFor(scope, ids.slice(i, i + CHUNK), kind, at, settings))));
  return askChecksFrom(facts, ids, kind, at, settings);
}

const CHUNK = 500;

/** The lookups checkAsksAllowed makes, as branches a caller can send in one UNION ALL with its own. */
export function askFactsFor(
  scope: Scope,
  contactIds: readonly string[],
  kind: AskKind,
  at: number,
  settings: FatigueSettings,
): FactQuery[] {
  if (contactIds.length === 0) return [];
  const since = settings.minDaysBetweenAsks > 0 ? at - settings.minDaysBetweenAsks * DAY : null;
  return askFacts(scope, contactIds, quarterOf(at), [kind, ALL_KINDS], since);
}

/** checkAsksAllowed's answer from the rows of askFactsFor's branches (other facts are ignored). */
export function askChecksFrom(
  facts: readonly FactRow[],
  contactIds: readonly string[],
  kind: AskKind,
  at: number,
  settings: FatigueSettings,
): Map<string, AskCheck> {
  const quarter = quarterOf(at);
  const ids = [...new Set(contactIds)];
  const out = new Map<string, AskCheck>();
  if (ids.length === 0) return out;
  const counts = facts.filter((f) => f.fact === "count");
  const limits = facts.filter((f) => f.fact === "limit");
  const recent = new Map<string, number>();
  for (const f of facts) if (f.fact === "last" && f.at !== null) recent.set(f.contactId, Number(f.at));
  const total = new Map<string, { asks: number; lastAt: number }>();
  const ofKind = new Map<string, number>();
  for (const c of counts) {
    if (c.k === ALL_KINDS) total.set(c.contactId, { asks: Number(c.n), lastAt: Number(c.at) });
    else ofKind.set(c.contactId, Number(c.n));
  }
  const own = new Map<string, { all?: number; kind?: number }>();
  for (const l of limits) {
    const entry = own.get(l.contactId) ?? {};
    if (l.k === ALL_KINDS) entry.all = Number(l.n);
    else if (l.k === kind) entry.kind = Number(l.n);
    own.set(l.contactId, entry);
  }
  const kindLimit = settings.perKindPerQuarter[kind];
  for (const id of ids) {
    const all = total.get(id)?.asks ?? 0;
    const mine = ofKind.get(id) ?? 0;
    const reasons: FatigueReason[] = [];
    if (settings.maxAsksPerQuarter !== null && all >= settings.maxAsksPerQuarter)
      reasons.push({
        code: "global_limit",
        message: `asked ${times(all)} this quarter (${quarter}); the workspace allows ${settings.maxAsksPerQuarter} asks per contact per quarter`,
      });
    if (kindLimit !== undefined && mine >= kindLimit)
      reasons.push({
        code: "kind_limit",
        message: `asked for a ${kind} ${times(mine)} this quarter (${quarter}); the workspace allows ${kindLimit} per quarter`,
      });
    const personal = own.get(id);
    if (personal?.kind !== undefined && mine >= personal.kind)
      reasons.push({
        code: "personal_limit",
        message: `at their own limit: ${personal.kind} ${kind} ask${personal.kind === 1 ? "" : "s"} per quarter, asked ${times(mine)} in ${quarter}`,
      });
    if (personal?.all !== undefined && all >= personal.all)
      reasons.push({
        code: "personal_limit",
        message: `at their own limit: ${personal.all} ask${personal.all === 1 ? "" : "s"} of any kind per quarter, asked ${times(all)} in ${quarter}`,
      });
    const last = recent.get(id);
    if (last !== undefined)
      reasons.push({
        code: "too_soon",
        message: `asked on ${toIso(last).slice(0, 10)}; contacts are left alone ${settings.minDaysBetweenAsks} days after any ask (until ${toIso(last + settings.minDaysBetweenAsks * DAY).slice(0, 10)})`,
      });
    out.set(id, {
      allowed: reasons.length === 0,
      reasons,
      quarter,
      asksThisQuarter: all,
      kindAsksThisQuarter: mine,
      lastAskAt: toIsoOrNull(last ?? total.get(id)?.lastAt ?? null),
    });
  }
  return out;
}

/** May this contact be asked for `kind` now? `{allowed, reasons}` with readable reasons. */
export async function checkAskAllowed(
  scope: Scope,
  contactId: string,
  kind: AskKind,
  options: { at?: number } = {},
): Promise<AskCheck> {
  const result = (await checkAsksAllowed(scope, [contactId], kind, options)).get(contactId);
  if (!result) throw new Error("unreachable: checkAsksAllowed answered nothing");
  return result;
}
