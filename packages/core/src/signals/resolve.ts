import { type BulkInsertSpec, bulkInsert, type ContactsTable } from "@advo/db";
import { ATTRIBUTES_MAX, newAccountRow } from "../accounts/index.ts";
import {
  claimIdentities,
  findContactsByIdentities,
  type Identity,
  identityKey,
  insertContacts,
  moveIdentities,
} from "../contacts/index.ts";
import { linkEarlierMentionsOf } from "../listening/mentions/index.ts";
import { newId } from "../shared/ids.ts";
import { parseJsonObject, toJson } from "../shared/json.ts";
import { deleteFrom, insertInto, type Scope, selectFrom, updateTable } from "../shared/scope.ts";
import { mergeContacts } from "./merges.ts";
import type { SegmentMessage } from "./segment.ts";

export interface Resolved {
  contactId: string | null;
  accountId: string | null;
}

type ContactRow = Omit<ContactsTable, "tenantId">;
type Scalar = string | number | boolean;
type TraitFields = Partial<Pick<ContactRow, "firstName" | "lastName" | "title" | "phone" | "email" | "locale">> & {
  /** Custom traits (scalars), merged over the contact's attributes. */
  traits?: Record<string, Scalar>;
};

/** Traits that are contact fields (or identity), so never copied into attributes. */
const FIELD_TRAITS = new Set([
  "email",
  "name",
  "firstName",
  "first_name",
  "lastName",
  "last_name",
  "title",
  "phone",
  "locale",
  "id",
  "userId",
]);
const TRAIT_KEY_MAX = 100;
const TRAIT_TEXT_MAX = 1000;

/** Scalar custom traits, as contact attributes (objects and arrays, e.g. address, are not kept). */
function customTraitsOf(traits: Record<string, unknown>): Record<string, Scalar> | undefined {
  let custom: Record<string, Scalar> | undefined;
  for (const [key, value] of Object.entries(traits)) {
    if (FIELD_TRAITS.has(key) || key.length === 0 || key.length > TRAIT_KEY_MAX) continue;
    const scalar =
      typeof value === "string"
        ? value.slice(0, TRAIT_TEXT_MAX)
        : (typeof value === "number" && Number.isFinite(value)) || typeof value === "boolean"
          ? value
          : undefined;
    if (scalar === undefined) continue;
    custom ??= {};
    custom[key] = scalar;
  }
  return custom;
}

/** Traits merged over stored attributes; keys that would take them past ATTRIBUTES_MAX are left out. */
export function withTraits(attributes: string, traits: Record<string, Scalar> | undefined): string {
  const current = parseJsonObject(attributes);
  if (!traits) return attributes;
  let changed = false;
  let size = JSON.stringify(current).length;
  for (const [key, value] of Object.entries(traits)) {
    if (current[key] === value) continue;
    const grow =
      JSON.stringify({ [key]: value }).length - (key in current ? JSON.stringify({ [key]: current[key] }).length : 1);
    if (size + grow > ATTRIBUTES_MAX) continue;
    current[key] = value;
    size += grow;
    changed = true;
  }
  return changed ? toJson(current) : attributes;
}

/** Two patches for one contact: the later's fields win, custom traits merge. */
const mergePatch = (a: TraitFields | undefined, b: TraitFields): TraitFields =>
  a?.traits && b.traits ? { ...a, ...b, traits: { ...a.traits, ...b.traits } } : { ...a, ...b };

/** What a contact made in this batch brings to the one it folds into. */
function fillOf(row: ContactRow): TraitFields {
  const fill: TraitFields = {};
  for (const f of ["firstName", "lastName", "title", "phone", "email", "locale"] as const) if (row[f]) fill[f] = row[f];
  const traits = parseJsonObject<Record<string, Scalar>>(row.attributes);
  if (Object.keys(traits).length > 0) fill.traits = traits;
  return fill;
}

