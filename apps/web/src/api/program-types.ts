// The web app's view of the programs, ledger, recognition, rewards and hub APIs. Type-only imports
// from core (nothing of core is bundled); the runtime lists below are checked against core's unions.
import type { hubProfileOutput, updateHubProfileInput } from "@advo/core/hub";
import type { LedgerAccount, LedgerTransaction } from "@advo/core/ledger";
import type {
  Challenge,
  CreateChallengeInput,
  CreateProgramInput,
  Member,
  Program,
  Submission,
  UpdateChallengeInput,
  UpdateProgramInput,
} from "@advo/core/programs";
import type { Badge, BadgeRule, leaderboardOutput, Standing, shoutoutOutput, Tier } from "@advo/core/recognition";
import type { budgetOutput, CreateRewardInput, Redemption, Reward } from "@advo/core/rewards";
import type { z } from "zod";

export type {
  Badge,
  BadgeRule,
  Challenge,
  CreateChallengeInput,
  CreateProgramInput,
  CreateRewardInput,
  LedgerAccount,
  LedgerTransaction,
  Member,
  Program,
  Redemption,
  Reward,
  Standing,
  Submission,
  Tier,
  UpdateChallengeInput,
  UpdateProgramInput,
};

export type LedgerEntry = LedgerAccount["entries"][number];
export type Budget = z.infer<typeof budgetOutput>;
export type Leaderboard = z.infer<typeof leaderboardOutput>;
export type Shoutout = z.infer<typeof shoutoutOutput>;
export type HubProfile = z.infer<typeof hubProfileOutput>;
export type HubProfileUpdate = z.input<typeof updateHubProfileInput>;
export type ProgramType = Program["type"];
export type ProgramStatus = Program["status"];
export type MemberState = Member["state"];
export type GoalMetric = Program["goals"][number]["metric"];
export type GoalPeriod = "month" | "quarter" | "year" | "all";
export type ChallengeType = Challenge["type"];
export type EvidenceKind = Challenge["evidence"][number];
export type RewardKind = Reward["kind"];
export type RedemptionState = Redemption["state"];
export type SubmissionState = Submission["state"];
export type RejectionCategory = Extract<
  import("@advo/core/programs").ReviewSubmissionInput,
  { decision: "reject" }
>["category"];
export type EmailFrequency = HubProfile["communication"]["emailFrequency"];

export const programTypes = [
  "referral",
  "reference",
  "review",
  "content",
  "community",
  "ambassador",
  "beta",
  "custom",
] as const satisfies readonly ProgramType[];
export const programStatuses = ["draft", "active", "paused", "archived"] as const satisfies readonly ProgramStatus[];
export const memberStates = [
  "invited",
  "joined",
  "active",
  "lapsed",
  "declined",
] as const satisfies readonly MemberState[];
export const goalMetrics = [
  "members",
  "active_members",
  "submissions",
  "approved_submissions",
  "points_awarded",
] as const satisfies readonly GoalMetric[];
export const goalPeriods = ["month", "quarter", "year", "all"] as const satisfies readonly GoalPeriod[];
export const challengeTypes = [
  "referral",
  "review",
  "reference_call",
  "testimonial",
  "case_study",
  "social_share",
  "survey",
  "event",
  "beta_feedback",
  "custom",
] as const satisfies readonly ChallengeType[];
export const evidenceKinds = ["url", "text", "file"] as const satisfies readonly EvidenceKind[];
export const reviewSites = [
  "g2",
  "trustradius",
  "capterra",
  "gartner_peer_insights",
  "app_store",
  "google_play",
  "other",
] as const;
export const rewardKinds = [
  "swag",
  "gift_card",
  "charity",
  "experience",
  "early_access",
  "custom",
] as const satisfies readonly RewardKind[];
export const redemptionStates = [
  "requested",
  "approved",
  "fulfilled",
  "rejected",
] as const satisfies readonly RedemptionState[];
export const rejectionCategories = [
  "evidence_missing",
  "not_published",
  "duplicate",
  "not_eligible",
  "off_topic",
  "other",
] as const satisfies readonly RejectionCategory[];
export const badgeRuleKinds = [
  "submissions",
  "events",
  "points",
  "manual",
] as const satisfies readonly BadgeRule["kind"][];
export const consentPurposes = [
  "marketingEmail",
  "publicRecognition",
  "quoteUse",
  "logoUse",
  "referenceCalls",
] as const;
export const emailFrequencies = [
  "immediately",
  "weekly",
  "monthly",
  "never",
] as const satisfies readonly EmailFrequency[];

type IsNever<T> = [T] extends [never] ? true : false;
type Assert<T extends true> = T;
/** Compile-time: every value core knows is listed above. */
export type ProgramListsMatchCore = Assert<
  IsNever<
    | Exclude<ProgramType, (typeof programTypes)[number]>
    | Exclude<MemberState, (typeof memberStates)[number]>
    | Exclude<GoalMetric, (typeof goalMetrics)[number]>
    | Exclude<ChallengeType, (typeof challengeTypes)[number]>
    | Exclude<RewardKind, (typeof rewardKinds)[number]>
    | Exclude<RedemptionState, (typeof redemptionStates)[number]>
    | Exclude<RejectionCategory, (typeof rejectionCategories)[number]>
    | Exclude<BadgeRule["kind"], (typeof badgeRuleKinds)[number]>
    | Exclude<EmailFrequency, (typeof emailFrequencies)[number]>
  >
>;

/** snake_case and camelCase values as a label: reference_call → Reference call. */
export function labelOf(value: string): string {
  const text = value
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .toLowerCase();
  return text ? text[0]?.toUpperCase() + text.slice(1) : text;
}

export const optionsOf = (values: readonly string[]) => values.map((value) => ({ value, label: labelOf(value) }));
