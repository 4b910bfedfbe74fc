import { inTransaction } from "@advo/db";
import { createContact } from "../contacts/index.ts";
import type { JobHandler } from "../jobs/index.ts";
import { awardPoints, reverseTransaction } from "../ledger/index.ts";
import { recordMemberActivity } from "../programs/index.ts";
import { AppError, notFound } from "../shared/errors.ts";
import { type Scope, selectFrom, updateTable, withDb } from "../shared/scope.ts";
import type { Actor } from "../users/index.ts";
import { findConversion, getConversion, PAYOUT_JOB } from "./conversions.ts";
import { recordFingerprint } from "./leads.ts";
import type { Conversion } from "./referral.schemas.ts";

// Rewards are posted to the ledger only when the hold period has passed (a job queued for that
// moment, plus a sweep for anything it missed), exactly once per side: the idempotency key is
// referral:<conversionId>:<side>. A refund before then cancels the pending rewards, so the ledger
// never sees them; a refund after reverses the posted transactions (clawback).

export const PAYOUT_ACTOR: Actor = { type: "system", id: "referrals", name: "Referral rewards" };

const splitName = (name: string | null) => {
  if (!name) return {};
  const [first, ...rest] = name.trim().split(/\s+/);
  return { firstName: first?.slice(0, 100) || null, lastName: rest.join(" ").slice(0, 100) || null };
};

/** The friend's contact, found by email or created (a lead is not a contact until they convert). */
async function friendContact(scope: Scope, email: string, name: string | null): Promise<string> {
  const find = () =>
    selectFrom(scope, "identities")
      .select("contactId")
      .where("kind", "=", "email")
      .where("value", "=", email)
      .executeTakeFirst();
  const found = await find();
  if (found) return found.contactId;
  try {
    return (await createContact(scope, { email, ...splitName(name), lifecycleStage: "identified" })).id;
  } catch (error) {
    const raced = await find();
    if (raced) return raced.contactId;
    throw error;
  }
}

/** Posts a held conversion's rewards once its hold period is over; false when there was nothing to do. */
export async function payConversion(scope: Scope, conversionId: string): Promise<boolean> {
  return inTransaction(scope.db, async (trx) => {
    const s = withDb(scope, trx);
    const now = s.clock.now();
    const row = await findConversion(s, conversionId);
    if (row?.status !== "held" || row.payableAt === null || Number(row.payableAt) > now) return false;
    const claimed = await updateTable(s, "referralConversions")
      .set({ status: "paid", paidAt: now, updatedAt: now })
      .where("id", "=", conversionId)
      .where("status", "=", "held")
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) return false;
    const lead = row.leadId
      ? await selectFrom(s, "referralLeads").selectAll().where("id", "=", row.leadId).executeTakeFirst()
      : undefined;
    const rewards = await selectFrom(s, "referralRewards")
      .selectAll()
      .where("conversionId", "=", conversionId)
      .execute();
    const friendEmail = row.customerEmail ?? lead?.email ?? null;
    let friendId = row.friendContactId;
    if (!friendId && friendEmail && rewards.some((r) => r.side === "friend")) {
      friendId = await friendContact(s, friendEmail, lead?.name ?? null);
    }
    for (const reward of rewards) {
      if (reward.status !== "pending") continue;
      const contactId = reward.side === "referrer" ? reward.contactId : friendId;
      const patch: {
        status: "paid" | "cancelled";
        contactId: string | null;
        transactionId?: string;
        updatedAt: number;
      } = {
        status: "paid",
        contactId,
        updatedAt: now,
      };
      if (reward.kind === "points" && Number(reward.points) > 0) {
        if (!contactId) patch.status = "cancelled";
        else {
          const tx = await awardPoints(s, {
            contactId,
            points: Number(reward.points),
            reason:
              reward.side === "referrer"
                ? `Referral reward: order ${row.externalId}`
                : `Welcome reward for joining through a referral (order ${row.externalId})`,
            idempotencyKey: `referral:${conversionId}:${reward.side}`,
            actor: PAYOUT_ACTOR,
            programId: row.programId,
            source: { type: "referral_conversion", id: conversionId },
          });
          patch.transactionId = tx.id;
        }
      }
      await updateTable(s, "referralRewards")
        .set(patch)
        .where("conversionId", "=", conversionId)
        .where("side", "=", reward.side)
        .execute();
    }
    if (friendId) {
      await updateTable(s, "referralConversions")
        .set({ friendContactId: friendId })
        .where("id", "=", conversionId)
        .execute();
      if (lead) {
        await updateTable(s, "referralLeads").set({ contactId: friendId }).where("id", "=", lead.id).execute();
        await recordFingerprint(s, friendId, { deviceId: lead.deviceId, ipHash: lead.ipHash });
      }
    }
    if (row.programId && row.advocateId) await recordMemberActivity(s, row.programId, row.advocateId);
    return true;
  });
}

