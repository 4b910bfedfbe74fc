import type { JourneyEnrollmentsTable, JourneysTable } from "@advo/db";
import { type Db, inTransaction } from "@advo/db";
import { cachedFatigueSettings, checkAsksAllowed, recordAsk } from "../asks/index.ts";
import { inviteToEvent, requireEvent } from "../community/index.ts";
import { consentEffective } from "../contacts/consent.ts";
import { emailFooter, unsubscribeLinks } from "../contacts/unsubscribe.ts";
import { queueEmail } from "../email/index.ts";
import { awardPointsBatch } from "../ledger/index.ts";
import { advanceLifecycle, getProgram, inviteMembers } from "../programs/index.ts";
import { filterOf, segmentBase } from "../segments/index.ts";
import type { Clock } from "../shared/clock.ts";
import { AppError } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { insertInto, type Scope, selectFrom, updateTable, withDb } from "../shared/scope.ts";
import type { SecretKeySource } from "../shared/secret-box.ts";
import { getTenant } from "../tenants/index.ts";
import type { Actor } from "../users/index.ts";
import { enrollFromTrigger } from "./enrollment.ts";
import { type JourneyStep, PLACEHOLDER, stepsOf } from "./journey.schemas.ts";

const DAY = 86_400_000;
/** Steps run per call; the worker calls again on its next tick for the rest. */
const DUE_PER_CALL = 200;
export const JOURNEY_ACTOR: Actor = { type: "system", id: "journeys", name: "Journeys" };

type Outcome = { outcome: "done" | "skipped" | "failed"; detail: string };

interface Recipient {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  consent: string;
  erasedAt?: number | null;
  company: string | null;
}

/** Fills {{firstName}} and the rest; a missing name reads "there" ("Hi there"), a missing company "your team". */
export function renderTemplate(text: string, to: Recipient): string {
  const name = [to.firstName, to.lastName].filter(Boolean).join(" ");
  const values: Record<string, string> = {
    firstName: to.firstName ?? "there",
    lastName: to.lastName ?? "",
    name: name || "there",
    company: to.company ?? "your team",
    email: to.email ?? "",
  };
  return text.replace(PLACEHOLDER, (whole, key: string) => values[key] ?? whole);
}

export async function recipient(scope: Scope, contactId: string): Promise<Recipient | undefined> {
  return selectFrom(scope, "contacts")
    .leftJoin("accounts", (join) =>
      join.onRef("accounts.tenantId", "=", "contacts.tenantId").onRef("accounts.id", "=", "contacts.accountId"),
    )
    .select([
      "contacts.id",
      "contacts.email",
      "contacts.firstName",
      "contacts.lastName",
      "contacts.consent",
      "contacts.erasedAt",
      "accounts.name as company",
    ])
    .where("contacts.id", "=", contactId)
    .executeTakeFirst();
}

async function sendEmail(
  scope: Scope,
  journey: JourneysTable,
  step: Extract<JourneyStep, { type: "send_email" }>,
  contactId: string,
  options: StepContext,
): Promise<Outcome> {
  const to = await recipient(scope, contactId);
  if (!to?.email || to.erasedAt) return { outcome: "skipped", detail: "the contact has no email address" };
  if (!consentEffective(to.consent, "marketingEmail", scope.clock.now()))
    return { outcome: "skipped", detail: "no marketing-email consent on record" };
  if (step.ask) {
    const settings = await cachedFatigueSettings(scope);
    const check = (await checkAsksAllowed(scope, [contactId], "journey", { settings })).get(contactId);
    if (check && !check.allowed)
      return { outcome: "skipped", detail: `ask-fatigue limits: ${check.reasons.map((r) => r.message).join("; ")}` };
  }
  const subject = renderTemplate(step.subject, to);
  const { footer, headers } = unsubscribing(scope, contactId, options);
  await queueEmail(scope, {
    to: to.email,
    subject,
    text: renderTemplate(step.body, to) + footer,
    purpose: "journey",
    contactId,
    headers,
  });
  if (step.ask) await recordAsk(scope, { contactId, kind: "journey", sourceType: "journey", sourceId: journey.id });
  return { outcome: "done", detail: `emailed ${to.email}: “${subject}”` };
}

