import { availableParallelism } from "node:os";
import { type AdapterOptions, adapterOf, inTransaction } from "@advo/db";
import { sql } from "kysely";
import type { SegmentFilter } from "../segments/index.ts";
import { toIso } from "../shared/clock.ts";
import { invalidField, notFound } from "../shared/errors.ts";
import type { Page } from "../shared/pagination.ts";
import { type Scope, selectFrom, withDb } from "../shared/scope.ts";
import { getTenantSetting, setTenantSetting } from "../tenants/index.ts";
import {
  type ComponentWeighting,
  componentWeighting,
  type ExplanationLine,
  explain,
  explanationLines,
  scoreOf,
} from "./combine.ts";
import {
  advocacy,
  type Component,
  type ComponentName,
  type ContactFeatures,
  componentNames,
  defaultWeights,
  engagement,
  latestSurvey,
  type PeerPercentile,
  relationship,
  satisfaction,
  social,
  type Weights,
} from "./components.ts";
import { computedAtOf, PEERS_KEY, scoresConfirmedAt } from "./confirmed-at.ts";
import {
  type AccountDirectory,
  type ContactRange,
  type ContactSelection,
  loadAccountDirectory,
  loadFeatures,
  MAX_DIRECTORY_ACCOUNTS,
  peerDistribution,
} from "./feature.queries.ts";
import { classifyPersonality, type Personality, suggestionsFor } from "./personalities.ts";
import {
  accountRollup,
  dailyHistory,
  findScore,
  noScoreBetween,
  rollUpAccounts,
  scoreHistory,
  scoresComputedBefore,
  setPersonalityOverride,
  upsertScores,
  upsertSnapshots,
} from "./score.queries.ts";
import type { Advocate, ContactScore } from "./score.schemas.ts";
import { scoreInThreads, type Turns } from "./score-threads.ts";

const DAY = 86_400_000;
const WEIGHTS_KEY = "scoringWeights";

export async function getWeights(scope: Scope): Promise<Weights> {
  const stored = await getTenantSetting<Partial<Weights>>(scope.db, scope.tenantId, WEIGHTS_KEY);
  return { ...defaultWeights, ...stored };
}

export async function setWeights(scope: Scope, weights: Partial<Weights>): Promise<Weights> {
  const next = { ...(await getWeights(scope)), ...weights };
  await setTenantSetting(scope.db, scope.tenantId, WEIGHTS_KEY, next);
  return next;
}

export type PeerRows = Awaited<ReturnType<typeof peerDistribution>>;

/**
 * How a contact's active days compare with peers on the same plan (falls back to everyone), looked up
 * in the peer distribution (plain rows, so it can be sent to a worker thread).
 */
export function percentilesFrom(rows: PeerRows): PeerPercentile {
  const histograms = new Map<string, Map<number, number>>();
  const add = (key: string, days: number, n: number) => {
    const h = histograms.get(key) ?? new Map<number, number>();
    h.set(days, (h.get(days) ?? 0) + n);
    histograms.set(key, h);
  };
  for (const r of rows) {
    add(`plan:${r.plan ?? ""}`, r.activeDays, Number(r.n));
    add("all", r.activeDays, Number(r.n));
  }
  // Scored once per contact: answer from a table per histogram, built on first use.
  const tables = new Map<Map<number, number>, { size: number; byDays: Map<number, number> }>();
  const tableOf = (h: Map<number, number>) => {
    let table = tables.get(h);
    if (!table) {
      const size = [...h.values()].reduce((s, n) => s + n, 0);
      const byDays = new Map<number, number>();
      let below = 0;
      for (const [days, n] of [...h].sort((a, b) => a[0] - b[0])) {
        byDays.set(days, (below + n / 2) / size);
        below += n;
      }
      table = { size, byDays };
      tables.set(h, table);
    }
    return table;
  };
  const percentile = (h: Map<number, number>, days: number) => {
    const { size, byDays } = tableOf(h);
    const exact = byDays.get(days);
    if (exact !== undefined) return exact;
    let below = 0;
    for (const [d, n] of h) if (d < days) below += n;
    return below / size;
  };
  return (plan, days) => {
    const own = histograms.get(`plan:${plan ?? ""}`);
    const h = own && tableOf(own).size >= 20 ? own : histograms.get("all");
    return h && tableOf(h).size >= 20 ? percentile(h, days) : null;
  };
}

