import type { MemberState, ProgramMembersTable, ProgramsTable } from "@advo/db";
import { checkAsksAllowed, recordAsk } from "../asks/index.ts";
import { netAwardsByProgram } from "../ledger/index.ts";
import { segmentMemberIds } from "../segments/index.ts";
import { toIso, toIsoOrNull } from "../shared/clock.ts";
import { AppError, invalidField, notFound } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { parseJsonObject, toJson } from "../shared/json.ts";
import { sanitizeRichText } from "../shared/rich-text.ts";
import { type Scope, selectFrom } from "../shared/scope.ts";
import { goalActuals } from "./goals.ts";
import {
  advanceLifecycle,
  existingContactIds,
  findMember,
  findProgram,
  insertMembers,
  insertProgram,
  listMemberRows,
  listProgramRows,
  memberCounts,
  memberRows,
  patchMember,
  patchProgram,
} from "./program.queries.ts";
import {
  type CreateProgramInput,
  createProgramInput,
  type Member,
  memberStates,
  type Program,
  programGoal,
  type UpdateProgramInput,
  updateProgramInput,
} from "./program.schemas.ts";

type Goal = ReturnType<typeof programGoal.parse>;

async function toPrograms(scope: Scope, rows: ProgramsTable[]): Promise<Program[]> {
  const ids = rows.map((r) => r.id);
  const [counts, awarded] = await Promise.all([memberCounts(scope, ids), netAwardsByProgram(scope, ids)]);
  const result: Program[] = [];
  for (const r of rows) {
    const members = Object.fromEntries(memberStates.map((s) => [s, 0])) as Record<MemberState, number>;
    for (const c of counts) if (c.programId === r.id) members[c.state] = Number(c.n);
    const goals = JSON.parse(r.goals || "[]") as Goal[];
    const actuals = await goalActuals(scope, r.id, goals);
    result.push({
      id: r.id,
      name: r.name,
      type: r.type,
      description: r.description,
      status: r.status,
      ownerUserId: r.ownerUserId,
      goals: goals.map((g, i) => ({ ...g, actual: actuals[i] ?? 0, progress: (actuals[i] ?? 0) / g.target })),
      budgetPoints: r.budgetPoints === null ? null : Number(r.budgetPoints),
      pointsAwarded: awarded.get(r.id) ?? 0,
      eligibilitySegmentId: r.eligibilitySegmentId,
      landingUrl: r.landingUrl,
      settings: parseJsonObject(r.settings),
      members,
      createdAt: toIso(Number(r.createdAt)),
      updatedAt: toIso(Number(r.updatedAt)),
    });
  }
  return result;
}

async function assertRefs(scope: Scope, input: { ownerUserId?: string | null; eligibilitySegmentId?: string | null }) {
  if (input.ownerUserId) {
    const user = await selectFrom(scope, "users").select("id").where("id", "=", input.ownerUserId).executeTakeFirst();
    if (!user) throw invalidField("ownerUserId", `no user "${input.ownerUserId}" in this workspace`);
  }
  if (input.eligibilitySegmentId) {
    const seg = await selectFrom(scope, "segments")
      .select("id")
      .where("id", "=", input.eligibilitySegmentId)
      .executeTakeFirst();
    if (!seg)
      throw invalidField("eligibilitySegmentId", `no segment "${input.eligibilitySegmentId}" in this workspace`);
  }
}

export async function createProgram(scope: Scope, input: CreateProgramInput): Promise<Program> {
  const p = createProgramInput.parse(input);
  await assertRefs(scope, p);
  const now = scope.clock.now();
  const row = {
    id: newId("prg"),
    name: p.name,
    type: p.type,
    description: sanitizeRichText(p.description),
    status: p.status,
    ownerUserId: p.ownerUserId ?? null,
    goals: JSON.stringify(p.goals),
    budgetPoints: p.budgetPoints ?? null,
    eligibilitySegmentId: p.eligibilitySegmentId ?? null,
    landingUrl: p.landingUrl ?? null,
    settings: toJson(p.settings),
    createdAt: now,
    updatedAt: now,
  };
  await insertProgram(scope, row);
  return getProgram(scope, row.id);
}

export async function requireProgram(scope: Scope, id: string): Promise<ProgramsTable> {
  const row = await findProgram(scope, id);
  if (!row) throw notFound("program", id);
  return row;
}

export async function getProgram(scope: Scope, id: string): Promise<Program> {
  const [program] = await toPrograms(scope, [await requireProgram(scope, id)]);
  return program as Program;
}

