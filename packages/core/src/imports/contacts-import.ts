import type { ContactsTable } from "@advo/db";
import {
  claimIdentities,
  consentRows,
  externalKind,
  findContactsByIdentities,
  getConsentPolicy,
  type Identity,
  identitiesOfContact,
  identityKey,
  insertConsentRows,
  insertContacts,
  withConsentRows,
} from "../contacts/index.ts";
import { type AddedAuthorKeys, linkEarlierMentionsOf } from "../listening/mentions/index.ts";
import { newId } from "../shared/ids.ts";
import { parseJsonObject, toJson } from "../shared/json.ts";
import type { Scope } from "../shared/scope.ts";
import { resolveAccountRefs } from "./account-match.ts";
import type { ChunkCounts, Reject } from "./chunk.ts";
import type { ContactDraft, ContactField } from "./contact-rows.ts";
import { contactsByIds, updateContactFields } from "./import.queries.ts";

const IMPORTER = { type: "system", id: "import" };

interface Group {
  existingId: string | null;
  rows: ContactDraft[];
  merged: ContactDraft;
}

const identitiesOf = (d: ContactDraft): Identity[] => [
  ...(d.fields.email ? [{ kind: "email" as const, value: d.fields.email }] : []),
  ...Object.entries(d.externalIds).map(([system, value]) => ({ kind: externalKind(system), value })),
];

const describe = (i: Identity) =>
  i.kind === "email" ? `email ${i.value}` : `externalIds.${i.kind.slice(4)} "${i.value}"`;

/** A later row about the same person folds onto the earlier one: its values win, maps merge. */
function fold(into: ContactDraft, row: ContactDraft) {
  Object.assign(into.fields, row.fields);
  into.lifecycleStage = row.lifecycleStage ?? into.lifecycleStage;
  into.stageOnInsert = row.stageOnInsert ?? into.stageOnInsert;
  Object.assign(into.externalIds, row.externalIds);
  Object.assign(into.socialHandles, row.socialHandles);
  Object.assign(into.consent, row.consent);
  Object.assign(into.attributes, row.attributes);
  into.account = row.account ?? into.account;
}

const copy = (d: ContactDraft): ContactDraft => ({
  ...d,
  fields: { ...d.fields },
  externalIds: { ...d.externalIds },
  socialHandles: { ...d.socialHandles },
  consent: { ...d.consent },
  attributes: { ...d.attributes },
});

/** Rows grouped by the person they are about: a stored contact found by identity, or a new one. */
async function groupRows(scope: Scope, drafts: ContactDraft[], reject: Reject) {
  const stored = await findContactsByIdentities(scope, drafts.flatMap(identitiesOf));
  const groups: Group[] = [];
  const byContact = new Map<string, Group>();
  const byIdentity = new Map<string, Group>();
  for (const draft of drafts) {
    const identities = identitiesOf(draft);
    const found: [Group, Identity][] = [];
    for (const identity of identities) {
      const key = identityKey(identity.kind, identity.value);
      let group = byIdentity.get(key);
      const contactId = group ? undefined : stored.get(key);
      if (contactId) {
        group = byContact.get(contactId);
        if (!group) {
          group = { existingId: contactId, rows: [], merged: copy(draft) };
          byContact.set(contactId, group);
          groups.push(group);
        }
      }
      if (group && !found.some(([g]) => g === group)) found.push([group, identity]);
    }
    if (found.length > 1) {
      const [[a, ia], [b, ib]] = found as [[Group, Identity], [Group, Identity]];
      const who = (g: Group) => (g.existingId ? `contact ${g.existingId}` : `the contact of row ${g.rows[0]?.row}`);
      reject(
        draft,
        ia.kind === "email" ? "email" : `externalIds.${ia.kind.slice(4)}`,
        `${describe(ia)} is ${who(a)} but ${describe(ib)} is ${who(b)}; merge them first or fix the row`,
      );
      continue;
    }
    let group = found[0]?.[0];
    if (!group) {
      group = { existingId: null, rows: [], merged: copy(draft) };
      groups.push(group);
    } else if (group.rows.length === 0) group.merged = copy(draft);
    else fold(group.merged, draft);
    group.rows.push(draft);
    for (const identity of identities) {
      const key = identityKey(identity.kind, identity.value);
      if (!byIdentity.has(key)) byIdentity.set(key, group);
    }
  }
  return groups.filter((g) => g.rows.length > 0);
}

const FIELDS: ContactField[] = ["email", "firstName", "lastName", "title", "phone", "locale", "region"];

/** The columns of a stored contact this import changes (only values that differ). */
function changesOf(row: ContactsTable, d: ContactDraft, accountId: string | null) {
  const changes: Partial<Omit<ContactsTable, "tenantId" | "id">> = {};
  for (const field of FIELDS) {
    const value = d.fields[field];
    if (value !== undefined && row[field] !== value) changes[field] = value;
  }
  if (d.lifecycleStage && row.lifecycleStage !== d.lifecycleStage) changes.lifecycleStage = d.lifecycleStage;
  if (accountId && row.accountId !== accountId) changes.accountId = accountId;
  for (const map of ["externalIds", "socialHandles", "attributes"] as const) {
    const before = parseJsonObject(row[map]);
    const after = toJson({ ...before, ...d[map] });
    if (after !== toJson(before)) changes[map] = after;
  }
  return changes;
}