/** A pass's options, with what every step of the pass shares. */
type StepContext = JourneyRunOptions & { workspace: string };

function unsubscribing(scope: Scope, contactId: string, options: StepContext) {
  if (!options.unsubscribe) return { footer: emailFooter(options.workspace) };
  const { publicUrl, keys } = options.unsubscribe;
  const links = unsubscribeLinks(publicUrl, keys, scope.tenantId, contactId);
  return { footer: emailFooter(options.workspace, links.page), headers: links.headers };
}

async function perform(
  scope: Scope,
  journey: JourneysTable,
  enrollment: JourneyEnrollmentsTable,
  step: Exclude<JourneyStep, { type: "wait" }>,
  options: StepContext,
): Promise<Outcome> {
  const contactId = enrollment.contactId;
  switch (step.type) {
    case "send_email":
      return sendEmail(scope, journey, step, contactId, options);
    case "invite_to_program": {
      const program = await getProgram(scope, step.programId);
      const result = await inviteMembers(scope, step.programId, { contactIds: [contactId] });
      if (result.invited === 1) return { outcome: "done", detail: `invited to ${program.name}` };
      if (result.alreadyMembers === 1) return { outcome: "skipped", detail: `already a member of ${program.name}` };
      const reasons = result.skipped[0]?.reasons.join("; ") ?? "not invited";
      return { outcome: "skipped", detail: `ask-fatigue limits: ${reasons}` };
    }
    case "invite_to_event": {
      if (!options.unsubscribe)
        return { outcome: "skipped", detail: "no public address to link the invitation to (PUBLIC_URL)" };
      const event = await requireEvent(scope, step.eventId);
      if (event.status === "cancelled" || Number(event.endsAt) <= scope.clock.now())
        return {
          outcome: "skipped",
          detail: `${event.title} is ${event.status === "cancelled" ? "cancelled" : "over"}`,
        };
      const result = await inviteToEvent(
        scope,
        step.eventId,
        { contactIds: [contactId], ...(step.message ? { message: step.message } : {}) },
        options.unsubscribe,
      );
      if (result.invited === 1) return { outcome: "done", detail: `invited to ${event.title}` };
      return { outcome: "skipped", detail: result.skipped[0]?.reason ?? "not invited" };
    }
    case "award_points": {
      const [result] = await awardPointsBatch(scope, [
        {
          contactId,
          points: step.points,
          reason: step.reason,
          // The step's identity: a step run again (a retried tick) posts nothing new.
          idempotencyKey: `journey:${enrollment.id}:${enrollment.step}`,
          actor: JOURNEY_ACTOR,
          source: { type: "journey", id: journey.id },
        },
      ]);
      if (result?.ok) return { outcome: "done", detail: `+${step.points} points: ${step.reason}` };
      return { outcome: "failed", detail: result && !result.ok ? result.error.message : "the ledger answered nothing" };
    }
    case "set_lifecycle_stage": {
      const before = await selectFrom(scope, "contacts")
        .select("lifecycleStage")
        .where("id", "=", contactId)
        .executeTakeFirst();
      await advanceLifecycle(scope, [contactId], step.stage);
      const after = await selectFrom(scope, "contacts")
        .select("lifecycleStage")
        .where("id", "=", contactId)
        .executeTakeFirst();
      return after?.lifecycleStage === before?.lifecycleStage
        ? {
            outcome: "skipped",
            detail: `stays ${before?.lifecycleStage ?? "unknown"} (journeys only move a contact forward)`,
          }
        : { outcome: "done", detail: `lifecycle stage ${before?.lifecycleStage} → ${after?.lifecycleStage}` };
    }
  }
}

async function stillMatches(scope: Scope, condition: string, contactId: string): Promise<boolean> {
  const query = segmentBase(scope)
    .select("contacts.id as id")
    .where("contacts.id", "=", contactId)
    .where("contacts.erasedAt", "is", null)
    .where(filterOf(scope, condition));
  return Boolean(await query.executeTakeFirst());
}

