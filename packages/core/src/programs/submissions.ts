import { createHash } from "node:crypto";
import { type ChallengesTable, inTransaction, type SubmissionsTable, withRetry } from "@advo/db";
import { sql } from "kysely";
import { awardPosting, netAwardsByProgram, postOne } from "../ledger/index.ts";
import { evaluateBadges } from "../recognition/index.ts";
import { toIso, toIsoOrNull } from "../shared/clock.ts";
import { AppError, invalidField, notFound } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { parseJsonObject } from "../shared/json.ts";
import { insertInto, type Scope, selectFrom, updateTable, withDb } from "../shared/scope.ts";
import { recordAdvocacyActs } from "../signals/index.ts";
import type { Actor } from "../users/index.ts";
import { type ReviewSubmissionInput, type Submission, type SubmitInput, submitInput } from "./challenge.schemas.ts";
import { requireChallenge } from "./challenges.ts";
import { recordMemberActivity } from "./programs.ts";

const actOf: Record<ChallengesTable["type"], string> = {
  referral: "Referral Sent",
  review: "Review Published",
  reference_call: "Reference Call Completed",
  testimonial: "Testimonial Given",
  case_study: "Case Study Published",
  social_share: "Social Post Shared",
  survey: "Challenge Completed",
  event: "Event Attended",
  beta_feedback: "Beta Feedback Submitted",
  custom: "Challenge Completed",
};

const reviewSiteHosts: Record<string, RegExp> = {
  g2: /(^|\.)g2\.com$/,
  trustradius: /(^|\.)trustradius\.com$/,
  capterra: /(^|\.)capterra\.[a-z.]+$/,
  gartner_peer_insights: /(^|\.)gartner\.com$/,
  app_store: /^apps\.apple\.com$/,
  google_play: /^play\.google\.com$/,
};

type Evidence = NonNullable<ReturnType<typeof submitInput.parse>["evidence"]>;

function checkEvidence(challenge: ChallengesTable, evidence: Evidence) {
  const required = JSON.parse(challenge.evidence || "[]") as string[];
  for (const kind of required) {
    if (!evidence[kind as keyof Evidence])
      throw invalidField(`evidence.${kind}`, `this challenge needs a ${kind} as evidence`);
  }
  const pattern = challenge.reviewSite ? reviewSiteHosts[challenge.reviewSite] : undefined;
  if (pattern && evidence.url && !pattern.test(new URL(evidence.url).hostname)) {
    throw invalidField("evidence.url", `must link to the review on ${challenge.reviewSite}`);
  }
}

type Row = SubmissionsTable & { challengeTitle?: string | null; firstName?: string | null; lastName?: string | null };

function toSubmission(r: Row): Submission {
  return {
    id: r.id,
    challengeId: r.challengeId,
    challengeTitle: r.challengeTitle ?? null,
    contactId: r.contactId,
    contactName: [r.firstName, r.lastName].filter(Boolean).join(" ") || null,
    state: r.state,
    evidence: parseJsonObject(r.evidence),
    incentivised: r.incentivised === 1,
    disclosure: r.disclosure,
    points: Number(r.points),
    transactionId: r.transactionId,
    submittedAt: toIso(Number(r.submittedAt)),
    reviewedAt: toIsoOrNull(r.reviewedAt === null ? null : Number(r.reviewedAt)),
    reviewedBy: r.reviewedBy,
    rejectionReason: r.rejectionReason,
  };
}

const actorLabel = (a: Actor) => `${a.type}:${a.id} (${a.name})`;

/** Refuses an award that would take a program past its points budget; locks the program row until commit. */
async function assertWithinBudget(scope: Scope, programId: string | null, points: number) {
  if (!programId || points === 0) return;
  const locked = await updateTable(scope, "programs")
    .set({ updatedAt: sql`updated_at` })
    .where("id", "=", programId)
    .returning(["budgetPoints", "name"])
    .executeTakeFirst();
  if (!locked || locked.budgetPoints === null) return;
  const spent = (await netAwardsByProgram(scope, [programId])).get(programId) ?? 0;
  if (spent + points > Number(locked.budgetPoints)) {
    throw new AppError(
      "conflict",
      `program "${locked.name}" has ${Number(locked.budgetPoints) - spent} of its ${locked.budgetPoints} budget points left; this needs ${points}`,
    );
  }
}