/** Fills a row made in this batch from a patch. */
function fillRow(row: ContactRow, fields: TraitFields, overwrite: boolean) {
  const { traits, ...named } = fields;
  for (const [k, v] of Object.entries(named) as [keyof typeof named, string][])
    if (overwrite || row[k] === null) row[k] = v;
  row.attributes = withTraits(row.attributes, traits);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CHUNK = 500;

function emailOf(traits: Record<string, unknown> | null | undefined): string | null {
  const value = traits?.email;
  if (typeof value !== "string") return null;
  const email = value.trim().toLowerCase();
  return email.length <= 320 && EMAIL.test(email) ? email : null;
}

const str = (v: unknown, max = 200): string | null =>
  typeof v === "string" && v.trim() ? v.trim().slice(0, max) : null;

/** Contact fields Segment's reserved identify traits map to (only those present). */
function traitFieldsOf(traits: Record<string, unknown>): TraitFields {
  let firstName = str(traits.firstName ?? traits.first_name, 100);
  let lastName = str(traits.lastName ?? traits.last_name, 100);
  const name = str(traits.name);
  if (!firstName && !lastName && name) {
    const [first, ...rest] = name.split(/\s+/);
    firstName = first ?? null;
    lastName = rest.join(" ") || null;
  }
  const fields: TraitFields = {};
  if (firstName) fields.firstName = firstName;
  if (lastName) fields.lastName = lastName;
  const title = str(traits.title);
  if (title) fields.title = title;
  const phone = str(traits.phone, 30);
  if (phone) fields.phone = phone;
  const locale = str(traits.locale, 35);
  if (locale) fields.locale = locale;
  const custom = customTraitsOf(traits);
  if (custom) fields.traits = custom;
  return fields;
}

function blankContact(now: number, fields: TraitFields): ContactRow {
  const { traits, ...named } = fields;
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
    giftsRestricted: 0,
    createdAt: now,
    updatedAt: now,
    ...named,
    attributes: withTraits("{}", traits),
  };
}

/** Identity → contact answers from earlier committed batches of one run (an import), and what this batch learned. */
export interface IdentityCache {
  known: ReadonlyMap<string, string>;
  /** Filled by resolveMessages; set to null when the batch merged contacts, so earlier answers may be stale. */
  learned: Map<string, string> | null;
}

/**
 * The contact of each call that needs no decision: a track, page or screen call from a userId the
 * cache knows, with no anonymousId or email that could name someone else. The in-order pass below
 * would answer the same (its lookups start from the same answers) at several times the cost, and
 * such calls are most of an import.
 */
function answeredByCache(
  messages: SegmentMessage[],
  emails: (string | null)[],
  known: ReadonlyMap<string, string>,
): (string | undefined)[] {
  const answers: (string | undefined)[] = new Array(messages.length);
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i] as SegmentMessage;
    if (!m.userId || m.anonymousId || emails[i] || !(m.type === "track" || m.type === "page" || m.type === "screen"))
      continue;
    answers[i] = known.get(identityKey("userId", m.userId));
  }
  return answers;
}

/**
 * Finds (or creates) the contact and account of every message, inside the caller's transaction.
 * The same person seen by userId, email or anonymousId becomes one contact; when an identify
 * proves two stored contacts are one person, the later is merged into the earlier (recorded, and
 * undoable). Decisions are made in memory in message order, then written in bulk.
 */
