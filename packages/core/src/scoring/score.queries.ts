import type { AccountScoresTable, ContactScoresTable, ScoreSnapshotsTable } from "@advo/db";
import { bulkInsert, inTransaction } from "@advo/db";
import { sql } from "kysely";
import { inTexts, type Scope, selectFrom, updateTable } from "../shared/scope.ts";
import { type ContactRange, type ContactSelection, inSelection } from "./feature.queries.ts";

type ScoreRow = Omit<ContactScoresTable, "tenantId" | "propensity" | "personalityOverride">;

// Accounts read per statement: PostgreSQL plans an IN list of a few hundred accounts as a scan of every
// contact, so fewer, larger statements (measured: 5 × 100 ms → 1 × 120 ms at 100,000 contacts).
const ACCOUNTS_PER_READ = 5000;

const SCORE_COLUMNS = [
  ["contact_id", "text"],
  ["score", "double"],
  ["confidence", "double"],
  ["satisfaction", "double"],
  ["engagement", "double"],
  ["relationship", "double"],
  ["advocacy", "double"],
  ["social", "double"],
  ["latest_nps", "integer"],
  ["latest_csat", "integer"],
  ["last_active_at", "bigint"],
  ["active_days", "integer"],
  ["open_tickets", "integer"],
  ["advocacy_acts", "integer"],
  ["personality", "text"],
  ["personality_confidence", "double"],
  ["computed_at", "bigint"],
] as const;

const ACCOUNT_SCORE_COLUMNS = [
  ["tenant_id", "text"],
  ["account_id", "text"],
  ["score", "double"],
  ["confidence", "double"],
  ["contacts_scored", "integer"],
  ["top_contact_id", "text"],
  ["computed_at", "bigint"],
  ["active_days_sum", "integer"],
] as const;

/** A stored score as its history needs it: the day it was computed, and what it read. */
export interface StoredPoint {
  computedAt: number;
  score: number;
  confidence: number;
}

/**
 * The stored scores computed before `before` of the contacts whose id lies between these two (a full
 * rescore's range), or of these contacts: a write that replaces one keeps it as its day's snapshot
 * (see storeScores). Without the query builder's plugins, as loadAccountDirectory: a daily full rescore
 * reads every score this way (its next day's run at 1,000,000 contacts on PostgreSQL: 49.6 s against
 * 55.0 s through the query builder, reading every stored score of the range).
 */
export async function scoresComputedBefore(
  scope: Scope,
  selection: ContactSelection,
  before: number,
): Promise<Map<string, StoredPoint>> {
  const { rows } = await sql<StoredPoint & { contactId: string }>`select contact_id as "contactId",
      computed_at as "computedAt", score, confidence
    from contact_scores
    where tenant_id = ${scope.tenantId} and ${inSelection(scope, "contact_id", selection)} and computed_at < ${before}`.execute(
    scope.db.withoutPlugins(),
  );
  const points = new Map<string, StoredPoint>();
  for (const r of rows)
    points.set(r.contactId, {
      computedAt: Number(r.computedAt),
      score: Number(r.score),
      confidence: Number(r.confidence),
    });
  return points;
}

/**
 * Whether no contact whose id lies between these two has a score yet. A batch of new rows can be
 * written as such (PostgreSQL: COPY straight in, `mostlyNew`).
 */
export async function noScoreBetween(scope: Scope, range: ContactRange): Promise<boolean> {
  const row = await selectFrom(scope, "contactScores")
    .select("contactId")
    .where("contactId", ">=", range.from)
    .where("contactId", "<=", range.to)
    .limit(1)
    .executeTakeFirst();
  return row === undefined;
}

/**
 * Writes scores in bulk; a manager's personality override (not among these columns) survives every
 * rescore. `fresh`: none of these contacts has a score yet (a workspace's first rescore).
 * `onlyChanged`: a stored score that reads the same is left as it is, its computed_at included (a
 * full rescore, whose start the workspace keeps: see scoresConfirmedAt). Returns the contacts whose
 * score was written.
 */