/**
 * Runs one step of one enrollment, with its record, in one transaction that first moves the
 * enrollment past the step (only if it is still there): a step runs once even with two workers.
 * Returns whether the next step may run right away.
 */
async function runStep(
  scope: Scope,
  journey: JourneysTable,
  steps: JourneyStep[],
  enrollment: JourneyEnrollmentsTable,
  options: StepContext,
): Promise<boolean> {
  const index = enrollment.step;
  const step = steps[index];
  const now = scope.clock.now();
  return inTransaction(scope.db, async (trx) => {
    const t = withDb(scope, trx);
    const move = (patch: Partial<JourneyEnrollmentsTable>) =>
      updateTable(t, "journeyEnrollments")
        .set(patch)
        .where("id", "=", enrollment.id)
        .where("status", "=", "active")
        .where("step", "=", index)
        .executeTakeFirst()
        .then((r) => Number(r.numUpdatedRows) === 1);
    if (!step) {
      await move({ status: "completed", nextRunAt: null, finishedAt: now });
      return false;
    }
    if (step.type === "wait") {
      await move({ step: index + 1, nextRunAt: now + Math.round(step.days * DAY) });
      return false;
    }
    if (journey.goal && (await stillMatches(t, journey.goal, enrollment.contactId))) {
      await move({ status: "completed", nextRunAt: null, finishedAt: now, exitReason: "reached the journey's goal" });
      return false;
    }
    // Without a condition there is nothing to re-check: erasure itself ends an erased person's enrollments.
    if (journey.condition && !(await stillMatches(t, journey.condition, enrollment.contactId))) {
      await move({
        status: "exited",
        nextRunAt: null,
        finishedAt: now,
        exitReason: "no longer matches the journey's condition",
      });
      return false;
    }
    const last = index + 1 >= steps.length;
    const skip = step.onlyIf && !(await stillMatches(t, step.onlyIf, enrollment.contactId));
    // Two records of one person merged: each brought its enrollment along. The earlier one goes on (one
    // still running when this one began; a re-entry begins after the last one ended). Checked in the
    // claim itself, so the usual step costs no extra statement.
    const twin = () =>
      t.db
        .selectFrom("journeyEnrollments as other")
        .select("other.id")
        .where("other.tenantId", "=", scope.tenantId)
        .where("other.journeyId", "=", journey.id)
        .where("other.contactId", "=", enrollment.contactId)
        .where("other.id", "<", enrollment.id)
        .where((o) =>
          o.or([o("other.status", "=", "active"), o("other.finishedAt", ">", Number(enrollment.enteredAt))]),
        );
    const claimed = await updateTable(t, "journeyEnrollments")
      .set(last ? { step: index + 1, status: "completed", nextRunAt: null, finishedAt: now } : { step: index + 1 })
      .where("id", "=", enrollment.id)
      .where("status", "=", "active")
      .where("step", "=", index)
      .where((eb) => eb.not(eb.exists(twin())))
      .executeTakeFirst()
      .then((r) => Number(r.numUpdatedRows) === 1);
    if (!claimed) {
      // Moved on by another worker, or a twin: only the twin is left to settle here.
      if (await twin().executeTakeFirst())
        await move({
          status: "exited",
          nextRunAt: null,
          finishedAt: now,
          exitReason: "the same person is already in this journey (two contact records were merged)",
        });
      return false;
    }
    let result: Outcome;
    try {
      result = skip
        ? { outcome: "skipped", detail: `does not match this step's condition (${step.onlyIf})` }
        : await perform(t, journey, { ...enrollment, step: index }, step, options);
    } catch (error) {
      // What the step's own module refuses (an archived program, an erased contact) is recorded and
      // the journey goes on; anything else rolls the step back to be tried on the next tick.
      if (!(error instanceof AppError)) throw error;
      result = { outcome: "failed", detail: error.message };
    }
    await insertInto(t, "journeyActions", {
      id: newId("jac"),
      journeyId: journey.id,
      enrollmentId: enrollment.id,
      contactId: enrollment.contactId,
      step: index,
      action: step.type,
      outcome: result.outcome,
      detail: result.detail,
      at: now,
    }).execute();
    return !last;
  });
}