export async function resolveMessages(
  scope: Scope,
  messages: SegmentMessage[],
  cache?: IdentityCache,
): Promise<Resolved[]> {
  const now = scope.clock.now();
  const emails = messages.map((m) => emailOf(m.type === "identify" ? m.properties : m.contextTraits));
  const known = cache ? answeredByCache(messages, emails, cache.known) : null;
  const wanted: Identity[] = [];
  messages.forEach((m, i) => {
    if (known?.[i]) return;
    if (m.userId) wanted.push({ kind: "userId", value: m.userId });
    if (m.anonymousId) wanted.push({ kind: "anonymousId", value: m.anonymousId });
    if (m.previousId)
      wanted.push({ kind: "userId", value: m.previousId }, { kind: "anonymousId", value: m.previousId });
    const email = emails[i];
    if (email) wanted.push({ kind: "email", value: email });
  });
  // With a cache, only identities it does not know are looked up, and only those answers are new to it.
  let found: Map<string, string>;
  let owner: Map<string, string>;
  if (cache) {
    const unknown: Identity[] = [];
    owner = new Map();
    for (const i of wanted) {
      const key = identityKey(i.kind, i.value);
      const id = cache.known.get(key);
      if (id) owner.set(key, id);
      else unknown.push(i);
    }
    found = await findContactsByIdentities(scope, unknown);
    for (const [key, id] of found) owner.set(key, id);
  } else {
    found = owner = await findContactsByIdentities(scope, wanted);
  }
  await adoptUnclaimedEmails(scope, wanted, owner, found);
  const pending = new Map<string, { identity: Identity; contactId: string }>();
  const created = new Map<string, ContactRow>();
  const patches = new Map<string, TraitFields>();
  const redirect = new Map<string, string>();
  const merges: { survivor: string; merged: string; reason: string }[] = [];
  const anonymousToAttach = new Map<string, string>();

  const final = (id: string): string => {
    let current = id;
    for (let next = redirect.get(current); next; next = redirect.get(current)) current = next;
    return current;
  };
  const get = (kind: Identity["kind"], value: string | null) => {
    if (!value) return undefined;
    const key = identityKey(kind, value);
    const id = owner.get(key) ?? pending.get(key)?.contactId;
    return id ? final(id) : undefined;
  };
  const want = (contactId: string, kind: Identity["kind"], value: string | null) => {
    if (!value || get(kind, value)) return;
    pending.set(identityKey(kind, value), { identity: { kind, value }, contactId });
    if (kind === "anonymousId") anonymousToAttach.set(value, contactId);
    if (kind === "email") {
      const row = created.get(contactId);
      if (row && !row.email) row.email = value;
      else if (!row) patches.set(contactId, { ...patches.get(contactId), email: value });
    }
  };
  const create = (fields: TraitFields) => {
    const row = blankContact(now, fields);
    created.set(row.id, row);
    return row.id;
  };
  // Two contacts are one person: fold in memory when the later one is new in this batch.
  const join = (survivor: string, other: string, reason: string) => {
    const newRow = created.get(other);
    if (newRow) {
      created.delete(other);
      const survivorRow = created.get(survivor);
      const fill = fillOf(newRow);
      if (survivorRow) fillRow(survivorRow, fill, false);
      else patches.set(survivor, mergePatch(fill, patches.get(survivor) ?? {}));
    } else {
      merges.push({ survivor, merged: other, reason });
    }
    redirect.set(other, survivor);
  };

  const accountOfGroup = new Map<string, string>();
  const accountOfContact = new Map<string, string>();
  const results: Resolved[] = [];
  for (let i = 0; i < messages.length; i++) {
    const knownContact = known?.[i];
    if (knownContact) {
      results.push({ contactId: knownContact, accountId: null });
      continue;
    }
    const m = messages[i] as SegmentMessage;
    const email = emails[i] ?? null;
    const byUser = get("userId", m.userId);
    let contactId = byUser ?? get("email", email) ?? get("anonymousId", m.anonymousId) ?? null;

    if (m.type === "identify") {
      const byEmail = get("email", email);
      if (byUser && byEmail && byUser !== byEmail) {
        join(byUser, byEmail, `identify: userId "${m.userId}" and email ${email} were two contacts`);
        contactId = byUser;
      }
      const fields = traitFieldsOf(m.properties);
      if (!contactId) contactId = create(fields);
      else if (!created.has(contactId) && Object.keys(fields).length > 0) {
        patches.set(contactId, mergePatch(patches.get(contactId), fields));
      } else if (created.has(contactId)) fillRow(created.get(contactId) as ContactRow, fields, true);
      want(contactId, "userId", m.userId);
      want(contactId, "email", email);
      want(contactId, "anonymousId", m.anonymousId);
    } else if (m.type === "alias" && m.userId && m.previousId) {
      const previous = get("userId", m.previousId) ?? get("anonymousId", m.previousId);
      const current = get("userId", m.userId);
      if (previous && current && previous !== current)
        join(current, previous, `alias: "${m.previousId}" is "${m.userId}"`);
      contactId = current ?? previous ?? null;
      if (contactId) want(contactId, "userId", m.userId);
    } else if (!contactId && (m.userId || email)) {
      // Someone known by userId or email whose identify has not arrived (yet): keep the history on a contact.
      contactId = create({});
      want(contactId, "userId", m.userId);
      want(contactId, "email", email);
    } else if (contactId) {
      // Found by another of its ids: ids nobody holds yet are this person's too. (A track call matched by
      // its context email carries a new userId; analytics.js sends the anonymousId along after identify,
      // so history from before the sign-up is attached.) Otherwise the next call with that userId alone
      // would start a second contact.
      if (m.userId && !byUser) want(contactId, "userId", m.userId);
      if (m.anonymousId) want(contactId, "anonymousId", m.anonymousId);
    }
    results.push({ contactId, accountId: null });
    if (m.type === "group" && m.groupId) {
      const accountId =
        accountOfGroup.get(m.groupId) ?? (await upsertGroupAccount(scope, m.groupId, m.properties, now));
      accountOfGroup.set(m.groupId, accountId);
      (results[i] as Resolved).accountId = accountId;
      if (contactId && !accountOfContact.has(contactId)) accountOfContact.set(contactId, accountId);
    }
  }

  await insertContacts(scope, [...created.values()]);
  const lost = await claimPending(scope, [...pending.values()], final);
  // A concurrent writer claimed one of these identities first: the two contacts are one person.
  // One made in this batch folds into the winner; an older one is merged (recorded, undoable).
  for (const { createdId: ours, winner } of lost) {
    if (final(ours) === final(winner)) continue;
    const mine = created.get(ours);
    if (mine) {
      await moveIdentities(scope, ours, winner);
      patches.set(winner, mergePatch(fillOf(mine), patches.get(winner) ?? {}));
      await deleteFrom(scope, "contacts").where("id", "=", ours).execute();
    } else {
      merges.push({ survivor: winner, merged: ours, reason: "identities claimed concurrently by two contacts" });
    }
    redirect.set(ours, winner);
  }
  // In the order they were found, so a chain (B into A, then A into C) replays correctly.
  for (const { survivor, merged, reason } of merges) await mergeContacts(scope, survivor, merged, reason);
  await applyPatches(scope, patches, final, now);
  await attachAnonymousHistory(scope, anonymousToAttach, final);
  // Mentions stored before these emails named anyone (a new contact, or a blank email filled). Only
  // emails this batch claimed are looked up, so a batch of calls from known contacts pays nothing.
  await linkEarlierMentionsOf(
    scope,
    [...pending.values()].flatMap((p) =>
      p.identity.kind === "email" ? [{ contactId: final(p.contactId), email: p.identity.value }] : [],
    ),
  );
  for (const [contactId, accountId] of accountOfContact) {
    await updateTable(scope, "contacts")
      .set({ accountId, updatedAt: now })
      .where("id", "=", final(contactId))
      .where("accountId", "is", null)
      .execute();
  }
  if (cache) {
    // After a merge, answers of earlier batches may name a merged-away contact: forget them all.
    if (merges.length > 0 || lost.length > 0) cache.learned = null;
    else {
      // What the cache knew still holds: without a merge, nothing known was redirected.
      for (const [key, id] of found) cache.learned?.set(key, final(id));
      for (const [key, p] of pending) cache.learned?.set(key, final(p.contactId));
    }
  }
  // Anonymous calls that came before the identify naming them in this same batch (analytics.js sends a
  // page view and the sign-up's identify together): attachAnonymousHistory only sees stored events.
  return results.map((r, i) => ({
    contactId: r.contactId ? final(r.contactId) : (get("anonymousId", messages[i]?.anonymousId ?? null) ?? null),
    accountId: r.accountId,
  }));
}