export type ScoreRow = ReturnType<typeof scoreOne>;

export interface ScoringContext {
  weights: Weights;
  peers: PeerPercentile;
  /** A full rescore's accounts, read once (loadAccountDirectory); without, each range joins them. */
  accounts?: AccountDirectory | null;
}

function scoreOne(
  f: ContactFeatures,
  acts: Record<Personality, number> | undefined,
  comments: number,
  weights: Weights,
  peers: PeerPercentile,
  now: number,
  explaining?: Explaining,
) {
  const components = [
    satisfaction(f, now),
    engagement(f, now, peers),
    relationship(f, now),
    advocacy(f, now),
    social(f),
  ];
  const { score, confidence } = scoreOf(components, weights);
  const personality = classifyPersonality(
    acts ?? { educator: 0, validator: 0, status_seeker: 0, collaborator: 0 },
    comments,
  );
  // Kept only to be explained: a full rescore's rows live until their range is stored, and each
  // contact's components kept with them cost it more garbage collection than they were worth.
  explaining?.set(f.contactId, { components, evidence: personality.evidence });
  const [satisfactionPart, engagementPart, relationshipPart, advocacyPart, socialPart] = components;
  const value = (c: Component | undefined) => (c?.hasData ? c.value : null);
  let openTickets = 0;
  for (const t of f.tickets) if (t.status !== "resolved" && t.status !== "closed") openTickets++;
  return {
    contactId: f.contactId,
    // Not stored with the score: a full rescore rolls accounts and peers up from its rows.
    accountId: f.accountId,
    plan: f.plan,
    score,
    confidence,
    satisfaction: value(satisfactionPart),
    engagement: value(engagementPart),
    relationship: value(relationshipPart),
    advocacy: value(advocacyPart),
    social: value(socialPart),
    latestNps: latestSurvey(f, "nps")?.score ?? null,
    latestCsat: latestSurvey(f, "csat")?.score ?? null,
    lastActiveAt: f.lastActiveAt,
    activeDays: f.activeDays,
    openTickets,
    advocacyActs: f.acts,
    personality: personality.personality,
    personalityConfidence: personality.personality ? personality.confidence : null,
    computedAt: now,
  };
}

/** What explains each score computed (computeScores): its components' facts and the personality evidence. */
type Explaining = Map<string, { components: Component[]; evidence: Record<Personality, number> }>;

/** A score's explanation as the API shows it. */
export interface Explanation {
  lines: ExplanationLine[];
  components: ComponentWeighting[];
  evidence: Record<Personality, number>;
}

/**
 * A computed score's explanation. Explanations are not stored: a contact's is computed again when
 * it is read (getContactScore), which costs a few milliseconds, where storing one for every contact
 * cost every full rescore a second table's worth of writes (on PostgreSQL about 3 s of 30 at
 * 1,000,000 contacts).
 */
function explanationOf(
  row: ScoreRow,
  { components, evidence }: { components: Component[]; evidence: Record<Personality, number> },
  weights: Weights,
): Explanation {
  return {
    lines: explanationLines(explain(components, weights).lines),
    components: componentWeighting(
      componentNames.map((name: ComponentName) => ({ name, value: row[name] })),
      weights,
    ),
    evidence,
  };
}

/**
 * Scores the selected contacts as of `now`, without storing anything. `explaining`: a map to keep
 * what explains each score in (explanationOf).
 */
