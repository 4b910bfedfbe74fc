import type { ReferenceAsksTable, ReferenceRequestsTable } from "@advo/db";
import { inTransaction } from "@advo/db";
import { recordAsk } from "../asks/index.ts";
import { peopleByContact } from "../contacts/people.ts";
import { awardPoints } from "../ledger/index.ts";
import { toIso, toIsoOrNull } from "../shared/clock.ts";
import { AppError, conflictOn, notFound } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { parseJsonObject } from "../shared/json.ts";
import { decodeCursor, type Page, type PageQuery, toPage } from "../shared/pagination.ts";
import { insertInto, type Scope, selectFrom, updateTable, withDb } from "../shared/scope.ts";
import { recordAdvocacyActs } from "../signals/index.ts";
import type { Actor } from "../users/index.ts";
import { mintToken, parseToken, secretMatches } from "../users/index.ts";
import { asksOfRequest } from "./match.queries.ts";
import { type Prospect, prospectOf, rankFor } from "./match.ts";
import { parseList } from "./profiles.ts";
import {
  type AskDecisionInput,
  askDecisionInput,
  type Candidate,
  type CreateRequestInput,
  createRequestInput,
  type MatchResult,
  type OutcomeInput,
  outcomeInput,
  type ReferenceAsk,
  type ReferenceRequest,
  type ReferenceRequestDetail,
  type ReferenceSettings,
} from "./reference.schemas.ts";
import {
  findAsk,
  findRequest,
  insertReferenceAsk,
  insertRequest,
  listRequestRows,
  moveAsk,
  moveRequest,
} from "./request.queries.ts";
import { getReferenceSettings } from "./settings.ts";
import { activityLabel, normRegion, normTerm, type ReferenceActivity } from "./vocabulary.ts";

// The workflow: filed → approved (a manager, or auto-pick) → asked → accepted / declined (the next
// candidate is offered) → the call happens → outcome (completed or no-show; deal open, won or lost)
// → thank-you points. Each step is a conditional update from the states it may follow, so two
// managers acting at once cannot both succeed.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const AUTO_PICK_ACTOR: Actor = { type: "system", id: "reference-auto-pick", name: "Auto-pick" };

export interface LinkOptions {
  /** Where the advocate's answer page lives, e.g. the server's PUBLIC_URL. */
  linkBase?: string;
}

const actorOf = (json: string) => {
  const a = parseJsonObject<{ type?: string; id?: string; name?: string }>(json);
  return { type: a.type ?? "system", id: a.id ?? "", name: a.name ?? "" };
};
const num = (v: number | null) => (v === null ? null : Number(v));

export function toRequest(row: ReferenceRequestsTable, now: number, settings: ReferenceSettings): ReferenceRequest {
  const createdAt = Number(row.createdAt);
  const approvalDue = createdAt + settings.slaHours.approval * HOUR;
  const approvedAt = num(row.approvedAt);
  const askedAt = num(row.askedAt);
  const acceptedAt = num(row.acceptedAt);
  const neededBy = num(row.neededBy);
  const completedAt = num(row.completedAt);
  const open = row.status !== "cancelled" && row.status !== "completed";
  const responseDue =
    askedAt !== null && row.status !== "approved" ? askedAt + settings.slaHours.response * HOUR : null;
  const responded = row.status === "accepted" || row.status === "completed" ? acceptedAt : null;
  const callDone = row.callStatus === "completed" ? num(row.callAt) : null;
  return {
    id: row.id,
    status: row.status,
    requestedBy: actorOf(row.requestedBy),
    prospectName: row.prospectName,
    industry: row.industry,
    employeeCount: num(row.employeeCount),
    region: row.region,
    country: row.country,
    products: parseList(row.products),
    useCase: row.useCase,
    competitor: row.competitor,
    language: row.language,
    activity: row.activity as ReferenceActivity,
    dealAmount: num(row.dealAmount),
    currency: row.currency,
    stage: row.stage,
    opportunityId: row.opportunityId,
    neededBy: toIsoOrNull(neededBy),
    notes: row.notes,
    contactId: row.contactId,
    callStatus: row.callStatus,
    callAt: toIsoOrNull(num(row.callAt)),
    dealStatus: row.dealStatus,
    wonAmount: num(row.wonAmount),
    outcomeNotes: row.outcomeNotes,
    approvedBy: row.approvedBy,
    createdAt: toIso(createdAt),
    approvedAt: toIsoOrNull(approvedAt),
    askedAt: toIsoOrNull(askedAt),
    acceptedAt: toIsoOrNull(acceptedAt),
    completedAt: toIsoOrNull(completedAt),
    cancelledAt: toIsoOrNull(num(row.cancelledAt)),
    outcomeAt: toIsoOrNull(num(row.outcomeAt)),
    updatedAt: toIso(Number(row.updatedAt)),
    sla: {
      approval: {
        dueAt: toIso(approvalDue),
        doneAt: toIsoOrNull(approvedAt),
        breached: (approvedAt ?? (open ? now : 0)) > approvalDue,
      },
      response: {
        dueAt: toIsoOrNull(responseDue),
        doneAt: toIsoOrNull(responded),
        breached: responseDue !== null && (responded ?? (open ? now : 0)) > responseDue,
      },
      neededBy: {
        dueAt: toIsoOrNull(neededBy),
        doneAt: toIsoOrNull(callDone),
        breached: neededBy !== null && (callDone ?? (open ? now : 0)) > neededBy,
      },
    },
  };
}