/** How a pass runs: who hears of a broken step, and what an email's unsubscribe link points at. */
export interface JourneyRunOptions {
  onError?: JourneyErrorHandler;
  /** The server's public address and secret key; without them emails carry no unsubscribe link. */
  unsubscribe?: { publicUrl: string; keys: SecretKeySource };
}

/** A step that broke on something other than a module's refusal is tried again this much later. */
export const STEP_RETRY_MS = 5 * 60_000;
export type JourneyErrorHandler = (where: { tenantId: string; enrollmentId?: string }, error: unknown) => void;

/**
 * Runs the workspace's due steps, up to `limit`, each enrollment until a wait or its end. A step that
 * throws (a database error, a bug) is rolled back and its enrollment tried again in five minutes, so
 * one broken enrollment never holds up the others.
 */
export async function runDueSteps(
  scope: Scope,
  options: JourneyRunOptions = {},
  limit = DUE_PER_CALL,
): Promise<number> {
  const now = scope.clock.now();
  const due = await selectFrom(scope, "journeyEnrollments")
    .innerJoin("journeys", (join) =>
      join
        .onRef("journeys.tenantId", "=", "journeyEnrollments.tenantId")
        .onRef("journeys.id", "=", "journeyEnrollments.journeyId"),
    )
    .selectAll("journeyEnrollments")
    .where("journeyEnrollments.status", "=", "active")
    .where("journeyEnrollments.nextRunAt", "<=", now)
    .where("journeys.status", "=", "active")
    .orderBy("journeyEnrollments.nextRunAt")
    .limit(limit)
    .execute();
  const journeys = new Map<string, { journey: JourneysTable; steps: JourneyStep[] }>();
  // Read only when something is due: most passes over most workspaces find nothing to do.
  const workspace = due.length ? (await getTenant(scope.db, scope.tenantId)).name : "";
  const context: StepContext = { ...options, workspace };
  let ran = 0;
  for (const enrollment of due) {
    try {
      let loaded = journeys.get(enrollment.journeyId);
      if (!loaded) {
        const journey = await selectFrom(scope, "journeys")
          .selectAll()
          .where("id", "=", enrollment.journeyId)
          .executeTakeFirstOrThrow();
        loaded = { journey, steps: stepsOf(journey) };
        journeys.set(journey.id, loaded);
      }
      let current = enrollment;
      for (;;) {
        ran++;
        if (!(await runStep(scope, loaded.journey, loaded.steps, current, context))) break;
        current = { ...current, step: current.step + 1 };
      }
    } catch (error) {
      options.onError?.({ tenantId: scope.tenantId, enrollmentId: enrollment.id }, error);
      await updateTable(scope, "journeyEnrollments")
        .set({ nextRunAt: now + STEP_RETRY_MS })
        .where("id", "=", enrollment.id)
        .where("status", "=", "active")
        .execute();
    }
  }
  return ran;
}

/** One pass for a workspace: enroll from each active journey's trigger, then run the due steps. */
export async function advanceJourneys(
  scope: Scope,
  options: JourneyRunOptions = {},
): Promise<{ enrolled: number; steps: number }> {
  const active = await selectFrom(scope, "journeys").selectAll().where("status", "=", "active").execute();
  let enrolled = 0;
  for (const journey of active) enrolled += await enrollFromTrigger(scope, journey);
  const steps = active.length > 0 ? await runDueSteps(scope, options) : 0;
  return { enrolled, steps };
}

/** The worker's pass over every workspace with an active journey; one workspace's failure stops only its own pass. */
export async function advanceAllJourneys(db: Db, clock: Clock, options: JourneyRunOptions = {}) {
  const tenants = await db
    .selectFrom("journeys")
    .select("tenantId")
    .where("status", "=", "active")
    .distinct()
    .execute();
  const totals = { enrolled: 0, steps: 0 };
  for (const { tenantId } of tenants) {
    try {
      const done = await advanceJourneys({ db, clock, tenantId }, options);
      totals.enrolled += done.enrolled;
      totals.steps += done.steps;
    } catch (error) {
      options.onError?.({ tenantId }, error);
    }
  }
  return totals;
}
