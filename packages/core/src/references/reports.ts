import { sql } from "kysely";
import { getFatigueSettings, quarterOf } from "../asks/index.ts";
import { displayName } from "../contacts/people.ts";
import { toIso, toIsoOrNull } from "../shared/clock.ts";
import { type Scope, selectFrom } from "../shared/scope.ts";
import { parseList } from "./profiles.ts";
import { sizeBandOf } from "./vocabulary.ts";

const DAY = 86_400_000;

/**
 * Who carries the load and who is never asked: per active profile, reference asks in the window
 * and this quarter against their limit (their own, else the workspace's reference limit).
 */
export async function utilisationReport(scope: Scope, query: { days: number }) {
  const now = scope.clock.now();
  const since = now - query.days * DAY;
  const quarter = quarterOf(now);
  const fatigue = await getFatigueSettings(scope);
  const tenantLimit = fatigue.perKindPerQuarter.reference ?? null;
  const profiles = await selectFrom(scope, "referenceProfiles")
    .innerJoin("contacts", (j) =>
      j
        .onRef("contacts.tenantId", "=", "referenceProfiles.tenantId")
        .onRef("contacts.id", "=", "referenceProfiles.contactId"),
    )
    .leftJoin("contactAskCounts", (j) =>
      j
        .onRef("contactAskCounts.tenantId", "=", "referenceProfiles.tenantId")
        .onRef("contactAskCounts.contactId", "=", "referenceProfiles.contactId")
        .on("contactAskCounts.quarter", "=", quarter)
        .on("contactAskCounts.kind", "=", "reference"),
    )
    .select([
      "referenceProfiles.id",
      "referenceProfiles.contactId",
      "referenceProfiles.maxAsksPerQuarter",
      "referenceProfiles.lastReferenceAt",
      "referenceProfiles.referencesGiven",
      "referenceProfiles.createdAt",
      "contacts.firstName",
      "contacts.lastName",
      "contacts.email",
      "contactAskCounts.asks as quarterAsks",
    ])
    .where("referenceProfiles.status", "=", "active")
    .where("referenceProfiles.consentAt", "is not", null)
    .execute();
  const windowRows = await selectFrom(scope, "referenceAsks")
    .select((eb) => ["contactId", "status", eb.fn.countAll<number>().as("n"), eb.fn.max("askedAt").as("lastAskedAt")])
    .where("askedAt", ">=", since)
    .groupBy(["contactId", "status"])
    .execute();
  const stats = new Map<
    string,
    { asked: number; accepted: number; declined: number; completed: number; last: number }
  >();
  for (const r of windowRows) {
    const s = stats.get(r.contactId) ?? { asked: 0, accepted: 0, declined: 0, completed: 0, last: 0 };
    const n = Number(r.n);
    s.asked += n;
    if (r.status === "accepted" || r.status === "completed" || r.status === "no_show") s.accepted += n;
    if (r.status === "declined") s.declined += n;
    if (r.status === "completed") s.completed += n;
    s.last = Math.max(s.last, Number(r.lastAskedAt));
    stats.set(r.contactId, s);
  }
  const rows = profiles.map((p) => {
    const s = stats.get(p.contactId) ?? { asked: 0, accepted: 0, declined: 0, completed: 0, last: 0 };
    const limit = p.maxAsksPerQuarter === null ? tenantLimit : Number(p.maxAsksPerQuarter);
    const quarterAsks = Number(p.quarterAsks ?? 0);
    return {
      profileId: p.id,
      contactId: p.contactId,
      name: displayName(p.firstName, p.lastName, p.email),
      asksInWindow: s.asked,
      acceptedInWindow: s.accepted,
      declinedInWindow: s.declined,
      completedInWindow: s.completed,
      asksThisQuarter: quarterAsks,
      limitPerQuarter: limit,
      referencesGiven: Number(p.referencesGiven),
      lastAskedAt: s.last > 0 ? toIso(s.last) : null,
      lastReferenceAt: toIsoOrNull(p.lastReferenceAt === null ? null : Number(p.lastReferenceAt)),
      overused: limit !== null && quarterAsks >= limit,
      idle: s.asked === 0,
    };
  });
  const asked = rows.reduce((n, r) => n + r.asksInWindow, 0);
  const accepted = rows.reduce((n, r) => n + r.acceptedInWindow, 0);
  const overused = rows.filter((r) => r.overused).sort((a, b) => b.asksThisQuarter - a.asksThisQuarter);
  const idle = rows
    .filter((r) => r.idle)
    .sort(
      (a, b) =>
        (a.lastReferenceAt ?? "").localeCompare(b.lastReferenceAt ?? "") || b.referencesGiven - a.referencesGiven,
    );
  return {
    days: query.days,
    quarter,
    activeProfiles: rows.length,
    askedProfiles: rows.filter((r) => r.asksInWindow > 0).length,
    asks: asked,
    acceptanceRate: asked === 0 ? null : Math.round((accepted / asked) * 1000) / 1000,
    overusedCount: overused.length,
    idleCount: idle.length,
    overused: overused.slice(0, 50),
    idle: idle.slice(0, 50),
    busiest: [...rows]
      .sort((a, b) => b.asksInWindow - a.asksInWindow)
      .filter((r) => r.asksInWindow > 0)
      .slice(0, 10),
  };
}