/** Approves inside the caller's transaction: the award and the state change commit together. */
async function approveIn(scope: Scope, submission: SubmissionsTable, challenge: ChallengesTable, actor: Actor) {
  const points = Number(submission.points);
  let transactionId: string | null = null;
  if (points > 0) {
    await assertWithinBudget(scope, challenge.programId, points);
    const posted = await postOne(
      scope,
      awardPosting({
        contactId: submission.contactId,
        points,
        reason: `Challenge completed: ${challenge.title}`,
        idempotencyKey: `submission:${submission.id}`,
        actor,
        programId: challenge.programId,
        source: { type: "submission", id: submission.id },
      }),
    );
    transactionId = posted.row.id;
  }
  await updateTable(scope, "submissions")
    .set({ state: "approved", transactionId, reviewedAt: scope.clock.now(), reviewedBy: actorLabel(actor) })
    .where("id", "=", submission.id)
    .execute();
}

async function afterApproval(scope: Scope, submission: SubmissionsTable, challenge: ChallengesTable) {
  if (challenge.programId) await recordMemberActivity(scope, challenge.programId, submission.contactId);
  await recordAdvocacyActs(scope, [
    {
      contactId: submission.contactId,
      event: actOf[challenge.type],
      messageId: `submission:${submission.id}`,
      properties: { challengeId: challenge.id, challengeType: challenge.type, submissionId: submission.id },
    },
  ]);
  await evaluateBadges(scope, submission.contactId);
}

/**
 * An advocate answers a challenge. Limits hold under concurrency: the total is claimed with a
 * conditional update on the challenge row (which also serialises this challenge's submissions, so
 * the per-advocate count is exact). Automatic challenges are approved and paid in the same transaction.
 */
export async function submitToChallenge(
  scope: Scope,
  challengeId: string,
  contactId: string,
  input: SubmitInput,
  actor: Actor,
): Promise<Submission> {
  const { evidence } = submitInput.parse(input);
  const challenge = await requireChallenge(scope, challengeId);
  const now = scope.clock.now();
  if (challenge.status !== "active") throw new AppError("conflict", `the challenge is ${challenge.status}`);
  if (challenge.startsAt !== null && now < Number(challenge.startsAt))
    throw new AppError("conflict", "the challenge has not started yet");
  if (challenge.endsAt !== null && now >= Number(challenge.endsAt))
    throw new AppError("conflict", "the challenge has ended");
  const contact = await selectFrom(scope, "contacts").select("id").where("id", "=", contactId).executeTakeFirst();
  if (!contact) throw notFound("contact", contactId);
  if (challenge.audienceSegmentId) {
    const inAudience = await selectFrom(scope, "segmentMembers")
      .select("contactId")
      .where("segmentId", "=", challenge.audienceSegmentId)
      .where("contactId", "=", contactId)
      .executeTakeFirst();
    if (!inAudience) throw new AppError("forbidden", "this challenge is for another audience");
  }
  if (challenge.programId) {
    const member = await selectFrom(scope, "programMembers")
      .select("state")
      .where("programId", "=", challenge.programId)
      .where("contactId", "=", contactId)
      .executeTakeFirst();
    if (member?.state === "declined") throw new AppError("forbidden", "the advocate declined this program");
  }
  checkEvidence(challenge, evidence);

  const points = Number(challenge.points);
  const id = newId("sub");
  const file = evidence.file;
  const fileBytes = file ? Buffer.from(file.dataBase64, "base64") : null;
  if (fileBytes && fileBytes.length > 5 * 1024 * 1024)
    throw invalidField("evidence.file.dataBase64", "must be at most 5 MB");
  const fileMeta =
    file && fileBytes
      ? {
          name: file.name,
          contentType: file.contentType,
          size: fileBytes.length,
          sha256: createHash("sha256").update(fileBytes).digest("hex"),
        }
      : undefined;
  const row: SubmissionsTable = {
    tenantId: scope.tenantId,
    id,
    challengeId,
    contactId,
    state: "pending",
    evidence: JSON.stringify({
      ...(evidence.url && { url: evidence.url }),
      ...(evidence.text && { text: evidence.text }),
      ...(fileMeta && { file: fileMeta }),
    }),
    incentivised: points > 0 ? 1 : 0,
    disclosure: points > 0 ? challenge.disclosure : null,
    points,
    transactionId: null,
    submittedAt: now,
    reviewedAt: null,
    reviewedBy: null,
    rejectionReason: null,
  };

  await withRetry(() =>
    inTransaction(scope.db, async (trx) => {
      const s = withDb(scope, trx);
      const claimed = await updateTable(s, "challenges")
        .set((eb) => ({ claimed: eb("claimed", "+", 1) }))
        .where("id", "=", challengeId)
        .where((eb) => eb.or([eb("totalLimit", "is", null), eb("claimed", "<", eb.ref("totalLimit"))]))
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 0) {
        throw new AppError("conflict", `the challenge is full: all ${challenge.totalLimit} completions are taken`);
      }
      if (challenge.perAdvocateLimit !== null) {
        const mine = await selectFrom(s, "submissions")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("challengeId", "=", challengeId)
          .where("contactId", "=", contactId)
          .where("state", "in", ["pending", "approved"])
          .executeTakeFirstOrThrow();
        if (Number(mine.n) >= challenge.perAdvocateLimit) {
          throw new AppError(
            "conflict",
            `this advocate has already answered this challenge ${mine.n} time(s), its limit per advocate`,
          );
        }
      }
      const { tenantId: _t, ...values } = row;
      await insertInto(s, "submissions", values).execute();
      if (file && fileMeta) {
        await insertInto(s, "submissionFiles", {
          submissionId: id,
          name: fileMeta.name,
          contentType: fileMeta.contentType,
          size: fileMeta.size,
          sha256: fileMeta.sha256,
          dataBase64: file.dataBase64,
        }).execute();
      }
      if (challenge.approval === "automatic") await approveIn(s, row, challenge, actor);
    }),
  );
  if (challenge.approval === "automatic") await afterApproval(scope, row, challenge);
  return getSubmission(scope, id);
}

