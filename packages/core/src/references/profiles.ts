import type { ReferenceProfilesTable } from "@advo/db";
import { inTransaction, isUniqueViolation } from "@advo/db";
import { setContactAskLimit } from "../asks/index.ts";
import { displayName } from "../contacts/people.ts";
import { toIso, toIsoOrNull } from "../shared/clock.ts";
import { conflictOn, notFound } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { decodeCursor, type Page, type PageQuery, toPage } from "../shared/pagination.ts";
import { type Scope, selectFrom, withDb } from "../shared/scope.ts";
import type { Actor } from "../users/index.ts";
import { bumpMatchVersion } from "./match-index.queries.ts";
import {
  findProfile,
  findProfileByContact,
  insertProfile,
  parseList,
  patchProfile,
  profilesWithPeople,
  replaceTerms,
} from "./profile.queries.ts";
import {
  type CreateProfileInput,
  createProfileInput,
  type ListProfilesQuery,
  type ReferenceProfile,
  type UpdateProfileInput,
  updateProfileInput,
} from "./reference.schemas.ts";
import {
  activityMask,
  normRegion,
  normTerm,
  normTerms,
  type ReferenceActivity,
  referenceActivities,
  sizeBandOf,
} from "./vocabulary.ts";

export { parseList };

export interface Blackout {
  from: number;
  to: number;
  reason: string | null;
}
export const parseBlackouts = (json: string): Blackout[] => {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? (v as Blackout[]).filter((b) => typeof b?.from === "number") : [];
  } catch {
    return [];
  }
};

type Row = ReferenceProfilesTable & {
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  title: string | null;
  accountName: string | null;
};

const DAY = 86_400_000;
/** A date-only blackout ends at the end of its last day. */
const toMs = (value: string, end: boolean) =>
  Date.parse(value) + (end && /^\d{4}-\d{2}-\d{2}$/.test(value) ? DAY - 1 : 0);

export function toProfile(row: Row): ReferenceProfile {
  const activities = parseList(row.activities).filter((a): a is ReferenceActivity =>
    (referenceActivities as readonly string[]).includes(a),
  );
  return {
    id: row.id,
    contactId: row.contactId,
    accountId: row.accountId,
    name: displayName(row.firstName, row.lastName, row.email),
    email: row.email,
    title: row.title,
    accountName: row.accountName,
    status: row.status,
    consent: { granted: row.consentAt !== null, at: toIsoOrNull(row.consentAt), source: row.consentSource },
    activities,
    products: parseList(row.products),
    useCases: parseList(row.useCases),
    industry: row.industry,
    employeeCount: row.employeeCount === null ? null : Number(row.employeeCount),
    sizeBand: row.sizeBand,
    region: row.region,
    country: row.country,
    languages: parseList(row.languages),
    competitorsReplaced: parseList(row.competitorsReplaced),
    results: parseList(row.results),
    availability: row.availability,
    maxAsksPerQuarter: row.maxAsksPerQuarter === null ? null : Number(row.maxAsksPerQuarter),
    blackouts: parseBlackouts(row.blackouts).map((b) => ({ from: toIso(b.from), to: toIso(b.to), reason: b.reason })),
    notes: row.notes,
    lastReferenceAt: toIsoOrNull(row.lastReferenceAt === null ? null : Number(row.lastReferenceAt)),
    referencesGiven: Number(row.referencesGiven),
    createdAt: toIso(Number(row.createdAt)),
    updatedAt: toIso(Number(row.updatedAt)),
  };
}

/** Lists keep their spelling for display; matching and coverage compare the lower-cased terms. */
const cleanList = (list: readonly string[]) => {
  const seen = new Set<string>();
  return list
    .map((s) => s.trim())
    .filter((s) => {
      const k = s.toLowerCase();
      if (!s || seen.has(k)) return false;
      seen.add(k);
      return true;
    });
};

export async function getProfile(scope: Scope, id: string): Promise<ReferenceProfile> {
  const row = await profilesWithPeople(scope).where("referenceProfiles.id", "=", id).executeTakeFirst();
  if (!row) throw notFound("reference profile", id);
  return toProfile(row);
}

export async function listProfiles(
  scope: Scope,
  query: ListProfilesQuery & PageQuery,
): Promise<Page<ReferenceProfile>> {
  let q = profilesWithPeople(scope)
    .orderBy("referenceProfiles.id")
    .limit(query.limit + 1);
  const after = decodeCursor(query.cursor);
  if (after) q = q.where("referenceProfiles.id", ">", after);
  if (query.status) q = q.where("referenceProfiles.status", "=", query.status);
  const industry = normTerm(query.industry);
  if (industry) q = q.where("referenceProfiles.industry", "=", industry);
  const region = normRegion(query.region);
  if (region) q = q.where("referenceProfiles.region", "=", region);
  return toPage(await q.execute(), query.limit, toProfile);
}

