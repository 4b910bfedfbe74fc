import { type Scope, selectFrom } from "../shared/scope.ts";
import type { ReferralMetrics } from "./referral.schemas.ts";
import { DAY_MS } from "./settings.ts";

// The funnel per program and advocate (clicks → leads → conversions), what referrals earned and
// cost, the referral rate, and referred vs non-referred customers from the purchases table.

interface Tally {
  clicks: number;
  unattributedClicks: number;
  leads: number;
  conversions: number;
  inReview: number;
  refunded: number;
  referredRevenue: number;
  pointsPaid: number;
  pointsPending: number;
}

const empty = (): Tally => ({
  clicks: 0,
  unattributedClicks: 0,
  leads: 0,
  conversions: 0,
  inReview: 0,
  refunded: 0,
  referredRevenue: 0,
  pointsPaid: 0,
  pointsPending: 0,
});

const rate = (num: number, den: number) => (den > 0 ? Math.round((num / den) * 10_000) / 10_000 : null);

function funnel(t: Tally) {
  return {
    clicks: t.clicks,
    unattributedClicks: t.unattributedClicks,
    leads: t.leads,
    conversions: t.conversions,
    clickToLead: rate(t.leads, t.clicks),
    leadToConversion: rate(t.conversions, t.leads),
    clickToConversion: rate(t.conversions, t.clicks),
    referredRevenue: Math.round(t.referredRevenue * 100) / 100,
    pointsPaid: t.pointsPaid,
    pointsPending: t.pointsPending,
  };
}

export async function referralMetrics(
  scope: Scope,
  query: { programId?: string | undefined; advocates: number },
): Promise<ReferralMetrics> {
  let programsQ = selectFrom(scope, "programs").select(["id", "name"]).where("type", "=", "referral");
  if (query.programId) programsQ = programsQ.where("id", "=", query.programId);
  const programs = await programsQ.orderBy("createdAt").execute();
  const ids = programs.map((p) => p.id);
  const byProgram = new Map<string, Tally>(ids.map((id) => [id, empty()]));
  const byAdvocate = new Map<string, Tally>();
  const tally = (programId: string | null, advocateId: string | null) => {
    const out: Tally[] = [];
    const p = programId ? byProgram.get(programId) : undefined;
    if (!p) return out;
    out.push(p);
    if (advocateId) {
      const key = `${programId}|${advocateId}`;
      const a = byAdvocate.get(key) ?? empty();
      byAdvocate.set(key, a);
      out.push(a);
    }
    return out;
  };
  if (ids.length > 0) {
    const clicks = await selectFrom(scope, "referralClicks")
      .select((eb) => ["programId", "advocateId", "outcome", eb.fn.countAll().as("n")])
      .where("programId", "in", ids)
      .groupBy(["programId", "advocateId", "outcome"])
      .execute();
    for (const c of clicks)
      for (const t of tally(c.programId, c.advocateId)) {
        if (c.outcome === "attributed") t.clicks += Number(c.n);
        else t.unattributedClicks += Number(c.n);
      }
    const leads = await selectFrom(scope, "referralLeads")
      .select((eb) => ["programId", "advocateId", eb.fn.countAll().as("n")])
      .where("programId", "in", ids)
      .where("reviewState", "!=", "rejected")
      .groupBy(["programId", "advocateId"])
      .execute();
    for (const l of leads) for (const t of tally(l.programId, l.advocateId)) t.leads += Number(l.n);
    const conversions = await selectFrom(scope, "referralConversions")
      .select((eb) => ["programId", "advocateId", "status", eb.fn.countAll().as("n"), eb.fn.sum("amount").as("amount")])
      .where("programId", "in", ids)
      .groupBy(["programId", "advocateId", "status"])
      .execute();
    for (const c of conversions)
      for (const t of tally(c.programId, c.advocateId)) {
        if (c.status === "held" || c.status === "paid") {
          t.conversions += Number(c.n);
          t.referredRevenue += Number(c.amount ?? 0);
        } else if (c.status === "review") t.inReview += Number(c.n);
        else if (c.status === "refunded") t.refunded += Number(c.n);
      }
    const rewards = await selectFrom(scope, "referralRewards")
      .innerJoin("referralConversions as c", (join) =>
        join.onRef("c.tenantId", "=", "referralRewards.tenantId").onRef("c.id", "=", "referralRewards.conversionId"),
      )
      .select((eb) => [
        "c.programId as programId",
        "c.advocateId as advocateId",
        "referralRewards.status as status",
        eb.fn.sum("referralRewards.points").as("points"),
      ])
      .where("c.programId", "in", ids)
      .where("referralRewards.kind", "=", "points")
      .groupBy(["c.programId", "c.advocateId", "referralRewards.status"])
      .execute();
    for (const r of rewards)
      for (const t of tally(r.programId, r.advocateId)) {
        if (r.status === "paid") t.pointsPaid += Number(r.points ?? 0);
        else if (r.status === "pending") t.pointsPending += Number(r.points ?? 0);
      }
  }

  const advocateSets = new Map<string, Set<string>>(ids.map((id) => [id, new Set<string>()]));
  if (ids.length > 0) {
    const members = await selectFrom(scope, "programMembers")
      .select(["programId", "contactId"])
      .where("programId", "in", ids)
      .where("state", "in", ["joined", "active"])
      .execute();
    const holders = await selectFrom(scope, "referralCodes")
      .select(["programId", "contactId"])
      .where("programId", "in", ids)
      .where("status", "=", "active")
      .execute();
    for (const r of [...members, ...holders]) advocateSets.get(r.programId)?.add(r.contactId);
  }
  const contactIds = [...byAdvocate.keys()].map((k) => k.split("|")[1] as string);
  const people = new Map<string, { name: string | null; email: string | null }>();
  for (let i = 0; i < contactIds.length; i += 500) {
    const rows = await selectFrom(scope, "contacts")
      .select(["id", "firstName", "lastName", "email"])
      .where("id", "in", contactIds.slice(i, i + 500))
      .execute();
    for (const r of rows)
      people.set(r.id, { name: [r.firstName, r.lastName].filter(Boolean).join(" ") || null, email: r.email });
  }

  return {
    programs: programs.map((p) => {
      const t = byProgram.get(p.id) ?? empty();
      const advocates = [...byAdvocate.entries()]
        .filter(([k]) => k.startsWith(`${p.id}|`))
        .map(([k, a]) => ({ contactId: k.split("|")[1] as string, a }));
      const all = advocateSets.get(p.id) ?? new Set<string>();
      for (const a of advocates) if (a.a.conversions > 0) all.add(a.contactId);
      const withConversion = advocates.filter((a) => a.a.conversions > 0).length;
      return {
        programId: p.id,
        name: p.name,
        ...funnel(t),
        inReview: t.inReview,
        refunded: t.refunded,
        advocates: all.size,
        advocatesWithConversion: withConversion,
        referralRate: rate(withConversion, all.size),
        topAdvocates: advocates
          .sort(
            (x, y) =>
              y.a.conversions - x.a.conversions || y.a.referredRevenue - x.a.referredRevenue || y.a.clicks - x.a.clicks,
          )
          .slice(0, query.advocates)
          .map(({ contactId, a }) => ({
            contactId,
            name: people.get(contactId)?.name ?? null,
            email: people.get(contactId)?.email ?? null,
            ...funnel(a),
          })),
      };
    }),
    customers: await cohorts(scope, ids),
  };
}

