import type { ChallengesTable } from "@advo/db";
import { toIso, toIsoOrNull } from "../shared/clock.ts";
import { invalidField, notFound } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { parseJsonObject } from "../shared/json.ts";
import { sanitizeRichText } from "../shared/rich-text.ts";
import { insertInto, type Scope, selectFrom, updateTable } from "../shared/scope.ts";
import type { Actor } from "../users/index.ts";
import {
  type Challenge,
  type CreateChallengeInput,
  createChallengeInput,
  type evidenceKinds,
  type UpdateChallengeInput,
  updateChallengeInput,
} from "./challenge.schemas.ts";
import { checkReviewGating, checkSiteCap, compliancePolicy, disclosureFor } from "./compliance.ts";
import { requireProgram } from "./programs.ts";

type EvidenceKind = (typeof evidenceKinds)[number];

// What each kind of ask needs as proof unless the manager says otherwise.
const defaultEvidence: Record<ChallengesTable["type"], EvidenceKind[]> = {
  referral: ["text"],
  review: ["url"],
  reference_call: ["text"],
  testimonial: ["text"],
  case_study: ["text"],
  social_share: ["url"],
  survey: [],
  event: [],
  beta_feedback: ["text"],
  custom: [],
};

const iso = (v: number | null) => toIsoOrNull(v === null ? null : Number(v));

export function toChallenge(r: ChallengesTable): Challenge {
  const override = r.gatingOverride
    ? parseJsonObject<{ reason: string; by: string; at: string }>(r.gatingOverride)
    : null;
  return {
    id: r.id,
    programId: r.programId,
    type: r.type,
    title: r.title,
    description: r.description,
    points: Number(r.points),
    audienceSegmentId: r.audienceSegmentId,
    startsAt: iso(r.startsAt),
    endsAt: iso(r.endsAt),
    perAdvocateLimit: r.perAdvocateLimit,
    totalLimit: r.totalLimit,
    claimed: Number(r.claimed),
    evidence: JSON.parse(r.evidence || "[]") as EvidenceKind[],
    approval: r.approval,
    reviewSite: r.reviewSite,
    targetUrl: r.targetUrl,
    incentivised: Number(r.points) > 0,
    disclosure: r.disclosure,
    gatingOverride: override,
    status: r.status,
    createdAt: toIso(Number(r.createdAt)),
    updatedAt: toIso(Number(r.updatedAt)),
  };
}

export async function requireChallenge(scope: Scope, id: string): Promise<ChallengesTable> {
  const row = await selectFrom(scope, "challenges").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("challenge", id);
  return row;
}

export async function createChallenge(scope: Scope, input: CreateChallengeInput, actor: Actor): Promise<Challenge> {
  const c = createChallengeInput.parse(input);
  if (c.programId) await requireProgram(scope, c.programId);
  if (c.audienceSegmentId) {
    const seg = await selectFrom(scope, "segments")
      .select("id")
      .where("id", "=", c.audienceSegmentId)
      .executeTakeFirst();
    if (!seg) throw invalidField("audienceSegmentId", `no segment "${c.audienceSegmentId}" in this workspace`);
  }
  if (c.reviewSite && c.type !== "review")
    throw invalidField("reviewSite", "only a review challenge names a review site");
  const policy = await compliancePolicy(scope);
  const overridden = await checkReviewGating(
    scope,
    { type: c.type, audienceSegmentId: c.audienceSegmentId ?? null, override: c.gatingOverride },
    policy,
  );
  checkSiteCap(policy, c.reviewSite, c.points);
  const now = scope.clock.now();
  const row: Omit<ChallengesTable, "tenantId"> = {
    id: newId("chl"),
    programId: c.programId ?? null,
    type: c.type,
    title: c.title,
    description: sanitizeRichText(c.description),
    points: c.points,
    audienceSegmentId: c.audienceSegmentId ?? null,
    startsAt: c.startsAt ? Date.parse(c.startsAt) : null,
    endsAt: c.endsAt ? Date.parse(c.endsAt) : null,
    perAdvocateLimit: c.perAdvocateLimit,
    totalLimit: c.totalLimit ?? null,
    claimed: 0,
    evidence: JSON.stringify(c.evidence ?? defaultEvidence[c.type]),
    approval: c.approval,
    reviewSite: c.reviewSite ?? null,
    targetUrl: c.targetUrl ?? null,
    disclosure:
      c.points > 0 ? (c.disclosure ?? (await disclosureFor(scope, policy, c.points))) : (c.disclosure ?? null),
    gatingOverride:
      overridden && c.gatingOverride
        ? JSON.stringify({
            reason: c.gatingOverride.reason,
            by: `${actor.type}:${actor.id} (${actor.name})`,
            at: toIso(now),
          })
        : null,
    status: c.status,
    createdBy: `${actor.type}:${actor.id}`,
    createdAt: now,
    updatedAt: now,
  };
  await insertInto(scope, "challenges", row).execute();
  return toChallenge({ ...row, tenantId: scope.tenantId });
}