type Dimension = "industry" | "size" | "region" | "product" | "competitor";

/**
 * Where sales asks and no reference can answer: per industry, size band, region, product and
 * competitor, the available references (active, consented) and the requests of the window.
 * Values come from requests, profiles and the customer base (account industries and regions).
 */
export async function coverageReport(scope: Scope, query: { days: number }) {
  const since = scope.clock.now() - query.days * DAY;
  const available = new Map<Dimension, Map<string, number>>();
  const demand = new Map<Dimension, Map<string, number>>();
  const add = (m: Map<Dimension, Map<string, number>>, d: Dimension, v: string | null, n = 1) => {
    if (!v) return;
    const inner = m.get(d) ?? new Map<string, number>();
    inner.set(v, (inner.get(v) ?? 0) + n);
    m.set(d, inner);
  };
  const active = () =>
    selectFrom(scope, "referenceProfiles")
      .where("referenceProfiles.status", "=", "active")
      .where("referenceProfiles.consentAt", "is not", null);
  for (const [column, dim] of [
    ["industry", "industry"],
    ["sizeBand", "size"],
    ["region", "region"],
  ] as const) {
    const rows = await active()
      .select((eb) => [
        sql.ref<string | null>(`referenceProfiles.${column}`).as("value"),
        eb.fn.countAll<number>().as("n"),
      ])
      .groupBy(`referenceProfiles.${column}`)
      .execute();
    for (const r of rows) add(available, dim, r.value, Number(r.n));
  }
  const terms = await selectFrom(scope, "referenceProfileTerms")
    .innerJoin("referenceProfiles", (j) =>
      j
        .onRef("referenceProfiles.tenantId", "=", "referenceProfileTerms.tenantId")
        .onRef("referenceProfiles.id", "=", "referenceProfileTerms.profileId"),
    )
    .select((eb) => ["referenceProfileTerms.field", "referenceProfileTerms.term", eb.fn.countAll<number>().as("n")])
    .where("referenceProfiles.status", "=", "active")
    .where("referenceProfiles.consentAt", "is not", null)
    .groupBy(["referenceProfileTerms.field", "referenceProfileTerms.term"])
    .execute();
  for (const t of terms) add(available, t.field === "product" ? "product" : "competitor", t.term, Number(t.n));

  const requests = await selectFrom(scope, "referenceRequests")
    .select(["industry", "employeeCount", "region", "products", "competitor"])
    .where("createdAt", ">=", since)
    .execute();
  for (const r of requests) {
    add(demand, "industry", r.industry);
    add(demand, "size", sizeBandOf(r.employeeCount === null ? null : Number(r.employeeCount)));
    add(demand, "region", r.region);
    for (const p of parseList(r.products)) add(demand, "product", p.trim().toLowerCase());
    add(demand, "competitor", r.competitor?.trim().toLowerCase() ?? null);
  }
  const base = await selectFrom(scope, "accounts").select(["industry", "region"]).distinct().execute();
  const known = new Map<Dimension, Set<string>>();
  for (const b of base) {
    if (b.industry)
      (known.get("industry") ?? known.set("industry", new Set()).get("industry"))?.add(b.industry.toLowerCase());
    if (b.region) (known.get("region") ?? known.set("region", new Set()).get("region"))?.add(b.region.toUpperCase());
  }
  const dimensions = (["industry", "size", "region", "product", "competitor"] as const).map((d) => {
    const values = new Set([
      ...(available.get(d)?.keys() ?? []),
      ...(demand.get(d)?.keys() ?? []),
      ...(known.get(d) ?? []),
    ]);
    const rows = [...values]
      .map((value) => {
        const a = available.get(d)?.get(value) ?? 0;
        const requested = demand.get(d)?.get(value) ?? 0;
        return { value, available: a, requested, gap: a === 0 };
      })
      .sort((x, y) => Number(y.gap) - Number(x.gap) || y.requested - x.requested || x.available - y.available);
    return { dimension: d, values: rows, gaps: rows.filter((r) => r.gap).map((r) => r.value) };
  });
  return { days: query.days, requests: requests.length, dimensions };
}

