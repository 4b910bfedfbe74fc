import type { Db } from "@advo/db";
import { inTransaction } from "@advo/db";
import { queueEmail } from "../email/index.ts";
import { type Clock, toIso } from "../shared/clock.ts";
import { AppError, conflictOn, invalidField, notFound } from "../shared/errors.ts";
import { richTextToPlain } from "../shared/rich-text.ts";
import { type Scope, selectFrom, updateTable, withDb } from "../shared/scope.ts";
import { getTenant } from "../tenants/index.ts";
import type { Actor } from "../users/index.ts";
import { mintToken, parseToken, secretMatches } from "../users/index.ts";
import { type ContentRow, contentRows } from "./content.queries.ts";
import {
  type AdvocateContent,
  type AdvocateDecisionInput,
  type ApprovalDecisionInput,
  type ApprovalView,
  advocateDecisionInput,
  approvalDecisionInput,
  type ContentDetail,
} from "./content.schemas.ts";
import {
  advocateView,
  attributedTo,
  fullName,
  getContent,
  recordContentEvent,
  requireContent,
  usableNow,
} from "./content.ts";

// The advocate approves the exact words, credit line, channels and term through a one-time link, no
// sign-in: the link's secret is stored only as a hash, and any edit after it was sent voids it.

const DAY = 86_400_000;
export const APPROVAL_LINK_DAYS = 14;

const kindWords: Record<ContentRow["kind"], string> = {
  testimonial: "testimonial",
  case_study: "case study",
  quote: "quote",
  video: "video",
};

/**
 * Emails the advocate a link to approve this version (or ask for changes). Sending again replaces
 * the earlier link.
 */
export async function requestApproval(
  scope: Scope,
  id: string,
  actor: Actor,
  options: { linkBase?: string } = {},
): Promise<ContentDetail> {
  const row = await requireContent(scope, id);
  if (row.status === "approved" || row.status === "published")
    throw conflictOn("status", `the advocate already approved this version (${row.status})`);
  if (row.status === "retired") throw conflictOn("status", "the content is retired");
  if (!row.contactId) throw conflictOn("contactId", "name the advocate it quotes first: they approve it");
  const contact = await selectFrom(scope, "contacts")
    .select(["email", "firstName", "erasedAt"])
    .where("id", "=", row.contactId)
    .executeTakeFirst();
  if (!contact?.email || contact.erasedAt)
    throw conflictOn("contactId", "the advocate has no email address to send the approval link to");
  const now = scope.clock.now();
  const expiresAt = now + APPROVAL_LINK_DAYS * DAY;
  const { token, secretHash } = mintToken(scope.tenantId, id);
  const workspace = (await getTenant(scope.db, scope.tenantId)).name;
  const link = `${(options.linkBase ?? "").replace(/\/+$/, "")}/hub/content-approval#token=${token}`;
  const what = kindWords[row.kind];
  await inTransaction(scope.db, async (trx) => {
    const t = withDb(scope, trx);
    await updateTable(t, "contentItems")
      .set({ status: "awaiting_approval", approvalTokenHash: secretHash, approvalExpiresAt: expiresAt, updatedAt: now })
      .where("id", "=", id)
      .execute();
    await queueEmail(t, {
      to: contact.email as string,
      subject: `Your ${what} for ${workspace}: “${row.title}”, ready for your approval`,
      text: [
        `Hi ${contact.firstName ?? "there"},`,
        "",
        `Here is the ${what} we wrote with you, exactly as we would use it:`,
        "",
        `“${row.title}”`,
        richTextToPlain(row.body),
        `— ${attributedTo(row)}`,
        ...(row.disclosure ? [`(${row.disclosure})`] : []),
        "",
        `Approve it, or tell us what to change: ${link}`,
        "",
        `Nothing is used until you approve it. This link works once and expires on ${toIso(expiresAt).slice(0, 10)}.`,
      ].join("\n"),
      purpose: "content_approval",
      contactId: row.contactId,
    });
    await recordContentEvent(t, id, actor, "sent_for_approval", row.version, `to ${contact.email}`);
  });
  return getContent(scope, id);
}

type ScopeFor = (tenantId: string) => Scope;

/** The content behind a link, if the link may still be answered. */
async function contentOfLink(scopeFor: ScopeFor, token: string): Promise<{ scope: Scope; row: ContentRow }> {
  const invalid = () =>
    new AppError("invalid", "token: this approval link is not valid (was it copied whole?)", [
      { path: "token", message: "is not a valid approval link" },
    ]);
  const parsed = parseToken(token);
  if (!parsed?.id.startsWith("cnt_")) throw invalid();
  const scope = scopeFor(parsed.tenantId);
  const row = await requireContent(scope, parsed.id).catch(() => undefined);
  if (!row) throw invalid();
  // A used, replaced or voided link: its secret no longer matches what is stored (or nothing is).
  if (!row.approvalTokenHash || !secretMatches(parsed.secret, row.approvalTokenHash))
    throw conflictOn("token", "this approval link was already used or replaced by a newer one");
  if (row.status !== "awaiting_approval") throw conflictOn("token", "this content is no longer waiting for approval");
  if (scope.clock.now() > Number(row.approvalExpiresAt))
    throw conflictOn("token", `this link expired on ${toIso(Number(row.approvalExpiresAt)).slice(0, 10)}`);
  return { scope, row };
}