export async function getChallenge(scope: Scope, id: string): Promise<Challenge> {
  return toChallenge(await requireChallenge(scope, id));
}

export async function listChallenges(
  scope: Scope,
  q: { programId?: string | undefined; type?: string | undefined; status?: string | undefined },
): Promise<Challenge[]> {
  let query = selectFrom(scope, "challenges").selectAll().orderBy("createdAt", "desc").limit(1000);
  if (q.programId) query = query.where("programId", "=", q.programId);
  if (q.type) query = query.where("type", "=", q.type as ChallengesTable["type"]);
  if (q.status) query = query.where("status", "=", q.status as ChallengesTable["status"]);
  return (await query.execute()).map(toChallenge);
}

export async function updateChallenge(scope: Scope, id: string, input: UpdateChallengeInput): Promise<Challenge> {
  const p = updateChallengeInput.parse(input);
  const existing = await requireChallenge(scope, id);
  if (p.points !== undefined && p.points !== Number(existing.points)) {
    checkSiteCap(await compliancePolicy(scope), existing.reviewSite, p.points);
  }
  const startsAt = p.startsAt === undefined ? existing.startsAt : p.startsAt ? Date.parse(p.startsAt) : null;
  const endsAt = p.endsAt === undefined ? existing.endsAt : p.endsAt ? Date.parse(p.endsAt) : null;
  if (startsAt !== null && endsAt !== null && Number(startsAt) >= Number(endsAt))
    throw invalidField("endsAt", "must be after startsAt");
  await updateTable(scope, "challenges")
    .set({
      ...(p.title !== undefined && { title: p.title }),
      ...(p.description !== undefined && { description: sanitizeRichText(p.description) }),
      ...(p.points !== undefined && { points: p.points }),
      ...(p.totalLimit !== undefined && { totalLimit: p.totalLimit }),
      ...(p.status !== undefined && { status: p.status }),
      startsAt,
      endsAt,
      updatedAt: scope.clock.now(),
    })
    .where("id", "=", id)
    .execute();
  return getChallenge(scope, id);
}

/** Active challenges open now that a contact may answer (their audience segment holds them, or none is set). */
export async function challengesFor(scope: Scope, contactId: string): Promise<Challenge[]> {
  const now = scope.clock.now();
  const rows = await selectFrom(scope, "challenges")
    .selectAll()
    .where("status", "=", "active")
    .where((eb) => eb.or([eb("startsAt", "is", null), eb("startsAt", "<=", now)]))
    .where((eb) => eb.or([eb("endsAt", "is", null), eb("endsAt", ">", now)]))
    .where((eb) =>
      eb.or([
        eb("audienceSegmentId", "is", null),
        eb.exists(
          eb
            .selectFrom("segmentMembers as sm")
            .select("sm.contactId")
            .whereRef("sm.tenantId", "=", "challenges.tenantId")
            .whereRef("sm.segmentId", "=", "challenges.audienceSegmentId")
            .where("sm.contactId", "=", contactId),
        ),
      ]),
    )
    .orderBy("createdAt", "desc")
    .execute();
  return rows.map(toChallenge);
}
