import { inTransaction } from "@advo/db";
import { eraseFromAuditLog } from "../audit/index.ts";
import { eraseFromImportRuns } from "../imports/index.ts";
import { bumpMatchVersion } from "../references/index.ts";
import { toIso } from "../shared/clock.ts";
import { notFound } from "../shared/errors.ts";
import { deleteFrom, type Scope, selectFrom, updateTable, withDb } from "../shared/scope.ts";
import type { EraseContactResult } from "./privacy.schemas.ts";

const n = (result: { numUpdatedRows?: bigint; numDeletedRows?: bigint } | undefined) =>
  Number(result?.numUpdatedRows ?? result?.numDeletedRows ?? 0);

/**
 * Erases one contact's personal data (right to erasure) in one transaction, keeping the integrity of
 * what others rely on: the contact row stays as an anonymised tombstone (so ledger transactions,
 * scores, program and segment counts still add up), ledger entries and transactions are not touched
 * (they hold the contact id only, and their hash chain still verifies), scores and numbers stay;
 * names, addresses, handles, identifiers and free text go.
 */
export async function eraseContact(scope: Scope, contactId: string, reason?: string): Promise<EraseContactResult> {
  return inTransaction(scope.db, async (trx) => {
    const s = withDb(scope, trx);
    const contact = await selectFrom(s, "contacts")
      .select(["id", "email"])
      .where("id", "=", contactId)
      .executeTakeFirst();
    if (!contact) throw notFound("contact", contactId);
    const emails = (
      await selectFrom(s, "identities")
        .select("value")
        .where("contactId", "=", contactId)
        .where("kind", "=", "email")
        .execute()
    ).map((r) => r.value);
    const now = scope.clock.now();
    const cleared: Record<string, number> = {};
    const count = (table: string, result: { numUpdatedRows?: bigint; numDeletedRows?: bigint } | undefined) => {
      cleared[table] = (cleared[table] ?? 0) + n(result);
    };

    count(
      "contacts",
      await updateTable(s, "contacts")
        .set({
          email: null,
          firstName: null,
          lastName: null,
          title: null,
          phone: null,
          locale: null,
          region: null,
          externalIds: "{}",
          socialHandles: "{}",
          consent: "{}",
          attributes: "{}",
          erasedAt: now,
          updatedAt: now,
        })
        .where("id", "=", contactId)
        .executeTakeFirst(),
    );
    count("identities", await deleteFrom(s, "identities").where("contactId", "=", contactId).executeTakeFirst());
    // Consent evidence quotes the person and what they agreed to; with nothing left to use, it goes too.
    count(
      "consentRecords",
      await deleteFrom(s, "consentRecords").where("contactId", "=", contactId).executeTakeFirst(),
    );
    count(
      "events",
      await updateTable(s, "events")
        .set({ properties: "{}", userId: null, anonymousId: null })
        .where("contactId", "=", contactId)
        .executeTakeFirst(),
    );
    count(
      "surveyResponses",
      await updateTable(s, "surveyResponses")
        .set({ comment: null })
        .where("contactId", "=", contactId)
        .executeTakeFirst(),
    );
    count(
      "tickets",
      await updateTable(s, "tickets")
        .set({ subject: null, text: null })
        .where("contactId", "=", contactId)
        .executeTakeFirst(),
    );
    count(
      "mentions",
      await updateTable(s, "mentions")
        .set({ text: "", url: null, authorHandle: null, authorName: null, authorEmail: null })
        .where("contactId", "=", contactId)
        .executeTakeFirst(),
    );
    // A merge's snapshot is a copy of a contact row: it cannot be undone after erasure.
    count(
      "contactMerges",
      await updateTable(s, "contactMerges")
        .set({ snapshot: "{}" })
        .where((eb) => eb.or([eb("survivorId", "=", contactId), eb("mergedId", "=", contactId)]))
        .executeTakeFirst(),
    );

    const submissionIds = (
      await selectFrom(s, "submissions").select("id").where("contactId", "=", contactId).execute()
    ).map((r) => r.id);
    count(
      "submissions",
      await updateTable(s, "submissions").set({ evidence: "{}" }).where("contactId", "=", contactId).executeTakeFirst(),
    );
    if (submissionIds.length > 0)
      count(
        "submissionFiles",
        await deleteFrom(s, "submissionFiles").where("submissionId", "in", submissionIds).executeTakeFirst(),
      );
    count(
      "redemptions",
      await updateTable(s, "redemptions").set({ details: "{}" }).where("contactId", "=", contactId).executeTakeFirst(),
    );
    count(
      "shoutouts",
      await updateTable(s, "shoutouts").set({ message: "" }).where("contactId", "=", contactId).executeTakeFirst(),
    );

    const profileIds = (
      await selectFrom(s, "referenceProfiles").select("id").where("contactId", "=", contactId).execute()
    ).map((r) => r.id);
    count(
      "referenceProfiles",
      await updateTable(s, "referenceProfiles")
        .set({
          status: "retired",
          notes: null,
          results: "[]",
          useCases: "[]",
          competitorsReplaced: "[]",
          availability: null,
          updatedAt: now,
        })
        .where("contactId", "=", contactId)
        .executeTakeFirst(),
    );
    if (profileIds.length > 0) {
      count(
        "referenceProfileTerms",
        await deleteFrom(s, "referenceProfileTerms").where("profileId", "in", profileIds).executeTakeFirst(),
      );
      // Matching's in-memory index (every process's) sees the retired profile at its next match.
      await bumpMatchVersion(s, profileIds);
    }

    // Vanity codes can spell a name: the code becomes the code's id, and it stops working.
    const codes = await selectFrom(s, "referralCodes").select("id").where("contactId", "=", contactId).execute();
    for (const code of codes) {
      count(
        "referralCodes",
        await updateTable(s, "referralCodes")
          .set({ code: code.id, codeKey: code.id.toUpperCase(), status: "retired", updatedAt: now })
          .where("id", "=", code.id)
          .executeTakeFirst(),
      );
    }
    count(
      "referralLeads",
      await updateTable(s, "referralLeads")
        .set({ email: "", name: null, company: null, deviceId: null, ipHash: null })
        .where("contactId", "=", contactId)
        .executeTakeFirst(),
    );
    count(
      "referralConversions",
      await updateTable(s, "referralConversions")
        .set({ customerEmail: null })
        .where("friendContactId", "=", contactId)
        .executeTakeFirst(),
    );
    count(
      "referralFingerprints",
      await deleteFrom(s, "referralFingerprints").where("contactId", "=", contactId).executeTakeFirst(),
    );
    count(
      "emailOutbox",
      await updateTable(s, "emailOutbox")
        .set({ toAddress: "", subject: "", textBody: "", headers: null })
        .where("contactId", "=", contactId)
        .executeTakeFirst(),
    );
    // A journey's record of an email names the address and subject; and an erased person is asked nothing more.
    count(
      "journeyActions",
      await updateTable(s, "journeyActions")
        .set({ detail: null })
        .where("contactId", "=", contactId)
        .executeTakeFirst(),
    );
    count(
      "journeyEnrollments",
      await updateTable(s, "journeyEnrollments")
        .set({ status: "exited", nextRunAt: null, finishedAt: now, exitReason: "the contact was erased" })
        .where("contactId", "=", contactId)
        .where("status", "=", "active")
        .executeTakeFirst(),
    );
    // Content quoting the person is theirs: out of use, its words gone; its history keeps what was done, not who.
    count(
      "contentEvents",
      await updateTable(s, "contentEvents")
        .set({ detail: null, actorName: null })
        .where("contentId", "in", (eb) =>
          eb
            .selectFrom("contentItems")
            .select("contentItems.id")
            .where("contentItems.tenantId", "=", scope.tenantId)
            .where("contentItems.contactId", "=", contactId),
        )
        .executeTakeFirst(),
    );
    count(
      "contentItems",
      await updateTable(s, "contentItems")
        .set({
          status: "retired",
          title: "(erased)",
          body: "",
          advocateComment: null,
          approvalTokenHash: null,
          approvalExpiresAt: null,
          updatedAt: now,
        })
        .where("contactId", "=", contactId)
        .executeTakeFirst(),
    );
    // Out of every space, off every list of an event still to come; past attendance stays, nameless.
    count(
      "communityMembers",
      await deleteFrom(s, "communityMembers").where("contactId", "=", contactId).executeTakeFirst(),
    );
    count(
      "communityRegistrations",
      await deleteFrom(s, "communityRegistrations")
        .where("contactId", "=", contactId)
        .where("status", "in", ["invited", "going", "waitlisted", "declined"])
        .executeTakeFirst(),
    );
    // What they wrote of an event they came to goes; their rating stays in its tally, nameless.
    await updateTable(s, "communityRegistrations")
      .set({ feedbackComment: null })
      .where("contactId", "=", contactId)
      .where("feedbackComment", "is not", null)
      .execute();
    count("magicLinks", await deleteFrom(s, "magicLinks").where("contactId", "=", contactId).executeTakeFirst());
    count(
      "advocateSessions",
      await deleteFrom(s, "advocateSessions").where("contactId", "=", contactId).executeTakeFirst(),
    );
    // Stored API answers (Idempotency-Key replays) that carried this contact.
    count(
      "idempotencyKeys",
      await deleteFrom(s, "idempotencyKeys").where("responseBody", "like", `%"${contactId}"%`).executeTakeFirst(),
    );

    const needles = [contactId, ...(contact.email ? [contact.email] : []), ...emails];
    // The audit log is append-only: documents that mention the person are replaced by their digests.
    cleared.auditEntries = await eraseFromAuditLog(s, needles);
    cleared.importRuns = await eraseFromImportRuns(s, needles);
    for (const key of Object.keys(cleared)) if (cleared[key] === 0) delete cleared[key];
    return { id: contactId, erasedAt: toIso(now), reason: reason ?? null, cleared };
  });
}
