import type { BadgesTable } from "@advo/db";
import { isUniqueViolation } from "@advo/db";
import { consentEffective } from "../contacts/index.ts";
import { getBalance, topEarners } from "../ledger/index.ts";
import { periodStart } from "../programs/goals.ts";
import { toIso, toIsoOrNull } from "../shared/clock.ts";
import { conflictOn, notFound } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { sanitizeRichText } from "../shared/rich-text.ts";
import { insertInto, type Scope, selectFrom, updateTable } from "../shared/scope.ts";
import { absorbedContacts } from "../signals/index.ts";
import { getTenantSetting, setTenantSetting } from "../tenants/index.ts";
import type { Actor } from "../users/index.ts";
import {
  type Badge,
  type BadgeRule,
  badgeRule,
  createBadgeInput,
  createShoutoutInput,
  type Standing,
  type Tier,
  tiersInput,
} from "./recognition.schemas.ts";

const TIERS_SETTING = "tiers";
export const defaultTiers: Tier[] = [
  { name: "Insider", minLifetimePoints: 0, minBadges: 0 },
  { name: "Advocate", minLifetimePoints: 500, minBadges: 0 },
  { name: "Champion", minLifetimePoints: 2000, minBadges: 2 },
  { name: "Legend", minLifetimePoints: 10000, minBadges: 5 },
];

const toBadge = (r: BadgesTable, holders: number): Badge => ({
  id: r.id,
  name: r.name,
  description: r.description,
  icon: r.icon,
  rule: badgeRule.parse(JSON.parse(r.rule)),
  holders,
  createdAt: toIso(Number(r.createdAt)),
});

export async function createBadge(scope: Scope, input: unknown): Promise<Badge> {
  const b = createBadgeInput.parse(input);
  const row = {
    id: newId("bdg"),
    name: b.name,
    description: b.description,
    icon: b.icon ?? null,
    rule: JSON.stringify(b.rule),
    createdAt: scope.clock.now(),
  };
  try {
    await insertInto(scope, "badges", row).execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw conflictOn("name", `a badge named "${b.name}" already exists`);
    throw error;
  }
  return toBadge({ ...row, tenantId: scope.tenantId }, 0);
}