function toAsk(row: ReferenceAsksTable, name: string): ReferenceAsk {
  return {
    id: row.id,
    requestId: row.requestId,
    contactId: row.contactId,
    name,
    status: row.status,
    matchScore: Number(row.matchScore),
    reason: row.reason,
    askedAt: toIso(Number(row.askedAt)),
    respondedAt: toIsoOrNull(num(row.respondedAt)),
    respondedVia: row.respondedVia,
    expiresAt: toIso(Number(row.tokenExpiresAt)),
    pointsTransactionId: row.pointsTransactionId,
  };
}

export const prospectOfRequest = (row: ReferenceRequestsTable): Prospect =>
  prospectOf({
    industry: row.industry,
    employeeCount: num(row.employeeCount),
    region: row.region,
    country: row.country,
    products: parseList(row.products),
    useCase: row.useCase,
    competitor: row.competitor,
    language: row.language,
    activity: row.activity as ReferenceActivity,
    neededBy: num(row.neededBy),
  });

async function requireRequest(scope: Scope, id: string) {
  const row = await findRequest(scope, id);
  if (!row) throw notFound("reference request", id);
  return row;
}

export async function getRequest(scope: Scope, id: string): Promise<ReferenceRequestDetail> {
  const [row, settings] = await Promise.all([requireRequest(scope, id), getReferenceSettings(scope)]);
  const asks = await asksOfRequest(scope, id);
  const people = await peopleByContact(
    scope,
    asks.map((a) => a.contactId),
  );
  return {
    ...toRequest(row, scope.clock.now(), settings),
    asks: asks.map((a) => toAsk(a, people.get(a.contactId)?.name ?? a.contactId)),
  };
}

export async function listRequests(
  scope: Scope,
  query: { status?: ReferenceRequest["status"] | undefined } & PageQuery,
): Promise<Page<ReferenceRequest>> {
  const settings = await getReferenceSettings(scope);
  const rows = await listRequestRows(scope, {
    status: query.status,
    before: decodeCursor(query.cursor),
    limit: query.limit,
  });
  const now = scope.clock.now();
  return toPage(rows, query.limit, (r) => toRequest(r, now, settings));
}

/** The ranked candidates for a filed request, leaving out the advocates already asked for it. */
export async function requestCandidates(scope: Scope, id: string, limit = 10): Promise<MatchResult> {
  const row = await requireRequest(scope, id);
  return rankFor(scope, prospectOfRequest(row), limit, { requestId: id });
}

