import { adapterOf, type Database } from "@advo/db";
import { type RawBuilder, type SelectQueryBuilder, type SqlBool, sql } from "kysely";
import { inTexts, type Scope, selectFrom } from "../shared/scope.ts";
import { signalEventNames } from "../signals/index.ts";
import { type ContactFeatures, meanActiveDays } from "./components.ts";
import { actsByPersonality, otherActs, type Personality, personalities } from "./personalities.ts";

const DAY = 86_400_000;

/** Which contacts to load: an explicit list, or an id range (full rescore walks the table in ranges). */
export type ContactSelection = { ids: string[] } | ContactRange;
export type ContactRange = { from: string; to: string };

// biome-ignore lint/suspicious/noExplicitAny: the selection applies to any table with a contact column
type AnySelect = SelectQueryBuilder<Database, any, any>;

/** `column` within the selection, for the query builder (camelCase refs) and raw SQL (snake_case) alike. */
export function inSelection(scope: Scope, column: string, selection: ContactSelection) {
  return "ids" in selection
    ? inTexts(scope, column, selection.ids)
    : sql<SqlBool>`${sql.ref(column)} >= ${selection.from} and ${sql.ref(column)} <= ${selection.to}`;
}

function restrict<Q extends AnySelect>(scope: Scope, query: Q, column: string, selection: ContactSelection): Q {
  return query.where(inSelection(scope, column, selection)) as Q;
}

// Event names as scoring reads them, lower-cased: 1–4 an act of that personality, 5 another
// advocacy act, 6 a typed signal (a survey answer, a ticket, a purchase) rather than product usage.
const ACT_OTHER = 5;
const SIGNAL = 6;
const eventKinds: [string, number][] = [
  ...personalities.flatMap((p, i) =>
    actsByPersonality[p].map((name) => [name.toLowerCase(), i + 1] as [string, number]),
  ),
  ...otherActs.map((name) => [name.toLowerCase(), ACT_OTHER] as [string, number]),
  ...signalEventNames.map((name) => [name.toLowerCase(), SIGNAL] as [string, number]),
];

export interface LoadedFeatures {
  features: ContactFeatures[];
  personalityActs: Map<string, Record<Personality, number>>;
  surveyComments: Map<string, number>;
  /** What each contact wrote: survey comments and ticket texts. */
  texts: Map<string, string[]>;
}

/** What scoring reads of a contact's account: its plan, its name and its last roll-up. */
interface AccountFacts {
  plan: string | null;
  accountName: string | null;
  accountActiveDays: number | null;
  accountContacts: number | null;
}

/** Every account of a workspace by id, read once for a full rescore (loadAccountDirectory). */
export type AccountDirectory = Map<string, AccountFacts>;

// About 200 bytes an account in memory, in each thread of a full rescore that holds one.
export const MAX_DIRECTORY_ACCOUNTS = 250_000;

/**
 * The workspace's accounts, when there are at most `max`; null past that. A full rescore reads each
 * range's contacts with their accounts: two index probes a contact, 27 of the 100 ms a range of
 * 5,000 contacts took on PostgreSQL (10 of 80 on SQLite). With the accounts read once instead,
 * a range reads only its contacts' account ids. The roll-ups it reads change only when the rescore
 * ends, so the directory reads as the joins did.
 */
export async function loadAccountDirectory(
  scope: Scope,
  max = MAX_DIRECTORY_ACCOUNTS,
): Promise<AccountDirectory | null> {
  if (max <= 0) return null;
  const { n } = await selectFrom(scope, "accounts")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  if (Number(n) > max) return null;
  // Without the query builder's plugins: mapping 200,000 rows' names to camelCase was a third of this.
  const { rows } = await sql<AccountFacts & { id: string }>`select a.id, a.plan, a.name as "accountName",
      s.active_days_sum as "accountActiveDays", s.contacts_scored as "accountContacts"
    from accounts a
    left join account_scores s on s.tenant_id = a.tenant_id and s.account_id = a.id
    where a.tenant_id = ${scope.tenantId}`.execute(scope.db.withoutPlugins());
  const directory: AccountDirectory = new Map();
  for (const r of rows) directory.set(r.id, factsOf(r));
  return directory;
}

// Objects here are built field by field: object spread cost 3–7 µs a contact, more than the join it replaces.
const factsOf = (r: AccountFacts): AccountFacts => ({
  plan: r.plan,
  accountName: r.accountName,
  accountActiveDays: r.accountActiveDays,
  accountContacts: r.accountContacts,
});