export async function computeScores(
  scope: Scope,
  selection: ContactSelection,
  context: ScoringContext,
  now: number,
  explaining?: Explaining,
): Promise<ScoreRow[]> {
  const loaded = await loadFeatures(scope, selection, now, context.accounts);
  return loaded.features.map((f) =>
    scoreOne(
      f,
      loaded.personalityActs.get(f.contactId),
      loaded.surveyComments.get(f.contactId) ?? 0,
      context.weights,
      context.peers,
      now,
      explaining,
    ),
  );
}

/**
 * Stores scores. A score computed on an earlier day that a write replaces is kept as that day's
 * snapshot: a score's history holds the days it changed, the stored score being the last of them, and
 * reads as one point a day (dailyHistory). Given the range of contacts they were computed for (a full
 * rescore), it leaves alone the stored scores that read the same. A workspace's first rescore thus
 * writes no snapshot at all: there is nothing to replace.
 */
export async function storeScores(scope: Scope, rows: ScoreRow[], now: number, range?: ContactRange) {
  const today = Math.floor(now / DAY);
  // Read before the transaction: a SQLite transaction that reads before it writes fails, rather than
  // waits, when another connection wrote in between. A score another writer replaces meanwhile was
  // kept by that writer (if of an earlier day); keeping it again rewrites the same row (one per day).
  const replaced = await scoresComputedBefore(scope, range ?? { ids: rows.map((r) => r.contactId) }, today * DAY);
  const fresh = range !== undefined && replaced.size === 0 && (await noScoreBetween(scope, range));
  // Scores and the snapshots they replace in one transaction, so neither is ever stored without the other.
  await inTransaction(scope.db, async (trx) => {
    const here = withDb(scope, trx);
    const written = await upsertScores(here, rows, { fresh, onlyChanged: range !== undefined });
    const snapshots = [];
    for (const contactId of written) {
      const before = replaced.get(contactId);
      if (before)
        snapshots.push({
          contactId,
          day: Math.floor(before.computedAt / DAY),
          score: before.score,
          confidence: before.confidence,
        });
    }
    // Mostly new rows: a day's score is replaced once.
    await upsertSnapshots(here, snapshots, true);
  });
}

/** What a full rescore keeps of each contact it scored: enough to roll accounts and peers up. */
export type ScoredContact = Pick<ScoreRow, "contactId" | "accountId" | "plan" | "activeDays" | "score" | "confidence">;

/** Scores the selected contacts as of `now` and stores them (storeScores). */
export async function scoreAndStore(
  scope: Scope,
  selection: ContactSelection,
  context: ScoringContext,
  now: number,
  turns: Turns = (work) => work(),
): Promise<ScoredContact[]> {
  const rows = await computeScores(scope, selection, context, now);
  await turns(() => storeScores(scope, rows, now, "from" in selection ? selection : undefined));
  return rows.map(({ contactId, accountId, plan, activeDays, score, confidence }) => ({
    contactId,
    accountId,
    plan,
    activeDays,
    score,
    confidence,
  }));
}

// The peer distribution: every full rescore stores the one it found (a few hundred rows: plan ×
// active days), and the next full or incremental rescore compares with it. Computing it from every
// stored score instead is a GROUP BY over all of them (about 1 s per 100,000 contacts), done only
// before a tenant's first full rescore, and then kept in memory for a few minutes.
const PEERS_MAX_AGE = 10 * 60_000;
const peersCache = new WeakMap<Scope["db"], Map<string, { at: number; rows: PeerRows }>>();

async function peerRows(scope: Scope): Promise<PeerRows> {
  const saved = await getTenantSetting<{ computedAt: number; rows: PeerRows }>(scope.db, scope.tenantId, PEERS_KEY);
  if (saved) return saved.rows;
  const cached = peersCache.get(scope.db)?.get(scope.tenantId);
  const age = cached ? scope.clock.now() - cached.at : Number.POSITIVE_INFINITY;
  if (cached && age >= 0 && age < PEERS_MAX_AGE) return cached.rows;
  const rows = await peerDistribution(scope);
  const byTenant = peersCache.get(scope.db) ?? new Map();
  byTenant.set(scope.tenantId, { at: scope.clock.now(), rows });
  peersCache.set(scope.db, byTenant);
  return rows;
}