/** Sales files a request for a prospect; the answer carries the ranked candidates. */
export async function fileRequest(
  scope: Scope,
  input: CreateRequestInput,
  actor: Actor,
  options: LinkOptions = {},
): Promise<ReferenceRequestDetail & { match: MatchResult }> {
  const r = createRequestInput.parse(input);
  const now = scope.clock.now();
  const row: Omit<ReferenceRequestsTable, "tenantId"> = {
    id: newId("rfr"),
    status: "submitted",
    requestedBy: JSON.stringify(actor),
    prospectName: r.prospectName,
    industry: normTerm(r.industry),
    employeeCount: r.employeeCount ?? null,
    region: normRegion(r.region),
    country: normRegion(r.country),
    products: JSON.stringify(r.products),
    useCase: r.useCase ?? null,
    competitor: r.competitor ?? null,
    language: normTerm(r.language),
    activity: r.activity,
    dealAmount: r.dealAmount ?? null,
    currency: r.currency,
    stage: r.stage ?? null,
    opportunityId: r.opportunityId ?? null,
    neededBy: r.neededBy ? Date.parse(r.neededBy) : null,
    notes: r.notes ?? null,
    contactId: null,
    callStatus: null,
    callAt: null,
    dealStatus: "open",
    wonAmount: null,
    outcomeNotes: null,
    approvedBy: null,
    createdAt: now,
    approvedAt: null,
    askedAt: null,
    acceptedAt: null,
    completedAt: null,
    cancelledAt: null,
    outcomeAt: null,
    updatedAt: now,
  };
  await insertRequest(scope, row);
  const settings = await getReferenceSettings(scope);
  if (settings.autoPick) {
    try {
      await askCandidate(scope, row.id, {}, AUTO_PICK_ACTOR, options);
    } catch (error) {
      // No candidate available: the request waits for a manager, approved.
      if (!(error instanceof AppError && error.code === "conflict")) throw error;
      await moveRequest(scope, row.id, ["submitted"], {
        status: "approved",
        approvedAt: now,
        approvedBy: AUTO_PICK_ACTOR.name,
        updatedAt: now,
      });
    }
  }
  const match = await rankFor(scope, { ...prospectOfRequest({ ...row, tenantId: scope.tenantId }) }, 10, {
    requestId: row.id,
    settings,
  });
  return { ...(await getRequest(scope, row.id)), match };
}

/** A manager approves a request, optionally asking a candidate in the same step. */
export async function approveRequest(
  scope: Scope,
  id: string,
  input: { contactId?: string | undefined },
  actor: Actor,
  options: LinkOptions = {},
): Promise<ReferenceRequestDetail> {
  const row = await requireRequest(scope, id);
  if (input.contactId) return askCandidate(scope, id, { contactId: input.contactId }, actor, options);
  const now = scope.clock.now();
  const moved = await moveRequest(scope, id, ["submitted"], {
    status: "approved",
    approvedAt: now,
    approvedBy: actor.name,
    updatedAt: now,
  });
  if (moved === 0) throw conflictOn("status", `the request is ${row.status}, not awaiting approval`);
  return getRequest(scope, id);
}

function askEmail(prospect: ReferenceRequestsTable, name: string, link: string, expiresAt: number) {
  const about = [
    prospect.industry,
    prospect.employeeCount ? `${Number(prospect.employeeCount).toLocaleString("en-US")} employees` : null,
    prospect.region,
  ]
    .filter(Boolean)
    .join(", ");
  const activity = activityLabel(prospect.activity as ReferenceActivity);
  return {
    subject: `Would you do a ${activity} for us?`,
    textBody:
      `Hi ${name},\n\n` +
      `A company${about ? ` (${about})` : ""}${prospect.competitor ? ` evaluating ${prospect.competitor}` : ""} would like to hear ` +
      `from a customer like you in a ${activity}` +
      `${prospect.neededBy ? ` by ${toIso(Number(prospect.neededBy)).slice(0, 10)}` : ""}.\n\n` +
      `Accept or decline (with a reason if you like): ${link}\n\n` +
      `This link works once and expires on ${toIso(expiresAt).slice(0, 10)}. Thank you!\n`,
  };
}