/** A manager's decision. Approving pays the challenge's points (never a different amount); rejecting frees the slot. */
export async function reviewSubmission(
  scope: Scope,
  id: string,
  decision: ReviewSubmissionInput,
  actor: Actor,
): Promise<Submission> {
  const existing = await selectFrom(scope, "submissions").selectAll().where("id", "=", id).executeTakeFirst();
  if (!existing) throw notFound("submission", id);
  const challenge = await requireChallenge(scope, existing.challengeId);
  const wanted = decision.decision === "approve" ? "approved" : "rejected";
  if (existing.state === wanted) return getSubmission(scope, id);
  if (existing.state !== "pending") throw new AppError("conflict", `the submission was already ${existing.state}`);

  const applied = await withRetry(() =>
    inTransaction(scope.db, async (trx) => {
      const s = withDb(scope, trx);
      // Claim the decision first: of two reviewers deciding at once, one wins and the other sees it.
      const claimed = await updateTable(s, "submissions")
        .set({ reviewedAt: scope.clock.now() })
        .where("id", "=", id)
        .where("state", "=", "pending")
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 0) return false;
      if (decision.decision === "approve") {
        await approveIn(s, existing, challenge, actor);
      } else {
        await updateTable(s, "submissions")
          .set({
            state: "rejected",
            reviewedAt: scope.clock.now(),
            reviewedBy: actorLabel(actor),
            rejectionReason: `${decision.category}: ${decision.reason}`,
          })
          .where("id", "=", id)
          .execute();
        await updateTable(s, "challenges")
          .set((eb) => ({ claimed: eb("claimed", "-", 1) }))
          .where("id", "=", challenge.id)
          .execute();
      }
      return true;
    }),
  );
  if (!applied) {
    const now = await getSubmission(scope, id);
    if (now.state === wanted) return now;
    throw new AppError("conflict", `the submission was already ${now.state}`);
  }
  if (decision.decision === "approve") await afterApproval(scope, existing, challenge);
  return getSubmission(scope, id);
}

function submissionQuery(scope: Scope) {
  return selectFrom(scope, "submissions")
    .leftJoin("challenges as ch", (join) =>
      join.onRef("ch.tenantId", "=", "submissions.tenantId").onRef("ch.id", "=", "submissions.challengeId"),
    )
    .leftJoin("contacts as c", (join) =>
      join.onRef("c.tenantId", "=", "submissions.tenantId").onRef("c.id", "=", "submissions.contactId"),
    )
    .selectAll("submissions")
    .select(["ch.title as challengeTitle", "c.firstName", "c.lastName"]);
}

export async function getSubmission(scope: Scope, id: string): Promise<Submission> {
  const row = await submissionQuery(scope).where("submissions.id", "=", id).executeTakeFirst();
  if (!row) throw notFound("submission", id);
  return toSubmission(row);
}

export async function listSubmissions(
  scope: Scope,
  q: {
    challengeId?: string | undefined;
    state?: SubmissionsTable["state"] | undefined;
    contactId?: string | undefined;
    limit: number;
    offset: number;
  },
): Promise<Submission[]> {
  let query = submissionQuery(scope)
    .orderBy("submissions.submittedAt", "desc")
    .orderBy("submissions.id", "desc")
    .limit(q.limit)
    .offset(q.offset);
  if (q.challengeId) query = query.where("submissions.challengeId", "=", q.challengeId);
  if (q.state) query = query.where("submissions.state", "=", q.state);
  if (q.contactId) query = query.where("submissions.contactId", "=", q.contactId);
  return (await query.execute()).map(toSubmission);
}

export async function submissionFile(scope: Scope, id: string) {
  const file = await selectFrom(scope, "submissionFiles").selectAll().where("submissionId", "=", id).executeTakeFirst();
  if (!file) throw notFound("submission file", id);
  return { name: file.name, contentType: file.contentType, bytes: Buffer.from(file.dataBase64, "base64") };
}
