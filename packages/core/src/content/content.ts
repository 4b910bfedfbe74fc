import type { ContentItemsTable } from "@advo/db";
import { inTransaction } from "@advo/db";
import { toIso, toIsoOrNull } from "../shared/clock.ts";
import { AppError, conflictOn, invalidField, notFound } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { toJson } from "../shared/json.ts";
import { sanitizeRichText } from "../shared/rich-text.ts";
import { insertInto, type Scope, selectFrom, updateTable, withDb } from "../shared/scope.ts";
import { containsText } from "../shared/text-search.ts";
import type { Actor } from "../users/index.ts";
import { type ContentRow, contentHistory, contentRows, findContentRow } from "./content.queries.ts";
import {
  type Content,
  type ContentDetail,
  type ContentSummary,
  type CreateContentInput,
  contentListQuery,
  createContentInput,
  type UpdateContentInput,
  updateContentInput,
} from "./content.schemas.ts";

export const channelsOf = (stored: string) => JSON.parse(stored) as Content["channels"];

/** "First Last", whichever of the two there is; "" when neither. */
export const fullName = (first: string | null | undefined, last: string | null | undefined) =>
  [first, last].filter(Boolean).join(" ");

/** Published and within its term: what may be used now. */
export const usableNow = (row: Pick<ContentRow, "status" | "usableUntil">, now: number) =>
  row.status === "published" && (row.usableUntil === null || Number(row.usableUntil) > now);

/** What the advocate is asked to approve, as their link page and their hub show it. */
export const advocateView = (row: ContentRow) => ({
  kind: row.kind,
  title: row.title,
  body: row.body,
  attributedTo: attributedTo(row),
  channels: channelsOf(row.channels),
  usableUntil: toIsoOrNull(row.usableUntil === null ? null : Number(row.usableUntil)),
  disclosure: row.disclosure,
  version: row.version,
});

/** The credit line the agreed attribution allows. */
export function attributedTo(row: ContentRow): string {
  const name = fullName(row.contactFirstName, row.contactLastName);
  if (row.attribution === "full") {
    const parts = [name, row.contactTitle, row.accountName].filter(Boolean);
    return parts.length > 0 ? parts.join(", ") : "A customer";
  }
  if (row.attribution === "company_only") return row.accountName ?? "A customer";
  return row.accountIndustry ? `A customer in ${row.accountIndustry}` : "A customer";
}

export const toContent = (r: ContentRow): Content => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  contactId: r.contactId,
  contactName: fullName(r.contactFirstName, r.contactLastName) || null,
  accountId: r.accountId,
  accountName: r.accountName,
  attribution: r.attribution,
  attributedTo: attributedTo(r),
  channels: channelsOf(r.channels),
  usableUntil: toIsoOrNull(r.usableUntil === null ? null : Number(r.usableUntil)),
  disclosure: r.disclosure,
  status: r.status,
  version: r.version,
  approvedVersion: r.approvedVersion,
  approvedAt: toIsoOrNull(r.approvedAt === null ? null : Number(r.approvedAt)),
  advocateComment: r.advocateComment,
  approvalExpiresAt:
    r.status === "awaiting_approval"
      ? toIsoOrNull(r.approvalExpiresAt === null ? null : Number(r.approvalExpiresAt))
      : null,
  sourceSubmissionId: r.sourceSubmissionId,
  createdAt: toIso(Number(r.createdAt)),
  updatedAt: toIso(Number(r.updatedAt)),
  publishedAt: toIsoOrNull(r.publishedAt === null ? null : Number(r.publishedAt)),
});

export interface ContentActor {
  type: Actor["type"] | "contact";
  id: string | null;
  name: string | null;
}

export async function recordContentEvent(
  scope: Scope,
  contentId: string,
  actor: ContentActor,
  action: string,
  version: number,
  detail: string | null = null,
) {
  await insertInto(scope, "contentEvents", {
    id: newId("cev"),
    contentId,
    at: scope.clock.now(),
    actorType: actor.type,
    actorId: actor.id,
    actorName: actor.name,
    action,
    version,
    detail,
  }).execute();
}

