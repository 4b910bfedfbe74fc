import type { JourneysTable } from "@advo/db";
import { inTransaction } from "@advo/db";
import { requireEvent } from "../community/index.ts";
import { getProgram } from "../programs/index.ts";
import { filterOf, getSegment, segmentBase, segmentMemberIds } from "../segments/index.ts";
import { toIso, toIsoOrNull } from "../shared/clock.ts";
import { AppError, invalidField, notFound } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { toJson } from "../shared/json.ts";
import { type Scope, selectFrom, updateTable, withDb } from "../shared/scope.ts";
import { enrollContacts, latestChangeId } from "./enrollment.ts";
import {
  activateJourneyInput,
  type CreateJourneyInput,
  createJourneyInput,
  type Enrollment,
  emailPlaceholders,
  enrollmentListQuery,
  isSegmentTrigger,
  type Journey,
  type JourneyAction,
  type JourneyStep,
  type JourneyTrigger,
  PLACEHOLDER,
  stepsOf,
  triggerOf,
  type UpdateJourneyInput,
  updateJourneyInput,
} from "./journey.schemas.ts";

type Counts = Journey["enrollments"];

const sameSegment = (a: JourneyTrigger, b: JourneyTrigger) =>
  isSegmentTrigger(a) && isSegmentTrigger(b) && a.segmentId === b.segmentId;
const noEnrollments = (): Counts => ({ active: 0, completed: 0, exited: 0 });

const toJourney = (r: JourneysTable, enrollments: Counts, goalReached: number | null): Journey => ({
  id: r.id,
  name: r.name,
  description: r.description,
  status: r.status,
  trigger: triggerOf(r),
  condition: r.condition,
  goal: r.goal,
  goalReached,
  steps: stepsOf(r),
  allowReentry: r.allowReentry === 1,
  enrollments,
  createdAt: toIso(r.createdAt),
  updatedAt: toIso(r.updatedAt),
  activatedAt: toIsoOrNull(r.activatedAt),
});

/** What a journey refers to must exist, and what it says must make sense, before it is stored. */
const isNotFound = (error: unknown) => error instanceof AppError && error.code === "not_found";

async function checkReferences(
  scope: Scope,
  input: {
    trigger?: Journey["trigger"] | undefined;
    condition?: string | null | undefined;
    goal?: string | null | undefined;
    steps?: JourneyStep[] | undefined;
  },
) {
  const segmentId = input.trigger && isSegmentTrigger(input.trigger) ? input.trigger.segmentId : undefined;
  if (segmentId) {
    await getSegment(scope, segmentId).catch((error) => {
      if (!isNotFound(error)) throw error;
      throw invalidField("trigger.segmentId", `no segment "${segmentId}" in this workspace`);
    });
  }
  checkExpression(scope, "condition", input.condition);
  checkExpression(scope, "goal", input.goal);
  for (const [i, step] of (input.steps ?? []).entries()) {
    if (step.type !== "wait") checkExpression(scope, `steps.${i}.onlyIf`, step.onlyIf);
    if (step.type === "invite_to_program") {
      await getProgram(scope, step.programId).catch((error) => {
        if (!isNotFound(error)) throw error;
        throw invalidField(`steps.${i}.programId`, `no program "${step.programId}" in this workspace`);
      });
    }
    if (step.type === "invite_to_event") {
      await requireEvent(scope, step.eventId).catch((error) => {
        if (!isNotFound(error)) throw error;
        throw invalidField(`steps.${i}.eventId`, `no event "${step.eventId}" in this workspace`);
      });
    }
    if (step.type === "send_email") checkPlaceholders(step, `steps.${i}.`);
  }
}

