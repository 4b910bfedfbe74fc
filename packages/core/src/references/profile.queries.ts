import type { ReferenceProfilesTable } from "@advo/db";
import { deleteFrom, insertInto, type Scope, selectFrom, updateTable } from "../shared/scope.ts";

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

/** Rewrites a profile's lower-cased product and competitor terms (matching and coverage read them). */
export async function replaceTerms(scope: Scope, profileId: string, products: string[], competitors: string[]) {
  await deleteFrom(scope, "referenceProfileTerms").where("profileId", "=", profileId).execute();
  const rows = [
    ...products.map((term) => ({ field: "product", term, profileId })),
    ...competitors.map((term) => ({ field: "competitor", term, profileId })),
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

/** Names, titles and account names of some contacts. */
export async function peopleByContact(scope: Scope, contactIds: readonly string[]) {
  const out = new Map<
    string,
    { name: string; title: string | null; email: string | null; accountName: string | null }
  >();
  for (let i = 0; i < contactIds.length; i += 500) {
    const rows = await selectFrom(scope, "contacts")
      .leftJoin("accounts", (j) =>
        j.onRef("accounts.tenantId", "=", "contacts.tenantId").onRef("accounts.id", "=", "contacts.accountId"),
      )
      .select([
        "contacts.id",
        "contacts.firstName",
        "contacts.lastName",
        "contacts.email",
        "contacts.title",
        "accounts.name as accountName",
      ])
      .where("contacts.id", "in", contactIds.slice(i, i + 500))
      .execute();
    for (const r of rows)
      out.set(r.id, {
        name: displayName(r.firstName, r.lastName, r.email),
        title: r.title,
        email: r.email,
        accountName: r.accountName,
      });
  }
  return out;
}

export const displayName = (first: string | null, last: string | null, email: string | null) =>
  [first, last].filter(Boolean).join(" ") || email || "(unnamed contact)";
