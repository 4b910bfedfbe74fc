import type { CommunitySpacesTable, MemberRole } from "@advo/db";
import { inTransaction } from "@advo/db";
import { sql } from "kysely";
import type { z } from "zod";
import { displayName } from "../contacts/people.ts";
import { toIso } from "../shared/clock.ts";
import { AppError, conflictOn, invalidField, notFound } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { sanitizeRichText } from "../shared/rich-text.ts";
import { deleteFrom, insertInto, type Scope, selectFrom, updateTable, withDb } from "../shared/scope.ts";
import type { Actor } from "../users/index.ts";
import {
  addMembersInput,
  type CreateSpaceInput,
  createSpaceInput,
  type Space,
  type spaceMemberOutput,
  type UpdateSpaceInput,
  updateSpaceInput,
} from "./community.schemas.ts";

/** Spaces with their member and upcoming-event counts. */
export function spaceRows(scope: Scope) {
  const now = scope.clock.now();
  return selectFrom(scope, "communitySpaces")
    .selectAll("communitySpaces")
    .select((eb) => [
      eb
        .selectFrom("communityMembers")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("communityMembers.tenantId", "=", "communitySpaces.tenantId")
        .whereRef("communityMembers.spaceId", "=", "communitySpaces.id")
        .as("members"),
      eb
        .selectFrom("communityEvents")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("communityEvents.tenantId", "=", "communitySpaces.tenantId")
        .whereRef("communityEvents.spaceId", "=", "communitySpaces.id")
        .where("communityEvents.status", "=", "scheduled")
        .where("communityEvents.endsAt", ">", now)
        .as("upcomingEvents"),
    ]);
}

type SpaceRow = CommunitySpacesTable & { members: number | null; upcomingEvents: number | null };

export const toSpace = (r: SpaceRow): Space => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  description: r.description,
  region: r.region,
  visibility: r.visibility,
  status: r.status,
  members: Number(r.members ?? 0),
  upcomingEvents: Number(r.upcomingEvents ?? 0),
  createdAt: toIso(Number(r.createdAt)),
});

export async function requireSpace(scope: Scope, id: string): Promise<CommunitySpacesTable> {
  const row = await selectFrom(scope, "communitySpaces").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("space", id);
  return row;
}

export async function getSpace(scope: Scope, id: string): Promise<Space> {
  const row = await spaceRows(scope).where("communitySpaces.id", "=", id).executeTakeFirst();
  if (!row) throw notFound("space", id);
  return toSpace(row);
}

export async function listSpaces(scope: Scope, options: { includeArchived?: boolean } = {}): Promise<Space[]> {
  let rows = spaceRows(scope).orderBy("communitySpaces.name").orderBy("communitySpaces.id");
  if (!options.includeArchived) rows = rows.where("communitySpaces.status", "=", "active");
  return (await rows.execute()).map(toSpace);
}

export async function createSpace(scope: Scope, input: CreateSpaceInput): Promise<Space> {
  const s = createSpaceInput.parse(input);
  const now = scope.clock.now();
  const id = newId("spc");
  await insertInto(scope, "communitySpaces", {
    id,
    name: s.name,
    kind: s.kind,
    description: sanitizeRichText(s.description),
    region: s.region ?? null,
    visibility: s.visibility,
    status: "active",
    createdAt: now,
    updatedAt: now,
  }).execute();
  return getSpace(scope, id);
}

export async function updateSpace(scope: Scope, id: string, input: UpdateSpaceInput): Promise<Space> {
  const s = updateSpaceInput.parse(input);
  await requireSpace(scope, id);
  const patch: Partial<CommunitySpacesTable> = { updatedAt: scope.clock.now() };
  if (s.name !== undefined) patch.name = s.name;
  if (s.kind !== undefined) patch.kind = s.kind;
  if (s.description !== undefined) patch.description = sanitizeRichText(s.description);
  if (s.region !== undefined) patch.region = s.region;
  if (s.visibility !== undefined) patch.visibility = s.visibility;
  if (s.status !== undefined) patch.status = s.status;
  await updateTable(scope, "communitySpaces").set(patch).where("id", "=", id).execute();
  return getSpace(scope, id);
}