/** Asks a candidate (the best one when none is named): an ask row, a one-time link by email, the fatigue log. */
export async function askCandidate(
  scope: Scope,
  requestId: string,
  input: { contactId?: string | undefined },
  actor: Actor,
  options: LinkOptions = {},
): Promise<ReferenceRequestDetail> {
  const row = await requireRequest(scope, requestId);
  if (row.status !== "submitted" && row.status !== "approved")
    throw conflictOn(
      "status",
      row.status === "asked"
        ? "an advocate is already asked for this request; wait for the answer or cancel"
        : `the request is ${row.status}`,
    );
  const settings = await getReferenceSettings(scope);
  const match = await rankFor(scope, prospectOfRequest(row), 1, {
    requestId,
    settings,
    ...(input.contactId ? { onlyContactId: input.contactId } : {}),
  });
  const candidate: Candidate | undefined = match.candidates[0];
  if (!candidate) {
    const out = match.excluded[0];
    if (input.contactId && out)
      throw conflictOn("contactId", `${out.name} may not be asked: ${out.exclusions.map((e) => e.message).join("; ")}`);
    if (input.contactId)
      throw conflictOn(
        "contactId",
        `not a candidate: no active reference profile with consent and willing to do a ${activityLabel(row.activity as ReferenceActivity)}`,
      );
    throw conflictOn("contactId", "no candidate is available for this request now");
  }
  const now = scope.clock.now();
  const askId = newId("rfa");
  const { token, secretHash } = mintToken(scope.tenantId, askId);
  const expiresAt = now + settings.askLinkTtlDays * DAY;
  await inTransaction(scope.db, async (trx) => {
    const s = withDb(scope, trx);
    const moved = await moveRequest(s, requestId, ["submitted", "approved"], {
      status: "asked",
      contactId: candidate.contactId,
      askedAt: now,
      approvedAt: row.approvedAt ?? now,
      approvedBy: row.approvedBy ?? actor.name,
      updatedAt: now,
    });
    if (moved === 0) throw conflictOn("status", "the request changed meanwhile; reload it");
    await insertReferenceAsk(s, {
      id: askId,
      requestId,
      contactId: candidate.contactId,
      profileId: candidate.profileId,
      status: "pending",
      matchScore: candidate.score,
      reason: null,
      tokenHash: secretHash,
      tokenExpiresAt: expiresAt,
      askedBy: JSON.stringify(actor),
      askedAt: now,
      respondedAt: null,
      respondedVia: null,
      pointsTransactionId: null,
    });
    await recordAsk(s, {
      contactId: candidate.contactId,
      kind: "reference",
      sourceType: "reference_request",
      sourceId: requestId,
      at: now,
    });
    const contact = await selectFrom(s, "contacts")
      .select(["email", "firstName"])
      .where("id", "=", candidate.contactId)
      .executeTakeFirst();
    if (contact?.email) {
      const link = `${options.linkBase ?? ""}/hub/reference-asks/respond?token=${encodeURIComponent(token)}`;
      await insertInto(s, "emailOutbox", {
        id: newId("mail"),
        toAddress: contact.email,
        ...askEmail(row, contact.firstName ?? candidate.name, link, expiresAt),
        purpose: "reference_ask",
        contactId: candidate.contactId,
        status: "queued",
        attempts: 0,
        lastError: null,
        createdAt: now,
        sentAt: null,
        headers: null,
      }).execute();
    }
  });
  return getRequest(scope, requestId);
}