export async function upsertScores(
  scope: Scope,
  rows: ScoreRow[],
  options: { fresh?: boolean; onlyChanged?: boolean } = {},
): Promise<Set<string>> {
  const { fresh = false, onlyChanged = false } = options;
  const values = rows.map((r) => [
    scope.tenantId,
    r.contactId,
    r.score,
    r.confidence,
    r.satisfaction,
    r.engagement,
    r.relationship,
    r.advocacy,
    r.social,
    r.latestNps,
    r.latestCsat,
    r.lastActiveAt,
    r.activeDays,
    r.openTickets,
    r.advocacyActs,
    r.personality,
    r.personalityConfidence,
    r.computedAt,
  ]);
  return inTransaction(scope.db, async (trx) => {
    const { returned } = await bulkInsert(
      trx,
      {
        table: "contact_scores",
        columns: [{ name: "tenant_id", type: "text" }, ...SCORE_COLUMNS.map(([name, type]) => ({ name, type }))],
        conflictTarget: ["tenant_id", "contact_id"],
        updateOnConflict: SCORE_COLUMNS.slice(1).map(([name]) => name),
        // A dormant contact's score reads the same from one day to the next (31–35 % of the bench's contacts).
        updateOnlyChanged: onlyChanged ? SCORE_COLUMNS.slice(1, -1).map(([name]) => name) : false,
        returning: "contact_id",
        mostlyNew: fresh,
      },
      values,
    );
    return new Set(returned as string[]);
  });
}

export async function upsertSnapshots(scope: Scope, rows: Omit<ScoreSnapshotsTable, "tenantId">[], fresh = false) {
  if (rows.length === 0) return;
  await inTransaction(scope.db, (trx) =>
    bulkInsert(
      trx,
      {
        table: "score_snapshots",
        columns: [
          { name: "tenant_id", type: "text" },
          { name: "contact_id", type: "text" },
          { name: "day", type: "integer" },
          { name: "score", type: "double" },
          { name: "confidence", type: "double" },
        ],
        conflictTarget: ["tenant_id", "contact_id", "day"],
        updateOnConflict: ["score", "confidence"],
        mostlyNew: fresh,
      },
      rows.map((r) => [scope.tenantId, r.contactId, r.day, r.score, r.confidence]),
    ),
  );
}

export const findScore = (scope: Scope, contactId: string) =>
  selectFrom(scope, "contactScores").selectAll().where("contactId", "=", contactId).executeTakeFirst();

export interface Snapshot {
  day: number;
  score: number;
  confidence: number;
}

/**
 * A contact's score, one point for each day it changed, from `sinceDay` on, led by the point before it
 * (the score on that day). The stored score is the last point (on the day it was computed); the
 * snapshots hold the scores it replaced, each on the day it had been computed.
 */
export async function scoreHistory(
  scope: Scope,
  contactId: string,
  sinceDay: number,
  latest: Snapshot,
): Promise<Snapshot[]> {
  const snapshots = () =>
    selectFrom(scope, "scoreSnapshots")
      .select(["day", "score", "confidence"])
      .where("contactId", "=", contactId)
      // Before snapshots held replaced scores, each write left one of its own day too: the stored score's.
      .where("day", "<", latest.day);
  const before = await snapshots().where("day", "<", sinceDay).orderBy("day", "desc").limit(1).executeTakeFirst();
  const since = await snapshots().where("day", ">=", sinceDay).orderBy("day").execute();
  return [...(before ? [before] : []), ...since, latest];
}

/**
 * One point a day from `fromDay` (or the first point, if later) to `today`: a history holds only the
 * days a score changed (scoreHistory), so each day reads the latest point at or before it.
 */
export function dailyHistory(snapshots: Snapshot[], fromDay: number, today: number): Snapshot[] {
  const days: Snapshot[] = [];
  let next = 0;
  let current: Snapshot | undefined;
  const first = snapshots[0];
  if (!first) return days;
  for (let day = Math.max(fromDay, first.day); day <= today; day++) {
    while (next < snapshots.length && (snapshots[next] as Snapshot).day <= day) current = snapshots[next++];
    if (current) days.push({ day, score: current.score, confidence: current.confidence });
  }
  return days;
}

export const setPersonalityOverride = (scope: Scope, contactId: string, personality: string | null) =>
  updateTable(scope, "contactScores")
    .set({ personalityOverride: personality })
    .where("contactId", "=", contactId)
    .executeTakeFirst();