export async function listBadges(scope: Scope): Promise<Badge[]> {
  const [rows, counts] = await Promise.all([
    selectFrom(scope, "badges").selectAll().orderBy("name").execute(),
    selectFrom(scope, "contactBadges")
      .select(["badgeId", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("badgeId")
      .execute(),
  ]);
  const holders = new Map(counts.map((c) => [c.badgeId, Number(c.n)]));
  return rows.map((r) => toBadge(r, holders.get(r.id) ?? 0));
}

async function progressOn(scope: Scope, contactId: string, rule: BadgeRule, lifetime: number): Promise<number> {
  switch (rule.kind) {
    case "points":
      return lifetime;
    case "manual":
      return 0;
    case "submissions": {
      let q = selectFrom(scope, "submissions")
        .innerJoin("challenges as ch", (join) =>
          join.onRef("ch.tenantId", "=", "submissions.tenantId").onRef("ch.id", "=", "submissions.challengeId"),
        )
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("submissions.contactId", "=", contactId)
        .where("submissions.state", "=", "approved");
      if (rule.challengeType) q = q.where("ch.type", "=", rule.challengeType);
      return Number((await q.executeTakeFirstOrThrow()).n);
    }
    case "events": {
      const row = await selectFrom(scope, "events")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("contactId", "=", contactId)
        .where("event", "=", rule.event)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    }
  }
}

const ruleText = (rule: BadgeRule, n: number) => {
  switch (rule.kind) {
    case "points":
      return `earned ${n} lifetime points (≥ ${rule.atLeast})`;
    case "submissions":
      return `${n} approved ${rule.challengeType ?? "challenge"} submission(s) (≥ ${rule.atLeast})`;
    case "events":
      return `${n} × ${rule.event} (≥ ${rule.atLeast})`;
    case "manual":
      return "awarded by a manager";
  }
};

/**
 * A contact's balance and lifetime earnings, with the earnings of contacts merged into it. A merge moves
 * the balance by a ledger posting, but earnings stay under the wallet that earned them (the ledger's
 * verification recomputes them from each wallet's awards), so tiers and badges add them up here.
 */
async function pointsOf(scope: Scope, contactId: string): Promise<{ balance: number; lifetimeEarned: number }> {
  const own = await getBalance(scope, contactId);
  let lifetimeEarned = own.lifetimeEarned;
  for (const merged of await absorbedContacts(scope, contactId))
    lifetimeEarned += (await getBalance(scope, merged)).lifetimeEarned;
  return { balance: own.balance, lifetimeEarned };
}

/** Awards every rule badge the contact now qualifies for; returns the names of the new ones. */
export async function evaluateBadges(scope: Scope, contactId: string): Promise<string[]> {
  const [badges, held, totals] = await Promise.all([
    selectFrom(scope, "badges").selectAll().execute(),
    selectFrom(scope, "contactBadges").select("badgeId").where("contactId", "=", contactId).execute(),
    pointsOf(scope, contactId),
  ]);
  const have = new Set(held.map((h) => h.badgeId));
  const awarded: string[] = [];
  for (const badge of badges) {
    if (have.has(badge.id)) continue;
    const rule = badgeRule.parse(JSON.parse(badge.rule));
    if (rule.kind === "manual") continue;
    const n = await progressOn(scope, contactId, rule, totals.lifetimeEarned);
    if (n < rule.atLeast) continue;
    await insertInto(scope, "contactBadges", {
      contactId,
      badgeId: badge.id,
      awardedAt: scope.clock.now(),
      reason: ruleText(rule, n),
    })
      .onConflict((oc) => oc.columns(["tenantId", "contactId", "badgeId"]).doNothing())
      .execute();
    awarded.push(badge.name);
  }
  await promoteChampion(scope, contactId, totals.lifetimeEarned, have.size + awarded.length);
  return awarded;
}

export async function awardBadge(scope: Scope, badgeId: string, contactId: string, actor: Actor) {
  const badge = await selectFrom(scope, "badges").select(["id", "name"]).where("id", "=", badgeId).executeTakeFirst();
  if (!badge) throw notFound("badge", badgeId);
  const contact = await selectFrom(scope, "contacts").select("id").where("id", "=", contactId).executeTakeFirst();
  if (!contact) throw notFound("contact", contactId);
  await insertInto(scope, "contactBadges", {
    contactId,
    badgeId,
    awardedAt: scope.clock.now(),
    reason: `awarded by ${actor.name}`,
  })
    .onConflict((oc) => oc.columns(["tenantId", "contactId", "badgeId"]).doNothing())
    .execute();
  return standingOf(scope, contactId);
}

export async function getTiers(scope: Scope): Promise<Tier[]> {
  return (await getTenantSetting<Tier[]>(scope.db, scope.tenantId, TIERS_SETTING)) ?? defaultTiers;
}

export async function setTiers(scope: Scope, input: unknown): Promise<Tier[]> {
  const tiers = tiersInput.parse(input);
  await setTenantSetting(scope.db, scope.tenantId, TIERS_SETTING, tiers);
  return tiers;
}

export function tierOf(tiers: Tier[], lifetime: number, badges: number): { tier: Tier; next: Tier | null } {
  let index = 0;
  tiers.forEach((t, i) => {
    if (lifetime >= t.minLifetimePoints && badges >= t.minBadges) index = i;
  });
  return { tier: tiers[index] as Tier, next: tiers[index + 1] ?? null };
}

/** Reaching the second-highest tier or above makes the contact a champion in the lifecycle. */
async function promoteChampion(scope: Scope, contactId: string, lifetime: number, badges: number) {
  const tiers = await getTiers(scope);
  if (tiers.length < 3) return;
  const { tier } = tierOf(tiers, lifetime, badges);
  if (tiers.indexOf(tier) >= tiers.length - 2) {
    await updateTable(scope, "contacts")
      .set({ lifecycleStage: "champion", updatedAt: scope.clock.now() })
      .where("id", "=", contactId)
      .where("lifecycleStage", "in", ["identified", "invited", "onboarded", "active", "lapsed"])
      .execute();
  }
}

/** Points, tier and badges of one advocate. */
export async function standingOf(scope: Scope, contactId: string): Promise<Standing> {
  const contact = await selectFrom(scope, "contacts").select("id").where("id", "=", contactId).executeTakeFirst();
  if (!contact) throw notFound("contact", contactId);
  const [totals, tiers, badges] = await Promise.all([
    pointsOf(scope, contactId),
    getTiers(scope),
    selectFrom(scope, "contactBadges")
      .innerJoin("badges as b", (join) =>
        join.onRef("b.tenantId", "=", "contactBadges.tenantId").onRef("b.id", "=", "contactBadges.badgeId"),
      )
      .select(["contactBadges.badgeId", "b.name", "b.icon", "contactBadges.awardedAt", "contactBadges.reason"])
      .where("contactBadges.contactId", "=", contactId)
      .orderBy("contactBadges.awardedAt", "desc")
      .execute(),
  ]);
  const { tier, next } = tierOf(tiers, totals.lifetimeEarned, badges.length);
  return {
    contactId,
    ...totals,
    tier: tier.name,
    nextTier: next
      ? {
          name: next.name,
          pointsNeeded: Math.max(0, next.minLifetimePoints - totals.lifetimeEarned),
          badgesNeeded: Math.max(0, next.minBadges - badges.length),
        }
      : null,
    badges: badges.map((b) => ({
      badgeId: b.badgeId,
      name: b.name,
      icon: b.icon,
      awardedAt: toIso(Number(b.awardedAt)),
      reason: b.reason,
    })),
  };
}

type ContactName = {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  consent: string;
};

/** Staff see names; the advocate hub shows only those whose consent to public recognition is in force. */
function displayName(c: ContactName | undefined, audience: "staff" | "public", now: number): string {
  if (!c) return "An advocate";
  if (audience === "public" && !consentEffective(c.consent, "publicRecognition", now)) return "An advocate";
  const name = [c.firstName, c.lastName].filter(Boolean).join(" ");
  return name || (audience === "staff" ? (c.email ?? c.id) : "An advocate");
}

async function namesOf(scope: Scope, ids: string[]) {
  if (ids.length === 0) return new Map<string, ContactName>();
  const rows = await selectFrom(scope, "contacts")
    .select(["id", "firstName", "lastName", "email", "consent"])
    .where("id", "in", ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export async function leaderboard(
  scope: Scope,
  q: { programId?: string | undefined; period: "month" | "quarter" | "year" | "all"; limit: number },
  audience: "staff" | "public" = "staff",
) {
  const since = periodStart(q.period, scope.clock.now());
  const top = await topEarners(scope, { since, programId: q.programId ?? null, limit: q.limit });
  const names = await namesOf(
    scope,
    top.map((t) => t.contactId),
  );
  return {
    period: q.period,
    since: toIsoOrNull(since || null),
    programId: q.programId ?? null,
    entries: top.map((t, i) => ({
      rank: i + 1,
      contactId: t.contactId,
      name: displayName(names.get(t.contactId), audience, scope.clock.now()),
      points: t.points,
    })),
  };
}

export async function createShoutout(scope: Scope, input: unknown, actor: Actor) {
  const s = createShoutoutInput.parse(input);
  const names = await namesOf(scope, [s.contactId]);
  if (!names.has(s.contactId)) throw notFound("contact", s.contactId);
  const row = {
    id: newId("sho"),
    contactId: s.contactId,
    programId: s.programId ?? null,
    message: sanitizeRichText(s.message),
    createdBy: `${actor.type}:${actor.id}`,
    createdAt: scope.clock.now(),
  };
  await insertInto(scope, "shoutouts", row).execute();
  return {
    ...row,
    name: displayName(names.get(s.contactId), "staff", scope.clock.now()),
    createdAt: toIso(row.createdAt),
  };
}

export async function listShoutouts(scope: Scope, audience: "staff" | "public", limit = 20) {
  const rows = await selectFrom(scope, "shoutouts").selectAll().orderBy("createdAt", "desc").limit(limit).execute();
  const names = await namesOf(scope, [...new Set(rows.map((r) => r.contactId))]);
  return rows.map((r) => ({
    id: r.id,
    contactId: r.contactId,
    name: displayName(names.get(r.contactId), audience, scope.clock.now()),
    programId: r.programId,
    message: r.message,
    createdAt: toIso(Number(r.createdAt)),
  }));
}