/** The advocate's answer (by link, from the hub, or relayed by a manager). A decline offers the next candidate. */
export async function respondToAsk(
  scope: Scope,
  askId: string,
  input: AskDecisionInput,
  via: "link" | "hub" | "manager",
  options: LinkOptions = {},
): Promise<{ ask: ReferenceAsk; request: ReferenceRequest; next: Candidate | null }> {
  const d = askDecisionInput.parse(input);
  const ask = await findAsk(scope, askId);
  if (!ask) throw notFound("reference ask", askId);
  if (ask.status !== "pending") throw conflictOn("decision", `this ask was already answered (${ask.status})`);
  const now = scope.clock.now();
  const accept = d.decision === "accept";
  await inTransaction(scope.db, async (trx) => {
    const s = withDb(scope, trx);
    const moved = await moveAsk(s, askId, ["pending"], {
      status: accept ? "accepted" : "declined",
      reason: d.reason ?? null,
      respondedAt: now,
      respondedVia: via,
    });
    if (moved === 0) throw conflictOn("decision", "this ask was already answered");
    await updateTable(s, "referenceRequests")
      .set(
        accept
          ? { status: "accepted", acceptedAt: now, updatedAt: now }
          : { status: "approved", contactId: null, updatedAt: now },
      )
      .where("id", "=", ask.requestId)
      .where("status", "=", "asked")
      .where("contactId", "=", ask.contactId)
      .execute();
  });
  let next: Candidate | null = null;
  if (!accept) {
    const settings = await getReferenceSettings(scope);
    const request = await requireRequest(scope, ask.requestId);
    if (request.status === "approved") {
      const ranked = await rankFor(scope, prospectOfRequest(request), 1, { requestId: ask.requestId, settings });
      next = ranked.candidates[0] ?? null;
      if (next && settings.autoPick)
        await askCandidate(scope, ask.requestId, { contactId: next.contactId }, AUTO_PICK_ACTOR, options);
    }
  }
  const detail = await getRequest(scope, ask.requestId);
  const { asks, ...request } = detail;
  const updated = asks.find((a) => a.id === askId);
  if (!updated) throw new Error("unreachable: the ask vanished");
  return { ask: updated, request, next };
}

/** The advocate answers through the emailed one-time link; no sign-in needed. */
export async function respondWithToken(
  scopeOf: (tenantId: string) => Scope,
  input: AskDecisionInput & { token: string },
  options: LinkOptions = {},
) {
  const invalid = () => new AppError("not_found", "this link is not valid; ask your contact for a new one");
  const parsed = parseToken(input.token);
  if (!parsed?.id.startsWith("rfa_")) throw invalid();
  const scope = scopeOf(parsed.tenantId);
  const ask = await findAsk(scope, parsed.id).catch(() => undefined);
  if (!ask || !secretMatches(parsed.secret, ask.tokenHash)) throw invalid();
  if (ask.status !== "pending") throw conflictOn("token", `this link was already used (${ask.status})`);
  if (scope.clock.now() > Number(ask.tokenExpiresAt))
    throw conflictOn("token", `this link expired on ${toIso(Number(ask.tokenExpiresAt)).slice(0, 10)}`);
  const { decision, reason } = input;
  const result = await respondToAsk(scope, ask.id, { decision, ...(reason ? { reason } : {}) }, "link", options);
  // The advocate learns only what they need: their answer was recorded.
  return { status: result.ask.status, respondedAt: result.ask.respondedAt ?? toIso(scope.clock.now()) };
}