/**
 * Pipeline and revenue influenced by references: requests whose call took place, grouped by CRM
 * opportunity (a request without one is its own opportunity), so an opportunity helped by several
 * references counts once. Its status and amounts are those of its latest recorded outcome.
 */
export async function influenceReport(scope: Scope, query: { days: number }) {
  const since = scope.clock.now() - query.days * DAY;
  const rows = await selectFrom(scope, "referenceRequests")
    .select([
      "id",
      "opportunityId",
      "prospectName",
      "dealStatus",
      "dealAmount",
      "wonAmount",
      "currency",
      "outcomeAt",
      "callAt",
      "contactId",
    ])
    .where("callStatus", "=", "completed")
    .where("callAt", ">=", since)
    .execute();
  const opps = new Map<
    string,
    {
      key: string;
      prospectName: string;
      currency: string;
      status: string;
      amount: number;
      references: Set<string>;
      latest: number;
    }
  >();
  for (const r of rows) {
    const key = r.opportunityId ?? `request:${r.id}`;
    const at = Number(r.outcomeAt ?? r.callAt ?? 0);
    const o = opps.get(key) ?? {
      key,
      prospectName: r.prospectName,
      currency: r.currency,
      status: "open",
      amount: 0,
      references: new Set<string>(),
      latest: -1,
    };
    if (r.contactId) o.references.add(r.contactId);
    if (at >= o.latest) {
      o.latest = at;
      o.status = r.dealStatus;
      o.currency = r.currency;
      o.amount = Number((r.dealStatus === "won" ? r.wonAmount : r.dealAmount) ?? 0);
    }
    opps.set(key, o);
  }
  const totals = new Map<
    string,
    { currency: string; won: number; wonCount: number; pipeline: number; openCount: number; lostCount: number }
  >();
  for (const o of opps.values()) {
    const t = totals.get(o.currency) ?? {
      currency: o.currency,
      won: 0,
      wonCount: 0,
      pipeline: 0,
      openCount: 0,
      lostCount: 0,
    };
    if (o.status === "won") {
      t.won += o.amount;
      t.wonCount++;
    } else if (o.status === "open") {
      t.pipeline += o.amount;
      t.openCount++;
    } else t.lostCount++;
    totals.set(o.currency, t);
  }
  const list = [...opps.values()]
    .sort((a, b) => b.amount - a.amount)
    .slice(0, 50)
    .map((o) => ({
      opportunity: o.key,
      prospectName: o.prospectName,
      status: o.status as "open" | "won" | "lost",
      amount: o.amount,
      currency: o.currency,
      references: o.references.size,
    }));
  return {
    days: query.days,
    opportunities: opps.size,
    referenceCalls: rows.length,
    byCurrency: [...totals.values()].map((t) => ({
      currency: t.currency,
      influencedRevenue: t.won,
      wonOpportunities: t.wonCount,
      influencedPipeline: t.pipeline,
      openOpportunities: t.openCount,
      lostOpportunities: t.lostCount,
    })),
    topOpportunities: list,
  };
}
