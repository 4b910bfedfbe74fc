import type { ContentUsesTable } from "@advo/db";
import { inTransaction, isUniqueViolation } from "@advo/db";
import { toIso } from "../shared/clock.ts";
import { conflictOn, invalidField, notFound } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { insertInto, type Scope, selectFrom, updateTable, withDb } from "../shared/scope.ts";
import type { Actor } from "../users/index.ts";
import {
  type ContentUse,
  type ContentUseInput,
  type ContentUseOutcomeInput,
  contentUseInput,
  contentUseOutcomeInput,
} from "./content.schemas.ts";
import { channelsOf, recordContentEvent, requireContent, usableNow } from "./content.ts";

// Sales records where it used a piece of content (a case study sent to a prospect, a testimonial in a
// deck) and, later, how the deal ended: the content's influenced pipeline, and the revenue impact shares
// with the advocate it features (analytics/impact.ts).

const num = (v: number | string | null) => (v === null ? null : Number(v));

const toUse = (r: ContentUsesTable): ContentUse => ({
  id: r.id,
  contentId: r.contentId,
  opportunityId: r.opportunityId,
  prospectName: r.prospectName,
  dealAmount: num(r.dealAmount),
  currency: r.currency,
  dealStatus: r.dealStatus,
  wonAmount: num(r.wonAmount),
  usedAt: toIso(Number(r.usedAt)),
  recordedBy: r.recordedBy,
  note: r.note,
});

/** Records that sales used the content in an opportunity: only content in use now, cleared for sales. */
export async function recordContentUse(
  scope: Scope,
  contentId: string,
  input: ContentUseInput,
  actor: Actor,
): Promise<ContentUse> {
  const data = contentUseInput.parse(input);
  const content = await requireContent(scope, contentId);
  const now = scope.clock.now();
  if (content.status !== "published")
    throw conflictOn("status", `only published content is used in deals; this is ${content.status.replace("_", " ")}`);
  if (!usableNow(content, now)) throw conflictOn("usableUntil", "the right to use it has ended");
  if (!channelsOf(content.channels).includes("sales"))
    throw conflictOn("channels", "its advocate has not cleared it for sales use");
  const usedAt = data.usedAt ? Date.parse(data.usedAt) : now;
  if (usedAt > now) throw invalidField("usedAt", "is in the future");
  if (content.publishedAt !== null && usedAt < Number(content.publishedAt))
    throw invalidField("usedAt", "is before the content was published");
  const id = newId("cus");
  try {
    await inTransaction(scope.db, async (trx) => {
      const t = withDb(scope, trx);
      await insertInto(t, "contentUses", {
        id,
        contentId,
        opportunityId: data.opportunityId,
        prospectName: data.prospectName ?? null,
        dealAmount: data.dealAmount ?? null,
        currency: data.currency,
        dealStatus: "open",
        wonAmount: null,
        usedAt,
        recordedBy: actor.name,
        note: data.note ?? null,
        updatedAt: now,
      }).execute();
      await recordContentEvent(t, contentId, actor, "used_in_deal", content.version, data.opportunityId);
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflictOn("opportunityId", `this content is already recorded for opportunity "${data.opportunityId}"`);
    throw error;
  }
  return getContentUse(scope, contentId, id);
}

async function getContentUse(scope: Scope, contentId: string, id: string): Promise<ContentUse> {
  const row = await selectFrom(scope, "contentUses")
    .selectAll()
    .where("contentId", "=", contentId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound("content use", id);
  return toUse(row);
}

/** How the deal ended (or what it is worth now). A won deal's revenue defaults to its amount. */
export async function updateContentUse(
  scope: Scope,
  contentId: string,
  id: string,
  input: ContentUseOutcomeInput,
): Promise<ContentUse> {
  const data = contentUseOutcomeInput.parse(input);
  const use = await getContentUse(scope, contentId, id);
  const dealStatus = data.dealStatus ?? use.dealStatus;
  const dealAmount = data.dealAmount === undefined ? use.dealAmount : data.dealAmount;
  let wonAmount: number | null = null;
  if (dealStatus === "won") {
    wonAmount = data.wonAmount ?? use.wonAmount ?? dealAmount;
    if (wonAmount === null)
      throw invalidField("wonAmount", "a won deal needs what it was won for (or the deal amount)");
  } else if (data.wonAmount !== undefined && data.wonAmount !== null)
    throw invalidField("wonAmount", `only a won deal has one; this deal is ${dealStatus}`);
  await updateTable(scope, "contentUses")
    .set({ dealStatus, dealAmount, wonAmount, updatedAt: scope.clock.now() })
    .where("contentId", "=", contentId)
    .where("id", "=", id)
    .execute();
  return getContentUse(scope, contentId, id);
}

/** The deals a piece of content went into, the latest first. */
export async function listContentUses(scope: Scope, contentId: string): Promise<ContentUse[]> {
  await requireContent(scope, contentId);
  const rows = await selectFrom(scope, "contentUses")
    .selectAll()
    .where("contentId", "=", contentId)
    .orderBy("usedAt", "desc")
    .orderBy("id")
    .execute();
  return rows.map(toUse);
}
