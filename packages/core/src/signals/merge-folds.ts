import type { ConsentRecordsTable, ReferenceProfilesTable } from "@advo/db";
import { withConsentRows } from "../contacts/index.ts";
import { advocateAccount, getBalance, postOne } from "../ledger/index.ts";
import { bumpMatchVersion } from "../references/index.ts";
import { newId } from "../shared/ids.ts";
import { parseJsonObject } from "../shared/json.ts";
import { deleteFrom, insertInto, type Scope, selectFrom, updateTable } from "../shared/scope.ts";
import type { Actor } from "../users/index.ts";

// The parts of a merge that are more than moving rows: consent, points and reference profiles.

interface CachedConsent {
  granted?: boolean;
  expiresAt?: string | null;
}

const expiry = (c: CachedConsent) => (c.expiresAt ? Date.parse(c.expiresAt) : Number.POSITIVE_INFINITY);

/**
 * Per purpose, the stricter of two consent states: a withdrawal on either record stands (even if
 * the other record granted later: a merge must never turn an opt-out back into consent), and of two
 * grants the one that lapses first. Returns the purposes whose state the survivor must take over.
 */
export function stricterConsent(survivor: string, merged: string): Record<string, CachedConsent> {
  const s = parseJsonObject<Record<string, CachedConsent>>(survivor);
  const m = parseJsonObject<Record<string, CachedConsent>>(merged);
  const changes: Record<string, CachedConsent> = {};
  for (const [purpose, theirs] of Object.entries(m)) {
    const ours = s[purpose];
    const stricter = !ours || (ours.granted && (!theirs.granted || expiry(theirs) < expiry(ours))) ? theirs : ours;
    if (stricter !== ours) changes[purpose] = stricter;
  }
  return changes;
}

/**
 * Records the consent the survivor takes over from the merged contact, as consent records (the
 * evidence names the merge) and in the survivor's consent column. Returns the records' ids.
 */
export async function foldConsent(
  scope: Scope,
  survivorConsent: string,
  mergedConsent: string,
  survivorId: string,
  mergeId: string,
) {
  const changes = stricterConsent(survivorConsent, mergedConsent);
  const now = scope.clock.now();
  const rows: Omit<ConsentRecordsTable, "tenantId">[] = Object.entries(changes).map(([purpose, state]) => ({
    id: newId("cns"),
    contactId: survivorId,
    purpose,
    granted: state.granted ? 1 : 0,
    statement: null,
    covers: null,
    source: "merge",
    actorType: "system",
    actorId: mergeId,
    recordedAt: now,
    expiresAt: state.granted && state.expiresAt ? Date.parse(state.expiresAt) : null,
  }));
  if (rows.length > 0) await insertInto(scope, "consentRecords", rows).execute();
  return { consent: withConsentRows(survivorConsent, rows), recordIds: rows.map((r) => r.id) };
}

/** Consent recorded for the survivor after `since`, on top of a contact's consent column. */
export async function consentSince(scope: Scope, consent: string, contactId: string, since: number) {
  const rows = await selectFrom(scope, "consentRecords")
    .selectAll()
    .where("contactId", "=", contactId)
    .where("recordedAt", ">", since)
    .execute();
  return withConsentRows(
    consent,
    rows.map(({ tenantId: _t, ...r }) => ({ ...r, recordedAt: Number(r.recordedAt) })),
  );
}

export const deleteConsentRecords = (scope: Scope, ids: string[]) =>
  ids.length === 0 ? undefined : deleteFrom(scope, "consentRecords").where("id", "in", ids).execute();

export interface PointsMoved {
  points: number;
}

const MERGE_ACTOR: Actor = { type: "system", id: "merge", name: "Contact merge" };

/**
 * Moves a wallet's balance to another contact's by an adjustment posting: the ledger is append-only
 * and hash-chained, so its entries keep naming the old wallet and points move the way every other
 * change does. Lifetime earnings stay with the wallet that earned them: the ledger's verification
 * recomputes them from awards per wallet, so a posting cannot carry them over.
 */
export async function movePoints(
  scope: Scope,
  from: string,
  to: string,
  key: string,
  amounts?: PointsMoved,
): Promise<PointsMoved | null> {
  const points = amounts?.points ?? (await getBalance(scope, from)).balance;
  if (points === 0) return null;
  await postOne(scope, {
    idempotencyKey: key,
    kind: "adjustment",
    reason: `contact merge: points of ${from} moved to ${to}`,
    contactId: to,
    sourceType: "contact_merge",
    sourceId: key,
    actor: MERGE_ACTOR,
    lines: [
      { accountId: advocateAccount(from), amount: -points },
      { accountId: advocateAccount(to), amount: points },
    ],
  });
  return { points };
}