/** The scored contacts of some accounts. */
const contactScoresOfAccounts = (scope: Scope, accountIds: string[]) =>
  selectFrom(scope, "contacts")
    .innerJoin("contactScores", (join) =>
      join
        .onRef("contactScores.tenantId", "=", "contacts.tenantId")
        .onRef("contactScores.contactId", "=", "contacts.id"),
    )
    .where("contacts.accountId", "is not", null)
    .where(inTexts(scope, "contacts.accountId", accountIds))
    .select([
      "contacts.accountId as accountId",
      "contactScores.contactId",
      "contactScores.score",
      "contactScores.confidence",
      "contactScores.activeDays",
    ]);

/**
 * Account roll-up: the mean of its scored contacts weighted by confidence (a well-known contact
 * counts more than a guess), and its top advocate.
 * Rolls the named accounts up from their contacts' stored scores, some thousands at a time (each
 * account's contacts are read together, so each batch is rolled up and stored on its own: a worker's
 * folded run may name hundreds of thousands of accounts). Returns how many were stored.
 */
export async function rollUpAccounts(scope: Scope, accountIds: string[], now: number) {
  let stored = 0;
  for (let i = 0; i < accountIds.length; i += ACCOUNTS_PER_READ) {
    const rollup = accountRollup();
    for (const r of await contactScoresOfAccounts(scope, accountIds.slice(i, i + ACCOUNTS_PER_READ)).execute())
      rollup.add(r);
    stored += await rollup.store(scope, now);
  }
  return stored;
}

/**
 * Account scores from contact scores as they come: the mean of the scored contacts weighted by
 * confidence, and the top advocate. A full rescore feeds it the rows it computes.
 */
export function accountRollup() {
  const acc = new Map<
    string,
    { weighted: number; weights: number; confidence: number; n: number; top: string; best: number; activeDays: number }
  >();
  return {
    add(r: { accountId: string | null; contactId: string; score: number; confidence: number; activeDays: number }) {
      if (!r.accountId) return;
      const w = 0.25 + r.confidence;
      const a = acc.get(r.accountId) ?? {
        weighted: 0,
        weights: 0,
        confidence: 0,
        n: 0,
        top: r.contactId,
        best: -1,
        activeDays: 0,
      };
      a.weighted += r.score * w;
      a.weights += w;
      a.confidence += r.confidence;
      a.activeDays += r.activeDays;
      a.n++;
      // Ties go to the lowest id, so the top advocate does not depend on the order rows come in.
      if (r.score > a.best || (r.score === a.best && r.contactId < a.top)) {
        a.best = r.score;
        a.top = r.contactId;
      }
      acc.set(r.accountId, a);
    },
    async store(scope: Scope, now: number) {
      const out: Omit<AccountScoresTable, "tenantId">[] = [...acc].map(([accountId, a]) => ({
        accountId,
        score: Math.round((a.weighted / a.weights) * 10) / 10,
        confidence: Math.round((a.confidence / a.n) * 100) / 100,
        contactsScored: a.n,
        topContactId: a.top,
        computedAt: now,
        activeDaysSum: a.activeDays,
      }));
      // A workspace's first roll-up writes new rows only (PostgreSQL: COPY straight in; 200,000 accounts
      // 0.62–0.79 s against 1.11–1.17 s through the staging table).
      const fresh =
        out.length > 0 && !(await selectFrom(scope, "accountScores").select("accountId").limit(1).executeTakeFirst());
      // One bulk statement per batch in one transaction: row by row through the query builder, a
      // full rescore spent 2 s here at 200,000 accounts, after its worker threads had finished.
      await inTransaction(scope.db, (trx) =>
        bulkInsert(
          trx,
          {
            table: "account_scores",
            columns: ACCOUNT_SCORE_COLUMNS.map(([name, type]) => ({ name, type })),
            conflictTarget: ["tenant_id", "account_id"],
            updateOnConflict: ACCOUNT_SCORE_COLUMNS.slice(2).map(([name]) => name),
            mostlyNew: fresh,
          },
          out.map((a) => [
            scope.tenantId,
            a.accountId,
            a.score,
            a.confidence,
            a.contactsScored,
            a.topContactId,
            a.computedAt,
            a.activeDaysSum,
          ]),
        ),
      );
      return out.length;
    },
  };
}

export const findAccountScore = (scope: Scope, accountId: string) =>
  selectFrom(scope, "accountScores").selectAll().where("accountId", "=", accountId).executeTakeFirst();
