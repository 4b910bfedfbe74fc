import type { ReferenceProfilesTable } from "@advo/db";
import { deleteFrom, insertInto, type Scope, selectFrom, updateTable } from "../shared/scope.ts";
import { normTerms } from "./vocabulary.ts";

export const parseList = (json: string): string[] => {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
};

export const findProfile = (scope: Scope, id: string) =>
  selectFrom(scope, "referenceProfiles").selectAll().where("id", "=", id).executeTakeFirst();

export const findProfileByContact = (scope: Scope, contactId: string) =>
  selectFrom(scope, "referenceProfiles").selectAll().where("contactId", "=", contactId).executeTakeFirst();

export const insertProfile = (scope: Scope, row: Omit<ReferenceProfilesTable, "tenantId">) =>
  insertInto(scope, "referenceProfiles", row).execute();

export const patchProfile = (
  scope: Scope,
  id: string,
  patch: Partial<Omit<ReferenceProfilesTable, "tenantId" | "id">>,
) => updateTable(scope, "referenceProfiles").set(patch).where("id", "=", id).execute();

/** A profile's terms row stamp: the keys matching filters by, copied so one index answers a tier. */
export const termKeys = (
  p: Pick<ReferenceProfilesTable, "status" | "consentAt" | "activityMask" | "industry" | "region" | "sizeBand">,
) => ({
  matchable: p.status === "active" && p.consentAt !== null ? 1 : 0,
  activityMask: Number(p.activityMask),
  industry: p.industry,
  region: p.region,
  sizeBand: p.sizeBand,
});

/** Rewrites a profile's lower-cased product and competitor terms (matching and coverage read them). */
export async function replaceTerms(scope: Scope, profile: Omit<ReferenceProfilesTable, "tenantId">) {
  await deleteFrom(scope, "referenceProfileTerms").where("profileId", "=", profile.id).execute();
  const keys = termKeys(profile);
  const rows = [
    ...normTerms(parseList(profile.products)).map((term) => ({
      field: "product",
      term,
      profileId: profile.id,
      ...keys,
    })),
    ...normTerms(parseList(profile.competitorsReplaced)).map((term) => ({
      field: "competitor",
      term,
      profileId: profile.id,
      ...keys,
    })),
  ];
  if (rows.length > 0) await insertInto(scope, "referenceProfileTerms", rows).execute();
}

/** Profiles with their contact's name and account, by id. */
export const profilesWithPeople = (scope: Scope) =>
  selectFrom(scope, "referenceProfiles")
    .leftJoin("contacts", (j) =>
      j
        .onRef("contacts.tenantId", "=", "referenceProfiles.tenantId")
        .onRef("contacts.id", "=", "referenceProfiles.contactId"),
    )
    .leftJoin("accounts", (j) =>
      j
        .onRef("accounts.tenantId", "=", "referenceProfiles.tenantId")
        .onRef("accounts.id", "=", "referenceProfiles.accountId"),
    )
    .selectAll("referenceProfiles")
    .select([
      "contacts.firstName",
      "contacts.lastName",
      "contacts.email",
      "contacts.title",
      "accounts.name as accountName",
    ]);
