import type { Database } from "@advo/db";
import { type SelectQueryBuilder, type SqlBool, sql } from "kysely";
import { inTexts, type Scope, selectFrom } from "../shared/scope.ts";
import { signalEventNames } from "../signals/index.ts";
import type { ContactFeatures } from "./components.ts";
import { actsByPersonality, allAdvocacyActs, type Personality, personalities } from "./personalities.ts";

const DAY = 86_400_000;

/** Which contacts to load: an explicit list, or an id range (full rescore walks the table in ranges). */
export type ContactSelection = { ids: string[] } | { from: string; to: string };

// biome-ignore lint/suspicious/noExplicitAny: the selection applies to any table with a contact column
type AnySelect = SelectQueryBuilder<Database, any, any>;

/** `column` within the selection, for the query builder (camelCase refs) and raw SQL (snake_case) alike. */
function inSelection(scope: Scope, column: string, selection: ContactSelection) {
  return "ids" in selection
    ? inTexts(scope, column, selection.ids)
    : sql<SqlBool>`${sql.ref(column)} >= ${selection.from} and ${sql.ref(column)} <= ${selection.to}`;
}

function restrict<Q extends AnySelect>(scope: Scope, query: Q, column: string, selection: ContactSelection): Q {
  return query.where(inSelection(scope, column, selection)) as Q;
}

const signalNames = new Set(signalEventNames.map((n) => n.toLowerCase()));
const personalityOfAct = new Map<string, Personality>(
  personalities.flatMap((p) => actsByPersonality[p].map((name) => [name.toLowerCase(), p] as [string, Personality])),
);
const otherActNames = new Set(allAdvocacyActs.map((n) => n.toLowerCase()).filter((n) => !personalityOfAct.has(n)));

export interface LoadedFeatures {
  features: ContactFeatures[];
  personalityActs: Map<string, Record<Personality, number>>;
  surveyComments: Map<string, number>;
  /** What each contact wrote: survey comments and ticket texts. */
  texts: Map<string, string[]>;
}

/** Everything scoring needs about the selected contacts, in four aggregate queries. */
/**
 * `now` is the moment features are computed at; signals at or after it are ignored, so a model can
 * learn from what was known before an outcome window began.
 */
export async function loadFeatures(scope: Scope, selection: ContactSelection, now: number): Promise<LoadedFeatures> {
  const since = now - 90 * DAY;
  const contacts = await restrict(
    scope,
    selectFrom(scope, "contacts")
      .leftJoin("accounts", (join) =>
        join.onRef("accounts.tenantId", "=", "contacts.tenantId").onRef("accounts.id", "=", "contacts.accountId"),
      )
      .select(["contacts.id as contactId", "contacts.accountId as accountId", "accounts.plan as plan"]),
    "contacts.id",
    selection,
  ).execute();

  // Two plain aggregates the database does fast; classifying event names happens here in JS. They
  // return most of a full rescore's rows (one per contact and event name), so they name their columns
  // in SQL and skip the case plugin's copy of each row.
  const plain = scope.db.withoutPlugins();
  const { rows: perEvent } = await sql<{
    contactId: string | null;
    type: string;
    event: string | null;
    n: number;
    lastAt: number;
  }>`select contact_id as "contactId", type, event, count(*) as n, max(occurred_at) as "lastAt"
    from events
    where tenant_id = ${scope.tenantId} and ${inSelection(scope, "contact_id", selection)} and type in ('track', 'page', 'screen')
      and occurred_at < ${now + 1}
    group by contact_id, type, event`.execute(plain);
  const { rows: activeDays } = await sql<{ contactId: string | null; days: number }>`select contact_id as "contactId",
      count(distinct occurred_at / ${sql.lit(DAY)}) as days
    from events
    where tenant_id = ${scope.tenantId} and ${inSelection(scope, "contact_id", selection)} and occurred_at >= ${since}
      and occurred_at < ${now + 1}
    group by contact_id`.execute(plain);

  const surveys = await restrict(
    scope,
    selectFrom(scope, "surveyResponses").select(["contactId", "kind", "score", "occurredAt", "sentiment", "comment"]),
    "surveyResponses.contactId",
    selection,
  )
    .where("occurredAt", "<", now + 1)
    .execute();
  const tickets = await restrict(
    scope,
    selectFrom(scope, "tickets").select([
      "contactId",
      "openedAt",
      "resolvedAt",
      "status",
      "escalated",
      "satisfaction",
      "sentiment",
      "subject",
      "text",
    ]),
    "tickets.contactId",
    selection,
  )
    .where("openedAt", "<", now + 1)
    .execute();

  // Public mentions (listening): count, mean sentiment and the author's largest reach.
  const mentions = await restrict(
    scope,
    selectFrom(scope, "mentions").select([
      "contactId",
      (eb) => eb.fn.countAll<number>().as("n"),
      (eb) => eb.fn.avg<number>("sentiment").as("mean"),
      (eb) => eb.fn.max("reach").as("reach"),
    ]),
    "mentions.contactId",
    selection,
  )
    .where("publishedAt", "<", now + 1)
    .groupBy("contactId")
    .execute();

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
  for (const row of perEvent) {
    const f = row.contactId ? byContact.get(row.contactId) : undefined;
    if (!f) continue;
    const name = (row.event ?? "").toLowerCase();
    const n = Number(row.n);
    const lastAt = Number(row.lastAt);
    const personality = personalityOfAct.get(name);
    if (personality || otherActNames.has(name)) {
      f.acts += n;
      f.lastActAt = Math.max(f.lastActAt ?? 0, lastAt);
      if (personality) {
        const acts = personalityActs.get(f.contactId) ?? {
          educator: 0,
          validator: 0,
          status_seeker: 0,
          collaborator: 0,
        };
        acts[personality] += n;
        personalityActs.set(f.contactId, acts);
      }
    } else if (row.type !== "track" || !signalNames.has(name)) {
      f.everActive = true;
      f.lastActiveAt = Math.max(f.lastActiveAt ?? 0, lastAt);
      if (row.type === "track" && lastAt >= since) f.breadth++;
    }
  }
  for (const row of mentions) {
    const f = row.contactId ? byContact.get(row.contactId) : undefined;
    if (f) f.mentions = { count: Number(row.n), meanSentiment: Number(row.mean), reach: Number(row.reach ?? 0) };
  }
  for (const row of activeDays) {
    const f = row.contactId ? byContact.get(row.contactId) : undefined;
    if (f) f.activeDays = Number(row.days);
  }
  const texts = new Map<string, string[]>();
  const addText = (contactId: string, text: string | null) => {
    if (text) texts.set(contactId, [...(texts.get(contactId) ?? []), text]);
  };
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
    addText(f.contactId, s.comment);
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
    addText(f.contactId, [t.subject, t.text].filter(Boolean).join(". ") || null);
  }
  return { features: [...byContact.values()], personalityActs, surveyComments, texts };
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
