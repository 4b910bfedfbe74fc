import { z } from "zod";
import { peopleByContact } from "../contacts/people.ts";
import { netAwards } from "../ledger/reports.ts";
import { toIso } from "../shared/clock.ts";
import { invalidField } from "../shared/errors.ts";
import { type Scope, selectFrom } from "../shared/scope.ts";

const DAY = 86_400_000;

export const attributionModels = ["first_touch", "last_touch", "linear"] as const;
export type AttributionModel = (typeof attributionModels)[number];

export const impactQuery = z.object({
  from: z.iso.date().optional().describe("First day (YYYY-MM-DD); default: a year before `to`"),
  to: z.iso.date().optional().describe("Last day, included (YYYY-MM-DD); default: today"),
  model: z
    .enum(attributionModels)
    .default("linear")
    .describe("How a deal's revenue is shared among the advocates who touched it"),
  otherCostCents: z.coerce
    .number()
    .int()
    .min(0)
    .max(1e13)
    .default(0)
    .describe("What else the program cost in the period (team, tools), in cents, for the ROI"),
});
export type ImpactQuery = z.input<typeof impactQuery>;

const retentionGroup = z.object({
  accounts: z.number(),
  renewed: z.number().describe("Accounts with a renewal in the period"),
  renewalRate: z.number().nullable(),
  churned: z.number().describe("Accounts whose lifecycle stage is churned"),
  churnRate: z.number().nullable(),
  meanArr: z.number().nullable(),
});

export const impactOutput = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  currency: z.string().describe("The currency the amounts are in (deals in others are counted apart)"),
  otherCurrencyDeals: z.number(),
  referrals: z.object({
    conversions: z.number(),
    revenue: z.number().describe("First payments of referred customers (held or paid, not refunded)"),
    advocates: z.number(),
  }),
  references: z.object({
    calls: z.number().describe("Reference calls completed in the period"),
    dealsInfluenced: z.number(),
    pipeline: z.number().describe("Deal amounts of the deals a reference call touched"),
    wonDeals: z.number(),
    wonRevenue: z.number(),
  }),
  influenced: z
    .object({
      deals: z.number(),
      pipeline: z.number(),
      wonDeals: z.number(),
      wonRevenue: z.number(),
    })
    .describe("The deals reference calls or content touched, each opportunity once"),
  content: z.object({
    uses: z.number().describe("Times sales used a piece of content in an opportunity in the period"),
    dealsInfluenced: z.number(),
    pipeline: z.number().describe("Deal amounts of the deals content went into"),
    wonDeals: z.number(),
    wonRevenue: z.number(),
  }),
  attribution: z.object({
    model: z.enum(attributionModels),
    revenue: z
      .number()
      .describe("Sourced (referrals) and influenced won (references, content) revenue, each deal once"),
    bySource: z
      .object({ referral: z.number(), reference: z.number(), content: z.number() })
      .describe("Each deal under what touched it first of: a referral, a reference call, content"),
    topAdvocates: z.array(
      z.object({ contactId: z.string(), name: z.string(), revenue: z.number(), deals: z.number() }),
    ),
  }),
  cost: z.object({
    rewardsCents: z.number().describe("Value of rewards redeemed (approved or fulfilled) in the period"),
    otherCents: z.number(),
    pointsAwarded: z.number(),
  }),
  roi: z.number().nullable().describe("(revenue − cost) ÷ cost; null when nothing was spent"),
  retention: z.object({
    advocateAccounts: retentionGroup.describe("Accounts with at least one contact who did an advocacy act"),
    otherAccounts: retentionGroup,
    renewalLift: z.number().nullable().describe("Advocate accounts' renewal rate minus the others'"),
  }),
});
export type Impact = z.infer<typeof impactOutput>;

type Source = "referral" | "reference" | "content";
interface Touch {
  contactId: string;
  at: number;
  source: Source;
}
interface Deal {
  revenue: number;
  source: Source;
  touches: Touch[];
}