/** Makes a contact a reference. Industry, size and region default to the contact's account. */
export async function createProfile(scope: Scope, input: CreateProfileInput, actor: Actor): Promise<ReferenceProfile> {
  const p = createProfileInput.parse(input);
  const contact = await selectFrom(scope, "contacts")
    .leftJoin("accounts", (j) =>
      j.onRef("accounts.tenantId", "=", "contacts.tenantId").onRef("accounts.id", "=", "contacts.accountId"),
    )
    .select([
      "contacts.id",
      "contacts.accountId",
      "contacts.locale",
      "contacts.region as contactRegion",
      "accounts.industry",
      "accounts.employeeCount",
      "accounts.region",
      "accounts.country",
    ])
    .where("contacts.id", "=", p.contactId)
    .executeTakeFirst();
  if (!contact) throw notFound("contact", p.contactId);
  const now = scope.clock.now();
  const employees = p.employeeCount !== undefined ? p.employeeCount : contact.employeeCount;
  const products = cleanList(p.products);
  const competitors = cleanList(p.competitorsReplaced);
  const activities = [...new Set(p.activities)];
  const row: Omit<ReferenceProfilesTable, "tenantId"> = {
    id: newId("rfp"),
    contactId: contact.id,
    accountId: contact.accountId,
    status: p.status ?? "active",
    consentAt: p.consent?.granted ? now : null,
    consentSource: p.consent?.granted ? (p.consent.source ?? actor.type) : null,
    activities: JSON.stringify(activities),
    activityMask: activityMask(activities),
    products: JSON.stringify(products),
    useCases: JSON.stringify(cleanList(p.useCases)),
    industry: normTerm(p.industry !== undefined ? p.industry : contact.industry),
    employeeCount: employees === null || employees === undefined ? null : Number(employees),
    sizeBand: sizeBandOf(employees === null || employees === undefined ? null : Number(employees)),
    region: normRegion(p.region !== undefined ? p.region : (contact.region ?? contact.contactRegion)),
    country: normRegion(p.country !== undefined ? p.country : contact.country),
    languages: JSON.stringify(normTerms(p.languages ?? [contact.locale?.slice(0, 2) ?? "en"])),
    competitorsReplaced: JSON.stringify(competitors),
    results: JSON.stringify(cleanList(p.results)),
    availability: p.availability ?? null,
    maxAsksPerQuarter: p.maxAsksPerQuarter ?? null,
    blackouts: JSON.stringify(
      p.blackouts.map((b) => ({ from: toMs(b.from, false), to: toMs(b.to, true), reason: b.reason ?? null })),
    ),
    notes: p.notes ?? null,
    lastReferenceAt: null,
    referencesGiven: 0,
    updatedBy: JSON.stringify(actor),
    createdAt: now,
    updatedAt: now,
  };
  try {
    await inTransaction(scope.db, async (trx) => {
      const s = withDb(scope, trx);
      await insertProfile(s, row);
      await replaceTerms(s, row);
      await bumpMatchVersion(s, [row.id]);
      if (row.maxAsksPerQuarter !== null)
        await setContactAskLimit(s, row.contactId, "reference", row.maxAsksPerQuarter);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflictOn("contactId", "this contact already has a reference profile");
    throw error;
  }
  return getProfile(scope, row.id);
}

/** Edits a profile (a manager, or the advocate from the hub); only the fields given change. */
export async function updateProfile(
  scope: Scope,
  id: string,
  input: UpdateProfileInput,
  actor: Actor,
): Promise<ReferenceProfile> {
  const p = updateProfileInput.parse(input);
  const existing = await findProfile(scope, id);
  if (!existing) throw notFound("reference profile", id);
  const now = scope.clock.now();
  const patch: Partial<ReferenceProfilesTable> = { updatedAt: now, updatedBy: JSON.stringify(actor) };
  if (p.status) patch.status = p.status;
  if (p.consent) {
    patch.consentAt = p.consent.granted ? (existing.consentAt ?? now) : null;
    patch.consentSource = p.consent.granted ? (p.consent.source ?? existing.consentSource ?? actor.type) : null;
  }
  if (p.activities) {
    const activities = [...new Set(p.activities)];
    patch.activities = JSON.stringify(activities);
    patch.activityMask = activityMask(activities);
  }
  const products = p.products ? cleanList(p.products) : undefined;
  const competitors = p.competitorsReplaced ? cleanList(p.competitorsReplaced) : undefined;
  if (products) patch.products = JSON.stringify(products);
  if (competitors) patch.competitorsReplaced = JSON.stringify(competitors);
  if (p.useCases) patch.useCases = JSON.stringify(cleanList(p.useCases));
  if (p.results) patch.results = JSON.stringify(cleanList(p.results));
  if (p.languages) patch.languages = JSON.stringify(normTerms(p.languages));
  if (p.industry !== undefined) patch.industry = normTerm(p.industry);
  if (p.region !== undefined) patch.region = normRegion(p.region);
  if (p.country !== undefined) patch.country = normRegion(p.country);
  if (p.employeeCount !== undefined) {
    patch.employeeCount = p.employeeCount;
    patch.sizeBand = sizeBandOf(p.employeeCount);
  }
  if (p.availability !== undefined) patch.availability = p.availability;
  if (p.notes !== undefined) patch.notes = p.notes;
  if (p.maxAsksPerQuarter !== undefined) patch.maxAsksPerQuarter = p.maxAsksPerQuarter;
  if (p.blackouts)
    patch.blackouts = JSON.stringify(
      p.blackouts.map((b) => ({ from: toMs(b.from, false), to: toMs(b.to, true), reason: b.reason ?? null })),
    );
  await inTransaction(scope.db, async (trx) => {
    const s = withDb(scope, trx);
    await patchProfile(s, id, patch);
    const updated = await findProfile(s, id);
    if (updated) await replaceTerms(s, updated);
    await bumpMatchVersion(s, [id]);
    if (p.maxAsksPerQuarter !== undefined)
      await setContactAskLimit(s, existing.contactId, "reference", p.maxAsksPerQuarter);
  });
  return getProfile(scope, id);
}

/** The advocate's own profile, for the hub. */
export async function getProfileOfContact(scope: Scope, contactId: string): Promise<ReferenceProfile> {
  const row = await findProfileByContact(scope, contactId);
  if (!row) throw notFound("reference profile of contact", contactId);
  return getProfile(scope, row.id);
}
