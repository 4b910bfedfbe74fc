import { inTransaction, type RedemptionsTable, type RewardsTable, withRetry } from "@advo/db";
import { advocateAccount, postOne, reverseTransaction, SYSTEM_ACCOUNTS } from "../ledger/index.ts";
import { quarterOf } from "../programs/goals.ts";
import { requireProgram } from "../programs/programs.ts";
import { toIso, toIsoOrNull } from "../shared/clock.ts";
import { AppError, notFound } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { parseJsonObject } from "../shared/json.ts";
import { sanitizeRichText } from "../shared/rich-text.ts";
import { insertInto, type Scope, selectFrom, updateTable, withDb } from "../shared/scope.ts";
import { getTenantSetting, setTenantSetting } from "../tenants/index.ts";
import type { Actor } from "../users/index.ts";
import {
  type CreateRewardInput,
  createRewardInput,
  type DecideRedemptionInput,
  type RedeemInput,
  type Redemption,
  type Reward,
  redeemInput,
  rewardSettings,
  updateRewardInput,
} from "./reward.schemas.ts";

const monetaryByDefault: Record<RewardsTable["kind"], boolean> = {
  swag: true,
  gift_card: true,
  experience: true,
  charity: false,
  early_access: false,
  custom: false,
};

const toReward = (r: RewardsTable): Reward => ({
  id: r.id,
  name: r.name,
  description: r.description,
  kind: r.kind,
  monetary: r.monetary === 1,
  costPoints: Number(r.costPoints),
  valueCents: Number(r.valueCents),
  currency: r.currency,
  stock: r.stock === null ? null : Number(r.stock),
  perAdvocateLimit: r.perAdvocateLimit,
  programId: r.programId,
  approvalRequired: r.approvalRequired === 1,
  active: r.active === 1,
  createdAt: toIso(Number(r.createdAt)),
  updatedAt: toIso(Number(r.updatedAt)),
});

export async function createReward(scope: Scope, input: CreateRewardInput): Promise<Reward> {
  const r = createRewardInput.parse(input);
  if (r.programId) await requireProgram(scope, r.programId);
  const now = scope.clock.now();
  const row: Omit<RewardsTable, "tenantId"> = {
    id: newId("rwd"),
    name: r.name,
    description: sanitizeRichText(r.description),
    kind: r.kind,
    monetary: (r.monetary ?? monetaryByDefault[r.kind]) ? 1 : 0,
    costPoints: r.costPoints,
    valueCents: r.valueCents,
    currency: r.currency,
    stock: r.stock,
    perAdvocateLimit: r.perAdvocateLimit,
    programId: r.programId ?? null,
    approvalRequired: r.approvalRequired ? 1 : 0,
    active: r.active ? 1 : 0,
    createdAt: now,
    updatedAt: now,
  };
  await insertInto(scope, "rewards", row).execute();
  return toReward({ ...row, tenantId: scope.tenantId });
}

async function requireReward(scope: Scope, id: string) {
  const row = await selectFrom(scope, "rewards").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("reward", id);
  return row;
}

export async function getReward(scope: Scope, id: string): Promise<Reward> {
  return toReward(await requireReward(scope, id));
}

export async function updateReward(scope: Scope, id: string, input: unknown): Promise<Reward> {
  const p = updateRewardInput.parse(input);
  await requireReward(scope, id);
  await updateTable(scope, "rewards")
    .set({
      ...(p.name !== undefined && { name: p.name }),
      ...(p.description !== undefined && { description: sanitizeRichText(p.description) }),
      ...(p.costPoints !== undefined && { costPoints: p.costPoints }),
      ...(p.valueCents !== undefined && { valueCents: p.valueCents }),
      ...(p.stock !== undefined && { stock: p.stock }),
      ...(p.perAdvocateLimit !== undefined && { perAdvocateLimit: p.perAdvocateLimit }),
      ...(p.approvalRequired !== undefined && { approvalRequired: p.approvalRequired ? 1 : 0 }),
      ...(p.active !== undefined && { active: p.active ? 1 : 0 }),
      updatedAt: scope.clock.now(),
    })
    .where("id", "=", id)
    .execute();
  return getReward(scope, id);
}