/** Shares each deal's revenue among its touches by the model: whole to the first or last, or evenly. */
export function attribute(deals: Iterable<Deal>, model: AttributionModel) {
  const byAdvocate = new Map<string, { revenue: number; deals: Set<Deal> }>();
  const credit = (touch: Touch, amount: number, deal: Deal) => {
    const entry = byAdvocate.get(touch.contactId) ?? { revenue: 0, deals: new Set<Deal>() };
    entry.revenue += amount;
    entry.deals.add(deal);
    byAdvocate.set(touch.contactId, entry);
  };
  for (const deal of deals) {
    const touches = [...deal.touches].sort((a, b) => a.at - b.at || a.contactId.localeCompare(b.contactId));
    if (touches.length === 0 || deal.revenue <= 0) continue;
    if (model === "linear") for (const t of touches) credit(t, deal.revenue / touches.length, deal);
    else credit((model === "first_touch" ? touches[0] : touches.at(-1)) as Touch, deal.revenue, deal);
  }
  return byAdvocate;
}

const round = (n: number) => Math.round(n * 100) / 100;
const sum = (values: Iterable<number>) => {
  let total = 0;
  for (const v of values) total += v;
  return total;
};
/** Keeps the larger of what `deals` holds for `key` and `amount` (calls and uses for one deal report its amount each). */
const keepMax = (deals: Map<string, number>, key: string, amount: number) =>
  deals.set(key, Math.max(deals.get(key) ?? 0, amount));
const rate = (part: number, whole: number) => (whole === 0 ? null : round(part / whole));

/**
 * What advocacy earned in a period, and what it cost: referred customers' first payments (sourced),
 * the deals reference calls and content touched (influenced pipeline, won revenue), each deal's revenue
 * shared among the advocates who touched it by an attribution model (a referral, reference calls and
 * content uses for the same deal id are one deal), rewards redeemed against it for the ROI, and whether accounts with advocates renew
 * more than the others.
 */