/** Records the call and the deal: completing the call thanks the advocate with points, exactly once. */
export async function recordOutcome(
  scope: Scope,
  requestId: string,
  input: OutcomeInput,
  actor: Actor,
): Promise<ReferenceRequestDetail> {
  const o = outcomeInput.parse(input);
  const row = await requireRequest(scope, requestId);
  if (row.status !== "accepted" && row.status !== "completed")
    throw conflictOn("status", `outcomes are recorded once an advocate has accepted; the request is ${row.status}`);
  if (o.callStatus && row.status === "completed" && row.callStatus !== o.callStatus)
    throw conflictOn("callStatus", `the call was already recorded as ${row.callStatus}`);
  const now = scope.clock.now();
  const settings = await getReferenceSettings(scope);
  const newCall = o.callStatus !== undefined && row.status === "accepted";
  const callAt = o.callAt ? Date.parse(o.callAt) : now;
  const patch: Partial<ReferenceRequestsTable> = { updatedAt: now, outcomeAt: now };
  if (newCall) Object.assign(patch, { status: "completed", completedAt: now, callStatus: o.callStatus, callAt });
  if (o.dealAmount !== undefined) patch.dealAmount = o.dealAmount;
  if (o.stage) patch.stage = o.stage;
  if (o.notes) patch.outcomeNotes = o.notes;
  if (o.dealStatus) {
    patch.dealStatus = o.dealStatus;
    patch.wonAmount =
      o.dealStatus === "won"
        ? (o.wonAmount ?? o.dealAmount ?? (row.dealAmount === null ? null : Number(row.dealAmount)))
        : null;
    if (o.dealStatus === "won" && patch.wonAmount === null)
      throw conflictOn("wonAmount", "a won deal needs an amount: send wonAmount or dealAmount");
  }
  await inTransaction(scope.db, async (trx) => {
    const s = withDb(scope, trx);
    const moved = await moveRequest(s, requestId, newCall ? ["accepted"] : ["accepted", "completed"], patch);
    if (moved === 0) throw conflictOn("status", "the request changed meanwhile; reload it");
    if (!newCall || !row.contactId) return;
    const ask = await selectFrom(s, "referenceAsks")
      .selectAll()
      .where("requestId", "=", requestId)
      .where("contactId", "=", row.contactId)
      .where("status", "=", "accepted")
      .executeTakeFirst();
    if (!ask) return;
    let transactionId: string | null = null;
    if (o.callStatus === "completed") {
      const profile = await selectFrom(s, "referenceProfiles")
        .select(["lastReferenceAt", "referencesGiven"])
        .where("id", "=", ask.profileId)
        .executeTakeFirst();
      if (profile)
        await updateTable(s, "referenceProfiles")
          .set({
            lastReferenceAt: Math.max(Number(profile.lastReferenceAt ?? 0), callAt),
            referencesGiven: Number(profile.referencesGiven) + 1,
            updatedAt: now,
          })
          .where("id", "=", ask.profileId)
          .execute();
      // A reference given is the clearest act of a Validator: the advocacy score and personality see it.
      await recordAdvocacyActs(s, [
        {
          contactId: ask.contactId,
          event: "Reference Call Completed",
          messageId: `reference:${requestId}:${ask.contactId}`,
          properties: { requestId, activity: row.activity, prospect: row.prospectName },
        },
      ]);
      if (settings.thankYouPoints > 0) {
        const award = await awardPoints(s, {
          contactId: ask.contactId,
          points: settings.thankYouPoints,
          reason: `Thank you for the ${activityLabel(row.activity as ReferenceActivity)} with ${row.prospectName}`,
          idempotencyKey: `reference:${requestId}:${ask.contactId}`,
          actor,
          source: { type: "reference_request", id: requestId },
        });
        transactionId = award.id;
      }
    }
    await moveAsk(s, ask.id, ["accepted"], {
      status: o.callStatus === "completed" ? "completed" : "no_show",
      pointsTransactionId: transactionId,
    });
  });
  return getRequest(scope, requestId);
}

/** Sales or a manager withdraws a request; an open ask is withdrawn with it. */
export async function cancelRequest(
  scope: Scope,
  id: string,
  input: { reason?: string | undefined },
  actor: Actor,
): Promise<ReferenceRequestDetail> {
  const row = await requireRequest(scope, id);
  const now = scope.clock.now();
  await inTransaction(scope.db, async (trx) => {
    const s = withDb(scope, trx);
    const moved = await moveRequest(s, id, ["submitted", "approved", "asked", "accepted"], {
      status: "cancelled",
      cancelledAt: now,
      outcomeNotes: input.reason ? `Cancelled by ${actor.name}: ${input.reason}` : `Cancelled by ${actor.name}`,
      updatedAt: now,
    });
    if (moved === 0) throw conflictOn("status", `the request is already ${row.status}`);
    await updateTable(s, "referenceAsks")
      .set({ status: "withdrawn", respondedAt: now })
      .where("requestId", "=", id)
      .where("status", "in", ["pending", "accepted"])
      .execute();
  });
  return getRequest(scope, id);
}

export async function getAsk(scope: Scope, askId: string): Promise<ReferenceAsk> {
  const ask = await findAsk(scope, askId);
  if (!ask) throw notFound("reference ask", askId);
  const people = await peopleByContact(scope, [ask.contactId]);
  return toAsk(ask, people.get(ask.contactId)?.name ?? ask.contactId);
}