export async function listPrograms(scope: Scope, filter: { type?: string; status?: string } = {}): Promise<Program[]> {
  return toPrograms(scope, await listProgramRows(scope, filter));
}

export async function updateProgram(scope: Scope, id: string, input: UpdateProgramInput): Promise<Program> {
  const p = updateProgramInput.parse(input);
  const existing = await requireProgram(scope, id);
  await assertRefs(scope, p);
  if (p.type && p.type !== existing.type)
    throw invalidField("type", "a program's type cannot change; create a new program");
  await patchProgram(scope, id, {
    ...(p.name !== undefined && { name: p.name }),
    ...(p.description !== undefined && { description: sanitizeRichText(p.description) }),
    ...(p.status !== undefined && { status: p.status }),
    ...(p.ownerUserId !== undefined && { ownerUserId: p.ownerUserId }),
    ...(p.goals !== undefined && { goals: JSON.stringify(p.goals.map((g) => programGoal.parse(g))) }),
    ...(p.budgetPoints !== undefined && { budgetPoints: p.budgetPoints }),
    ...(p.eligibilitySegmentId !== undefined && { eligibilitySegmentId: p.eligibilitySegmentId }),
    ...(p.landingUrl !== undefined && { landingUrl: p.landingUrl }),
    ...(p.settings !== undefined && { settings: toJson(p.settings) }),
    updatedAt: scope.clock.now(),
  });
  return getProgram(scope, id);
}

/**
 * Invites contacts (listed, or the eligibility segment's members); members already in any state are
 * left as they are. An invitation is an ask: contacts the workspace's fatigue limits protect right
 * now are skipped with the reason, unless the manager overrides it.
 */
export async function inviteMembers(
  scope: Scope,
  programId: string,
  input: {
    contactIds?: string[] | undefined;
    fromEligibilitySegment?: boolean | undefined;
    ignoreFatigue?: boolean | undefined;
  },
): Promise<{ invited: number; alreadyMembers: number; skipped: { contactId: string; reasons: string[] }[] }> {
  const program = await requireProgram(scope, programId);
  if (program.status === "archived") throw new AppError("conflict", "the program is archived");
  let ids = [...new Set(input.contactIds ?? [])];
  const found = await existingContactIds(scope, ids);
  const missing = ids.find((id) => !found.has(id));
  if (missing) throw invalidField("contactIds", `no contact "${missing}" in this workspace`);
  if (input.fromEligibilitySegment) {
    if (!program.eligibilitySegmentId)
      throw invalidField("fromEligibilitySegment", "the program has no eligibility segment");
    ids = [...new Set([...ids, ...(await segmentMemberIds(scope, program.eligibilitySegmentId))])];
  }
  const existing = new Set(
    (await selectFrom(scope, "programMembers").select("contactId").where("programId", "=", programId).execute()).map(
      (m) => m.contactId,
    ),
  );
  const newcomers = ids.filter((id) => !existing.has(id));
  const skipped: { contactId: string; reasons: string[] }[] = [];
  let toInvite = newcomers;
  if (!input.ignoreFatigue && newcomers.length > 0) {
    const checks = await checkAsksAllowed(scope, newcomers, "program");
    toInvite = newcomers.filter((id) => {
      const check = checks.get(id);
      if (!check || check.allowed) return true;
      skipped.push({ contactId: id, reasons: check.reasons.map((r) => r.message) });
      return false;
    });
  }
  const now = scope.clock.now();
  const invited = await insertMembers(
    scope,
    toInvite.map((contactId) => ({
      programId,
      contactId,
      state: "invited" as const,
      invitedAt: now,
      joinedAt: null,
      lastActiveAt: null,
      declinedReason: null,
      updatedAt: now,
    })),
  );
  for (const contactId of toInvite) {
    await recordAsk(scope, { contactId, kind: "program", sourceType: "program_invite", sourceId: programId });
  }
  await advanceLifecycle(scope, toInvite, "invited");
  return { invited, alreadyMembers: ids.length - newcomers.length, skipped };
}

const transitions: Record<MemberState, readonly MemberState[]> = {
  invited: ["joined", "declined"],
  joined: ["active", "lapsed", "declined"],
  active: ["lapsed"],
  lapsed: ["active", "joined"],
  declined: ["joined"],
};

async function isEligible(scope: Scope, program: ProgramsTable, contactId: string) {
  if (!program.eligibilitySegmentId) return false;
  const row = await selectFrom(scope, "segmentMembers")
    .select("contactId")
    .where("segmentId", "=", program.eligibilitySegmentId)
    .where("contactId", "=", contactId)
    .executeTakeFirst();
  return Boolean(row);
}