/** The entries of a map column this import adds or changes: only those can name earlier mentions. */
function addedEntries(stored: string, draft: Record<string, unknown>) {
  const before = parseJsonObject(stored);
  return Object.fromEntries(Object.entries(draft).filter(([k, v]) => before[k] !== v));
}

/** Upserts one chunk of contact rows inside the caller's transaction. */
export async function commitContacts(scope: Scope, drafts: ContactDraft[], reject: Reject): Promise<ChunkCounts> {
  const now = scope.clock.now();
  const policy = await getConsentPolicy(scope);
  const consentRecords: ReturnType<typeof consentRows> = [];
  // Only a purpose whose state the file changes is recorded: re-importing the same export adds nothing.
  const consentAfter = (contactId: string, stored: string, draft: ContactDraft["consent"]) => {
    const current = parseJsonObject<Record<string, { granted?: boolean }>>(stored);
    const changed = Object.entries(draft)
      .filter(([purpose, c]) => current[purpose]?.granted !== c.granted)
      .map(([purpose, c]) => ({ purpose, granted: c.granted, source: c.source }));
    const rows = consentRows(contactId, changed, IMPORTER, "import", policy, now);
    consentRecords.push(...rows);
    return withConsentRows(stored, rows);
  };
  const counts: ChunkCounts = { inserted: 0, updated: 0, skipped: 0 };
  const groups = await groupRows(scope, drafts, reject);
  const accountIds = await resolveAccountRefs(
    scope,
    groups.map((g) => g.merged.account),
    now,
  );
  const stored = new Map(
    (
      await contactsByIds(
        scope,
        groups.flatMap((g) => (g.existingId ? [g.existingId] : [])),
      )
    ).map((row) => [row.id, row]),
  );
  const inserts: Omit<ContactsTable, "tenantId">[] = [];
  const authorKeys: AddedAuthorKeys[] = [];
  for (const [i, group] of groups.entries()) {
    const d = group.merged;
    const accountId = accountIds[i] ?? null;
    if (!accountId && d.account?.source && !d.account.name && !d.account.domain) {
      // Names an account not imported yet (e.g. Salesforce AccountId): kept, so a later import can link it.
      d.attributes[d.account.source[0]] = d.account.source[1];
    }
    counts.skipped += group.rows.length - 1;
    const row = group.existingId ? stored.get(group.existingId) : undefined;
    if (!row) {
      const id = newId("con");
      inserts.push({
        id,
        accountId,
        email: d.fields.email ?? null,
        firstName: d.fields.firstName ?? null,
        lastName: d.fields.lastName ?? null,
        title: d.fields.title ?? null,
        phone: d.fields.phone ?? null,
        locale: d.fields.locale ?? null,
        region: d.fields.region ?? null,
        lifecycleStage: d.lifecycleStage ?? d.stageOnInsert ?? "identified",
        externalIds: toJson(d.externalIds),
        socialHandles: toJson(d.socialHandles),
        consent: consentAfter(id, "{}", d.consent),
        attributes: toJson(d.attributes),
        giftsRestricted: 0,
        createdAt: now,
        updatedAt: now,
      });
      authorKeys.push({
        contactId: id,
        email: d.fields.email,
        socialHandles: d.socialHandles,
        externalIds: d.externalIds,
      });
      counts.inserted++;
      continue;
    }
    const changes = changesOf(row, d, accountId);
    const consent = consentAfter(row.id, row.consent, d.consent);
    if (consent !== toJson(parseJsonObject(row.consent))) changes.consent = consent;
    if (Object.keys(changes).length === 0) {
      counts.skipped++;
      continue;
    }
    await updateContactFields(scope, row.id, { ...changes, updatedAt: now });
    counts.updated++;
    authorKeys.push({
      contactId: row.id,
      email: changes.email,
      socialHandles: changes.socialHandles ? addedEntries(row.socialHandles, d.socialHandles) : undefined,
      externalIds: changes.externalIds ? addedEntries(row.externalIds, d.externalIds) : undefined,
    });
    const before = new Set(identitiesOfContact(row).map((i) => identityKey(i.kind, i.value)));
    const after = identitiesOfContact({
      email: changes.email ?? row.email,
      externalIds: changes.externalIds ?? row.externalIds,
    }).filter((i) => !before.has(identityKey(i.kind, i.value)));
    // A changed email or id is claimed; the old one still names this person, as history under it does.
    if (after.length > 0) await claimIdentities(scope, row.id, after);
  }
  await insertContacts(scope, inserts);
  await insertConsentRows(scope, consentRecords);
  // Mentions that arrived before these contacts (or their new email or handles) did: one lookup per chunk.
  await linkEarlierMentionsOf(scope, authorKeys);
  return counts;
}