/** The catalog; for one advocate, only active rewards they may take (gift-restricted: non-monetary only). */
export async function listRewards(
  scope: Scope,
  q: { contactId?: string | undefined; includeInactive?: boolean },
): Promise<Reward[]> {
  let query = selectFrom(scope, "rewards").selectAll().orderBy("costPoints").orderBy("id");
  if (!q.includeInactive || q.contactId) query = query.where("active", "=", 1);
  if (q.contactId) {
    const contact = await selectFrom(scope, "contacts")
      .select("giftsRestricted")
      .where("id", "=", q.contactId)
      .executeTakeFirst();
    if (!contact) throw notFound("contact", q.contactId);
    if (contact.giftsRestricted === 1) query = query.where("monetary", "=", 0);
  }
  return (await query.execute()).map(toReward);
}

export async function getRewardSettings(scope: Scope) {
  return rewardSettings.parse((await getTenantSetting(scope.db, scope.tenantId, "rewards")) ?? {});
}
export async function setRewardSettings(scope: Scope, input: unknown) {
  const settings = rewardSettings.parse(input);
  await setTenantSetting(scope.db, scope.tenantId, "rewards", settings);
  return settings;
}

/** Adds value to this quarter's workspace and program budgets, refusing when either would go over. */
async function spendBudgets(scope: Scope, quarter: string, programId: string | null, cents: number) {
  if (cents === 0) return;
  for (const key of programId ? ["", programId] : [""]) {
    const budget = await selectFrom(scope, "rewardBudgets")
      .select(["limitCents", "spentCents"])
      .where("quarter", "=", quarter)
      .where("programId", "=", key)
      .executeTakeFirst();
    if (!budget) continue;
    const done = await updateTable(scope, "rewardBudgets")
      .set((eb) => ({ spentCents: eb("spentCents", "+", cents), updatedAt: scope.clock.now() }))
      .where("quarter", "=", quarter)
      .where("programId", "=", key)
      .where((eb) => eb(eb("spentCents", "+", cents), "<=", eb.ref("limitCents")))
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0) {
      const fresh = await selectFrom(scope, "rewardBudgets")
        .select(["limitCents", "spentCents"])
        .where("quarter", "=", quarter)
        .where("programId", "=", key)
        .executeTakeFirstOrThrow();
      const left = Number(fresh.limitCents) - Number(fresh.spentCents);
      throw new AppError(
        "conflict",
        `the ${key ? "program's" : "workspace's"} ${quarter} reward budget has ${(left / 100).toFixed(2)} left; this reward costs ${(cents / 100).toFixed(2)}`,
      );
    }
  }
}

async function releaseBudgets(scope: Scope, quarter: string, programId: string | null, cents: number) {
  if (cents === 0) return;
  await updateTable(scope, "rewardBudgets")
    .set((eb) => ({ spentCents: eb("spentCents", "-", cents), updatedAt: scope.clock.now() }))
    .where("quarter", "=", quarter)
    .where("programId", "in", programId ? ["", programId] : [""])
    .execute();
}

/**
 * An advocate redeems points for a reward: stock, per-advocate limit, budgets and balance are all
 * checked and taken in one transaction (stock with a conditional update, so of 50 requests for the
 * last item exactly one wins), or nothing is.
 */