export async function requireContent(scope: Scope, id: string): Promise<ContentRow> {
  const row = await findContentRow(scope, id);
  if (!row) throw notFound("content", id);
  return row;
}

export async function getContent(scope: Scope, id: string): Promise<ContentDetail> {
  const row = await requireContent(scope, id);
  const history = await contentHistory(scope, id);
  return {
    ...toContent(row),
    history: history.map((e) => ({
      at: toIso(Number(e.at)),
      actor: { type: e.actorType, id: e.actorId, name: e.actorName },
      action: e.action,
      version: e.version,
      detail: e.detail,
    })),
  };
}

export async function listContent(scope: Scope, query: unknown = {}): Promise<Content[]> {
  const q = contentListQuery.parse(query ?? {});
  let rows = contentRows(scope).orderBy("contentItems.updatedAt", "desc").orderBy("contentItems.id").limit(q.limit);
  if (q.status) rows = rows.where("contentItems.status", "=", q.status);
  if (q.kind) rows = rows.where("contentItems.kind", "=", q.kind);
  if (q.contactId) rows = rows.where("contentItems.contactId", "=", q.contactId);
  if (q.usableFor) {
    const now = scope.clock.now();
    rows = rows
      .where("contentItems.status", "=", "published")
      // Channels are a short JSON array of known words: `"sales"` in it is the channel, never a part of another.
      .where("contentItems.channels", "like", `%"${q.usableFor}"%`)
      .where((eb) => eb.or([eb("contentItems.usableUntil", "is", null), eb("contentItems.usableUntil", ">", now)]));
  }
  if (q.q) {
    const words = q.q;
    rows = rows.where((eb) =>
      eb.or([containsText("contentItems.title", words), containsText("contentItems.body", words)]),
    );
  }
  return (await rows.execute()).map(toContent);
}

/** The advocate and account a piece names must exist; the account defaults to the advocate's. */
async function resolvePeople(scope: Scope, contactId: string | null | undefined, accountId: string | null | undefined) {
  let account = accountId ?? null;
  if (contactId) {
    const contact = await selectFrom(scope, "contacts")
      .select(["accountId", "erasedAt"])
      .where("id", "=", contactId)
      .executeTakeFirst();
    if (!contact || contact.erasedAt) throw invalidField("contactId", `no contact "${contactId}" in this workspace`);
    if (accountId === undefined) account = contact.accountId;
  }
  if (account && !(await selectFrom(scope, "accounts").select("id").where("id", "=", account).executeTakeFirst()))
    throw invalidField("accountId", `no account "${account}" in this workspace`);
  return { contactId: contactId ?? null, accountId: account };
}

export async function createContent(scope: Scope, input: CreateContentInput, actor: Actor): Promise<ContentDetail> {
  const data = createContentInput.parse(input);
  const people = await resolvePeople(scope, data.contactId, data.accountId);
  if (data.sourceSubmissionId) {
    const source = await selectFrom(scope, "submissions")
      .select("id")
      .where("id", "=", data.sourceSubmissionId)
      .executeTakeFirst();
    if (!source)
      throw invalidField("sourceSubmissionId", `no submission "${data.sourceSubmissionId}" in this workspace`);
  }
  const now = scope.clock.now();
  const id = newId("cnt");
  await inTransaction(scope.db, async (trx) => {
    const t = withDb(scope, trx);
    await insertInto(t, "contentItems", {
      id,
      kind: data.kind,
      title: data.title,
      body: sanitizeRichText(data.body),
      ...people,
      attribution: data.attribution,
      channels: toJson(data.channels),
      usableUntil: data.usableUntil ? Date.parse(data.usableUntil) : null,
      disclosure: data.disclosure ?? null,
      status: "draft",
      version: 1,
      approvedVersion: null,
      approvedAt: null,
      advocateComment: null,
      approvalTokenHash: null,
      approvalExpiresAt: null,
      sourceSubmissionId: data.sourceSubmissionId ?? null,
      createdAt: now,
      updatedAt: now,
      publishedAt: null,
    }).execute();
    await recordContentEvent(t, id, actor, "created", 1);
  });
  return getContent(scope, id);
}

