import { inTransaction } from "@advo/db";
import { sql } from "kysely";
import { AppError, notFound } from "../shared/errors.ts";
import { deleteFrom, type Scope, selectFrom, updateTable, withDb } from "../shared/scope.ts";

// Deleting a contact is for mistakes: a contact nothing has happened to yet. Once signals, points,
// programs, asks, references or referrals point at them, deleting the row would orphan those records
// (nothing cascades by design: ledgers and logs never lose rows), so the answer is a 409 naming what
// exists and pointing at erasure, which removes the person's data and keeps the records consistent.

/** Tables whose rows are the contact's history, with the columns that name the contact. */
const HISTORY: [label: string, table: string, columns: string[]][] = [
  ["events", "events", ["contact_id"]],
  ["survey responses", "survey_responses", ["contact_id"]],
  ["support tickets", "tickets", ["contact_id"]],
  ["purchases", "purchases", ["contact_id"]],
  ["mentions", "mentions", ["contact_id"]],
  ["points transactions", "ledger_transactions", ["contact_id"]],
  ["program memberships", "program_members", ["contact_id"]],
  ["challenge submissions", "submissions", ["contact_id"]],
  ["badges", "contact_badges", ["contact_id"]],
  ["shout-outs", "shoutouts", ["contact_id"]],
  ["redemptions", "redemptions", ["contact_id"]],
  ["emails sent", "email_outbox", ["contact_id"]],
  ["asks", "contact_asks", ["contact_id"]],
  ["a reference profile", "reference_profiles", ["contact_id"]],
  ["reference requests", "reference_requests", ["contact_id"]],
  ["reference asks", "reference_asks", ["contact_id"]],
  ["referral codes", "referral_codes", ["contact_id"]],
  ["journey enrollments", "journey_enrollments", ["contact_id"]],
  ["content (testimonials, case studies)", "content_items", ["contact_id"]],
  ["community memberships", "community_members", ["contact_id"]],
  ["event registrations", "community_registrations", ["contact_id"]],
  ["referral clicks", "referral_clicks", ["advocate_id"]],
  ["referral leads", "referral_leads", ["advocate_id", "contact_id"]],
  ["referral conversions", "referral_conversions", ["advocate_id", "friend_contact_id"]],
  ["referral rewards", "referral_rewards", ["contact_id"]],
];

/** What only describes the contact (derived state, preferences, sign-in links): goes with the row. */
const OWN_STATE = [
  "contact_scores",
  "score_snapshots",
  "segment_members",
  "segment_changes",
  "contact_ask_counts",
  "contact_ask_limits",
  "consent_records",
  "magic_links",
  "advocate_sessions",
  "ledger_accounts",
  "referral_fingerprints",
] as const;

export async function deleteContact(scope: Scope, id: string): Promise<void> {
  await inTransaction(scope.db, async (trx) => {
    const s = withDb(scope, trx);
    const contact = await selectFrom(s, "contacts").select("id").where("id", "=", id).executeTakeFirst();
    if (!contact) throw notFound("contact", id);
    const found: string[] = [];
    for (const [label, table, columns] of HISTORY) {
      const row = await sql<{ one: number }>`select 1 as one from ${sql.table(table)}
        where tenant_id = ${scope.tenantId} and (${sql.join(
          columns.map((c) => sql`${sql.ref(c)} = ${id}`),
          sql` or `,
        )}) limit 1`.execute(trx);
      if (row.rows.length > 0) found.push(label);
    }
    if (found.length > 0)
      throw new AppError(
        "conflict",
        `contact "${id}" has ${found.join(", ")}; deleting it would orphan them. ` +
          `Erase the contact instead (POST /api/v1/contacts/${id}/erase): personal data goes, the records stay consistent`,
      );
    for (const table of OWN_STATE)
      await sql`delete from ${sql.table(table)} where tenant_id = ${scope.tenantId} and contact_id = ${id}`.execute(
        trx,
      );
    await updateTable(s, "accountScores").set({ topContactId: null }).where("topContactId", "=", id).execute();
    await deleteFrom(s, "contacts").where("id", "=", id).execute();
  });
}