/**
 * Contacts written before identities existed (or by a raw bulk load) own their email without an
 * identity row: find them by email, so ingest links to them instead of creating a duplicate.
 */
async function adoptUnclaimedEmails(
  scope: Scope,
  wanted: Identity[],
  owner: Map<string, string>,
  found: Map<string, string>,
) {
  const emails = [
    ...new Set(
      wanted.filter((i) => i.kind === "email" && !owner.has(identityKey("email", i.value))).map((i) => i.value),
    ),
  ];
  for (let i = 0; i < emails.length; i += CHUNK) {
    const rows = await selectFrom(scope, "contacts")
      .select(["id", "email"])
      .where("email", "in", emails.slice(i, i + CHUNK))
      .execute();
    for (const row of rows) {
      if (!row.email) continue;
      await claimIdentities(scope, row.id, [{ kind: "email", value: row.email }]);
      owner.set(identityKey("email", row.email), row.id);
      found.set(identityKey("email", row.email), row.id);
    }
  }
}

const identitySpec: BulkInsertSpec = {
  table: "identities",
  columns: [
    { name: "tenant_id", type: "text" },
    { name: "kind", type: "text" },
    { name: "value", type: "text" },
    { name: "contact_id", type: "text" },
    { name: "created_at", type: "bigint" },
  ],
  conflictTarget: ["tenant_id", "kind", "value"],
  returning: "value",
};