/** A space's members with how many of its events each attended. */
export async function spaceMembers(scope: Scope, spaceId: string): Promise<z.infer<typeof spaceMemberOutput>[]> {
  await requireSpace(scope, spaceId);
  const rows = await selectFrom(scope, "communityMembers")
    .innerJoin("contacts", (j) =>
      j
        .onRef("contacts.tenantId", "=", "communityMembers.tenantId")
        .onRef("contacts.id", "=", "communityMembers.contactId"),
    )
    .leftJoin("accounts", (j) =>
      j.onRef("accounts.tenantId", "=", "contacts.tenantId").onRef("accounts.id", "=", "contacts.accountId"),
    )
    .select((eb) => [
      "communityMembers.contactId",
      "communityMembers.role",
      "communityMembers.joinedAt",
      "contacts.firstName",
      "contacts.lastName",
      "contacts.email",
      "accounts.name as company",
      eb
        .selectFrom("communityRegistrations")
        .innerJoin("communityEvents", (j) =>
          j
            .onRef("communityEvents.tenantId", "=", "communityRegistrations.tenantId")
            .onRef("communityEvents.id", "=", "communityRegistrations.eventId"),
        )
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("communityRegistrations.tenantId", "=", "communityMembers.tenantId")
        .whereRef("communityRegistrations.contactId", "=", "communityMembers.contactId")
        .whereRef("communityEvents.spaceId", "=", "communityMembers.spaceId")
        .where("communityRegistrations.status", "=", "attended")
        .as("eventsAttended"),
    ])
    .where("communityMembers.spaceId", "=", spaceId)
    .orderBy(sql`case when community_members.role = 'leader' then 0 else 1 end`)
    .orderBy("communityMembers.joinedAt")
    .execute();
  return rows.map((r) => ({
    contactId: r.contactId,
    name: displayName(r.firstName, r.lastName, r.email),
    email: r.email,
    company: r.company,
    role: r.role,
    joinedAt: toIso(Number(r.joinedAt)),
    eventsAttended: Number(r.eventsAttended ?? 0),
  }));
}

/** Existing, not erased contacts among `ids`; names the first that is not one. */
export async function requireLiveContacts(scope: Scope, field: string, ids: readonly string[]) {
  const unique = [...new Set(ids)];
  const found = new Set<string>();
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await selectFrom(scope, "contacts")
      .select("id")
      .where("id", "in", unique.slice(i, i + 500))
      .where("erasedAt", "is", null)
      .execute();
    for (const r of rows) found.add(r.id);
  }
  const missing = unique.find((id) => !found.has(id));
  if (missing !== undefined) throw invalidField(field, `contact "${missing}" was not found`);
  return unique;
}

/**
 * Adds contacts to a space (a manager's doing: invite-only spaces too). Someone already in it keeps
 * their membership; a leader named again as a member stays a leader only if `role` says so.
 */
export async function addMembers(
  scope: Scope,
  spaceId: string,
  input: z.input<typeof addMembersInput>,
  actor: Actor,
): Promise<{ added: number; alreadyMembers: number }> {
  const { contactIds, role } = addMembersInput.parse(input);
  const space = await requireSpace(scope, spaceId);
  if (space.status === "archived") throw conflictOn("spaceId", `"${space.name}" is archived`);
  const ids = await requireLiveContacts(scope, "contactIds", contactIds);
  return inTransaction(scope.db, async (trx) => {
    const s = withDb(scope, trx);
    const existing = new Map(
      (
        await selectFrom(s, "communityMembers")
          .select(["contactId", "role"])
          .where("spaceId", "=", spaceId)
          .where("contactId", "in", ids)
          .execute()
      ).map((r) => [r.contactId, r.role]),
    );
    const now = scope.clock.now();
    const fresh = ids.filter((id) => !existing.has(id));
    if (fresh.length > 0)
      await insertInto(
        s,
        "communityMembers",
        fresh.map((contactId) => ({ spaceId, contactId, role, joinedAt: now, addedBy: actor.id })),
      ).execute();
    const promote = ids.filter((id) => existing.has(id) && existing.get(id) !== role);
    if (promote.length > 0)
      await updateTable(s, "communityMembers")
        .set({ role })
        .where("spaceId", "=", spaceId)
        .where("contactId", "in", promote)
        .execute();
    return { added: fresh.length, alreadyMembers: ids.length - fresh.length };
  });
}

export async function removeMember(scope: Scope, spaceId: string, contactId: string): Promise<void> {
  await requireSpace(scope, spaceId);
  const removed = await deleteFrom(scope, "communityMembers")
    .where("spaceId", "=", spaceId)
    .where("contactId", "=", contactId)
    .executeTakeFirst();
  if (Number(removed.numDeletedRows) === 0) throw notFound("member", contactId);
}

/** An advocate joins an open space from the hub, or leaves any space. */
export async function setOwnMembership(
  scope: Scope,
  contactId: string,
  spaceId: string,
  member: boolean,
): Promise<{ member: boolean; role: MemberRole | null }> {
  const space = await requireSpace(scope, spaceId);
  const current = await selectFrom(scope, "communityMembers")
    .select("role")
    .where("spaceId", "=", spaceId)
    .where("contactId", "=", contactId)
    .executeTakeFirst();
  if (!member) {
    if (current)
      await deleteFrom(scope, "communityMembers")
        .where("spaceId", "=", spaceId)
        .where("contactId", "=", contactId)
        .execute();
    return { member: false, role: null };
  }
  if (current) return { member: true, role: current.role };
  if (space.status === "archived" || space.visibility !== "open")
    throw new AppError("forbidden", `"${space.name}" is by invitation: its organisers add members`);
  await insertInto(scope, "communityMembers", {
    spaceId,
    contactId,
    role: "member",
    joinedAt: scope.clock.now(),
    addedBy: "advocate",
  }).execute();
  return { member: true, role: "member" };
}