/** Every {{placeholder}} of an email must be one a journey can fill; refused naming the field. */
export function checkPlaceholders(email: { subject: string; body: string }, pathPrefix = "") {
  for (const field of ["subject", "body"] as const) {
    for (const [, name] of email[field].matchAll(PLACEHOLDER)) {
      if (!(emailPlaceholders as readonly string[]).includes(name ?? ""))
        throw invalidField(
          `${pathPrefix}${field}`,
          `unknown placeholder {{${name}}}; use ${emailPlaceholders.map((p) => `{{${p}}}`).join(", ")}`,
        );
    }
  }
}

/** A segment expression a journey holds, refused naming its field and the position of the fault. */
function checkExpression(scope: Scope, path: string, expression: string | null | undefined) {
  if (!expression) return;
  try {
    filterOf(scope, expression);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const message = error.errors[0]?.message ?? error.message;
    throw new AppError("invalid", `${path}: ${message}`, [{ path, message }]);
  }
}

async function requireJourney(scope: Scope, id: string): Promise<JourneysTable> {
  const row = await selectFrom(scope, "journeys").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("journey", id);
  return row;
}

async function enrollmentCounts(scope: Scope, journeyIds: string[]): Promise<Map<string, Counts>> {
  const counts = new Map<string, Counts>();
  if (journeyIds.length === 0) return counts;
  const rows = await selectFrom(scope, "journeyEnrollments")
    .select(["journeyId", "status", (eb) => eb.fn.countAll().as("n")])
    .where("journeyId", "in", journeyIds)
    .groupBy(["journeyId", "status"])
    .execute();
  for (const r of rows) {
    const c = counts.get(r.journeyId) ?? noEnrollments();
    c[r.status] = Number(r.n);
    counts.set(r.journeyId, c);
  }
  return counts;
}