export async function redeemReward(
  scope: Scope,
  contactId: string,
  input: RedeemInput,
  actor: Actor,
): Promise<Redemption> {
  const r = redeemInput.parse(input);
  const reward = await requireReward(scope, r.rewardId);
  if (reward.active !== 1) throw new AppError("conflict", "this reward is no longer offered");
  const contact = await selectFrom(scope, "contacts")
    .select(["id", "giftsRestricted"])
    .where("id", "=", contactId)
    .executeTakeFirst();
  if (!contact) throw notFound("contact", contactId);
  if (contact.giftsRestricted === 1 && reward.monetary === 1) {
    throw new AppError(
      "forbidden",
      "this advocate may not accept gifts (e.g. a public-sector employee); only non-monetary recognition can be offered",
    );
  }
  const settings = await getRewardSettings(scope);
  const needsApproval =
    reward.approvalRequired === 1 ||
    (settings.approvalAbovePoints !== null && Number(reward.costPoints) > settings.approvalAbovePoints);
  const now = scope.clock.now();
  const id = newId("rdm");
  const quarter = quarterOf(now);
  const details: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.details)) details[k] = v;

  await withRetry(() =>
    inTransaction(scope.db, async (trx) => {
      const s = withDb(scope, trx);
      const taken = await updateTable(s, "rewards")
        .set((eb) => ({ stock: eb("stock", "-", 1) }))
        .where("id", "=", reward.id)
        .where((eb) => eb.or([eb("stock", "is", null), eb("stock", ">", 0)]))
        .executeTakeFirst();
      if (Number(taken.numUpdatedRows) === 0) throw new AppError("conflict", `"${reward.name}" is out of stock`);
      if (reward.perAdvocateLimit !== null) {
        const mine = await selectFrom(s, "redemptions")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("rewardId", "=", reward.id)
          .where("contactId", "=", contactId)
          .where("state", "!=", "rejected")
          .executeTakeFirstOrThrow();
        if (Number(mine.n) >= reward.perAdvocateLimit) {
          throw new AppError(
            "conflict",
            `"${reward.name}" can be redeemed ${reward.perAdvocateLimit} time(s) per advocate`,
          );
        }
      }
      await spendBudgets(s, quarter, reward.programId, Number(reward.valueCents));
      const wallet = advocateAccount(contactId);
      const posted = await postOne(s, {
        idempotencyKey: `redemption:${id}`,
        kind: "redemption",
        reason: `Redeemed: ${reward.name}`,
        contactId,
        programId: reward.programId,
        sourceType: "redemption",
        sourceId: id,
        actor,
        mustCover: wallet,
        lines: [
          { accountId: wallet, amount: -Number(reward.costPoints) },
          { accountId: SYSTEM_ACCOUNTS.redemption, amount: Number(reward.costPoints) },
        ],
      });
      await insertInto(s, "redemptions", {
        id,
        rewardId: reward.id,
        contactId,
        state: needsApproval ? "requested" : "approved",
        points: Number(reward.costPoints),
        valueCents: Number(reward.valueCents),
        quarter,
        programId: reward.programId,
        details: JSON.stringify(details),
        transactionId: posted.row.id,
        refundTransactionId: null,
        requestedAt: now,
        decidedAt: needsApproval ? null : now,
        decidedBy: needsApproval ? null : "automatic",
        fulfilledAt: null,
        rejectionReason: null,
      }).execute();
    }),
  );
  return getRedemption(scope, id);
}

const actorLabel = (a: Actor) => `${a.type}:${a.id} (${a.name})`;

const allowed: Record<DecideRedemptionInput["decision"], RedemptionsTable["state"][]> = {
  approve: ["requested"],
  reject: ["requested", "approved"],
  fulfil: ["approved"],
};

/** Approve, reject (points refunded through a ledger reversal, stock and budget given back) or mark fulfilled. */
export async function decideRedemption(
  scope: Scope,
  id: string,
  decision: DecideRedemptionInput,
  actor: Actor,
): Promise<Redemption> {
  const existing = await selectFrom(scope, "redemptions").selectAll().where("id", "=", id).executeTakeFirst();
  if (!existing) throw notFound("redemption", id);
  if (!allowed[decision.decision].includes(existing.state)) {
    throw new AppError(
      "conflict",
      `a ${existing.state} redemption cannot be ${decision.decision === "fulfil" ? "fulfilled" : `${decision.decision}d`}`,
    );
  }
  const now = scope.clock.now();
  await withRetry(() =>
    inTransaction(scope.db, async (trx) => {
      const s = withDb(scope, trx);
      const next =
        decision.decision === "approve" ? "approved" : decision.decision === "reject" ? "rejected" : "fulfilled";
      const claimed = await updateTable(s, "redemptions")
        .set({
          state: next,
          ...(decision.decision === "fulfil" ? { fulfilledAt: now } : { decidedAt: now, decidedBy: actorLabel(actor) }),
          ...(decision.decision === "reject" && { rejectionReason: decision.reason }),
        })
        .where("id", "=", id)
        .where("state", "in", allowed[decision.decision])
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 0)
        throw new AppError("conflict", "the redemption changed meanwhile; reload it");
      if (decision.decision === "reject") {
        // Unlimited rewards (stock null) stay unlimited.
        await updateTable(s, "rewards")
          .set((eb) => ({ stock: eb("stock", "+", 1) }))
          .where("id", "=", existing.rewardId)
          .where("stock", "is not", null)
          .execute();
        await releaseBudgets(s, existing.quarter, existing.programId, Number(existing.valueCents));
        const refund = await reverseTransaction(
          s,
          existing.transactionId,
          { reason: `Redemption rejected: ${decision.reason}`, idempotencyKey: `redemption:${id}:refund` },
          actor,
        );
        await updateTable(s, "redemptions").set({ refundTransactionId: refund.id }).where("id", "=", id).execute();
      }
    }),
  );
  return getRedemption(scope, id);
}