export async function advocacyImpact(scope: Scope, query: ImpactQuery = {}): Promise<Impact> {
  const q = impactQuery.parse(query);
  const today = new Date(scope.clock.now()).toISOString().slice(0, 10);
  const to = Date.parse(`${q.to ?? today}T00:00:00Z`) + DAY;
  const from = q.from ? Date.parse(`${q.from}T00:00:00Z`) : to - 365 * DAY;
  if (from >= to) throw invalidField("from", "must be on or before `to`");

  const conversions = await selectFrom(scope, "referralConversions")
    .select(["id", "externalId", "advocateId", "amount", "currency", "convertedAt"])
    .where("status", "in", ["held", "paid"])
    .where("convertedAt", ">=", from)
    .where("convertedAt", "<", to)
    .execute();
  const calls = await selectFrom(scope, "referenceRequests")
    .select(["id", "opportunityId", "contactId", "callAt", "dealAmount", "dealStatus", "wonAmount", "currency"])
    .where("callStatus", "=", "completed")
    .where("callAt", ">=", from)
    .where("callAt", "<", to)
    .execute();
  const uses = await selectFrom(scope, "contentUses")
    .innerJoin("contentItems", (join) =>
      join
        .onRef("contentItems.tenantId", "=", "contentUses.tenantId")
        .onRef("contentItems.id", "=", "contentUses.contentId"),
    )
    .select([
      "contentUses.opportunityId",
      "contentUses.dealAmount",
      "contentUses.dealStatus",
      "contentUses.wonAmount",
      "contentUses.currency",
      "contentUses.usedAt",
      "contentItems.contactId",
    ])
    .where("contentUses.usedAt", ">=", from)
    .where("contentUses.usedAt", "<", to)
    .execute();

  // The currency most of the money is in; deals in others are counted apart, never added up.
  const weight = new Map<string, number>();
  for (const c of conversions) weight.set(c.currency, (weight.get(c.currency) ?? 0) + Number(c.amount));
  for (const r of calls) weight.set(r.currency, (weight.get(r.currency) ?? 0) + Number(r.dealAmount ?? 0));
  for (const u of uses) weight.set(u.currency, (weight.get(u.currency) ?? 0) + Number(u.dealAmount ?? 0));
  const currency = [...weight].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "USD";

  const deals = new Map<string, Deal>();
  let otherCurrencyDeals = 0;
  let referralRevenue = 0;
  let referralConversions = 0;
  let referenceCalls = 0;
  const referralAdvocates = new Set<string>();
  for (const c of conversions) {
    if (c.currency !== currency) {
      otherCurrencyDeals += 1;
      continue;
    }
    referralRevenue += Number(c.amount);
    referralConversions += 1;
    if (c.advocateId) referralAdvocates.add(c.advocateId);
    const deal = deals.get(c.externalId) ?? { revenue: 0, source: "referral" as const, touches: [] };
    deal.revenue = Math.max(deal.revenue, Number(c.amount));
    deal.source = "referral";
    if (c.advocateId) deal.touches.push({ contactId: c.advocateId, at: Number(c.convertedAt), source: "referral" });
    deals.set(c.externalId, deal);
  }
  // A deal's references: every completed call for the same opportunity (a request without one is its own deal).
  const pipeline = new Map<string, number>();
  const won = new Map<string, number>();
  for (const r of calls) {
    if (r.currency !== currency) {
      otherCurrencyDeals += 1;
      continue;
    }
    referenceCalls += 1;
    const key = r.opportunityId ?? `request:${r.id}`;
    keepMax(pipeline, key, Number(r.dealAmount ?? 0));
    if (r.dealStatus === "won") keepMax(won, key, Number(r.wonAmount ?? r.dealAmount ?? 0));
    const deal = deals.get(key) ?? { revenue: 0, source: "reference" as const, touches: [] };
    if (r.contactId) deal.touches.push({ contactId: r.contactId, at: Number(r.callAt), source: "reference" });
    deals.set(key, deal);
  }
  // Content sales used in an opportunity: the same opportunity as a reference call is the same deal.
  const contentPipeline = new Map<string, number>();
  const contentWon = new Map<string, number>();
  let contentUses = 0;
  for (const u of uses) {
    if (u.currency !== currency) {
      otherCurrencyDeals += 1;
      continue;
    }
    contentUses += 1;
    const key = u.opportunityId;
    keepMax(contentPipeline, key, Number(u.dealAmount ?? 0));
    if (u.dealStatus === "won") keepMax(contentWon, key, Number(u.wonAmount ?? u.dealAmount ?? 0));
    const deal = deals.get(key) ?? { revenue: 0, source: "content" as const, touches: [] };
    if (u.contactId) deal.touches.push({ contactId: u.contactId, at: Number(u.usedAt), source: "content" });
    deals.set(key, deal);
  }
  const influencedPipeline = new Map(pipeline);
  for (const [key, amount] of contentPipeline) keepMax(influencedPipeline, key, amount);
  const influencedWon = new Map(won);
  for (const [key, amount] of contentWon) keepMax(influencedWon, key, amount);
  // An influenced deal's revenue is what it was won for.
  for (const [key, amount] of influencedWon) {
    const deal = deals.get(key);
    if (deal && deal.source !== "referral") deal.revenue = Math.max(deal.revenue, amount);
  }
  // References never make a referral deal's revenue bigger: it was sourced; they share its credit.
  const credited = attribute(deals.values(), q.model);
  const bySource = { referral: 0, reference: 0, content: 0 };
  for (const deal of deals.values()) if (deal.touches.length > 0) bySource[deal.source] += deal.revenue;
  const top = [...credited].sort((a, b) => b[1].revenue - a[1].revenue).slice(0, 10);
  const people = await peopleByContact(
    scope,
    top.map(([id]) => id),
  );

  const rewards = await selectFrom(scope, "redemptions")
    .select((eb) => eb.fn.sum<number>("valueCents").as("cents"))
    .where("state", "in", ["approved", "fulfilled"])
    .where("requestedAt", ">=", from)
    .where("requestedAt", "<", to)
    .executeTakeFirst();
  const points = await netAwards(scope, { since: from })
    .select((eb) => eb.fn.sum<number>("e.amount").as("points"))
    .where("ledgerTransactions.createdAt", "<", to)
    .executeTakeFirst();
  const rewardsCents = Number(rewards?.cents ?? 0);
  const costCents = rewardsCents + q.otherCostCents;
  const revenue = bySource.referral + bySource.reference + bySource.content;

  const retention = await retentionBySide(scope, from, to);
  return {
    period: { from: toIso(from).slice(0, 10), to: toIso(to - DAY).slice(0, 10) },
    currency,
    otherCurrencyDeals,
    referrals: { conversions: referralConversions, revenue: round(referralRevenue), advocates: referralAdvocates.size },
    references: {
      calls: referenceCalls,
      dealsInfluenced: pipeline.size,
      pipeline: round(sum(pipeline.values())),
      wonDeals: won.size,
      wonRevenue: round(sum(won.values())),
    },
    influenced: {
      deals: influencedPipeline.size,
      pipeline: round(sum(influencedPipeline.values())),
      wonDeals: influencedWon.size,
      wonRevenue: round(sum(influencedWon.values())),
    },
    content: {
      uses: contentUses,
      dealsInfluenced: contentPipeline.size,
      pipeline: round(sum(contentPipeline.values())),
      wonDeals: contentWon.size,
      wonRevenue: round(sum(contentWon.values())),
    },
    attribution: {
      model: q.model,
      revenue: round(revenue),
      bySource: {
        referral: round(bySource.referral),
        reference: round(bySource.reference),
        content: round(bySource.content),
      },
      topAdvocates: top.map(([contactId, entry]) => ({
        contactId,
        name: people.get(contactId)?.name ?? contactId,
        revenue: round(entry.revenue),
        deals: entry.deals.size,
      })),
    },
    cost: { rewardsCents, otherCents: q.otherCostCents, pointsAwarded: Number(points?.points ?? 0) },
    roi: costCents === 0 ? null : round((revenue * 100 - costCents) / costCents),
    retention,
  };
}

