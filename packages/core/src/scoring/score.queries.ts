import type { AccountScoresTable, ContactScoresTable, ScoreSnapshotsTable } from "@advo/db";
import { insertInto, type Scope, selectFrom, updateTable } from "../shared/scope.ts";

type ScoreRow = Omit<ContactScoresTable, "tenantId">;

const CHUNK = 400;

/** Writes scores; a manager's personality override survives every rescore. */
export async function upsertScores(scope: Scope, rows: ScoreRow[]) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await insertInto(scope, "contactScores", rows.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc.columns(["tenantId", "contactId"]).doUpdateSet((eb) => ({
          score: eb.ref("excluded.score"),
          confidence: eb.ref("excluded.confidence"),
          satisfaction: eb.ref("excluded.satisfaction"),
          engagement: eb.ref("excluded.engagement"),
          relationship: eb.ref("excluded.relationship"),
          advocacy: eb.ref("excluded.advocacy"),
          social: eb.ref("excluded.social"),
          latestNps: eb.ref("excluded.latestNps"),
          latestCsat: eb.ref("excluded.latestCsat"),
          lastActiveAt: eb.ref("excluded.lastActiveAt"),
          activeDays: eb.ref("excluded.activeDays"),
          openTickets: eb.ref("excluded.openTickets"),
          advocacyActs: eb.ref("excluded.advocacyActs"),
          personality: eb.ref("excluded.personality"),
          personalityConfidence: eb.ref("excluded.personalityConfidence"),
          explanation: eb.ref("excluded.explanation"),
          computedAt: eb.ref("excluded.computedAt"),
        })),
      )
      .execute();
  }
}

export async function upsertSnapshots(scope: Scope, rows: Omit<ScoreSnapshotsTable, "tenantId">[]) {
  for (let i = 0; i < rows.length; i += CHUNK * 2) {
    await insertInto(scope, "scoreSnapshots", rows.slice(i, i + CHUNK * 2))
      .onConflict((oc) =>
        oc.columns(["tenantId", "contactId", "day"]).doUpdateSet((eb) => ({
          score: eb.ref("excluded.score"),
          confidence: eb.ref("excluded.confidence"),
        })),
      )
      .execute();
  }
}

export const findScore = (scope: Scope, contactId: string) =>
  selectFrom(scope, "contactScores").selectAll().where("contactId", "=", contactId).executeTakeFirst();

export const scoreHistory = (scope: Scope, contactId: string, sinceDay: number) =>
  selectFrom(scope, "scoreSnapshots")
    .select(["day", "score", "confidence"])
    .where("contactId", "=", contactId)
    .where("day", ">=", sinceDay)
    .orderBy("day")
    .execute();

export const setPersonalityOverride = (scope: Scope, contactId: string, personality: string | null) =>
  updateTable(scope, "contactScores")
    .set({ personalityOverride: personality })
    .where("contactId", "=", contactId)
    .executeTakeFirst();

/**
 * Account roll-up: the mean of its scored contacts weighted by confidence (a well-known contact
 * counts more than a guess), and its top advocate.
 */
export async function rollUpAccounts(scope: Scope, accountIds: string[] | null, now: number) {
  const rows: { accountId: string | null; contactId: string; score: number; confidence: number }[] = [];
  const base = () =>
    selectFrom(scope, "contactScores")
      .innerJoin("contacts", (join) =>
        join
          .onRef("contacts.tenantId", "=", "contactScores.tenantId")
          .onRef("contacts.id", "=", "contactScores.contactId"),
      )
      .select([
        "contacts.accountId as accountId",
        "contactScores.contactId",
        "contactScores.score",
        "contactScores.confidence",
      ])
      .where("contacts.accountId", "is not", null);
  if (accountIds === null) rows.push(...(await base().execute()));
  else
    for (let i = 0; i < accountIds.length; i += CHUNK)
      rows.push(
        ...(await base()
          .where("contacts.accountId", "in", accountIds.slice(i, i + CHUNK))
          .execute()),
      );

  const acc = new Map<
    string,
    { weighted: number; weights: number; confidence: number; n: number; top: string; best: number }
  >();
  for (const r of rows) {
    if (!r.accountId) continue;
    const w = 0.25 + r.confidence;
    const a = acc.get(r.accountId) ?? { weighted: 0, weights: 0, confidence: 0, n: 0, top: r.contactId, best: -1 };
    a.weighted += r.score * w;
    a.weights += w;
    a.confidence += r.confidence;
    a.n++;
    if (r.score > a.best) {
      a.best = r.score;
      a.top = r.contactId;
    }
    acc.set(r.accountId, a);
  }
  const out: Omit<AccountScoresTable, "tenantId">[] = [...acc].map(([accountId, a]) => ({
    accountId,
    score: Math.round((a.weighted / a.weights) * 10) / 10,
    confidence: Math.round((a.confidence / a.n) * 100) / 100,
    contactsScored: a.n,
    topContactId: a.top,
    computedAt: now,
  }));
  for (let i = 0; i < out.length; i += CHUNK) {
    await insertInto(scope, "accountScores", out.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc.columns(["tenantId", "accountId"]).doUpdateSet((eb) => ({
          score: eb.ref("excluded.score"),
          confidence: eb.ref("excluded.confidence"),
          contactsScored: eb.ref("excluded.contactsScored"),
          topContactId: eb.ref("excluded.topContactId"),
          computedAt: eb.ref("excluded.computedAt"),
        })),
      )
      .execute();
  }
  return out.length;
}

export const findAccountScore = (scope: Scope, accountId: string) =>
  selectFrom(scope, "accountScores").selectAll().where("accountId", "=", accountId).executeTakeFirst();