/**
 * Whether the workspace's last full rescore is a day old (or there never was one): recency moves every
 * score a little each day, and trend charts should read every contact's score of each day.
 */
export async function fullRescoreDue(scope: Scope): Promise<boolean> {
  const saved = await getTenantSetting<{ computedAt: number }>(scope.db, scope.tenantId, PEERS_KEY);
  return !saved || scope.clock.now() - saved.computedAt >= FULL_RESCORE_EVERY;
}

// A little under a day, so a rescore that ran at 02:00 is due again at the next daily pass at 02:00.
const FULL_RESCORE_EVERY = 20 * 3_600_000;

/** `startedAt`: when the full rescore began, so every score stored before it was confirmed then. */
async function savePeers(scope: Scope, rows: PeerRows, now: number, startedAt: number) {
  await setTenantSetting(scope.db, scope.tenantId, PEERS_KEY, { computedAt: now, startedAt, rows });
}

/** What scoring a few contacts reads: the weights in force and the peer distribution of the last full rescore. */
const scoringContext = async (scope: Scope): Promise<ScoringContext> => ({
  weights: await getWeights(scope),
  peers: percentilesFrom(await peerRows(scope)),
});

/** Incremental: only the contacts whose signals changed, then their accounts' roll-ups. */
export async function rescoreContacts(scope: Scope, contactIds: string[]): Promise<number> {
  const ids = [...new Set(contactIds)];
  if (ids.length === 0) return 0;
  const context = await scoringContext(scope);
  // Scoring reads each contact's account: their roll-ups follow from the rows it returns.
  const accounts = new Set<string>();
  let scored = 0;
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await scoreAndStore(scope, { ids: ids.slice(i, i + 1000) }, context, scope.clock.now());
    scored += rows.length;
    for (const r of rows) if (r.accountId) accounts.add(r.accountId);
  }
  await rollUpAccounts(scope, [...accounts], scope.clock.now());
  return scored;
}

export interface RescoreAllOptions {
  /** Contacts per range (default 5,000). */
  chunk?: number;
  /** Worker threads computing scores (default: one per core, at most 4; 1 computes in this thread). */
  threads?: number;
  /** A worker thread failed and this thread took its work over (the rescore itself carries on). */
  onThreadError?: (error: Error) => void;
  /** How worker threads open the database (default: as this handle was opened). */
  reopen?: AdapterOptions;
}

/**
 * Everything, walking contacts in id ranges so memory stays flat. When the database can be opened
 * again (a file or a server, not an in-memory SQLite) and there is more than a few ranges of work,
 * worker threads read, score and store ranges side by side (score-threads.ts).
 */
