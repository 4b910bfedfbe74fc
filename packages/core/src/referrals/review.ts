import { inTransaction } from "@advo/db";
import { enqueueJob } from "../jobs/index.ts";
import { toIso } from "../shared/clock.ts";
import { AppError, notFound } from "../shared/errors.ts";
import { type Scope, selectFrom, updateTable, withDb } from "../shared/scope.ts";
import type { Actor } from "../users/index.ts";
import { findConversion, PAYOUT_JOB, recordConvertedReferral } from "./conversions.ts";
import { parseSignals, reviewOf } from "./leads.ts";
import type { ReviewItem } from "./referral.schemas.ts";

// The review queue: leads and conversions whose fraud score reached the program's threshold, with
// the signals as reasons. A reviewer approves (the conversion is held and paid after the hold
// period as usual) or rejects (its rewards are cancelled); who decided, when and why is kept.

export async function listReviewQueue(
  scope: Scope,
  query: { programId?: string | undefined; limit: number },
): Promise<ReviewItem[]> {
  let leads = selectFrom(scope, "referralLeads").selectAll().where("reviewState", "=", "pending");
  let conversions = selectFrom(scope, "referralConversions").selectAll().where("reviewState", "=", "pending");
  if (query.programId) {
    leads = leads.where("programId", "=", query.programId);
    conversions = conversions.where("programId", "=", query.programId);
  }
  const [l, c] = await Promise.all([
    leads.orderBy("createdAt").limit(query.limit).execute(),
    conversions.orderBy("createdAt").limit(query.limit).execute(),
  ]);
  const items: ReviewItem[] = [
    ...l.map((r) => ({
      kind: "lead" as const,
      id: r.id,
      programId: r.programId,
      advocateId: r.advocateId,
      email: r.email,
      amount: null,
      fraudScore: Number(r.fraudScore),
      reasons: parseSignals(r.fraudSignals),
      createdAt: toIso(Number(r.createdAt)),
    })),
    ...c.map((r) => ({
      kind: "conversion" as const,
      id: r.id,
      programId: r.programId,
      advocateId: r.advocateId,
      email: r.customerEmail,
      amount: Number(r.amount),
      fraudScore: Number(r.fraudScore),
      reasons: parseSignals(r.fraudSignals),
      createdAt: toIso(Number(r.createdAt)),
    })),
  ];
  return items
    .sort((a, b) => b.fraudScore - a.fraudScore || a.createdAt.localeCompare(b.createdAt))
    .slice(0, query.limit);
}

const actorName = (actor: Actor) => `${actor.type}:${actor.id}${actor.name ? ` (${actor.name})` : ""}`.slice(0, 200);

/** Records a reviewer's decision on a lead (rld_…) or a conversion (rfc_…) waiting in the queue. */
export async function decideReview(
  scope: Scope,
  id: string,
  input: { decision: "approve" | "reject"; note?: string | undefined },
  actor: Actor,
) {
  const state = input.decision === "approve" ? ("approved" as const) : ("rejected" as const);
  const now = scope.clock.now();
  const decided = { reviewState: state, reviewedBy: actorName(actor), reviewedAt: now, reviewNote: input.note ?? null };
  if (id.startsWith("rld_")) {
    return inTransaction(scope.db, async (trx) => {
      const s = withDb(scope, trx);
      const lead = await selectFrom(s, "referralLeads").selectAll().where("id", "=", id).executeTakeFirst();
      if (!lead) throw notFound("referral lead", id);
      if (lead.reviewState !== "pending") throw new AppError("conflict", `this lead was already ${lead.reviewState}`);
      await updateTable(s, "referralLeads")
        .set(decided)
        .where("id", "=", id)
        .where("reviewState", "=", "pending")
        .execute();
      if (state === "rejected") {
        // Its conversions waiting for review fall with it.
        const pending = await selectFrom(s, "referralConversions")
          .select("id")
          .where("leadId", "=", id)
          .where("status", "=", "review")
          .execute();
        for (const c of pending) await rejectConversion(s, c.id, decided, "its lead was rejected in review");
      }
      return { kind: "lead" as const, id, review: reviewOf({ ...lead, ...decided }), status: state };
    });
  }
  return inTransaction(scope.db, async (trx) => {
    const s = withDb(scope, trx);
    const row = await findConversion(s, id);
    if (!row) throw notFound("referral review item", id);
    if (row.reviewState !== "pending" || row.status !== "review")
      throw new AppError("conflict", `this conversion is ${row.status}, not waiting for review`);
    if (state === "rejected") {
      await rejectConversion(s, id, decided, input.note ? `rejected in review: ${input.note}` : "rejected in review");
      return { kind: "conversion" as const, id, review: reviewOf({ ...row, ...decided }), status: "rejected" };
    }
    // Approved: held as if it had passed, paid when its hold period ends (now, if it already has).
    const payableAt = Math.max(Number(row.payableAt ?? now), now);
    await updateTable(s, "referralConversions")
      .set({ ...decided, status: "held", payableAt, updatedAt: now })
      .where("id", "=", id)
      .where("status", "=", "review")
      .execute();
    await enqueueJob(s, PAYOUT_JOB, { conversionId: id }, { runAt: payableAt });
    await recordConvertedReferral(s, row);
    return { kind: "conversion" as const, id, review: reviewOf({ ...row, ...decided }), status: "held" };
  });
}

async function rejectConversion(
  s: Scope,
  id: string,
  decided: { reviewState: "rejected" | "approved"; reviewedBy: string; reviewedAt: number; reviewNote: string | null },
  reason: string,
) {
  const now = s.clock.now();
  await updateTable(s, "referralConversions")
    .set({ ...decided, status: "rejected", statusReason: reason.slice(0, 500), updatedAt: now })
    .where("id", "=", id)
    .where("status", "=", "review")
    .execute();
  await updateTable(s, "referralRewards")
    .set({ status: "cancelled", updatedAt: now })
    .where("conversionId", "=", id)
    .where("status", "=", "pending")
    .execute();
}
