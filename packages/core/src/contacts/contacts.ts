import type { ContactsTable } from "@advo/db";
import { inTransaction, isForeignKeyViolation, isUniqueViolation } from "@advo/db";
import { findAccount } from "../accounts/index.ts";
import { linkEarlierMentions } from "../listening/mentions/index.ts";
import { toIso } from "../shared/clock.ts";
import { AppError, conflictOn, invalidField, notFound } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { parseJsonObject, toJson } from "../shared/json.ts";
import { decodeCursor, type Page, type PageQuery, toPage } from "../shared/pagination.ts";
import { type Scope, withDb } from "../shared/scope.ts";
import { type ConsentRecorder, consentRows, getConsentPolicy, insertConsentRows, withConsentRows } from "./consent.ts";
import { findContact, insertContacts, listContactRows, updateContactRow } from "./contact.queries.ts";
import {
  type Contact,
  type CreateContactInput,
  createContactInput,
  type LifecycleStage,
  type ListContactsQuery,
  lifecycleStages,
  type UpdateContactInput,
  updateContactInput,
} from "./contact.schemas.ts";
import { identitiesOfContact } from "./identities.ts";
import {
  claimIdentities,
  dropIdentity,
  findContactsByIdentities,
  type Identity,
  identityKey,
} from "./identity.queries.ts";

const asStage = (value: string): LifecycleStage =>
  (lifecycleStages as readonly string[]).includes(value) ? (value as LifecycleStage) : "identified";

export const toContact = (row: ContactsTable): Contact => ({
  id: row.id,
  accountId: row.accountId,
  email: row.email,
  firstName: row.firstName,
  lastName: row.lastName,
  title: row.title,
  phone: row.phone,
  locale: row.locale,
  region: row.region,
  lifecycleStage: asStage(row.lifecycleStage),
  externalIds: parseJsonObject(row.externalIds),
  socialHandles: parseJsonObject(row.socialHandles),
  consent: parseJsonObject(row.consent),
  attributes: parseJsonObject(row.attributes),
  giftsRestricted: row.giftsRestricted === 1,
  createdAt: toIso(row.createdAt),
  updatedAt: toIso(row.updatedAt),
});

export function newContactRow(input: CreateContactInput, now: number): Omit<ContactsTable, "tenantId"> {
  return contactRowOf(createContactInput.parse(input), now);
}

function contactRowOf(c: ReturnType<typeof createContactInput.parse>, now: number): Omit<ContactsTable, "tenantId"> {
  return {
    id: newId("con"),
    accountId: c.accountId ?? null,
    email: c.email ?? null,
    firstName: c.firstName ?? null,
    lastName: c.lastName ?? null,
    title: c.title ?? null,
    phone: c.phone ?? null,
    locale: c.locale ?? null,
    region: c.region ?? null,
    lifecycleStage: c.lifecycleStage ?? "identified",
    externalIds: toJson(c.externalIds),
    socialHandles: toJson(c.socialHandles),
    consent: toJson(c.consent),
    attributes: toJson(c.attributes),
    giftsRestricted: c.giftsRestricted ? 1 : 0,
    createdAt: now,
    updatedAt: now,
  };
}

async function assertAccountExists(scope: Scope, accountId: string | null | undefined) {
  if (accountId && !(await findAccount(scope, accountId))) {
    throw invalidField("accountId", `no account "${accountId}" exists in this workspace`);
  }
}

function translateWriteError(error: unknown): never {
  if (isUniqueViolation(error)) throw conflictOn("email", "another contact already has this email");
  if (isForeignKeyViolation(error)) throw invalidField("accountId", "no such account exists in this workspace");
  throw error;
}

/** Refuses identities (email, external ids) that already point at another contact. */
async function assertIdentitiesFree(scope: Scope, identities: Identity[], self?: string) {
  const taken = await findContactsByIdentities(scope, identities);
  for (const identity of identities) {
    const owner = taken.get(identityKey(identity.kind, identity.value));
    if (owner && owner !== self) {
      const path = identity.kind === "email" ? "email" : `externalIds.${identity.kind.slice(4)}`;
      throw new AppError("conflict", `${path}: already belongs to contact ${owner}`, [
        { path, message: `already belongs to contact ${owner}` },
      ]);
    }
  }
}