function redemptionQuery(scope: Scope) {
  return selectFrom(scope, "redemptions")
    .leftJoin("rewards as r", (join) =>
      join.onRef("r.tenantId", "=", "redemptions.tenantId").onRef("r.id", "=", "redemptions.rewardId"),
    )
    .leftJoin("contacts as c", (join) =>
      join.onRef("c.tenantId", "=", "redemptions.tenantId").onRef("c.id", "=", "redemptions.contactId"),
    )
    .selectAll("redemptions")
    .select(["r.name as rewardName", "c.firstName", "c.lastName"]);
}

type RedemptionRow = RedemptionsTable & {
  rewardName: string | null;
  firstName: string | null;
  lastName: string | null;
};
const ms = (v: number | null) => toIsoOrNull(v === null ? null : Number(v));

const toRedemption = (r: RedemptionRow): Redemption => ({
  id: r.id,
  rewardId: r.rewardId,
  rewardName: r.rewardName,
  contactId: r.contactId,
  contactName: [r.firstName, r.lastName].filter(Boolean).join(" ") || null,
  state: r.state,
  points: Number(r.points),
  valueCents: Number(r.valueCents),
  quarter: r.quarter,
  details: parseJsonObject<Record<string, string>>(r.details),
  transactionId: r.transactionId,
  refundTransactionId: r.refundTransactionId,
  requestedAt: toIso(Number(r.requestedAt)),
  decidedAt: ms(r.decidedAt),
  decidedBy: r.decidedBy,
  fulfilledAt: ms(r.fulfilledAt),
  rejectionReason: r.rejectionReason,
});

export async function getRedemption(scope: Scope, id: string): Promise<Redemption> {
  const row = await redemptionQuery(scope).where("redemptions.id", "=", id).executeTakeFirst();
  if (!row) throw notFound("redemption", id);
  return toRedemption(row);
}

export async function listRedemptions(
  scope: Scope,
  q: { state?: RedemptionsTable["state"] | undefined; contactId?: string | undefined; limit: number; offset: number },
): Promise<Redemption[]> {
  let query = redemptionQuery(scope)
    .orderBy("redemptions.requestedAt", "desc")
    .orderBy("redemptions.id", "desc")
    .limit(q.limit)
    .offset(q.offset);
  if (q.state) query = query.where("redemptions.state", "=", q.state);
  if (q.contactId) query = query.where("redemptions.contactId", "=", q.contactId);
  return (await query.execute()).map(toRedemption);
}

export async function setBudget(
  scope: Scope,
  input: { quarter: string; programId?: string | null; limitCents: number },
) {
  if (input.programId) await requireProgram(scope, input.programId);
  const key = input.programId ?? "";
  const now = scope.clock.now();
  await insertInto(scope, "rewardBudgets", {
    quarter: input.quarter,
    programId: key,
    limitCents: input.limitCents,
    spentCents: 0,
    updatedAt: now,
  })
    .onConflict((oc) =>
      oc.columns(["tenantId", "quarter", "programId"]).doUpdateSet({ limitCents: input.limitCents, updatedAt: now }),
    )
    .execute();
  return (await listBudgets(scope, input.quarter)).find((b) => (b.programId ?? "") === key);
}

export async function listBudgets(scope: Scope, quarter?: string) {
  let query = selectFrom(scope, "rewardBudgets").selectAll().orderBy("quarter", "desc").orderBy("programId");
  if (quarter) query = query.where("quarter", "=", quarter);
  return (await query.execute()).map((b) => ({
    quarter: b.quarter,
    programId: b.programId || null,
    limitCents: Number(b.limitCents),
    spentCents: Number(b.spentCents),
    remainingCents: Number(b.limitCents) - Number(b.spentCents),
  }));
}
