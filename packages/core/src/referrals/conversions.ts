import type { ConversionStatus, ReferralConversionsTable, ReferralRewardsTable } from "@advo/db";
import { inTransaction, isUniqueViolation } from "@advo/db";
import { enqueueJob } from "../jobs/index.ts";
import { toIso, toIsoOrNull } from "../shared/clock.ts";
import { notFound } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { parseJsonObject } from "../shared/json.ts";
import { insertInto, type Scope, selectFrom, withDb } from "../shared/scope.ts";
import { recordAdvocacyActs } from "../signals/index.ts";
import { attribute } from "./attribution.ts";
import { emailSignals, fingerprintSignals, scoreOf } from "./fraud.ts";
import { parseSignals, reviewOf } from "./leads.ts";
import {
  type Attribution,
  type Conversion,
  type ConversionInput,
  conversionInput,
  type FraudSignal,
} from "./referral.schemas.ts";
import { rewardDrafts } from "./rewards.ts";
import { DAY_MS } from "./settings.ts";

export const PAYOUT_JOB = "referrals.payout";

const emptyAttribution: Attribution = { rule: null, windowDays: null, chosen: null, touches: [], explanation: "" };

export function toConversion(
  row: ReferralConversionsTable,
  rewards: ReferralRewardsTable[],
  replayed = false,
): Conversion {
  const attribution = { ...emptyAttribution, ...parseJsonObject<Attribution>(row.attribution) };
  return {
    id: row.id,
    externalId: row.externalId,
    programId: row.programId,
    codeId: row.codeId,
    advocateId: row.advocateId,
    leadId: row.leadId,
    customerEmail: row.customerEmail,
    friendContactId: row.friendContactId,
    amount: Number(row.amount),
    currency: row.currency,
    status: row.status,
    statusReason: row.statusReason,
    nth: Number(row.nth),
    attribution,
    fraudScore: Number(row.fraudScore),
    fraudSignals: parseSignals(row.fraudSignals),
    review: reviewOf(row),
    convertedAt: toIso(Number(row.convertedAt)),
    payableAt: toIsoOrNull(row.payableAt === null ? null : Number(row.payableAt)),
    paidAt: toIsoOrNull(row.paidAt === null ? null : Number(row.paidAt)),
    refundedAt: toIsoOrNull(row.refundedAt === null ? null : Number(row.refundedAt)),
    rewards: rewards
      .sort((a, b) => a.side.localeCompare(b.side))
      .reverse()
      .map((r) => ({
        side: r.side,
        contactId: r.contactId,
        kind: r.kind,
        points: Number(r.points),
        detail: parseJsonObject(r.detail),
        status: r.status,
        transactionId: r.transactionId,
        reversalId: r.reversalId,
      })),
    replayed,
  };
}

export const findConversion = (scope: Scope, id: string) =>
  selectFrom(scope, "referralConversions").selectAll().where("id", "=", id).executeTakeFirst();

export const rewardsOf = (scope: Scope, conversionId: string) =>
  selectFrom(scope, "referralRewards").selectAll().where("conversionId", "=", conversionId).execute();

export async function getConversion(scope: Scope, id: string): Promise<Conversion> {
  const row = await findConversion(scope, id);
  if (!row) throw notFound("referral conversion", id);
  return toConversion(row, await rewardsOf(scope, id));
}

export async function listConversions(
  scope: Scope,
  query: {
    programId?: string | undefined;
    advocateId?: string | undefined;
    status?: ConversionStatus | undefined;
    limit: number;
  },
): Promise<Conversion[]> {
  let q = selectFrom(scope, "referralConversions").selectAll();
  if (query.programId) q = q.where("programId", "=", query.programId);
  if (query.advocateId) q = q.where("advocateId", "=", query.advocateId);
  if (query.status) q = q.where("status", "=", query.status);
  const rows = await q.orderBy("id", "desc").limit(query.limit).execute();
  if (rows.length === 0) return [];
  const rewards = await selectFrom(scope, "referralRewards")
    .selectAll()
    .where(
      "conversionId",
      "in",
      rows.map((r) => r.id),
    )
    .execute();
  return rows.map((r) =>
    toConversion(
      r,
      rewards.filter((w) => w.conversionId === r.id),
    ),
  );
}

/** Keeps the strongest of each named signal. */
function merge(signals: FraudSignal[]): FraudSignal[] {
  const best = new Map<string, FraudSignal>();
  for (const s of signals) {
    const had = best.get(s.signal);
    if (!had || s.points > had.points) best.set(s.signal, s);
  }
  return [...best.values()];
}

/** An advocate's rewarded referrals so far in the program (tiers count them). */
async function referralsSoFar(scope: Scope, programId: string, advocateId: string) {
  const row = await selectFrom(scope, "referralConversions")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("programId", "=", programId)
    .where("advocateId", "=", advocateId)
    .where("status", "in", ["review", "held", "paid"])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * A customer paid (server to server, from billing or the CRM). Recorded once per external id: a
 * repeat answers the stored conversion and changes nothing. Attributed to an advocate by the
 * program's rule, scored for fraud, and either held until the hold period ends (the payout job is
 * queued for then), sent to review, or recorded as ineligible or unattributed.
 */