/** Pays every held conversion whose hold period is over (the worker's safety net; demo data uses it too). */
export async function payDueConversions(scope: Scope): Promise<number> {
  const due = await selectFrom(scope, "referralConversions")
    .select("id")
    .where("status", "=", "held")
    .where("payableAt", "<=", scope.clock.now())
    .orderBy("payableAt")
    .limit(1000)
    .execute();
  let paid = 0;
  for (const { id } of due) if (await payConversion(scope, id)) paid++;
  return paid;
}

/**
 * The customer was refunded or cancelled. Before payout the pending rewards are cancelled (nothing
 * reaches the ledger); after it, each posted reward is reversed through the ledger. Repeats change nothing.
 */
export async function refundConversion(
  scope: Scope,
  conversionId: string,
  input: { reason: string },
  actor: Actor,
): Promise<Conversion> {
  await inTransaction(scope.db, async (trx) => {
    const s = withDb(scope, trx);
    const now = s.clock.now();
    const row = await findConversion(s, conversionId);
    if (!row) throw notFound("referral conversion", conversionId);
    if (row.status === "refunded") return;
    const claimed = await updateTable(s, "referralConversions")
      .set({ status: "refunded", statusReason: input.reason, refundedAt: now, updatedAt: now })
      .where("id", "=", conversionId)
      .where("status", "=", row.status)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) throw new AppError("conflict", "the conversion changed meanwhile; retry");
    const rewards = await selectFrom(s, "referralRewards")
      .selectAll()
      .where("conversionId", "=", conversionId)
      .execute();
    for (const reward of rewards) {
      if (reward.status === "pending") {
        await updateTable(s, "referralRewards")
          .set({ status: "cancelled", updatedAt: now })
          .where("conversionId", "=", conversionId)
          .where("side", "=", reward.side)
          .execute();
      } else if (reward.status === "paid" && reward.transactionId) {
        const reversal = await reverseTransaction(
          s,
          reward.transactionId,
          {
            reason: `Referral clawback: order ${row.externalId} refunded (${input.reason})`.slice(0, 500),
            idempotencyKey: `referral:${conversionId}:${reward.side}:clawback`,
          },
          actor,
        );
        await updateTable(s, "referralRewards")
          .set({ status: "clawed_back", reversalId: reversal.id, updatedAt: now })
          .where("conversionId", "=", conversionId)
          .where("side", "=", reward.side)
          .execute();
      }
    }
  });
  return getConversion(scope, conversionId);
}

export const referralJobHandlers: Record<string, JobHandler> = {
  [PAYOUT_JOB]: async ({ scope, payload }) => {
    if (typeof payload.conversionId === "string") await payConversion(scope, payload.conversionId);
    // Anything else that fell due meanwhile (a job lost to a crash, a clock jump) goes too.
    await payDueConversions(scope);
  },
};
