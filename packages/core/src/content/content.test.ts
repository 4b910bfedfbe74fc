import { createTestTenant, describeDialects } from "@advo/test-kit";
import { expect, it } from "vitest";
import { createAccount } from "../accounts/index.ts";
import { CONSENT_WITHDRAWN, createContact, recordConsents } from "../contacts/index.ts";
import { listOutbox } from "../email/index.ts";
import { eraseContact } from "../privacy/index.ts";
import { createChallenge, reviewSubmission, submitToChallenge } from "../programs/index.ts";
import { manualClock } from "../shared/clock.ts";
import { selectFrom } from "../shared/scope.ts";
import type { Actor } from "../users/index.ts";
import {
  approvalView,
  contentJobHandlers,
  contentOfAdvocate,
  contentSummary,
  createContent,
  decideApproval,
  decideAsAdvocate,
  draftFromSubmission,
  getContent,
  listContent,
  publishContent,
  requestApproval,
  retireContent,
  updateContent,
} from "./index.ts";

const NOW = Date.parse("2026-11-02T09:00:00Z");
const DAY = 86_400_000;
const marketer: Actor = { type: "user", id: "usr_m", name: "Mia Marketer" };

describeDialects("content", (ctx) => {
  async function world() {
    const clock = manualClock(NOW);
    const t = await createTestTenant(ctx.db, clock);
    const scope = { ...t.scope, clock };
    const bank = await createAccount(scope, { name: "Bank", industry: "fintech" });
    const ana = await createContact(scope, {
      email: "ana@bank.com",
      firstName: "Ana",
      lastName: "Lee",
      title: "VP Engineering",
      accountId: bank.id,
    });
    /** The link in the last approval email, as the advocate would open it. */
    const lastLink = async () => {
      const mail = await selectFrom(scope, "emailOutbox")
        .select("textBody")
        .where("purpose", "=", "content_approval")
        .orderBy("createdAt", "desc")
        .orderBy("id", "desc")
        .executeTakeFirstOrThrow();
      return /\/hub\/content-approval#token=(\S+)/.exec(mail.textBody)?.[1] ?? "";
    };
    return { clock, t, scope, bank, ana, lastLink };
  }

  it("goes from draft to published only with the advocate's approval of the exact version", async () => {
    const { clock, scope, bank, ana, lastLink } = await world();
    const draft = await createContent(
      scope,
      {
        kind: "testimonial",
        title: "Deploys went from weekly to daily",
        body: "<p>We ship <strong>every day</strong> now.</p><script>alert(1)</script>",
        contactId: ana.id,
      },
      marketer,
    );
    expect(draft).toMatchObject({
      status: "draft",
      version: 1,
      accountId: bank.id,
      attributedTo: "Ana Lee, VP Engineering, Bank",
      channels: ["website", "sales"],
      body: "<p>We ship <strong>every day</strong> now.</p>",
    });
    await expect(publishContent(scope, draft.id, marketer)).rejects.toMatchObject({ code: "conflict" });

    await requestApproval(scope, draft.id, marketer, { linkBase: "https://advo.example.com" });
    const [mail] = await listOutbox(scope);
    expect(mail).toMatchObject({ to: "ana@bank.com", purpose: "content_approval" });
    const firstLink = await lastLink();
    const seen = await approvalView(ctx.db, clock, firstLink);
    expect(seen).toMatchObject({
      title: "Deploys went from weekly to daily",
      version: 1,
      attributedTo: "Ana Lee, VP Engineering, Bank",
    });

    // An edit while the advocate looks voids the link: they approve words they have seen, or nothing.
    const edited = await updateContent(scope, draft.id, { body: "<p>We ship every day, safely.</p>" }, marketer);
    expect(edited).toMatchObject({ status: "draft", version: 2 });
    await expect(decideApproval(ctx.db, clock, { token: firstLink, decision: "approve" })).rejects.toMatchObject({
      code: "conflict",
      errors: [{ path: "token" }],
    });

    await requestApproval(scope, draft.id, marketer);
    const secondLink = await lastLink();
    await expect(
      decideApproval(ctx.db, clock, { token: secondLink, decision: "request_changes" }),
    ).rejects.toMatchObject({ errors: [{ path: "comment", message: "say what you would like changed" }] });
    expect(
      await decideApproval(ctx.db, clock, {
        token: secondLink,
        decision: "request_changes",
        comment: "Please name the team, not me",
      }),
    ).toEqual({ status: "changes_requested" });
    await expect(decideApproval(ctx.db, clock, { token: secondLink, decision: "approve" })).rejects.toMatchObject({
      code: "conflict",
    });
    expect(await getContent(scope, draft.id)).toMatchObject({
      status: "changes_requested",
      advocateComment: "Please name the team, not me",
    });

    await updateContent(scope, draft.id, { attribution: "company_only" }, marketer);
    await requestApproval(scope, draft.id, marketer);
    expect(await decideApproval(ctx.db, clock, { token: await lastLink(), decision: "approve" })).toEqual({
      status: "approved",
    });
    const published = await publishContent(scope, draft.id, marketer);
    expect(published).toMatchObject({ status: "published", version: 3, approvedVersion: 3, attributedTo: "Bank" });
    expect((await listContent(scope, { usableFor: "sales" })).map((c) => c.id)).toEqual([draft.id]);
    expect(await listContent(scope, { usableFor: "ads" })).toEqual([]);
    expect((await listContent(scope, { q: "SAFELY" })).map((c) => c.id)).toEqual([draft.id]);
    // Words are words: % and _ match only themselves.
    expect(await listContent(scope, { q: "%" })).toEqual([]);

    // Changing approved words takes it out of use until the advocate approves again.
    const changed = await updateContent(scope, draft.id, { title: "Daily deploys" }, marketer);
    expect(changed).toMatchObject({ status: "draft", version: 4, approvedVersion: 3, publishedAt: null });
    expect(await listContent(scope, { usableFor: "sales" })).toEqual([]);
    expect(changed.history.map((e) => `${e.action} v${e.version} ${e.actor.type}`)).toEqual([
      "created v1 user",
      "sent_for_approval v1 user",
      "edited v2 user",
      "sent_for_approval v2 user",
      "changes_requested v2 contact",
      "edited v3 user",
      "sent_for_approval v3 user",
      "approved_by_advocate v3 contact",
      "published v3 user",
      "edited v4 user",
    ]);
    expect(changed.history.at(-1)?.detail).toBe("was published; the advocate's approval is needed again");

    const retired = await retireContent(scope, draft.id, marketer, "rebrand");
    expect(retired.status).toBe("retired");
    await expect(updateContent(scope, draft.id, { title: "Again" }, marketer)).rejects.toMatchObject({
      code: "conflict",
    });
  });

  it("drafts content from an approved, rewarded testimonial submission, with its disclosure", async () => {
    const { scope, ana } = await world();
    const challenge = await createChallenge(scope, { type: "testimonial", title: "Tell us why", points: 50 }, marketer);
    const submission = await submitToChallenge(
      scope,
      challenge.id,
      ana.id,
      { evidence: { text: "It saves my team a day a week." } },
      marketer,
    );
    await expect(draftFromSubmission(scope, submission.id, marketer)).rejects.toMatchObject({
      errors: [
        { path: "submissionId", message: "only an approved submission can become content; this one is pending" },
      ],
    });
    await reviewSubmission(scope, submission.id, { decision: "approve" }, marketer);
    const draft = await draftFromSubmission(scope, submission.id, marketer);
    expect(draft).toMatchObject({
      kind: "testimonial",
      title: "Tell us why: Ana Lee",
      body: "It saves my team a day a week.",
      contactId: ana.id,
      sourceSubmissionId: submission.id,
      status: "draft",
      disclosure: expect.stringMatching(/\S/),
    });
  });

  it("lets the signed-in advocate approve their own content, only the version they read", async () => {
    const { scope, ana } = await world();
    const bo = await createContact(scope, { email: "bo@bank.com", firstName: "Bo" });
    const item = await createContent(
      scope,
      { kind: "testimonial", title: "Faster month-end", body: "Month-end closes in two days now.", contactId: ana.id },
      marketer,
    );
    await requestApproval(scope, item.id, marketer);
    expect(await contentOfAdvocate(scope, ana.id)).toEqual([
      expect.objectContaining({ id: item.id, status: "awaiting_approval", version: 1, live: false }),
    ]);
    expect(await contentOfAdvocate(scope, bo.id)).toEqual([]);
    await expect(decideAsAdvocate(scope, bo.id, item.id, { decision: "approve", version: 1 })).rejects.toMatchObject({
      code: "not_found",
    });
    await updateContent(scope, item.id, { body: "Month-end closes in a day now." }, marketer);
    await requestApproval(scope, item.id, marketer);
    await expect(decideAsAdvocate(scope, ana.id, item.id, { decision: "approve", version: 1 })).rejects.toMatchObject({
      errors: [{ path: "version" }],
    });
    expect(await decideAsAdvocate(scope, ana.id, item.id, { decision: "approve", version: 2 })).toEqual({
      status: "approved",
    });
    await publishContent(scope, item.id, marketer);
    expect(await contentOfAdvocate(scope, ana.id)).toEqual([
      expect.objectContaining({ id: item.id, status: "published", live: true }),
    ]);
    expect((await getContent(scope, item.id)).history.at(-2)).toMatchObject({
      action: "approved_by_advocate",
      actor: { type: "contact", id: ana.id, name: "Ana Lee" },
    });
  });

  it("keeps to the agreed term, and refuses what names nobody or a forged link", async () => {
    const { clock, scope, ana, lastLink } = await world();
    const quote = await createContent(
      scope,
      {
        kind: "quote",
        title: "Support answers in minutes",
        body: "Support answers in minutes.",
        contactId: ana.id,
        channels: ["social"],
        attribution: "anonymous",
        usableUntil: new Date(NOW + 30 * DAY).toISOString(),
      },
      marketer,
    );
    expect(quote.attributedTo).toBe("A customer in fintech");
    await requestApproval(scope, quote.id, marketer);
    await decideApproval(ctx.db, clock, { token: await lastLink(), decision: "approve" });
    await publishContent(scope, quote.id, marketer);
    expect(await listContent(scope, { usableFor: "social" })).toHaveLength(1);
    expect(await contentSummary(scope)).toMatchObject({ live: 1, expiringSoon: 1, lapsed: 0 });
    clock.advance(31 * DAY);
    expect(await listContent(scope, { usableFor: "social" })).toEqual([]);
    expect(await contentSummary(scope)).toMatchObject({ live: 0, expiringSoon: 0, lapsed: 1 });

    await expect(
      createContent(scope, { kind: "quote", title: "x", body: "y", contactId: "con_nope" }, marketer),
    ).rejects.toMatchObject({ errors: [{ path: "contactId", message: 'no contact "con_nope" in this workspace' }] });
    const nobody = await createContent(scope, { kind: "case_study", title: "Bank", body: "Story" }, marketer);
    await expect(requestApproval(scope, nobody.id, marketer)).rejects.toMatchObject({
      errors: [{ path: "contactId" }],
    });
    await expect(
      approvalView(ctx.db, clock, `advo.${scope.tenantId}.${quote.id}.${"A".repeat(43)}`),
    ).rejects.toMatchObject({
      code: "conflict",
      errors: [{ path: "token" }],
    });
    await expect(approvalView(ctx.db, clock, "not-a-token-at-all-really")).rejects.toMatchObject({
      code: "invalid",
      errors: [{ path: "token" }],
    });
    // Erasing the advocate takes their words out of use and out of the history.
    await eraseContact(scope, ana.id, "asked to be forgotten");
    const erased = await getContent(scope, quote.id);
    expect(erased).toMatchObject({ status: "retired", title: "(erased)", body: "", contactId: ana.id });
    expect(
      erased.history.filter((e) => e.detail !== null || (e.actor.type === "contact" && e.actor.name !== null)),
    ).toEqual([]);
    // Another workspace's content cannot be reached through this one.
    const other = await createTestTenant(ctx.db, clock);
    await expect(getContent(other.scope, quote.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("retires what quotes someone who withdraws consent to the use of their words, and nothing when re-granted", async () => {
    const { clock, scope, ana, lastLink } = await world();
    const publish = async (kind: "testimonial" | "case_study") => {
      const piece = await createContent(
        scope,
        { kind, title: kind, body: `<p>${kind}</p>`, contactId: ana.id },
        marketer,
      );
      await requestApproval(scope, piece.id, marketer);
      await decideApproval(scope.db, clock, { token: await lastLink(), decision: "approve" });
      return publishContent(scope, piece.id, marketer);
    };
    const testimonial = await publish("testimonial");
    const story = await publish("case_study");
    const runWithdrawalJobs = async () => {
      const jobs = await selectFrom(scope, "jobs")
        .select(["id", "payload"])
        .where("kind", "=", CONSENT_WITHDRAWN)
        .execute();
      for (const job of jobs) {
        await contentJobHandlers[CONSENT_WITHDRAWN]?.({ scope, payload: JSON.parse(job.payload), attempt: 1 });
        await scope.db.deleteFrom("jobs").where("id", "=", job.id).execute();
      }
      return jobs.length;
    };
    const advocate = { type: "contact", id: ana.id };
    // Withdrawn and given again before the job ran: nothing changes.
    await recordConsents(scope, ana.id, [{ purpose: "quoteUse", granted: false }], advocate, "advocate hub");
    clock.advance(1000);
    await recordConsents(scope, ana.id, [{ purpose: "quoteUse", granted: true }], advocate, "advocate hub");
    expect(await runWithdrawalJobs()).toBe(1);
    expect((await getContent(scope, testimonial.id)).status).toBe("published");

    clock.advance(DAY);
    await recordConsents(scope, ana.id, [{ purpose: "quoteUse", granted: false }], advocate, "advocate hub");
    expect(await runWithdrawalJobs()).toBe(1);
    const retired = await getContent(scope, testimonial.id);
    expect(retired.status).toBe("retired");
    expect(retired.history.at(-1)).toMatchObject({
      action: "retired",
      actor: { type: "system", name: "Consent withdrawal" },
      detail: "the advocate withdrew their consent (quoteUse)",
    });
    // The case study is covered by its own purpose.
    expect((await getContent(scope, story.id)).status).toBe("published");
    expect((await listContent(scope, { usableFor: "sales" })).map((c) => c.id)).toEqual([story.id]);
  });
});
