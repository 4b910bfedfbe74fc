import { sql } from "kysely";
import { findContactsByIdentities, identityKey } from "../../contacts/index.ts";
import { enqueueJob } from "../../jobs/index.ts";
import { type Scope, selectFrom, updateTable } from "../../shared/scope.ts";
import { CONTACTS_CHANGED } from "../../signals/index.ts";
import { normaliseHandle } from "./text.ts";

interface Author {
  authorEmail?: string | null;
  authorHandle?: string | null;
  authorName?: string | null;
}

const CHUNK = 400;
const chunks = <T>(list: T[]) =>
  Array.from({ length: Math.ceil(list.length / CHUNK) }, (_, i) => list.slice(i * CHUNK, (i + 1) * CHUNK));

/**
 * The known contact behind each author, by email identity first, then handle (an `ext:` identity or a
 * value of contacts.socialHandles), then full name — a name counts only when exactly one contact has it.
 */
export async function linkAuthors(scope: Scope, authors: Author[]): Promise<(string | null)[]> {
  const emails = [...new Set(authors.flatMap((a) => (a.authorEmail ? [a.authorEmail.toLowerCase()] : [])))];
  const byEmail = await findContactsByIdentities(
    scope,
    emails.map((value) => ({ kind: "email" as const, value })),
  );

  const handles = [...new Set(authors.flatMap((a) => (a.authorHandle ? [normaliseHandle(a.authorHandle)] : [])))];
  const byHandle = new Map<string, string>();
  if (handles.length > 0) {
    for (const list of chunks(handles)) {
      const rows = await selectFrom(scope, "identities")
        .select(["value", "contactId"])
        .where("kind", "like", "ext:%")
        .where((eb) => eb(eb.fn("lower", ["value"]), "in", [...list, ...list.map((h) => `@${h}`)]))
        .execute();
      for (const r of rows) byHandle.set(normaliseHandle(r.value), r.contactId);
    }
    const social = await selectFrom(scope, "contacts")
      .select(["id", "socialHandles"])
      .where("socialHandles", "<>", "{}")
      .execute();
    const wanted = new Set(handles);
    for (const c of social) {
      let values: unknown[] = [];
      try {
        values = Object.values(JSON.parse(c.socialHandles) as Record<string, unknown>);
      } catch {
        // a malformed column links nothing
      }
      for (const v of values) {
        if (typeof v !== "string") continue;
        const h = normaliseHandle(v);
        if (wanted.has(h) && !byHandle.has(h)) byHandle.set(h, c.id);
      }
    }
  }

  const names = [
    ...new Set(authors.flatMap((a) => (a.authorName && /\S\s+\S/.test(a.authorName) ? [nameKey(a.authorName)] : []))),
  ];
  const byName = new Map<string, string | null>();
  const fullName = sql<string>`lower(${sql.ref("contacts.firstName")} || ' ' || ${sql.ref("contacts.lastName")})`;
  for (const list of chunks(names)) {
    const rows = await selectFrom(scope, "contacts")
      .select(["id", fullName.as("name")])
      .where(fullName, "in", list)
      .execute();
    for (const r of rows) byName.set(r.name, byName.has(r.name) ? null : r.id);
  }

  return authors.map(
    (a) =>
      (a.authorEmail ? byEmail.get(identityKey("email", a.authorEmail.toLowerCase())) : undefined) ??
      (a.authorHandle ? byHandle.get(normaliseHandle(a.authorHandle)) : undefined) ??
      (a.authorName ? byName.get(nameKey(a.authorName)) : undefined) ??
      null,
  );
}

const nameKey = (name: string) => name.trim().toLowerCase().replace(/\s+/g, " ");

/** What a contact has just been given (created with, or updated to): only these values are looked up. */
export interface AddedAuthorKeys {
  contactId: string;
  email?: string | null;
  socialHandles?: Record<string, unknown>;
  externalIds?: Record<string, unknown>;
}

/**
 * Links a contact's earlier mentions that no contact claimed when they arrived: those whose author email
 * or handle is one the contact has just been given (created with, or updated to). Only the new values
 * are looked up, each through an index (author_email, handle_key), so a contact write never scans the
 * mentions. Linked contacts are queued for rescoring, as at ingest. Returns how many mentions it linked.
 */
export function linkEarlierMentions(
  scope: Scope,
  contactId: string,
  added: Omit<AddedAuthorKeys, "contactId">,
): Promise<number> {
  return linkEarlierMentionsOf(scope, [{ ...added, contactId }]);
}

/**
 * linkEarlierMentions for a batch of contacts (an import chunk, an ingest batch): one indexed lookup per
 * chunk of new emails and one per chunk of new handles, whatever the batch size; an update only where a
 * mention matched, which is rare. Nothing at all when the batch brings no email or handle.
 */
export async function linkEarlierMentionsOf(scope: Scope, batch: AddedAuthorKeys[]): Promise<number> {
  const byEmail = new Map<string, string>();
  const byHandle = new Map<string, string>();
  for (const added of batch) {
    const email = added.email?.trim().toLowerCase();
    if (email && !byEmail.has(email)) byEmail.set(email, added.contactId);
    for (const v of [...Object.values(added.socialHandles ?? {}), ...Object.values(added.externalIds ?? {})]) {
      const handle = typeof v === "string" ? normaliseHandle(v) : "";
      if (handle && !byHandle.has(handle)) byHandle.set(handle, added.contactId);
    }
  }
  if (byEmail.size === 0 && byHandle.size === 0) return 0;
  const mentionsOf = new Map<string, string[]>();
  const taken = new Set<string>();
  const find = async (column: "authorEmail" | "handleKey", owners: Map<string, string>) => {
    for (const list of chunks([...owners.keys()])) {
      const rows = await selectFrom(scope, "mentions")
        .select(["id", column])
        .where("contactId", "is", null)
        .where(column, "in", list)
        .execute();
      for (const row of rows) {
        const contactId = owners.get(row[column] ?? "");
        if (!contactId || taken.has(row.id)) continue;
        taken.add(row.id);
        mentionsOf.set(contactId, [...(mentionsOf.get(contactId) ?? []), row.id]);
      }
    }
  };
  // Email first, as at ingest: a mention whose email matched would have been linked by it.
  await find("authorEmail", byEmail);
  await find("handleKey", byHandle);
  let linked = 0;
  for (const [contactId, ids] of mentionsOf) {
    for (const list of chunks(ids)) {
      const r = await updateTable(scope, "mentions")
        .set({ contactId })
        .where("contactId", "is", null)
        .where("id", "in", list)
        .executeTakeFirst();
      linked += Number(r.numUpdatedRows);
    }
  }
  if (linked > 0) await enqueueJob(scope, CONTACTS_CHANGED, { contactIds: [...mentionsOf.keys()] });
  return linked;
}
