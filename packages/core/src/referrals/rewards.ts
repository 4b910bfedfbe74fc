import type { ReferralRewardsTable } from "@advo/db";
import type { FriendRule, PointsRule, ReferralSettings } from "./referral.schemas.ts";

// Double-sided rewards: the referrer's from the base rule or the tier their Nth referral reached,
// the friend's in points or as a discount. Computed when the conversion is recorded and stored with
// it, so a later change of the program's rules does not change what was promised.

export function pointsFor(rule: PointsRule, amount: number): number {
  if (rule.type === "fixed") return rule.points;
  const raw = Math.floor((amount * rule.percent * rule.pointsPerUnit) / 100);
  return rule.maxPoints ? Math.min(raw, rule.maxPoints) : raw;
}

/** The rule for an advocate's Nth rewarded referral: the highest tier it passed, else the base rule. */
export function referrerRule(settings: ReferralSettings, nth: number): { rule: PointsRule; tier: number | null } {
  const tiers = [...settings.tiers].sort((a, b) => b.afterReferrals - a.afterReferrals);
  const tier = tiers.find((t) => nth > t.afterReferrals);
  return tier ? { rule: tier.reward, tier: tier.afterReferrals } : { rule: settings.referrerReward, tier: null };
}

type RewardDraft = Omit<ReferralRewardsTable, "tenantId" | "conversionId" | "createdAt" | "updatedAt">;

export function rewardDrafts(
  settings: ReferralSettings,
  amount: number,
  nth: number,
  advocateId: string,
): RewardDraft[] {
  const { rule, tier } = referrerRule(settings, nth);
  const referrerPoints = pointsFor(rule, amount);
  const friend: FriendRule = settings.friendReward;
  const base = { status: "pending" as const, transactionId: null, reversalId: null };
  const drafts: RewardDraft[] = [
    {
      ...base,
      side: "referrer",
      contactId: advocateId,
      kind: referrerPoints > 0 ? "points" : "none",
      points: referrerPoints,
      detail: JSON.stringify({ rule, nth, tier }),
    },
  ];
  if (friend.type === "discount") {
    drafts.push({
      ...base,
      side: "friend",
      contactId: null,
      kind: "discount",
      points: 0,
      detail: JSON.stringify({ description: friend.description, ...(friend.code ? { code: friend.code } : {}) }),
    });
  } else if (friend.type === "fixed" || friend.type === "percent") {
    const points = pointsFor(friend, amount);
    drafts.push({
      ...base,
      side: "friend",
      contactId: null,
      kind: points > 0 ? "points" : "none",
      points,
      detail: JSON.stringify({ rule: friend }),
    });
  }
  return drafts;
}
