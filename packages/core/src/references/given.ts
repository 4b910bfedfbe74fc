import { z } from "zod";
import { toIso, toIsoOrNull } from "../shared/clock.ts";
import { type Scope, selectFrom } from "../shared/scope.ts";

// The references a contact was asked for and what came of each: the request's prospect, the
// advocate's answer (and its reason), the call and the deal. Staff see the prospect's name.

export const referenceGivenOutput = z.object({
  askId: z.string(),
  requestId: z.string(),
  prospectName: z.string(),
  activity: z.string(),
  askStatus: z.enum(["pending", "accepted", "declined", "withdrawn", "completed", "no_show"]),
  declineReason: z.string().nullable(),
  askedAt: z.string(),
  respondedAt: z.string().nullable(),
  requestStatus: z.string(),
  callAt: z.string().nullable(),
  dealStatus: z.string(),
  wonAmount: z.number().nullable(),
  currency: z.string(),
});
export const referencesGivenOutput = z.object({
  data: z.array(referenceGivenOutput),
  summary: z.object({
    asked: z.number(),
    accepted: z.number().describe("Accepted or completed"),
    completed: z.number(),
    declined: z.number(),
    wonAmount: z.number().describe("Deals won where this contact gave the reference (sum of amounts, any currency)"),
  }),
});

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export async function referencesGiven(scope: Scope, contactId: string): Promise<z.infer<typeof referencesGivenOutput>> {
  const rows = await selectFrom(scope, "referenceAsks")
    .innerJoin("referenceRequests as r", (join) =>
      join.onRef("r.tenantId", "=", "referenceAsks.tenantId").onRef("r.id", "=", "referenceAsks.requestId"),
    )
    .select([
      "referenceAsks.id",
      "referenceAsks.requestId",
      "referenceAsks.status",
      "referenceAsks.reason",
      "referenceAsks.askedAt",
      "referenceAsks.respondedAt",
      "r.prospectName",
      "r.activity",
      "r.status as requestStatus",
      "r.callAt",
      "r.dealStatus",
      "r.wonAmount",
      "r.currency",
      "r.contactId as requestContactId",
    ])
    .where("referenceAsks.contactId", "=", contactId)
    .orderBy("referenceAsks.askedAt", "desc")
    .limit(200)
    .execute();
  const data = rows.map((r) => {
    // The request's call and deal are this contact's only when they are the one who took it.
    const theirs = r.requestContactId === contactId && (r.status === "accepted" || r.status === "completed");
    return {
      askId: r.id,
      requestId: r.requestId,
      prospectName: r.prospectName,
      activity: r.activity,
      askStatus: r.status,
      declineReason: r.status === "declined" ? r.reason : null,
      askedAt: toIso(Number(r.askedAt)),
      respondedAt: toIsoOrNull(num(r.respondedAt)),
      requestStatus: r.requestStatus,
      callAt: theirs ? toIsoOrNull(num(r.callAt)) : null,
      dealStatus: theirs ? r.dealStatus : "n/a",
      wonAmount: theirs ? num(r.wonAmount) : null,
      currency: r.currency,
    };
  });
  const count = (...statuses: string[]) => data.filter((d) => statuses.includes(d.askStatus)).length;
  return {
    data,
    summary: {
      asked: data.length,
      accepted: count("accepted", "completed"),
      completed: count("completed"),
      declined: count("declined"),
      wonAmount: data.reduce((s, d) => s + (d.dealStatus === "won" ? (d.wonAmount ?? 0) : 0), 0),
    },
  };
}