/** The consent records a contact write carries, and the contact's consent state after them. */
async function consentChanges(
  scope: Scope,
  contactId: string,
  consentColumn: string,
  consent: UpdateContactInput["consent"],
  recorder: ConsentRecorder,
) {
  if (!consent || Object.keys(consent).length === 0) return { rows: [], column: undefined };
  const changes = Object.entries(consent).map(([purpose, c]) => ({ purpose, ...c }));
  const policy = await getConsentPolicy(scope);
  const source = recorder.type === "user" ? "manager" : recorder.type === "api_key" ? "api" : recorder.type;
  const rows = consentRows(contactId, changes, recorder, source, policy, scope.clock.now());
  return { rows, column: withConsentRows(consentColumn, rows) };
}

const SYSTEM: ConsentRecorder = { type: "system", id: "system" };

export async function createContact(
  scope: Scope,
  input: CreateContactInput,
  recorder: ConsentRecorder = SYSTEM,
): Promise<Contact> {
  const valid = createContactInput.parse(input);
  const parsed = contactRowOf(valid, scope.clock.now());
  const consent = await consentChanges(scope, parsed.id, "{}", valid.consent, recorder);
  const row = { ...parsed, consent: consent.column ?? parsed.consent };
  await assertAccountExists(scope, row.accountId);
  const identities = identitiesOfContact(row);
  await inTransaction(scope.db, async (trx) => {
    const inTrx = withDb(scope, trx);
    await assertIdentitiesFree(inTrx, identities);
    await insertContacts(inTrx, [row]).catch(translateWriteError);
    await insertConsentRows(inTrx, consent.rows);
    // Mentions that arrived before the contact existed.
    await linkEarlierMentions(inTrx, row.id, valid);
  });
  return toContact({ ...row, tenantId: scope.tenantId });
}

export async function getContact(scope: Scope, id: string): Promise<Contact> {
  const row = await findContact(scope, id);
  if (!row) throw notFound("contact", id);
  return toContact(row);
}

export async function updateContact(
  scope: Scope,
  id: string,
  input: UpdateContactInput,
  recorder: ConsentRecorder = SYSTEM,
): Promise<Contact> {
  const patch = updateContactInput.parse(input);
  const existing = await findContact(scope, id);
  if (!existing) throw notFound("contact", id);
  await assertAccountExists(scope, patch.accountId);
  const { externalIds, socialHandles, consent, attributes, giftsRestricted, ...plain } = patch;
  const consentUpdate = await consentChanges(scope, id, existing.consent, consent, recorder);
  const merged = (column: string, update: object | undefined) =>
    update ? toJson({ ...parseJsonObject(column), ...update }) : undefined;
  const next = {
    ...plain,
    externalIds: merged(existing.externalIds, externalIds),
    socialHandles: merged(existing.socialHandles, socialHandles),
    consent: consentUpdate.column,
    attributes: merged(existing.attributes, attributes),
    ...(giftsRestricted === undefined ? {} : { giftsRestricted: giftsRestricted ? 1 : 0 }),
    updatedAt: scope.clock.now(),
  };
  const before = identitiesOfContact(existing);
  const after = identitiesOfContact({
    email: next.email === undefined ? existing.email : next.email,
    externalIds: next.externalIds ?? existing.externalIds,
  });
  const gone = before.filter((b) => !after.some((a) => a.kind === b.kind && a.value === b.value));
  await inTransaction(scope.db, async (trx) => {
    const inTrx = withDb(scope, trx);
    await assertIdentitiesFree(inTrx, after, id);
    await updateContactRow(inTrx, id, next).catch(translateWriteError);
    await insertConsentRows(inTrx, consentUpdate.rows);
    for (const identity of gone) await dropIdentity(inTrx, identity);
    await claimIdentities(inTrx, id, after);
    // Only the email and handles this update brings: earlier mentions by them may be this contact's.
    await linkEarlierMentions(inTrx, id, { email: patch.email, socialHandles, externalIds });
  });
  return getContact(scope, id);
}

export async function listContacts(scope: Scope, query: ListContactsQuery & PageQuery): Promise<Page<Contact>> {
  const rows = await listContactRows(scope, query, decodeCursor(query.cursor), query.limit + 1);
  return toPage(rows, query.limit, toContact);
}