type Profile = Omit<ReferenceProfilesTable, "tenantId">;

export interface ProfileFold {
  /** The merged contact's profile, removed because the survivor has one. */
  profile: Profile;
  terms: Record<string, unknown>[];
  /** The survivor profile's folded fields before the merge. */
  before: Pick<Profile, "referencesGiven" | "lastReferenceAt">;
  survivorProfileId: string;
  /** Reference asks that named the merged profile and now name the survivor's. */
  askIds: string[];
}

const strip = <T extends { tenantId: string }>(row: T): Omit<T, "tenantId"> => {
  const { tenantId: _t, ...rest } = row;
  return rest;
};

/**
 * One reference profile per contact: when both have one, the survivor's stays, counting the
 * references the merged one gave, and asks made through the merged profile move to it.
 */
export async function foldReferenceProfile(
  scope: Scope,
  survivorId: string,
  mergedId: string,
): Promise<{ movedId: string } | { fold: ProfileFold } | null> {
  const mine = await selectFrom(scope, "referenceProfiles")
    .selectAll()
    .where("contactId", "=", survivorId)
    .executeTakeFirst();
  const theirs = await selectFrom(scope, "referenceProfiles")
    .selectAll()
    .where("contactId", "=", mergedId)
    .executeTakeFirst();
  if (!theirs) return null;
  if (!mine) {
    await updateTable(scope, "referenceProfiles").set({ contactId: survivorId }).where("id", "=", theirs.id).execute();
    await bumpMatchVersion(scope, [theirs.id]);
    return { movedId: theirs.id };
  }
  const terms = await selectFrom(scope, "referenceProfileTerms")
    .selectAll()
    .where("profileId", "=", theirs.id)
    .execute();
  const asks = await selectFrom(scope, "referenceAsks").select("id").where("profileId", "=", theirs.id).execute();
  const askIds = asks.map((a) => a.id);
  if (askIds.length > 0)
    await updateTable(scope, "referenceAsks").set({ profileId: mine.id }).where("id", "in", askIds).execute();
  const last = [mine.lastReferenceAt, theirs.lastReferenceAt].filter((v): v is number => v !== null).map(Number);
  await updateTable(scope, "referenceProfiles")
    .set({
      referencesGiven: Number(mine.referencesGiven) + Number(theirs.referencesGiven),
      lastReferenceAt: last.length > 0 ? Math.max(...last) : null,
      updatedAt: scope.clock.now(),
    })
    .where("id", "=", mine.id)
    .execute();
  await deleteFrom(scope, "referenceProfileTerms").where("profileId", "=", theirs.id).execute();
  await deleteFrom(scope, "referenceProfiles").where("id", "=", theirs.id).execute();
  await bumpMatchVersion(scope, [mine.id, theirs.id]);
  return {
    fold: {
      profile: strip(theirs),
      terms: terms.map(strip),
      before: { referencesGiven: mine.referencesGiven, lastReferenceAt: mine.lastReferenceAt },
      survivorProfileId: mine.id,
      askIds,
    },
  };
}

/** Undoes a fold: the merged profile comes back with its asks; the survivor's count drops again. */
export async function unfoldReferenceProfile(scope: Scope, fold: ProfileFold) {
  await insertInto(scope, "referenceProfiles", fold.profile).execute();
  if (fold.terms.length > 0) await insertInto(scope, "referenceProfileTerms", fold.terms as never).execute();
  if (fold.askIds.length > 0)
    await updateTable(scope, "referenceAsks")
      .set({ profileId: fold.profile.id })
      .where("id", "in", fold.askIds)
      .execute();
  const current = await selectFrom(scope, "referenceProfiles")
    .select("referencesGiven")
    .where("id", "=", fold.survivorProfileId)
    .executeTakeFirst();
  if (current)
    await updateTable(scope, "referenceProfiles")
      .set({
        referencesGiven: Math.max(0, Number(current.referencesGiven) - Number(fold.profile.referencesGiven)),
        lastReferenceAt: fold.before.lastReferenceAt,
      })
      .where("id", "=", fold.survivorProfileId)
      .execute();
  await bumpMatchVersion(scope, [fold.profile.id, fold.survivorProfileId]);
}

/** Gives a moved profile back to the contact it came from. */
export async function moveProfileBack(scope: Scope, profileId: string, to: string) {
  await updateTable(scope, "referenceProfiles").set({ contactId: to }).where("id", "=", profileId).execute();
  await bumpMatchVersion(scope, [profileId]);
}
