import type { ContactsTable } from "@advo/db";
import { isForeignKeyViolation, isUniqueViolation } from "@advo/db";
import { findAccount } from "../accounts/index.ts";
import { toIso } from "../shared/clock.ts";
import { conflictOn, invalidField, notFound } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { parseJsonObject, toJson } from "../shared/json.ts";
import { decodeCursor, type Page, type PageQuery, toPage } from "../shared/pagination.ts";
import type { Scope } from "../shared/scope.ts";
import { deleteContactRow, findContact, insertContacts, listContactRows, updateContactRow } from "./contact.queries.ts";
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
  createdAt: toIso(row.createdAt),
  updatedAt: toIso(row.updatedAt),
});

export function newContactRow(input: CreateContactInput, now: number): Omit<ContactsTable, "tenantId"> {
  const c = createContactInput.parse(input);
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

export async function createContact(scope: Scope, input: CreateContactInput): Promise<Contact> {
  const row = newContactRow(input, scope.clock.now());
  await assertAccountExists(scope, row.accountId);
  await insertContacts(scope, [row]).catch(translateWriteError);
  return toContact({ ...row, tenantId: scope.tenantId });
}

export async function getContact(scope: Scope, id: string): Promise<Contact> {
  const row = await findContact(scope, id);
  if (!row) throw notFound("contact", id);
  return toContact(row);
}

export async function updateContact(scope: Scope, id: string, input: UpdateContactInput): Promise<Contact> {
  const patch = updateContactInput.parse(input);
  const existing = await findContact(scope, id);
  if (!existing) throw notFound("contact", id);
  await assertAccountExists(scope, patch.accountId);
  const { externalIds, socialHandles, consent, attributes, ...plain } = patch;
  const merged = (column: string, update: object | undefined) =>
    update ? toJson({ ...parseJsonObject(column), ...update }) : undefined;
  await updateContactRow(scope, id, {
    ...plain,
    externalIds: merged(existing.externalIds, externalIds),
    socialHandles: merged(existing.socialHandles, socialHandles),
    consent: merged(existing.consent, consent),
    attributes: merged(existing.attributes, attributes),
    updatedAt: scope.clock.now(),
  }).catch(translateWriteError);
  return getContact(scope, id);
}

export async function deleteContact(scope: Scope, id: string): Promise<void> {
  const result = await deleteContactRow(scope, id);
  if (Number(result.numDeletedRows) === 0) throw notFound("contact", id);
}

export async function listContacts(scope: Scope, query: ListContactsQuery & PageQuery): Promise<Page<Contact>> {
  const rows = await listContactRows(scope, query, decodeCursor(query.cursor), query.limit + 1);
  return toPage(rows, query.limit, toContact);
}
