import type { MemberState, ProgramMembersTable, ProgramsTable } from "@advo/db";
import { insertInto, type Scope, selectFrom, updateTable } from "../shared/scope.ts";

export const findProgram = (scope: Scope, id: string) =>
  selectFrom(scope, "programs").selectAll().where("id", "=", id).executeTakeFirst();

export function listProgramRows(scope: Scope, filter: { type?: string | undefined; status?: string | undefined }) {
  let q = selectFrom(scope, "programs").selectAll().orderBy("createdAt", "desc");
  if (filter.type) q = q.where("type", "=", filter.type as ProgramsTable["type"]);
  if (filter.status) q = q.where("status", "=", filter.status as ProgramsTable["status"]);
  return q.execute();
}

export const insertProgram = (scope: Scope, row: Omit<ProgramsTable, "tenantId">) =>
  insertInto(scope, "programs", row).execute();

export const patchProgram = (scope: Scope, id: string, patch: Partial<Omit<ProgramsTable, "tenantId" | "id">>) =>
  updateTable(scope, "programs").set(patch).where("id", "=", id).execute();

export async function memberCounts(scope: Scope, programIds: string[]) {
  if (programIds.length === 0) return [];
  return selectFrom(scope, "programMembers")
    .select(["programId", "state", (eb) => eb.fn.countAll<number>().as("n")])
    .where("programId", "in", programIds)
    .groupBy(["programId", "state"])
    .execute();
}

export const findMember = (scope: Scope, programId: string, contactId: string) =>
  selectFrom(scope, "programMembers")
    .selectAll()
    .where("programId", "=", programId)
    .where("contactId", "=", contactId)
    .executeTakeFirst();

export async function insertMembers(scope: Scope, rows: Omit<ProgramMembersTable, "tenantId">[]) {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += 500) {
    const result = await insertInto(scope, "programMembers", rows.slice(i, i + 500))
      .onConflict((oc) => oc.columns(["tenantId", "programId", "contactId"]).doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

export const patchMember = (
  scope: Scope,
  programId: string,
  contactId: string,
  patch: Partial<Omit<ProgramMembersTable, "tenantId" | "programId" | "contactId">>,
) =>
  updateTable(scope, "programMembers")
    .set(patch)
    .where("programId", "=", programId)
    .where("contactId", "=", contactId)
    .execute();

/** Members of a program with their contact's name and email. */
export function memberRows(scope: Scope, programId: string) {
  return selectFrom(scope, "programMembers")
    .leftJoin("contacts as c", (join) =>
      join.onRef("c.tenantId", "=", "programMembers.tenantId").onRef("c.id", "=", "programMembers.contactId"),
    )
    .select([
      "programMembers.programId",
      "programMembers.contactId",
      "programMembers.state",
      "programMembers.invitedAt",
      "programMembers.joinedAt",
      "programMembers.lastActiveAt",
      "programMembers.declinedReason",
      "c.firstName",
      "c.lastName",
      "c.email",
    ])
    .where("programMembers.programId", "=", programId);
}

export function listMemberRows(
  scope: Scope,
  programId: string,
  q: { state?: MemberState | undefined; limit: number; offset: number },
) {
  let query = memberRows(scope, programId)
    .orderBy("programMembers.updatedAt", "desc")
    .orderBy("programMembers.contactId")
    .limit(q.limit)
    .offset(q.offset);
  if (q.state) query = query.where("programMembers.state", "=", q.state);
  return query.execute();
}

export const existingContactIds = async (scope: Scope, ids: string[]) => {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await selectFrom(scope, "contacts")
      .select("id")
      .where("id", "in", ids.slice(i, i + 500))
      .execute();
    for (const r of rows) found.add(r.id);
  }
  return found;
};

const stageOrder = ["identified", "invited", "onboarded", "active", "champion"];

/** Moves contacts forward through the lifecycle (never back; "lapsed" contacts come back when active again). */
export async function advanceLifecycle(
  scope: Scope,
  contactIds: string[],
  stage: "invited" | "onboarded" | "active" | "champion",
) {
  const earlier = [...stageOrder.slice(0, stageOrder.indexOf(stage)), "lapsed"];
  for (let i = 0; i < contactIds.length; i += 500) {
    await updateTable(scope, "contacts")
      .set({ lifecycleStage: stage, updatedAt: scope.clock.now() })
      .where("id", "in", contactIds.slice(i, i + 500))
      .where("lifecycleStage", "in", earlier)
      .execute();
  }
}