/**
 * Moves a member along invited → joined → active → lapsed (or declined). A contact who was never
 * invited may join only when the program's eligibility segment holds them.
 */
export async function setMemberState(
  scope: Scope,
  programId: string,
  contactId: string,
  next: "joined" | "declined" | "lapsed" | "active",
  reason?: string,
): Promise<Member> {
  const program = await requireProgram(scope, programId);
  const now = scope.clock.now();
  const member = await findMember(scope, programId, contactId);
  if (!member) {
    if (next !== "joined") throw notFound("program member", contactId);
    if (program.status !== "active")
      throw new AppError("conflict", `the program is ${program.status}; it cannot be joined`);
    if (!(await isEligible(scope, program, contactId))) {
      throw new AppError(
        "forbidden",
        "this program is by invitation, and the contact is not in its eligibility segment",
      );
    }
    await insertMembers(scope, [
      {
        programId,
        contactId,
        state: "joined",
        invitedAt: null,
        joinedAt: now,
        lastActiveAt: null,
        declinedReason: null,
        updatedAt: now,
      },
    ]);
  } else {
    if (member.state === next) return getMember(scope, programId, contactId);
    if (!transitions[member.state].includes(next)) {
      throw invalidField("state", `a ${member.state} member cannot become ${next}`);
    }
    const patch: Partial<ProgramMembersTable> = { state: next, updatedAt: now };
    if (next === "joined") patch.joinedAt = now;
    if (next === "active") patch.lastActiveAt = now;
    if (next === "declined") patch.declinedReason = reason ?? null;
    await patchMember(scope, programId, contactId, patch);
  }
  if (next === "joined") await advanceLifecycle(scope, [contactId], "onboarded");
  if (next === "active") await advanceLifecycle(scope, [contactId], "active");
  return getMember(scope, programId, contactId);
}

/** A member did something in the program (an approved submission): active, and the contact too. */
export async function recordMemberActivity(scope: Scope, programId: string, contactId: string) {
  const now = scope.clock.now();
  const member = await findMember(scope, programId, contactId);
  if (!member) {
    await insertMembers(scope, [
      {
        programId,
        contactId,
        state: "active",
        invitedAt: null,
        joinedAt: now,
        lastActiveAt: now,
        declinedReason: null,
        updatedAt: now,
      },
    ]);
  } else {
    await patchMember(scope, programId, contactId, { state: "active", lastActiveAt: now, updatedAt: now });
  }
  await advanceLifecycle(scope, [contactId], "active");
}

const toMember = (r: Awaited<ReturnType<typeof listMemberRows>>[number]): Member => ({
  programId: r.programId,
  contactId: r.contactId,
  name: [r.firstName, r.lastName].filter(Boolean).join(" ") || null,
  email: r.email,
  state: r.state,
  invitedAt: toIsoOrNull(r.invitedAt === null ? null : Number(r.invitedAt)),
  joinedAt: toIsoOrNull(r.joinedAt === null ? null : Number(r.joinedAt)),
  lastActiveAt: toIsoOrNull(r.lastActiveAt === null ? null : Number(r.lastActiveAt)),
  declinedReason: r.declinedReason,
});

export async function getMember(scope: Scope, programId: string, contactId: string): Promise<Member> {
  const row = await memberRows(scope, programId).where("programMembers.contactId", "=", contactId).executeTakeFirst();
  if (!row) throw notFound("program member", contactId);
  return toMember(row);
}

export async function listMembers(
  scope: Scope,
  programId: string,
  q: { state?: MemberState | undefined; limit: number; offset: number },
): Promise<Member[]> {
  await requireProgram(scope, programId);
  return (await listMemberRows(scope, programId, q)).map(toMember);
}

const LAPSE_AFTER_MS = 90 * 86_400_000;

/** Active members with no activity for 90 days lapse (a daily job). */
export async function lapseInactiveMembers(scope: Scope): Promise<number> {
  const cutoff = scope.clock.now() - LAPSE_AFTER_MS;
  const rows = await selectFrom(scope, "programMembers")
    .select(["programId", "contactId"])
    .where("state", "=", "active")
    .where("lastActiveAt", "<", cutoff)
    .execute();
  for (const r of rows)
    await patchMember(scope, r.programId, r.contactId, { state: "lapsed", updatedAt: scope.clock.now() });
  return rows.length;
}