const noAccount: AccountFacts = { plan: null, accountName: null, accountActiveDays: null, accountContacts: null };

async function contactsWithAccounts(
  scope: Scope,
  selection: ContactSelection,
  directory: AccountDirectory | null | undefined,
): Promise<({ contactId: string; accountId: string | null } & AccountFacts)[]> {
  if (directory) {
    const rows = await restrict(
      scope,
      selectFrom(scope, "contacts").select(["contacts.id as contactId", "contacts.accountId as accountId"]),
      "contacts.id",
      selection,
    ).execute();
    const found = [];
    for (const { contactId, accountId } of rows) {
      const facts = accountId === null ? noAccount : directory.get(accountId);
      // An account added since the directory was read is looked up as the joins below would find it.
      if (!facts) return contactsWithAccounts(scope, selection, null);
      found.push({
        contactId,
        accountId,
        plan: facts.plan,
        accountName: facts.accountName,
        accountActiveDays: facts.accountActiveDays,
        accountContacts: facts.accountContacts,
      });
    }
    return found;
  }
  return restrict(
    scope,
    selectFrom(scope, "contacts")
      .leftJoin("accounts", (join) =>
        join.onRef("accounts.tenantId", "=", "contacts.tenantId").onRef("accounts.id", "=", "contacts.accountId"),
      )
      // The account's last roll-up: the mean active days of its scored contacts.
      .leftJoin("accountScores", (join) =>
        join
          .onRef("accountScores.tenantId", "=", "contacts.tenantId")
          .onRef("accountScores.accountId", "=", "contacts.accountId"),
      )
      .select([
        "contacts.id as contactId",
        "contacts.accountId as accountId",
        "accounts.plan as plan",
        "accounts.name as accountName",
        "accountScores.activeDaysSum as accountActiveDays",
        "accountScores.contactsScored as accountContacts",
      ]),
    "contacts.id",
    selection,
  ).execute();
}

/**
 * Everything scoring needs about the selected contacts, in four aggregate queries.
 * `now` is the moment features are computed at; signals at or after it are ignored, so a model can
 * learn from what was known before an outcome window began. A full rescore passes the workspace's
 * `accounts` (loadAccountDirectory). Only propensity reads what people wrote (`withTexts`): scoring needs
 * to know a comment exists, not its words, so a rescore does not carry every ticket's text.
 */
