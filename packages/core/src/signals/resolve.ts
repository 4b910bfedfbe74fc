import type { ContactsTable } from "@advo/db";
import { newAccountRow } from "../accounts/index.ts";
import {
  claimIdentities,
  findContactsByIdentities,
  type Identity,
  identityKey,
  insertContacts,
} from "../contacts/index.ts";
import { newId } from "../shared/ids.ts";
import { deleteFrom, insertInto, type Scope, selectFrom, updateTable } from "../shared/scope.ts";
import { mergeContacts } from "./merges.ts";
import type { SegmentMessage } from "./segment.ts";

export interface Resolved {
  contactId: string | null;
  accountId: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function emailOf(traits: Record<string, unknown> | null | undefined): string | null {
  const value = traits?.email;
  if (typeof value !== "string") return null;
  const email = value.trim().toLowerCase();
  return email.length <= 320 && EMAIL.test(email) ? email : null;
}

const str = (v: unknown, max = 200): string | null =>
  typeof v === "string" && v.trim() ? v.trim().slice(0, max) : null;

/** Contact fields Segment's reserved identify traits map to. */
function contactFieldsOf(traits: Record<string, unknown>) {
  let firstName = str(traits.firstName ?? traits.first_name, 100);
  let lastName = str(traits.lastName ?? traits.last_name, 100);
  const name = str(traits.name);
  if (!firstName && !lastName && name) {
    const [first, ...rest] = name.split(/\s+/);
    firstName = first ?? null;
    lastName = rest.join(" ") || null;
  }
  return { firstName, lastName, title: str(traits.title), phone: str(traits.phone, 30) };
}

function blankContact(now: number): Omit<ContactsTable, "tenantId"> {
  return {
    id: newId("con"),
    accountId: null,
    email: null,
    firstName: null,
    lastName: null,
    title: null,
    phone: null,
    locale: null,
    region: null,
    lifecycleStage: "identified",
    externalIds: "{}",
    socialHandles: "{}",
    consent: "{}",
    attributes: "{}",
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Finds (or creates) the contact and account of every message, in order, inside the caller's
 * transaction. The same person seen by userId, email or anonymousId becomes one contact; when an
 * identify proves two contacts are one person, the later one is merged into the earlier one.
 */
export async function resolveMessages(scope: Scope, messages: SegmentMessage[]): Promise<Resolved[]> {
  const wanted: Identity[] = [];
  for (const m of messages) {
    if (m.userId) wanted.push({ kind: "userId", value: m.userId });
    if (m.anonymousId) wanted.push({ kind: "anonymousId", value: m.anonymousId });
    if (m.previousId)
      wanted.push({ kind: "userId", value: m.previousId }, { kind: "anonymousId", value: m.previousId });
    const email = emailOf(m.type === "identify" ? m.properties : m.contextTraits);
    if (email) wanted.push({ kind: "email", value: email });
  }
  const known = await findContactsByIdentities(scope, wanted);
  const lookup = (kind: Identity["kind"], value: string | null) =>
    value ? known.get(identityKey(kind, value)) : undefined;
  const now = scope.clock.now();

  const claim = async (contactId: string, identities: Identity[]) => {
    const fresh = identities.filter((i) => !known.has(identityKey(i.kind, i.value)));
    if (fresh.length === 0) return [];
    await claimIdentities(scope, contactId, fresh);
    // Another writer may have claimed one first; what the table says now is the truth.
    const owners = await findContactsByIdentities(scope, fresh);
    const won: Identity[] = [];
    for (const i of fresh) {
      const owner = owners.get(identityKey(i.kind, i.value));
      if (owner) known.set(identityKey(i.kind, i.value), owner);
      if (owner === contactId) won.push(i);
    }
    return won;
  };

  const createContact = async (fields: Partial<Omit<ContactsTable, "tenantId" | "id">>) => {
    const row = { ...blankContact(now), ...fields };
    await insertContacts(scope, [row]);
    return row.id;
  };

  // A contact made for identities that a concurrent writer claimed first gives way to its owner.
  const keepOrYield = async (createdId: string, identities: Identity[], won: Identity[]) => {
    if (won.length > 0 || identities.length === 0) return createdId;
    const first = identities[0] as Identity;
    const owner = known.get(identityKey(first.kind, first.value));
    if (!owner || owner === createdId) return createdId;
    await deleteFrom(scope, "contacts").where("id", "=", createdId).execute();
    return owner;
  };

  const mergeInto = async (survivor: string, merged: string, reason: string) => {
    await mergeContacts(scope, survivor, merged, reason);
    for (const [key, owner] of known) if (owner === merged) known.set(key, survivor);
  };

  const accountOfGroup = new Map<string, string>();
  const results: Resolved[] = [];
  for (const m of messages) {
    const email = emailOf(m.type === "identify" ? m.properties : m.contextTraits);
    let contactId =
      lookup("userId", m.userId) ?? lookup("email", email) ?? lookup("anonymousId", m.anonymousId) ?? null;
    let accountId: string | null = null;

    if (m.type === "identify") {
      const byUser = lookup("userId", m.userId);
      const byEmail = lookup("email", email);
      if (byUser && byEmail && byUser !== byEmail) {
        await mergeInto(byUser, byEmail, `identify: userId "${m.userId}" and email ${email} were two contacts`);
        contactId = byUser;
      }
      const fields = contactFieldsOf(m.properties);
      const created = !contactId;
      if (!contactId) contactId = await createContact({ ...fields, email: null });
      const identities: Identity[] = [];
      if (m.userId) identities.push({ kind: "userId", value: m.userId });
      if (email) identities.push({ kind: "email", value: email });
      if (m.anonymousId) identities.push({ kind: "anonymousId", value: m.anonymousId });
      const won = await claim(contactId, identities);
      contactId = created ? await keepOrYield(contactId, identities, won) : contactId;
      await applyTraits(scope, contactId, fields, now);
      if (won.some((i) => i.kind === "email") && email) await setEmailIfEmpty(scope, contactId, email, now);
      const anonymous = won.find((i) => i.kind === "anonymousId");
      if (anonymous) await attachAnonymousHistory(scope, anonymous.value, contactId);
    } else if (m.type === "alias" && m.userId && m.previousId) {
      const previous = lookup("userId", m.previousId) ?? lookup("anonymousId", m.previousId);
      const current = lookup("userId", m.userId);
      if (previous && current && previous !== current) {
        await mergeInto(current, previous, `alias: "${m.previousId}" is "${m.userId}"`);
        contactId = current;
      } else if (previous && !current) {
        await claim(previous, [{ kind: "userId", value: m.userId }]);
        contactId = previous;
      } else {
        contactId = current ?? null;
      }
    } else if (!contactId && (m.userId || email)) {
      // Someone known by userId or email whose identify has not arrived (yet): keep the history on a contact.
      const identities: Identity[] = [];
      if (m.userId) identities.push({ kind: "userId", value: m.userId });
      if (email) identities.push({ kind: "email", value: email });
      contactId = await createContact({});
      const won = await claim(contactId, identities);
      contactId = await keepOrYield(contactId, identities, won);
      if (email && won.some((i) => i.kind === "email")) await setEmailIfEmpty(scope, contactId, email, now);
    }

    if (m.type === "group" && m.groupId) {
      accountId = accountOfGroup.get(m.groupId) ?? (await upsertGroupAccount(scope, m.groupId, m.properties, now));
      accountOfGroup.set(m.groupId, accountId);
      if (contactId) {
        await updateTable(scope, "contacts")
          .set({ accountId, updatedAt: now })
          .where("id", "=", contactId)
          .where("accountId", "is", null)
          .execute();
      }
    }
    results.push({ contactId, accountId });
  }
  return results;
}

async function applyTraits(scope: Scope, contactId: string, fields: ReturnType<typeof contactFieldsOf>, now: number) {
  const patch = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null));
  if (Object.keys(patch).length === 0) return;
  await updateTable(scope, "contacts")
    .set({ ...patch, updatedAt: now })
    .where("id", "=", contactId)
    .execute();
}

async function setEmailIfEmpty(scope: Scope, contactId: string, email: string, now: number) {
  await updateTable(scope, "contacts")
    .set({ email, updatedAt: now })
    .where("id", "=", contactId)
    .where("email", "is", null)
    .execute();
}

/** Events seen under an anonymousId before anyone knew who it was now belong to that contact. */
export async function attachAnonymousHistory(scope: Scope, anonymousId: string, contactId: string) {
  await updateTable(scope, "events")
    .set({ contactId })
    .where("anonymousId", "=", anonymousId)
    .where("contactId", "is", null)
    .execute();
}

async function upsertGroupAccount(scope: Scope, groupId: string, traits: Record<string, unknown>, now: number) {
  const existing = await selectFrom(scope, "accountIdentities")
    .select("accountId")
    .where("kind", "=", "groupId")
    .where("value", "=", groupId)
    .executeTakeFirst();
  const employees = Number(traits.employees ?? traits.employeeCount);
  const website = str(traits.website ?? traits.domain, 253);
  const domain = website
    ? website
        .replace(/^https?:\/\//, "")
        .replace(/\/.*$/, "")
        .toLowerCase()
    : null;
  const fields = {
    name: str(traits.name) ?? groupId,
    domain: domain && /^([a-z0-9-]+\.)+[a-z]{2,}$/.test(domain) ? domain : null,
    industry: str(traits.industry, 100),
    employeeCount: Number.isInteger(employees) && employees >= 0 ? employees : null,
    plan: str(traits.plan, 60),
  };
  if (existing) {
    const patch = Object.fromEntries(
      Object.entries(fields).filter(([k, v]) => v !== null && !(k === "name" && v === groupId)),
    );
    if (Object.keys(patch).length > 0) {
      await updateTable(scope, "accounts")
        .set({ ...patch, updatedAt: now })
        .where("id", "=", existing.accountId)
        .execute();
    }
    return existing.accountId;
  }
  const row = newAccountRow({ ...fields, externalIds: { segmentGroup: groupId } }, now);
  await insertInto(scope, "accounts", row).execute();
  await insertInto(scope, "accountIdentities", { kind: "groupId", value: groupId, accountId: row.id, createdAt: now })
    .onConflict((oc) => oc.columns(["tenantId", "kind", "value"]).doNothing())
    .execute();
  return row.id;
}