export async function rescoreAll(
  scope: Scope,
  onProgress?: (done: number, total: number) => void,
  options: RescoreAllOptions = {},
): Promise<number> {
  const chunk = options.chunk ?? 5000;
  const startedAt = scope.clock.now();
  const distribution = await peerRows(scope);
  const total = Number(
    (
      await selectFrom(scope, "contacts")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const weights = await getWeights(scope);
  const context = { weights, peers: percentilesFrom(distribution) };
  const rollup = accountRollup();
  const peers = new Map<string, { plan: string | null; activeDays: number; n: number }>();
  let done = 0;
  const onScored = (scored: ScoredContact[]) => {
    for (const r of scored) {
      rollup.add(r);
      const key = `${r.plan ?? ""}|${r.activeDays}`;
      const tally = peers.get(key) ?? { plan: r.plan, activeDays: r.activeDays, n: 0 };
      tally.n++;
      peers.set(key, tally);
    }
    done += scored.length;
    onProgress?.(done, total);
  };
  const threads = options.threads ?? Math.min(4, availableParallelism());
  const reopen = options.reopen ?? adapterOf(scope.db).reopen;
  // Worker threads see only committed data and cost a start-up: worth it for large tenants only.
  const large = total > 4 * chunk;
  const parallel = threads > 1 && reopen !== undefined && !scope.db.isTransaction && large;
  const ranges = contactRanges(scope, chunk);
  // Each thread reads the accounts once when that costs less than joining them range by range. On
  // PostgreSQL an account read costs about what the joins cost one contact, and every thread reads
  // them all. SQLite's joins cost about a microsecond a contact: at 1,000,000 contacts the two threads'
  // reads of 200,000 accounts (0.8 s each) cost more than the 1 s of joins they spared.
  const accountsAtMost = adapterOf(scope.db).inProcess
    ? 0
    : Math.min(MAX_DIRECTORY_ACCOUNTS, Math.floor(total / (2 * (parallel ? threads : 1))));
  // Worker threads read the accounts themselves; this thread scores a range only when one fails.
  const here = { ...context, accounts: large && !parallel ? await loadAccountDirectory(scope, accountsAtMost) : null };
  const scoreHere = (range: ContactRange, now: number, turns?: Turns) => scoreAndStore(scope, range, here, now, turns);
  if (parallel)
    await scoreInThreads({
      scope,
      reopen,
      threads,
      ranges,
      shared: { weights, distribution, accountsAtMost },
      scoreHere,
      onScored,
      onThreadError: options.onThreadError,
    });
  else for await (const range of ranges) onScored(await scoreHere(range, scope.clock.now()));
  const now = scope.clock.now();
  const rolledUp = (async () => {
    await rollup.store(scope, now);
    await savePeers(scope, [...peers.values()], now, startedAt);
  })();
  // Statistics for the tables a segment joins: without them SQLite walks every contact (or most of the
  // score index) and looks the rest up one by one; with them it scans the scores, filters, and looks up
  // only the matches (a segment count over 1,000,000 contacts: 1.3 s → 0.4 s). The same statements on
  // both databases. They read every tenant's rows (about 1 s at 1,000,000 contacts), so only a large
  // tenant's daily rescore, which can move them, pays for it. A rescore changes only the scores; a
  // database that keeps its statistics up by itself is left to do so for the contacts and accounts
  // an import changed (0.8 s of PostgreSQL's rescore at 1,000,000 contacts, after its workers end).
  // Run beside the roll-up (on PostgreSQL another connection; SQLite takes them in turn).
  const tables = adapterOf(scope.db).analyzesOnItsOwn ? ["contact_scores"] : ["contact_scores", "contacts", "accounts"];
  const analyzed = (async () => {
    if (large) for (const table of tables) await sql`analyze ${sql.table(table)}`.execute(scope.db);
  })();
  // Both settle before either's failure is thrown, so neither is left unhandled.
  for (const outcome of await Promise.allSettled([rolledUp, analyzed]))
    if (outcome.status === "rejected") throw outcome.reason;
  return done;
}

/** The tenant's contacts in id order, as ranges of `chunk` contacts. */
async function* contactRanges(scope: Scope, chunk: number): AsyncGenerator<ContactRange> {
  // Only each range's first and last id are read: fetching all of its ids cost the main thread about
  // a second per million contacts, while the worker threads it feeds needed the core.
  const after = (id: string | null) => {
    const query = selectFrom(scope, "contacts").select("id").orderBy("id");
    return id === null ? query : query.where("id", ">", id);
  };
  for (let to: string | null = null; ; ) {
    const first = await after(to).limit(1).executeTakeFirst();
    if (!first) return;
    const last =
      (await after(to)
        .limit(1)
        .offset(chunk - 1)
        .executeTakeFirst()) ??
      (await selectFrom(scope, "contacts")
        .select((eb) => eb.fn.max("id").as("id"))
        .executeTakeFirstOrThrow());
    to = last.id as string;
    yield { from: first.id, to };
  }
}

// What a stored score row holds of a computed one (its computed_at aside).
const STORED_FIELDS = [
  "score",
  "confidence",
  ...componentNames,
  "latestNps",
  "latestCsat",
  "lastActiveAt",
  "activeDays",
  "openTickets",
  "advocacyActs",
  "personality",
  "personalityConfidence",
] as const;

const readsTheSame = (stored: Record<(typeof STORED_FIELDS)[number], unknown>, computed: ScoreRow) =>
  STORED_FIELDS.every((field) => {
    const a = stored[field];
    const b = computed[field];
    // PostgreSQL hands bigint columns back as strings.
    return a === null || b === null || typeof b === "string" ? a === b : Number(a) === b;
  });

/**
 * A contact's score as of now and its explanation. The explanation is computed as the score is; if
 * the stored score no longer reads as computed now (signals the worker has not scored yet, changed
 * weights, a day's recency), the new one is stored and its account rolled up, so the explanation
 * shown always adds up to the score shown, and lists and segments read it too.
 */
export async function currentScore(scope: Scope, contactId: string) {
  const now = scope.clock.now();
  const context = await scoringContext(scope);
  const explaining: Explaining = new Map();
  const [computed] = await computeScores(scope, { ids: [contactId] }, context, now, explaining);
  const explained = explaining.get(contactId);
  if (!computed || !explained) throw notFound("contact", contactId);
  let row = await findScore(scope, contactId);
  if (!row || !readsTheSame(row, computed)) {
    await storeScores(scope, [computed], now);
    if (computed.accountId) await rollUpAccounts(scope, [computed.accountId], now);
    row = await findScore(scope, contactId);
    if (!row) throw notFound("contact", contactId);
  }
  return { row, explanation: explanationOf(computed, explained, context.weights) };
}

export async function getContactScore(scope: Scope, contactId: string, historyDays = 180): Promise<ContactScore> {
  const { row, explanation } = await currentScore(scope, contactId);
  const today = Math.floor(scope.clock.now() / DAY);
  const latest = { day: Math.floor(Number(row.computedAt) / DAY), score: row.score, confidence: row.confidence };
  const [snapshots, confirmedAt] = await Promise.all([
    scoreHistory(scope, contactId, today - historyDays, latest),
    scoresConfirmedAt(scope),
  ]);
  const history = dailyHistory(snapshots, today - historyDays, today);
  const detected = (row.personality as Personality | null) ?? null;
  const override = (row.personalityOverride as Personality | null) ?? null;
  const value = override ?? detected;
  return {
    contactId,
    score: row.score,
    confidence: row.confidence,
    computedAt: toIso(computedAtOf(row.computedAt, confirmedAt)),
    components: explanation.components,
    explanation: explanation.lines,
    personality: {
      value,
      detected,
      overridden: override !== null,
      confidence: row.personalityConfidence,
      evidence: explanation.evidence,
      suggestedAsks: value ? suggestionsFor[value].asks : [],
      suggestedRewards: value ? suggestionsFor[value].rewards : [],
    },
    propensity: row.propensity,
    history: history.map((h) => ({ date: toIso(h.day * DAY).slice(0, 10), score: h.score, confidence: h.confidence })),
  };
}

/** A manager's call beats the classifier; null hands it back to the classifier. */
export async function overridePersonality(scope: Scope, contactId: string, personality: Personality | null) {
  await getContactScore(scope, contactId);
  await setPersonalityOverride(scope, contactId, personality);
  return getContactScore(scope, contactId);
}

export interface AdvocateQuery {
  limit: number;
  cursor?: string;
  minScore?: number;
  personality?: Personality;
}

const encodeCursor = (score: number, id: string) => Buffer.from(JSON.stringify([score, id])).toString("base64url");
function decodeCursor(cursor: string | undefined): { score: number; id: string } | undefined {
  if (!cursor) return undefined;
  try {
    const [score, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [unknown, unknown];
    if (typeof score === "number" && typeof id === "string") return { score, id };
  } catch {
    // reported below
  }
  throw invalidField("cursor", "is not a cursor this API issued");
}

/** Contacts ranked by advocacy score, highest first, with the strongest reason for each. */
export async function listAdvocates(
  scope: Scope,
  query: AdvocateQuery & { filter?: SegmentFilter },
): Promise<Page<Advocate>> {
  let q = selectFrom(scope, "contactScores")
    .innerJoin("contacts", (join) =>
      join
        .onRef("contacts.tenantId", "=", "contactScores.tenantId")
        .onRef("contacts.id", "=", "contactScores.contactId"),
    )
    .leftJoin("accounts", (join) =>
      join.onRef("accounts.tenantId", "=", "contacts.tenantId").onRef("accounts.id", "=", "contacts.accountId"),
    )
    .select([
      "contactScores.contactId",
      "contactScores.score",
      "contactScores.confidence",
      "contactScores.latestNps",
      "contactScores.personality",
      "contactScores.personalityOverride",
      "contactScores.propensity",
      "contacts.email",
      "contacts.firstName",
      "contacts.lastName",
      "contacts.title",
      "contacts.accountId",
      "contacts.lifecycleStage",
      "accounts.name as accountName",
    ])
    .orderBy("contactScores.score", "desc")
    .orderBy("contactScores.contactId", "desc")
    .limit(query.limit + 1);
  const after = decodeCursor(query.cursor);
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb("contactScores.score", "<", after.score),
        eb.and([eb("contactScores.score", "=", after.score), eb("contactScores.contactId", "<", after.id)]),
      ]),
    );
  }
  if (query.minScore !== undefined) q = q.where("contactScores.score", ">=", query.minScore);
  if (query.personality) {
    const p = query.personality;
    q = q.where((eb) =>
      eb.or([
        eb("contactScores.personalityOverride", "=", p),
        eb.and([eb("contactScores.personalityOverride", "is", null), eb("contactScores.personality", "=", p)]),
      ]),
    );
  }
  if (query.filter) q = q.where(query.filter);
  const rows = await q.execute();
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const last = page[page.length - 1];
  const reasons = await topReasons(
    scope,
    page.map((r) => r.contactId),
  );
  return {
    data: page.map((r) => {
      return {
        contactId: r.contactId,
        email: r.email,
        firstName: r.firstName,
        lastName: r.lastName,
        title: r.title,
        accountId: r.accountId,
        accountName: r.accountName,
        lifecycleStage: r.lifecycleStage,
        score: r.score,
        confidence: r.confidence,
        latestNps: r.latestNps,
        personality: ((r.personalityOverride ?? r.personality) as Personality | null) ?? null,
        propensity: r.propensity,
        topReason: reasons.get(r.contactId) ?? null,
      };
    }),
    nextCursor: more && last ? encodeCursor(last.score, last.contactId) : null,
  };
}

/** The contacts' explanations as of now, by contact id (computed as their scores are; none is stored). */
export async function explainScores(scope: Scope, contactIds: string[]): Promise<Map<string, Explanation>> {
  const explanations = new Map<string, Explanation>();
  if (contactIds.length === 0) return explanations;
  const context = await scoringContext(scope);
  const explaining: Explaining = new Map();
  for (const row of await computeScores(scope, { ids: contactIds }, context, scope.clock.now(), explaining)) {
    const explained = explaining.get(row.contactId);
    if (explained) explanations.set(row.contactId, explanationOf(row, explained, context.weights));
  }
  return explanations;
}

/** Each contact's strongest reason as of now: the fact that adds the most points, if any adds some. */
async function topReasons(scope: Scope, contactIds: string[]): Promise<Map<string, string>> {
  const reasons = new Map<string, string>();
  for (const [contactId, { lines }] of await explainScores(scope, contactIds)) {
    let top: ExplanationLine | undefined;
    for (const line of lines) if (line.component !== "base" && line.points > (top?.points ?? 0)) top = line;
    if (top) reasons.set(contactId, top.label);
  }
  return reasons;
}