export async function recordConversion(scope: Scope, input: ConversionInput): Promise<Conversion> {
  const p = conversionInput.parse(input);
  const existing = await selectFrom(scope, "referralConversions")
    .selectAll()
    .where("externalId", "=", p.externalId)
    .executeTakeFirst();
  if (existing) return toConversion(existing, await rewardsOf(scope, existing.id), true);

  const now = scope.clock.now();
  const convertedAt = p.convertedAt ? Date.parse(p.convertedAt) : now;
  let lead = p.leadId
    ? await selectFrom(scope, "referralLeads").selectAll().where("id", "=", p.leadId).executeTakeFirst()
    : undefined;
  const email = p.email ?? lead?.email;
  const { attribution, chosen, program, settings } = await attribute(scope, {
    convertedAt,
    email,
    leadId: p.leadId,
    clickId: p.clickId,
    code: p.code,
    deviceId: p.deviceId,
    programId: p.programId,
  });

  let status: ConversionStatus = "unattributed";
  let statusReason: string | null = null;
  let signals: FraudSignal[] = [];
  let nth = 0;
  let payableAt: number | null = null;
  let drafts: ReturnType<typeof rewardDrafts> = [];
  if (chosen && program && settings) {
    if (chosen.kind === "lead") {
      lead = await selectFrom(scope, "referralLeads").selectAll().where("id", "=", chosen.id).executeTakeFirst();
    } else if (email) {
      lead = await selectFrom(scope, "referralLeads")
        .selectAll()
        .where("codeId", "=", chosen.codeId)
        .where("email", "=", email)
        .executeTakeFirst();
    } else lead = undefined;
    const advocate = await selectFrom(scope, "contacts")
      .select("email")
      .where("id", "=", chosen.advocateId)
      .executeTakeFirst();
    if (lead && lead.reviewState !== "approved") {
      signals.push(...parseSignals(lead.fraudSignals).map((s) => ({ ...s, detail: `lead: ${s.detail}` })));
    }
    if (email && email !== lead?.email)
      signals.push(...emailSignals(email, advocate?.email ?? null, settings, "the customer's email"));
    signals.push(...(await fingerprintSignals(scope, chosen.advocateId, p.deviceId ?? null, null)));
    signals = merge(signals);
    const score = scoreOf(signals);
    if (lead?.reviewState === "rejected") {
      status = "rejected";
      statusReason = "its lead was rejected in review";
    } else if (p.amount < settings.minAmount) {
      status = "ineligible";
      statusReason = `the first payment ${p.amount} is below the program's minimum of ${settings.minAmount}`;
    } else {
      status = score >= settings.fraudThreshold ? "review" : "held";
      nth = (await referralsSoFar(scope, program.id, chosen.advocateId)) + 1;
      payableAt = convertedAt + settings.holdDays * DAY_MS;
      drafts = rewardDrafts(settings, p.amount, nth, chosen.advocateId);
    }
  }

  const row: Omit<ReferralConversionsTable, "tenantId"> = {
    id: newId("rfc"),
    externalId: p.externalId,
    programId: program?.id ?? null,
    codeId: chosen?.codeId ?? null,
    advocateId: chosen?.advocateId ?? null,
    leadId: lead?.id ?? null,
    clickId: p.clickId ?? (chosen?.kind === "click" ? chosen.id : null),
    customerEmail: email ?? null,
    friendContactId: null,
    amount: p.amount,
    currency: p.currency,
    status,
    statusReason,
    nth,
    attribution: JSON.stringify(attribution),
    fraudScore: scoreOf(signals),
    fraudSignals: JSON.stringify(signals),
    reviewState: status === "review" ? "pending" : "none",
    reviewedBy: null,
    reviewedAt: null,
    reviewNote: null,
    convertedAt,
    payableAt,
    paidAt: null,
    refundedAt: null,
    createdAt: now,
    updatedAt: now,
  };
  const rewards: ReferralRewardsTable[] = drafts.map((d) => ({
    ...d,
    tenantId: scope.tenantId,
    conversionId: row.id,
    createdAt: now,
    updatedAt: now,
  }));
  try {
    await inTransaction(scope.db, async (trx) => {
      const s = withDb(scope, trx);
      await insertInto(s, "referralConversions", row).execute();
      if (rewards.length > 0)
        await insertInto(
          s,
          "referralRewards",
          rewards.map(({ tenantId: _, ...r }) => r),
        ).execute();
      if (status === "held") {
        await enqueueJob(s, PAYOUT_JOB, { conversionId: row.id }, { runAt: payableAt ?? now });
        await recordConvertedReferral(s, row);
      }
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const raced = await selectFrom(scope, "referralConversions")
      .selectAll()
      .where("externalId", "=", p.externalId)
      .executeTakeFirst();
    if (!raced) throw error;
    return toConversion(raced, await rewardsOf(scope, raced.id), true);
  }
  return toConversion({ ...row, tenantId: scope.tenantId }, rewards);
}

/**
 * A conversion past the fraud check (held, or approved in review) is an advocacy act of its
 * advocate: the advocacy score and personalities count it like any other.
 */
export async function recordConvertedReferral(
  scope: Scope,
  conversion: Pick<ReferralConversionsTable, "id" | "advocateId" | "programId">,
) {
  if (!conversion.advocateId) return;
  await recordAdvocacyActs(scope, [
    {
      contactId: conversion.advocateId,
      event: "Referral Converted",
      messageId: `referral-conversion:${conversion.id}`,
      properties: { conversionId: conversion.id, programId: conversion.programId },
    },
  ]);
}