export async function loadFeatures(
  scope: Scope,
  selection: ContactSelection,
  now: number,
  accounts?: AccountDirectory | null,
  withTexts = false,
): Promise<LoadedFeatures> {
  const since = now - 90 * DAY;
  const contacts = await contactsWithAccounts(scope, selection, accounts);

  // One pass over the contacts' events in index order, one row per contact. (One row per contact and
  // event name, classified in JS, was twice as slow: most of the time went into sorting those rows
  // and building them.) Each event's kind is looked up once, from its name with ASCII letters
  // lower-cased (every kind's name is ASCII; DialectAdapter.asciiLower), and only
  // for product usage (track, page, screen), so the aggregates' kind tests need no type test. (As
  // `type in (…)` in every filter, SQLite probed a temporary table each time: 2.15 s a pass over
  // 2,000,000 events of 100,000 contacts, against 1.38 s.) The lookup takes the form that keeps the
  // index's order on each database (see DialectAdapter.smallJoinKeepsOrder):
  // - a join with the list of kinds (SQLite: 1.38 s; a CASE in a subquery 1.46 s);
  // - a CASE in a subquery its LIMIT keeps apart, behind an `in` test most names fail at once
  //   (PostgreSQL hashes the list): PostgreSQL 1.42 s, against 2.25 s for the join, which it
  //   hashed and then sorted again, spilling to disk.
  const plain = scope.db.withoutPlugins();
  const adapter = adapterOf(scope.db);
  const name = adapter.asciiLower(sql.ref("e.event"));
  const usage = sql`(e.type = 'track' or e.type = 'page' or e.type = 'screen')`;
  const inRange = sql`e.tenant_id = ${scope.tenantId} and ${inSelection(scope, "e.contact_id", selection)} and e.occurred_at < ${now + 1}`;
  let kindList = sql``;
  let classified: RawBuilder<unknown>;
  if (adapter.smallJoinKeepsOrder) {
    kindList = sql`with kinds(name, kind) as (values ${sql.join(eventKinds.map(([name, kind]) => sql`(${name}, ${sql.lit(kind)})`))}) `;
    classified = sql`events e left join kinds on kinds.name = ${name} and ${usage} where ${inRange}`;
  } else {
    const names = sql.join(eventKinds.map(([name]) => sql`${name}`));
    const cases = sql.join(
      eventKinds.map(([name, kind]) => sql`when ${name} then ${sql.lit(kind)}`),
      sql` `,
    );
    classified = sql`(
      select e.contact_id, e.occurred_at, e.type, e.event,
        case when ${usage} and ${name} in (${names}) then case ${name} ${cases} end end as kind
      from events e
      where ${inRange}
      order by e.contact_id
      limit ${sql.lit(Number.MAX_SAFE_INTEGER)}
    ) e`;
  }
  const { rows: activity } = await sql<{
    contactId: string | null;
    educator: number;
    validator: number;
    statusSeeker: number;
    collaborator: number;
    acts: number;
    lastActAt: number | null;
    lastActiveAt: number | null;
    breadth: number;
    activeDays: number;
  }>`${kindList}select e.contact_id as "contactId",
      count(*) filter (where kind = 1) as educator,
      count(*) filter (where kind = 2) as validator,
      count(*) filter (where kind = 3) as "statusSeeker",
      count(*) filter (where kind = 4) as collaborator,
      count(*) filter (where kind <= ${sql.lit(ACT_OTHER)}) as acts,
      max(e.occurred_at) filter (where kind <= ${sql.lit(ACT_OTHER)}) as "lastActAt",
      max(e.occurred_at) filter (where ${usage} and (kind is null or (kind = ${sql.lit(SIGNAL)} and e.type <> 'track'))) as "lastActiveAt",
      count(distinct e.event) filter (where e.type = 'track' and kind is null and e.occurred_at >= ${since}) as breadth,
      count(distinct e.occurred_at / ${sql.lit(DAY)}) filter (where e.occurred_at >= ${since}) as "activeDays"
    from ${classified}
    group by e.contact_id`.execute(plain);

  const surveys = await restrict(
    scope,
    selectFrom(scope, "surveyResponses").select([
      "contactId",
      "kind",
      "score",
      "occurredAt",
      "sentiment",
      withTexts
        ? "comment"
        : sql<string | null>`case when comment is null or comment = '' then null else 'y' end`.as("comment"),
    ]),
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
      withTexts ? "subject" : sql<string | null>`null`.as("subject"),
      withTexts ? "text" : sql<string | null>`null`.as("text"),
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
      colleagues: colleaguesOf(c),
      surveys: [],
      lastActiveAt: null,
      activeDays: 0,
      breadth: 0,
      acts: 0,
      lastActAt: null,
      tickets: [],
      mentions: null,
    });
  }
  const personalityActs = new Map<string, Record<Personality, number>>();
  for (const row of activity) {
    const f = row.contactId ? byContact.get(row.contactId) : undefined;
    if (!f) continue;
    f.acts = Number(row.acts);
    f.lastActAt = row.lastActAt === null ? null : Number(row.lastActAt);
    f.lastActiveAt = row.lastActiveAt === null ? null : Number(row.lastActiveAt);
    f.breadth = Number(row.breadth);
    f.activeDays = Number(row.activeDays);
    const acts = {
      educator: Number(row.educator),
      validator: Number(row.validator),
      status_seeker: Number(row.statusSeeker),
      collaborator: Number(row.collaborator),
    };
    if (acts.educator + acts.validator + acts.status_seeker + acts.collaborator > 0)
      personalityActs.set(f.contactId, acts);
  }
  for (const row of mentions) {
    const f = row.contactId ? byContact.get(row.contactId) : undefined;
    if (f) f.mentions = { count: Number(row.n), meanSentiment: Number(row.mean), reach: Number(row.reach ?? 0) };
  }
  const texts = new Map<string, string[]>();
  const addText = (contactId: string, text: string | null) => {
    if (withTexts && text) texts.set(contactId, [...(texts.get(contactId) ?? []), text]);
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

// The account's average includes the contact itself (as of the roll-up). Taking it out would need
// each contact's stored score read as well: one more lookup per contact in every rescore.
function colleaguesOf(c: {
  accountName: string | null;
  accountActiveDays: number | null;
  accountContacts: number | null;
}): ContactFeatures["colleagues"] {
  if (c.accountName === null || !c.accountContacts) return null;
  const mean = meanActiveDays(c.accountActiveDays, c.accountContacts);
  return mean === null ? null : { account: c.accountName, contacts: c.accountContacts, meanActiveDays: mean };
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