const sameChannels = (a: string, b: readonly string[]) =>
  JSON.stringify([...channelsOf(a)].sort()) === JSON.stringify([...b].sort());

/**
 * Changes a piece of content. A change to what the advocate approves (title, text, attribution,
 * channels, term, or who the advocate is) makes a new version: approved or published content goes
 * back to draft and needs their approval again; a pending approval link stops working.
 */
export async function updateContent(
  scope: Scope,
  id: string,
  input: UpdateContentInput,
  actor: Actor,
): Promise<ContentDetail> {
  const data = updateContentInput.parse(input);
  const row = await requireContent(scope, id);
  if (row.status === "retired") throw new AppError("conflict", "the content is retired");
  const people =
    data.contactId !== undefined || data.accountId !== undefined
      ? await resolvePeople(scope, data.contactId === undefined ? row.contactId : data.contactId, data.accountId)
      : { contactId: row.contactId, accountId: row.accountId };
  const body = data.body === undefined ? row.body : sanitizeRichText(data.body);
  const usableUntil =
    data.usableUntil === undefined ? row.usableUntil : data.usableUntil ? Date.parse(data.usableUntil) : null;
  const changed =
    (data.title !== undefined && data.title !== row.title) ||
    body !== row.body ||
    (data.attribution !== undefined && data.attribution !== row.attribution) ||
    (data.channels !== undefined && !sameChannels(row.channels, data.channels)) ||
    (usableUntil === null ? null : Number(usableUntil)) !==
      (row.usableUntil === null ? null : Number(row.usableUntil)) ||
    (data.disclosure !== undefined && data.disclosure !== row.disclosure) ||
    people.contactId !== row.contactId;
  const version = changed ? row.version + 1 : row.version;
  const patch: Partial<ContentItemsTable> = {
    kind: data.kind ?? row.kind,
    title: data.title ?? row.title,
    body,
    attribution: data.attribution ?? row.attribution,
    channels: data.channels ? toJson(data.channels) : row.channels,
    usableUntil,
    disclosure: data.disclosure === undefined ? row.disclosure : data.disclosure,
    ...people,
    version,
    updatedAt: scope.clock.now(),
  };
  const wasApproved = row.status === "approved" || row.status === "published";
  if (changed && row.status !== "draft")
    Object.assign(patch, { status: "draft", approvalTokenHash: null, approvalExpiresAt: null, publishedAt: null });
  await inTransaction(scope.db, async (trx) => {
    const t = withDb(scope, trx);
    await updateTable(t, "contentItems").set(patch).where("id", "=", id).execute();
    await recordContentEvent(
      t,
      id,
      actor,
      "edited",
      version,
      changed && row.status !== "draft"
        ? wasApproved
          ? `was ${row.status.replace("_", " ")}; the advocate's approval is needed again`
          : row.status === "awaiting_approval"
            ? "the approval link sent earlier no longer works"
            : null
        : null,
    );
  });
  return getContent(scope, id);
}

/** Approved content goes live: it shows in the library for the channels it is cleared for. */
export async function publishContent(scope: Scope, id: string, actor: Actor): Promise<ContentDetail> {
  const row = await requireContent(scope, id);
  if (row.status === "published") return getContent(scope, id);
  if (row.status !== "approved" || row.approvedVersion !== row.version)
    throw conflictOn(
      "status",
      `only content its advocate approved can be published; this is ${row.status.replace("_", " ")}`,
    );
  const now = scope.clock.now();
  if (row.usableUntil !== null && Number(row.usableUntil) <= now)
    throw conflictOn("usableUntil", "the right to use it has ended; agree a new term with the advocate");
  await inTransaction(scope.db, async (trx) => {
    const t = withDb(scope, trx);
    await updateTable(t, "contentItems")
      .set({ status: "published", publishedAt: now, updatedAt: now })
      .where("id", "=", id)
      .execute();
    await recordContentEvent(t, id, actor, "published", row.version);
  });
  return getContent(scope, id);
}