/** Referred customers (friends of held or paid conversions) vs everyone else who bought. */
async function cohorts(scope: Scope, programIds: string[]) {
  const purchases = await selectFrom(scope, "purchases")
    .select((eb) => [
      "contactId",
      eb.fn.min("occurredAt").as("first"),
      eb.fn.max("occurredAt").as("last"),
      eb.fn
        .sum(
          eb
            .case()
            .when("kind", "=", "refund")
            .then(eb.neg(eb.ref("amount")))
            .else(eb.ref("amount"))
            .end(),
        )
        .as("revenue"),
    ])
    .where("contactId", "is not", null)
    .groupBy("contactId")
    .execute();
  if (purchases.length === 0) return null;
  const referred = new Set<string>();
  if (programIds.length > 0) {
    const rows = await selectFrom(scope, "referralConversions")
      .leftJoin("identities as i", (join) =>
        join
          .onRef("i.tenantId", "=", "referralConversions.tenantId")
          .on("i.kind", "=", "email")
          .onRef("i.value", "=", "referralConversions.customerEmail"),
      )
      .select(["referralConversions.friendContactId as friend", "i.contactId as byEmail"])
      .where("referralConversions.programId", "in", programIds)
      .where("referralConversions.status", "in", ["held", "paid"])
      .execute();
    for (const r of rows) {
      if (r.friend) referred.add(r.friend);
      if (r.byEmail) referred.add(r.byEmail);
    }
  }
  const stats = (rows: typeof purchases) => {
    const customers = rows.length;
    const revenue = rows.reduce((s, r) => s + Number(r.revenue ?? 0), 0);
    const repeat = rows.filter((r) => Number(r.last) - Number(r.first) >= 30 * DAY_MS).length;
    return {
      customers,
      revenuePerCustomer: customers > 0 ? Math.round((revenue / customers) * 100) / 100 : null,
      repeatPurchaseRate: rate(repeat, customers),
    };
  };
  return {
    referred: stats(purchases.filter((p) => p.contactId && referred.has(p.contactId))),
    nonReferred: stats(purchases.filter((p) => p.contactId && !referred.has(p.contactId))),
  };
}