/**
 * Accounts with an advocate (a contact whose score counts at least one advocacy act) against the rest:
 * how many renewed in the period, how many churned, their mean ARR.
 */
async function retentionBySide(scope: Scope, from: number, to: number): Promise<Impact["retention"]> {
  // Three plain reads joined here: as correlated subqueries per account, SQLite read every contact and
  // purchase of the workspace for each account (2 s for the demo's 2,000 accounts).
  const accounts = await selectFrom(scope, "accounts")
    .select(["id", "arr", "lifecycleStage"])
    .where("createdAt", "<", to)
    .execute();
  const withAdvocate = new Set(
    (
      await selectFrom(scope, "contacts")
        .innerJoin("contactScores", (j) =>
          j
            .onRef("contactScores.tenantId", "=", "contacts.tenantId")
            .onRef("contactScores.contactId", "=", "contacts.id"),
        )
        .select("contacts.accountId")
        .distinct()
        .where("contactScores.advocacyActs", ">", 0)
        .where("contacts.accountId", "is not", null)
        .execute()
    ).map((r) => r.accountId),
  );
  // A renewal names the account, or only the contact who paid (a message without a groupId).
  const renewals = await selectFrom(scope, "purchases")
    .leftJoin("contacts", (j) =>
      j.onRef("contacts.tenantId", "=", "purchases.tenantId").onRef("contacts.id", "=", "purchases.contactId"),
    )
    .select(["purchases.accountId as named", "contacts.accountId as payers"])
    .where("purchases.kind", "=", "renewal")
    .where("purchases.occurredAt", ">=", from)
    .where("purchases.occurredAt", "<", to)
    .execute();
  const renewedAccounts = new Set(renewals.map((r) => r.named ?? r.payers).filter((id): id is string => id !== null));
  const rows = accounts.map((a) => ({
    ...a,
    hasAdvocate: withAdvocate.has(a.id),
    renewed: renewedAccounts.has(a.id),
  }));
  const side = (advocates: boolean) => {
    const group = rows.filter((a) => a.hasAdvocate === advocates);
    const renewed = group.filter((a) => a.renewed).length;
    const churned = group.filter((a) => a.lifecycleStage === "churned").length;
    const arrs = group.map((a) => a.arr).filter((v): v is number => v !== null);
    return {
      accounts: group.length,
      renewed,
      renewalRate: rate(renewed, group.length),
      churned,
      churnRate: rate(churned, group.length),
      meanArr: arrs.length === 0 ? null : Math.round(arrs.reduce((a, b) => a + Number(b), 0) / arrs.length),
    };
  };
  const advocateAccounts = side(true);
  const otherAccounts = side(false);
  return {
    advocateAccounts,
    otherAccounts,
    renewalLift:
      advocateAccounts.renewalRate === null || otherAccounts.renewalRate === null
        ? null
        : round(advocateAccounts.renewalRate - otherAccounts.renewalRate),
  };
}
