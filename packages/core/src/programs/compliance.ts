import type { ChallengesTable } from "@advo/db";
import { type Node, parseSegment } from "../segments/index.ts";
import { AppError, invalidField } from "../shared/errors.ts";
import { type Scope, selectFrom } from "../shared/scope.ts";
import { getTenantSetting } from "../tenants/index.ts";

// US FTC Endorsement Guides (2023) and the 2024 rule on consumer reviews, plus review sites' own
// rules: incentivised content is disclosed wherever it goes, an incentive never depends on what a
// review says, review asks are not aimed only at happy customers, and per-site caps hold.

export interface CompliancePolicy {
  /** Money value of one point, in cents (for per-site caps and budgets). */
  pointValueCents: number;
  /** Per review site, the most an incentive may be worth, in cents (e.g. {"g2": 2500}). */
  reviewSiteCaps: Record<string, number>;
  /** Whether an admin may override the review-gating refusal with a recorded reason. */
  allowReviewGatingOverride: boolean;
  /** Default disclosure; {points} and {company} are filled in. */
  disclosureTemplate: string;
}

export const COMPLIANCE_SETTING = "compliance";

export const defaultPolicy: CompliancePolicy = {
  pointValueCents: 1,
  reviewSiteCaps: {},
  allowReviewGatingOverride: false,
  disclosureTemplate: "I received {points} points from {company} in exchange for this. My opinions are my own.",
};

export async function compliancePolicy(scope: Scope): Promise<CompliancePolicy> {
  const stored = await getTenantSetting<Partial<CompliancePolicy>>(scope.db, scope.tenantId, COMPLIANCE_SETTING);
  return { ...defaultPolicy, ...stored };
}

/** Segment fields that say how satisfied a customer is: a review ask filtered on them is review gating. */
const satisfactionFields = new Set([
  "nps",
  "csat",
  "advocacy_score",
  "score",
  "propensity",
  "open_tickets",
  "personality",
]);

export function satisfactionFieldsIn(node: Node): string[] {
  switch (node.type) {
    case "and":
    case "or":
      return [...satisfactionFieldsIn(node.left), ...satisfactionFieldsIn(node.right)];
    case "not":
      return satisfactionFieldsIn(node.operand);
    case "compare":
    case "in":
    case "null-check":
      return satisfactionFields.has(node.field) ? [node.field] : [];
    case "call":
      return [];
  }
}

export interface GatingCheck {
  type: ChallengesTable["type"];
  audienceSegmentId: string | null;
  override: { reason: string } | undefined;
}

/**
 * Refuses a review challenge whose audience is chosen by satisfaction, unless the workspace allows
 * an override and the caller gives a reason (stored with who and when on the challenge).
 */
export async function checkReviewGating(scope: Scope, check: GatingCheck, policy: CompliancePolicy): Promise<boolean> {
  if (check.type !== "review" || !check.audienceSegmentId) return false;
  const segment = await selectFrom(scope, "segments")
    .select(["name", "expression"])
    .where("id", "=", check.audienceSegmentId)
    .executeTakeFirst();
  if (!segment) throw invalidField("audienceSegmentId", `no segment "${check.audienceSegmentId}" in this workspace`);
  const fields = [...new Set(satisfactionFieldsIn(parseSegment(segment.expression)))];
  if (fields.length === 0) return false;
  const message =
    `review gating: segment "${segment.name}" selects customers by ${fields.join(", ")}; ` +
    "asking only satisfied customers for reviews is not allowed (FTC 16 CFR 465, review sites' rules)";
  if (!check.override) {
    throw new AppError("invalid", message, [{ path: "audienceSegmentId", message }]);
  }
  if (!policy.allowReviewGatingOverride) {
    throw new AppError("forbidden", `${message}; this workspace's policy does not allow an override`, [
      { path: "gatingOverride", message: "not allowed by this workspace's compliance policy" },
    ]);
  }
  return true;
}

export function checkSiteCap(policy: CompliancePolicy, reviewSite: string | null | undefined, points: number) {
  if (!reviewSite) return;
  const cap = policy.reviewSiteCaps[reviewSite];
  if (cap === undefined) return;
  const value = points * policy.pointValueCents;
  if (value > cap) {
    throw invalidField(
      "points",
      `worth ${(value / 100).toFixed(2)} at ${policy.pointValueCents}¢ a point, over ${reviewSite}'s incentive cap of ${(cap / 100).toFixed(2)}`,
    );
  }
}

export async function disclosureFor(scope: Scope, policy: CompliancePolicy, points: number): Promise<string> {
  const tenant = await selectFrom(scope, "tenants").select("name").executeTakeFirst();
  return policy.disclosureTemplate
    .replaceAll("{points}", String(points))
    .replaceAll("{company}", tenant?.name ?? "the company");
}