/** How many who entered the journey (whatever became of them) match its goal now. */
async function goalReached(scope: Scope, journey: JourneysTable): Promise<number | null> {
  if (!journey.goal) return null;
  const row = await segmentBase(scope)
    .select((eb) => eb.fn.countAll().as("n"))
    .where("contacts.id", "in", (eb) =>
      eb
        .selectFrom("journeyEnrollments")
        .select("journeyEnrollments.contactId")
        .where("journeyEnrollments.tenantId", "=", scope.tenantId)
        .where("journeyEnrollments.journeyId", "=", journey.id),
    )
    .where("contacts.erasedAt", "is", null)
    .where(filterOf(scope, journey.goal))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function getJourney(scope: Scope, id: string): Promise<Journey> {
  const row = await requireJourney(scope, id);
  return toJourney(
    row,
    (await enrollmentCounts(scope, [id])).get(id) ?? noEnrollments(),
    await goalReached(scope, row),
  );
}

export async function listJourneys(scope: Scope, filter: { status?: string | undefined } = {}): Promise<Journey[]> {
  let query = selectFrom(scope, "journeys").selectAll().orderBy("createdAt", "desc");
  query = filter.status
    ? query.where("status", "=", filter.status as JourneysTable["status"])
    : query.where("status", "<>", "archived");
  const rows = await query.execute();
  const counts = await enrollmentCounts(
    scope,
    rows.map((r) => r.id),
  );
  const reached = await Promise.all(rows.map((r) => goalReached(scope, r)));
  return rows.map((r, i) => toJourney(r, counts.get(r.id) ?? noEnrollments(), reached[i] ?? null));
}

/** A new journey starts as a draft: nothing runs until it is activated. */
export async function createJourney(scope: Scope, input: CreateJourneyInput): Promise<Journey> {
  const data = createJourneyInput.parse(input);
  await checkReferences(scope, data);
  const now = scope.clock.now();
  const id = newId("jny");
  await scope.db
    .insertInto("journeys")
    .values({
      tenantId: scope.tenantId,
      id,
      name: data.name,
      description: data.description ?? null,
      status: "draft",
      trigger: toJson(data.trigger),
      condition: data.condition ?? null,
      goal: data.goal ?? null,
      steps: toJson(data.steps),
      allowReentry: data.allowReentry ? 1 : 0,
      cursor: null,
      listeningFrom: null,
      createdAt: now,
      updatedAt: now,
      activatedAt: null,
    })
    .execute();
  return getJourney(scope, id);
}

/**
 * Changes a draft or paused journey. An active one must be paused first: its contacts are somewhere
 * in its steps, and changing the steps under them would skip or repeat some.
 */
export async function updateJourney(scope: Scope, id: string, input: UpdateJourneyInput): Promise<Journey> {
  const data = updateJourneyInput.parse(input);
  const row = await requireJourney(scope, id);
  if (row.status === "active") throw new AppError("conflict", "the journey is active: pause it before changing it");
  if (row.status === "archived") throw new AppError("conflict", "the journey is archived");
  await checkReferences(scope, data);
  const steps = data.steps ?? stepsOf(row);
  const trigger = data.trigger ?? triggerOf(row);
  await updateTable(scope, "journeys")
    .set({
      name: data.name ?? row.name,
      description: data.description === undefined ? row.description : data.description,
      trigger: toJson(trigger),
      // A new trigger has its own history: a resume that catches up starts from the change, not before.
      listeningFrom:
        toJson(trigger) === row.trigger || row.listeningFrom === null ? row.listeningFrom : scope.clock.now(),
      // A new trigger segment has its own history: start from its present.
      cursor: !isSegmentTrigger(trigger)
        ? null
        : sameSegment(trigger, triggerOf(row))
          ? row.cursor
          : await latestChangeId(scope, trigger.segmentId),
      condition: data.condition === undefined ? row.condition : data.condition,
      goal: data.goal === undefined ? row.goal : data.goal,
      steps: toJson(steps),
      allowReentry: data.allowReentry === undefined ? row.allowReentry : data.allowReentry ? 1 : 0,
      updatedAt: scope.clock.now(),
    })
    .where("id", "=", id)
    .execute();
  // Contacts waiting on a step the new list no longer has finish at its end.
  await updateTable(scope, "journeyEnrollments")
    .set({ step: steps.length })
    .where("journeyId", "=", id)
    .where("status", "=", "active")
    .where("step", ">", steps.length)
    .execute();
  return getJourney(scope, id);
}

/**
 * Starts (or resumes) a journey. It reacts to trigger changes from now on: who joined the segment
 * while it was a draft or paused is not enrolled afterwards, unless `enrollCurrentMembers` asks for
 * everyone in the segment now, or `enrollWhilePaused` for the changes a paused journey missed (its
 * cursor stays where the pause left it). Contacts already mid-journey carry on where they were.
 */
export async function activateJourney(scope: Scope, id: string, input: unknown = {}): Promise<Journey> {
  const { enrollCurrentMembers, enrollWhilePaused } = activateJourneyInput.parse(input ?? {});
  const row = await requireJourney(scope, id);
  if (row.status === "archived") throw new AppError("conflict", "the journey is archived");
  const trigger = triggerOf(row);
  if (enrollCurrentMembers && trigger.type !== "segment_joined")
    throw invalidField("enrollCurrentMembers", "only a journey triggered by joining a segment can enroll its members");
  if (enrollWhilePaused && row.status !== "paused")
    throw invalidField("enrollWhilePaused", `the journey is ${row.status}, not paused: it missed no changes`);
  const now = scope.clock.now();
  await inTransaction(scope.db, async (trx) => {
    const t = withDb(scope, trx);
    // Already running: its cursor stays (moving it would skip changes still settling).
    if (row.status !== "active")
      await updateTable(t, "journeys")
        .set({
          status: "active",
          cursor: !isSegmentTrigger(trigger)
            ? null
            : enrollWhilePaused
              ? row.cursor
              : await latestChangeId(t, trigger.segmentId),
          // A signal trigger hears what arrives from now on (or, resuming, since it last listened).
          listeningFrom: enrollWhilePaused && row.listeningFrom !== null ? row.listeningFrom : now,
          activatedAt: row.activatedAt ?? now,
          updatedAt: now,
        })
        .where("id", "=", id)
        .execute();
    if (enrollCurrentMembers && trigger.type === "segment_joined") {
      const members = await segmentMemberIds(t, trigger.segmentId);
      for (let i = 0; i < members.length; i += 500) await enrollContacts(t, row, members.slice(i, i + 500));
    }
  });
  return getJourney(scope, id);
}

/** Stops running steps; enrollments wait where they are until the journey is activated again. */
export async function pauseJourney(scope: Scope, id: string): Promise<Journey> {
  const row = await requireJourney(scope, id);
  if (row.status !== "active") throw new AppError("conflict", `the journey is ${row.status}, not active`);
  await updateTable(scope, "journeys")
    .set({ status: "paused", updatedAt: scope.clock.now() })
    .where("id", "=", id)
    .execute();
  return getJourney(scope, id);
}

/** Ends a journey for good: contacts in it exit, its history stays. */
export async function archiveJourney(scope: Scope, id: string): Promise<Journey> {
  await requireJourney(scope, id);
  const now = scope.clock.now();
  await inTransaction(scope.db, async (trx) => {
    const t = withDb(scope, trx);
    await updateTable(t, "journeys").set({ status: "archived", updatedAt: now }).where("id", "=", id).execute();
    await updateTable(t, "journeyEnrollments")
      .set({ status: "exited", nextRunAt: null, finishedAt: now, exitReason: "the journey was archived" })
      .where("journeyId", "=", id)
      .where("status", "=", "active")
      .execute();
  });
  return getJourney(scope, id);
}

export async function listEnrollments(scope: Scope, journeyId: string, query: unknown = {}): Promise<Enrollment[]> {
  const { status, limit } = enrollmentListQuery.parse(query ?? {});
  await requireJourney(scope, journeyId);
  let q = selectFrom(scope, "journeyEnrollments")
    .selectAll()
    .where("journeyId", "=", journeyId)
    .orderBy("id", "desc")
    .limit(limit);
  if (status) q = q.where("status", "=", status);
  return (await q.execute()).map((r) => ({
    id: r.id,
    contactId: r.contactId,
    status: r.status,
    step: r.step,
    nextRunAt: toIsoOrNull(r.nextRunAt === null ? null : Number(r.nextRunAt)),
    enteredAt: toIso(Number(r.enteredAt)),
    finishedAt: toIsoOrNull(r.finishedAt === null ? null : Number(r.finishedAt)),
    exitReason: r.exitReason,
  }));
}

/** What the journey did, newest first: for one journey, or for one contact across journeys. */
export async function listJourneyActions(
  scope: Scope,
  by: { journeyId: string } | { contactId: string },
  limit = 100,
): Promise<(JourneyAction & { journeyId: string })[]> {
  if ("journeyId" in by) await requireJourney(scope, by.journeyId);
  else if (!(await selectFrom(scope, "contacts").select("id").where("id", "=", by.contactId).executeTakeFirst()))
    throw notFound("contact", by.contactId);
  let q = selectFrom(scope, "journeyActions")
    .leftJoin("contacts", (join) =>
      join
        .onRef("contacts.tenantId", "=", "journeyActions.tenantId")
        .onRef("contacts.id", "=", "journeyActions.contactId"),
    )
    .selectAll("journeyActions")
    .select(["contacts.firstName", "contacts.lastName", "contacts.email"])
    .orderBy("journeyActions.id", "desc")
    .limit(limit);
  q =
    "journeyId" in by
      ? q.where("journeyActions.journeyId", "=", by.journeyId)
      : q.where("journeyActions.contactId", "=", by.contactId);
  return (await q.execute()).map((r) => ({
    id: r.id,
    journeyId: r.journeyId,
    enrollmentId: r.enrollmentId,
    contactId: r.contactId,
    contactName: [r.firstName, r.lastName].filter(Boolean).join(" ") || r.email,
    step: r.step,
    action: r.action,
    outcome: r.outcome,
    detail: r.detail,
    at: toIso(Number(r.at)),
  }));
}