/** Claims identities; returns those a concurrent writer held first, with who holds them. */
async function claimPending(
  scope: Scope,
  items: { identity: Identity; contactId: string }[],
  final: (id: string) => string,
) {
  const now = scope.clock.now();
  const lost: { createdId: string; winner: string }[] = [];
  // One bulk insert per kind, so the values it returns name the identities it stored.
  const byKind = new Map<string, { identity: Identity; contactId: string }[]>();
  for (const item of items) {
    const list = byKind.get(item.identity.kind);
    if (list) list.push(item);
    else byKind.set(item.identity.kind, [item]);
  }
  for (const [kind, list] of byKind) {
    const { returned } = await bulkInsert(
      scope.db,
      identitySpec,
      list.map((p) => [scope.tenantId, kind, p.identity.value, final(p.contactId), now]),
    );
    if (returned.length === list.length) continue;
    const won = new Set(returned);
    const missing = list.filter((p) => !won.has(p.identity.value));
    const owners = await findContactsByIdentities(
      scope,
      missing.map((p) => p.identity),
    );
    for (const p of missing) {
      const winner = owners.get(identityKey(p.identity.kind, p.identity.value));
      if (winner && winner !== final(p.contactId)) lost.push({ createdId: final(p.contactId), winner });
    }
  }
  return lost;
}

/** Writes identify traits to stored contacts, only where a value actually changes. */
async function applyPatches(
  scope: Scope,
  patches: Map<string, TraitFields>,
  final: (id: string) => string,
  now: number,
) {
  const merged = new Map<string, TraitFields>();
  for (const [id, patch] of patches) merged.set(final(id), mergePatch(merged.get(final(id)), patch));
  const ids = [...merged.keys()];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await selectFrom(scope, "contacts")
      .select(["id", "email", "firstName", "lastName", "title", "phone", "locale", "attributes"])
      .where("id", "in", ids.slice(i, i + CHUNK))
      .execute();
    for (const row of rows) {
      const { traits, ...patch } = merged.get(row.id) ?? {};
      const changes: Omit<TraitFields, "traits"> & { attributes?: string } = {};
      for (const [field, value] of Object.entries(patch) as [keyof typeof patch, string][]) {
        // An email only fills a blank: a contact's email is changed by a person, not by a stray trait.
        if (field === "email" ? row.email === null : row[field] !== value) changes[field] = value;
      }
      const attributes = withTraits(row.attributes, traits);
      if (attributes !== row.attributes) changes.attributes = attributes;
      if (Object.keys(changes).length > 0) {
        await updateTable(scope, "contacts")
          .set({ ...changes, updatedAt: now })
          .where("id", "=", row.id)
          .execute();
      }
    }
  }
}

/** Events seen under an anonymousId before anyone knew who it was now belong to that contact. */
async function attachAnonymousHistory(scope: Scope, attach: Map<string, string>, final: (id: string) => string) {
  const ids = [...attach.keys()];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const waiting = await selectFrom(scope, "events")
      .select("anonymousId")
      .distinct()
      .where("anonymousId", "in", ids.slice(i, i + CHUNK))
      .where("contactId", "is", null)
      .execute();
    for (const { anonymousId } of waiting) {
      if (!anonymousId) continue;
      await updateTable(scope, "events")
        .set({ contactId: final(attach.get(anonymousId) as string) })
        .where("anonymousId", "=", anonymousId)
        .where("contactId", "is", null)
        .execute();
    }
  }
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
  const claimed = await insertInto(scope, "accountIdentities", {
    kind: "groupId",
    value: groupId,
    accountId: row.id,
    createdAt: now,
  })
    .onConflict((oc) => oc.columns(["tenantId", "kind", "value"]).doNothing())
    .returning("accountId")
    .execute();
  if (claimed.length > 0) return row.id;
  // A concurrent writer created this group's account first.
  await deleteFrom(scope, "accounts").where("id", "=", row.id).execute();
  return upsertGroupAccount(scope, groupId, traits, now);
}