/** Takes content out of use for good (withdrawn by the advocate, outdated); its history stays. */
export async function retireContent(
  scope: Scope,
  id: string,
  actor: Actor,
  reason: string | null = null,
): Promise<ContentDetail> {
  const row = await requireContent(scope, id);
  if (row.status === "retired") return getContent(scope, id);
  const now = scope.clock.now();
  await inTransaction(scope.db, async (trx) => {
    const t = withDb(scope, trx);
    await updateTable(t, "contentItems")
      .set({ status: "retired", approvalTokenHash: null, approvalExpiresAt: null, updatedAt: now })
      .where("id", "=", id)
      .execute();
    await recordContentEvent(t, id, actor, "retired", row.version, reason);
  });
  return getContent(scope, id);
}

const kindOfChallenge: Record<string, ContentItemsTable["kind"]> = {
  testimonial: "testimonial",
  case_study: "case_study",
};

/**
 * A draft from what an advocate submitted to a challenge (a testimonial, a case study, a review): their
 * words, their name, and — when the submission was rewarded — its disclosure. Only an approved
 * submission with text: the team accepted it, and there are words to quote.
 */
export async function draftFromSubmission(scope: Scope, submissionId: string, actor: Actor): Promise<ContentDetail> {
  const submission = await selectFrom(scope, "submissions")
    .innerJoin("challenges", (join) =>
      join
        .onRef("challenges.tenantId", "=", "submissions.tenantId")
        .onRef("challenges.id", "=", "submissions.challengeId"),
    )
    .select([
      "submissions.id",
      "submissions.contactId",
      "submissions.state",
      "submissions.evidence",
      "submissions.incentivised",
      "submissions.disclosure",
      "challenges.type as challengeType",
      "challenges.title as challengeTitle",
    ])
    .where("submissions.id", "=", submissionId)
    .executeTakeFirst();
  if (!submission) throw invalidField("submissionId", `no submission "${submissionId}" in this workspace`);
  if (submission.state !== "approved")
    throw conflictOn("submissionId", `only an approved submission can become content; this one is ${submission.state}`);
  const text = (JSON.parse(submission.evidence) as { text?: string }).text?.trim();
  if (!text) throw conflictOn("submissionId", "the submission has no text to quote");
  const contact = await selectFrom(scope, "contacts")
    .select(["firstName", "lastName"])
    .where("id", "=", submission.contactId)
    .executeTakeFirst();
  const who = fullName(contact?.firstName, contact?.lastName) || "an advocate";
  return createContent(
    scope,
    {
      kind: kindOfChallenge[submission.challengeType] ?? "quote",
      title: `${submission.challengeTitle}: ${who}`.slice(0, 200),
      body: text,
      contactId: submission.contactId,
      sourceSubmissionId: submission.id,
      disclosure: submission.incentivised
        ? (submission.disclosure ?? "The advocate was rewarded for sharing this.")
        : null,
    },
    actor,
  );
}

const SOON_MS = 30 * 86_400_000;

/** Where the library stands: what is in use, what waits on whom, and what is about to stop being usable. */
export async function contentSummary(scope: Scope): Promise<ContentSummary> {
  const now = scope.clock.now();
  const rows = await selectFrom(scope, "contentItems")
    .select(["status", "usableUntil"])
    .where("status", "<>", "retired")
    .execute();
  const summary: ContentSummary = {
    live: 0,
    awaitingApproval: 0,
    changesRequested: 0,
    drafts: 0,
    approved: 0,
    expiringSoon: 0,
    lapsed: 0,
  };
  for (const r of rows) {
    const until = r.usableUntil === null ? null : Number(r.usableUntil);
    if (r.status === "published") {
      if (!usableNow(r, now)) summary.lapsed++;
      else {
        summary.live++;
        if (until !== null && until - now <= SOON_MS) summary.expiringSoon++;
      }
    } else if (r.status === "awaiting_approval") summary.awaitingApproval++;
    else if (r.status === "changes_requested") summary.changesRequested++;
    else if (r.status === "approved") summary.approved++;
    else if (r.status === "draft") summary.drafts++;
  }
  return summary;
}