/** What the advocate's approval page shows (changes nothing). */
export async function approvalView(db: Db, clock: Clock, token: string): Promise<ApprovalView> {
  const { scope, row } = await contentOfLink((tenantId) => ({ db, clock, tenantId }), token);
  return {
    workspace: (await getTenant(db, scope.tenantId)).name,
    ...advocateView(row),
    expiresAt: toIso(Number(row.approvalExpiresAt)),
  };
}

/** The advocate's answer through their link: approve this version, or ask for changes (saying which). */
export async function decideApproval(
  db: Db,
  clock: Clock,
  input: ApprovalDecisionInput,
): Promise<{ status: "approved" | "changes_requested" }> {
  const { token, decision, comment } = approvalDecisionInput.parse(input);
  if (decision === "request_changes" && !comment) throw invalidField("comment", "say what you would like changed");
  const { scope, row } = await contentOfLink((tenantId) => ({ db, clock, tenantId }), token);
  return recordDecision(scope, row, decision, comment);
}

/**
 * The same answer from an advocate signed in to the hub, for their own content. `version` is the one they
 * read: an edit since then is refused, so they never approve words they have not seen.
 */
export async function decideAsAdvocate(
  scope: Scope,
  contactId: string,
  contentId: string,
  input: AdvocateDecisionInput,
): Promise<{ status: "approved" | "changes_requested" }> {
  const { decision, comment, version } = advocateDecisionInput.parse(input);
  if (decision === "request_changes" && !comment) throw invalidField("comment", "say what you would like changed");
  const row = await requireContent(scope, contentId);
  // Someone else's content is as good as absent.
  if (row.contactId !== contactId) throw notFound("content", contentId);
  if (row.status !== "awaiting_approval") throw conflictOn("status", "this content is not waiting for your approval");
  if (row.version !== version)
    throw conflictOn("version", "it changed since you opened it: reload to read the new version");
  return recordDecision(scope, row, decision, comment);
}

async function recordDecision(
  scope: Scope,
  row: ContentRow,
  decision: "approve" | "request_changes",
  comment: string | undefined,
): Promise<{ status: "approved" | "changes_requested" }> {
  const now = scope.clock.now();
  const status = decision === "approve" ? "approved" : "changes_requested";
  const advocate = {
    type: "contact" as const,
    id: row.contactId,
    name: fullName(row.contactFirstName, row.contactLastName) || null,
  };
  await inTransaction(scope.db, async (trx) => {
    const t = withDb(scope, trx);
    // Only the version read, still awaiting with the same link: an edit or a second answer in between wins.
    const moved = await updateTable(t, "contentItems")
      .set({
        status,
        approvalTokenHash: null,
        approvalExpiresAt: null,
        advocateComment: comment ?? null,
        ...(status === "approved" ? { approvedVersion: row.version, approvedAt: now } : {}),
        updatedAt: now,
      })
      .where("id", "=", row.id)
      .where("status", "=", "awaiting_approval")
      .where("version", "=", row.version)
      .where("approvalTokenHash", "=", row.approvalTokenHash as string)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1)
      throw conflictOn("token", "this approval link was already used or replaced by a newer one");
    await recordContentEvent(
      t,
      row.id,
      advocate,
      status === "approved" ? "approved_by_advocate" : "changes_requested",
      row.version,
      comment ?? null,
    );
  });
  return { status };
}

/** An advocate's own content as the hub shows it: what waits for their approval, and what is live where. */
export async function contentOfAdvocate(scope: Scope, contactId: string): Promise<AdvocateContent[]> {
  const rows = await contentRows(scope)
    .where("contentItems.contactId", "=", contactId)
    .where("contentItems.status", "in", ["awaiting_approval", "approved", "published"])
    .orderBy("contentItems.updatedAt", "desc")
    .limit(50)
    .execute();
  const now = scope.clock.now();
  // What their words helped with: how many deals sales used each piece in, and how many were won.
  const deals =
    rows.length === 0
      ? []
      : await selectFrom(scope, "contentUses")
          .select((eb) => [
            "contentId",
            eb.fn.countAll<number>().as("usedIn"),
            eb.fn.sum<number>(eb.case().when("dealStatus", "=", "won").then(1).else(0).end()).as("won"),
          ])
          .where(
            "contentId",
            "in",
            rows.map((r) => r.id),
          )
          .groupBy("contentId")
          .execute();
  const dealsOf = new Map(deals.map((d) => [d.contentId, { usedIn: Number(d.usedIn), won: Number(d.won ?? 0) }]));
  return rows.map((row) => ({
    id: row.id,
    ...advocateView(row),
    status: row.status as AdvocateContent["status"],
    live: usableNow(row, now),
    dealsUsedIn: dealsOf.get(row.id)?.usedIn ?? 0,
    dealsWon: dealsOf.get(row.id)?.won ?? 0,
  }));
}
