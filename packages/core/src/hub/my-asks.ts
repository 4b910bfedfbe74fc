import { z } from "zod";
import { toIso, toIsoOrNull } from "../shared/clock.ts";
import { type Scope, selectFrom } from "../shared/scope.ts";

// What the hub shows an advocate of the reference calls they are asked for: the kind of prospect
// and what is asked, never the prospect's name (sales may not have shared it yet).
export const hubReferenceAskOutput = z.object({
  id: z.string(),
  status: z.string(),
  activity: z.string(),
  prospect: z.object({
    industry: z.string().nullable(),
    employeeCount: z.number().nullable(),
    region: z.string().nullable(),
  }),
  neededBy: z.string().nullable(),
  askedAt: z.string(),
  respondedAt: z.string().nullable(),
  expiresAt: z.string(),
});

export async function referenceAsksOf(scope: Scope, contactId: string) {
  const rows = await selectFrom(scope, "referenceAsks")
    .innerJoin("referenceRequests as r", (join) =>
      join.onRef("r.tenantId", "=", "referenceAsks.tenantId").onRef("r.id", "=", "referenceAsks.requestId"),
    )
    .select([
      "referenceAsks.id",
      "referenceAsks.status",
      "referenceAsks.askedAt",
      "referenceAsks.respondedAt",
      "referenceAsks.tokenExpiresAt",
      "r.activity",
      "r.industry",
      "r.employeeCount",
      "r.region",
      "r.neededBy",
    ])
    .where("referenceAsks.contactId", "=", contactId)
    .orderBy("referenceAsks.askedAt", "desc")
    .limit(50)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    activity: r.activity,
    prospect: {
      industry: r.industry,
      employeeCount: r.employeeCount === null ? null : Number(r.employeeCount),
      region: r.region,
    },
    neededBy: toIsoOrNull(r.neededBy === null ? null : Number(r.neededBy)),
    askedAt: toIso(Number(r.askedAt)),
    respondedAt: toIsoOrNull(r.respondedAt === null ? null : Number(r.respondedAt)),
    expiresAt: toIso(Number(r.tokenExpiresAt)),
  }));
}

export const hubProgramOutput = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  description: z.string(),
  membership: z
    .enum(["invited", "joined", "active", "lapsed", "declined"])
    .nullable()
    .describe("null: eligible, not yet joined"),
});

/** Active programs the advocate belongs to, was invited to, or may join through its eligibility segment. */
export async function programsOf(scope: Scope, contactId: string) {
  const rows = await selectFrom(scope, "programs")
    .leftJoin("programMembers as m", (join) =>
      join
        .onRef("m.tenantId", "=", "programs.tenantId")
        .onRef("m.programId", "=", "programs.id")
        .on("m.contactId", "=", contactId),
    )
    .select(["programs.id", "programs.name", "programs.type", "programs.description", "m.state"])
    .where("programs.status", "=", "active")
    .where((eb) =>
      eb.or([
        eb("m.state", "is not", null),
        eb.exists(
          eb
            .selectFrom("segmentMembers as sm")
            .select("sm.contactId")
            .whereRef("sm.tenantId", "=", "programs.tenantId")
            .whereRef("sm.segmentId", "=", "programs.eligibilitySegmentId")
            .where("sm.contactId", "=", contactId),
        ),
      ]),
    )
    .orderBy("programs.name")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    type: r.type,
    description: r.description,
    membership: r.state ?? null,
  }));
}
