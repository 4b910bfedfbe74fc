import type { Database } from "@advo/db";
import { type SelectQueryBuilder, sql } from "kysely";
import { type Scope, selectFrom } from "../shared/scope.ts";
import { signalEventNames } from "../signals/index.ts";
import type { ContactFeatures } from "./components.ts";
import { actsByPersonality, allAdvocacyActs, type Personality, personalities } from "./personalities.ts";

const DAY = 86_400_000;

/** Which contacts to load: an explicit list, or an id range (full rescore walks the table in ranges). */
export type ContactSelection = { ids: string[] } | { from: string; to: string };

// biome-ignore lint/suspicious/noExplicitAny: the selection applies to any table with a contact column
type AnySelect = SelectQueryBuilder<Database, any, any>;

function restrict<Q extends AnySelect>(query: Q, column: string, selection: ContactSelection): Q {
  if ("ids" in selection) return query.where(sql.ref(column), "in", selection.ids) as Q;
  return query.where(sql.ref(column), ">=", selection.from).where(sql.ref(column), "<=", selection.to) as Q;
}

const lowered = (names: readonly string[]) => names.map((n) => n.toLowerCase());
const notUsage = lowered([...signalEventNames, ...allAdvocacyActs]);

export interface LoadedFeatures {
  features: ContactFeatures[];
  personalityActs: Map<string, Record<Personality, number>>;
  surveyComments: Map<string, number>;
}

/** Everything scoring needs about the selected contacts, in four aggregate queries. */
export async function loadFeatures(scope: Scope, selection: ContactSelection, now: number): Promise<LoadedFeatures> {
  const since = now - 90 * DAY;
  const contacts = await restrict(
    selectFrom(scope, "contacts")
      .leftJoin("accounts", (join) =>
        join.onRef("accounts.tenantId", "=", "contacts.tenantId").onRef("accounts.id", "=", "contacts.accountId"),
      )
      .select(["contacts.id as contactId", "contacts.accountId as accountId", "accounts.plan as plan"]),
    "contacts.id",
    selection,
  ).execute();

  const usage = sql`(type in ('page', 'screen') or (type = 'track' and lower(event) not in (${sql.join(notUsage)})))`;
  const actIn = (names: readonly string[]) => sql`lower(event) in (${sql.join(lowered(names))})`;
  const eventRows = await restrict(
    selectFrom(scope, "events").select([
      "contactId",
      sql<number | null>`max(case when ${usage} then occurred_at end)`.as("lastActiveAt"),
      sql<number>`count(distinct case when ${usage} and occurred_at >= ${since} then occurred_at / ${DAY} end)`.as(
        "activeDays",
      ),
      sql<number>`count(distinct case when type = 'track' and ${usage} and occurred_at >= ${since} then event end)`.as(
        "breadth",
      ),
      sql<number>`sum(case when ${actIn(allAdvocacyActs)} then 1 else 0 end)`.as("acts"),
      sql<number | null>`max(case when ${actIn(allAdvocacyActs)} then occurred_at end)`.as("lastActAt"),
      ...personalities.map((p) =>
        sql<number>`sum(case when ${actIn(actsByPersonality[p])} then 1 else 0 end)`.as(`p_${p}`),
      ),
    ]),
    "events.contactId",
    selection,
  )
    .where("type", "in", ["track", "page", "screen"])
    .groupBy("contactId")
    .execute();

  const surveys = await restrict(
    selectFrom(scope, "surveyResponses").select(["contactId", "kind", "score", "occurredAt", "sentiment", "comment"]),
    "surveyResponses.contactId",
    selection,
  ).execute();
  const tickets = await restrict(
    selectFrom(scope, "tickets").select([
      "contactId",
      "openedAt",
      "resolvedAt",
      "status",
      "escalated",
      "satisfaction",
      "sentiment",
    ]),
    "tickets.contactId",
    selection,
  ).execute();

  const byContact = new Map<string, ContactFeatures>();
  for (const c of contacts) {
    byContact.set(c.contactId, {
      contactId: c.contactId,
      accountId: c.accountId,
      plan: c.plan,
      surveys: [],
      lastActiveAt: null,
      activeDays: 0,
      breadth: 0,
      everActive: false,
      acts: 0,
      lastActAt: null,
      tickets: [],
      mentions: null,
    });
  }
  const personalityActs = new Map<string, Record<Personality, number>>();
  for (const row of eventRows as unknown as Record<string, unknown>[]) {
    const f = byContact.get(row.contactId as string);
    if (!f) continue;
    f.lastActiveAt = row.lastActiveAt === null ? null : Number(row.lastActiveAt);
    f.everActive = f.lastActiveAt !== null;
    f.activeDays = Number(row.activeDays ?? 0);
    f.breadth = Number(row.breadth ?? 0);
    f.acts = Number(row.acts ?? 0);
    f.lastActAt = row.lastActAt === null ? null : Number(row.lastActAt);
    // Column aliases come back camel-cased by the plugin: p_status_seeker → pStatusSeeker.
    const count = (p: Personality) =>
      Number(row[`p${p.replace(/(^|_)([a-z])/g, (_, __, ch: string) => ch.toUpperCase())}`] ?? 0);
    personalityActs.set(
      f.contactId,
      Object.fromEntries(personalities.map((p) => [p, count(p)])) as Record<Personality, number>,
    );
  }
  const surveyComments = new Map<string, number>();
  for (const s of surveys) {
    const f = s.contactId ? byContact.get(s.contactId) : undefined;
    if (!f) continue;
    f.surveys.push({
      kind: s.kind,
      score: s.score,
      at: s.occurredAt,
      sentiment: s.sentiment,
      hasComment: Boolean(s.comment),
    });
    if (s.comment) surveyComments.set(f.contactId, (surveyComments.get(f.contactId) ?? 0) + 1);
  }
  for (const t of tickets) {
    const f = t.contactId ? byContact.get(t.contactId) : undefined;
    if (!f) continue;
    f.tickets.push({
      openedAt: t.openedAt,
      resolvedAt: t.resolvedAt,
      status: t.status,
      escalated: t.escalated === 1,
      satisfaction: t.satisfaction,
      sentiment: t.sentiment,
    });
  }
  return { features: [...byContact.values()], personalityActs, surveyComments };
}

/** Active-day distribution per plan from the latest scores: the peers a contact is compared with. */
export async function peerDistribution(scope: Scope) {
  return selectFrom(scope, "contactScores")
    .innerJoin("contacts", (join) =>
      join
        .onRef("contacts.tenantId", "=", "contactScores.tenantId")
        .onRef("contacts.id", "=", "contactScores.contactId"),
    )
    .leftJoin("accounts", (join) =>
      join.onRef("accounts.tenantId", "=", "contacts.tenantId").onRef("accounts.id", "=", "contacts.accountId"),
    )
    .select([
      "accounts.plan as plan",
      "contactScores.activeDays as activeDays",
      (eb) => eb.fn.countAll<number>().as("n"),
    ])
    .groupBy(["accounts.plan", "contactScores.activeDays"])
    .execute();
}
