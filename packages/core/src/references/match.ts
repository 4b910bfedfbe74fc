import { askChecksFrom, askFactsFor, cachedFatigueSettings, runFacts } from "../asks/index.ts";
import { displayName } from "../contacts/people.ts";
import { computedAtOf, scoresConfirmedAt } from "../scoring/confirmed-at.ts";
import { toIso } from "../shared/clock.ts";
import type { Scope } from "../shared/scope.ts";
import {
  asksOfRequest,
  type CandidateRow,
  competitorKeys,
  exclusionFacts,
  type FitKeys,
  type KeyQuery,
  profileKeys,
  rankedCandidates,
  TIER_ROW_CAP,
} from "./match.queries.ts";
import { candidatesByIds, peopleOf } from "./match-index.queries.ts";
import { type FirstPassKeys, firstPass, matchIndex, refreshMatchIndex } from "./match-index.ts";
import { parseBlackouts, parseList } from "./profiles.ts";
import {
  type Candidate,
  type ExcludedCandidate,
  type Exclusion,
  type MatchInput,
  type MatchReason,
  type MatchResult,
  matchInput,
  type ReferenceSettings,
} from "./reference.schemas.ts";
import { cachedReferenceSettings } from "./settings.ts";
import {
  activityBit,
  normRegion,
  normTerm,
  normTerms,
  type ReferenceActivity,
  sizeBandIndex,
  sizeBands,
} from "./vocabulary.ts";

// Ranked matching. SQL narrows the profiles by indexed equalities (tiers below) and reads the best
// 200 in full in the same statement; scoring, ordering and the checks that need other tables run in
// memory, walking down the ranking in batches until enough candidates pass, so exclusions are looked
// up only for profiles that would rank, one round trip per batch (usually one). Tenant settings come
// from a per-process cache of a few seconds: a match is usually two round trips.

const DAY = 86_400_000;
/** Below this many pre-filtered profiles, the next, wider tier is added. */
const MIN_POOL = 50;
const WALK_BATCH = 50;
const MAX_EXCLUDED = 20;

export const WEIGHTS = {
  industry: 25,
  competitor: 20,
  region: 15,
  size: 10,
  products: 10,
  use_case: 5,
  language: 5,
  advocacy: 6,
  nps: 4,
} as const;

export interface Prospect {
  industry: string | null;
  employeeCount: number | null;
  region: string | null;
  country: string | null;
  products: string[];
  useCase: string | null;
  competitor: string | null;
  language: string | null;
  activity: ReferenceActivity;
  neededBy: number | null;
}

export function prospectOf(input: {
  industry?: string | null | undefined;
  employeeCount?: number | null | undefined;
  region?: string | null | undefined;
  country?: string | null | undefined;
  products?: readonly string[] | undefined;
  useCase?: string | null | undefined;
  competitor?: string | null | undefined;
  language?: string | null | undefined;
  activity: ReferenceActivity;
  neededBy?: string | number | null | undefined;
}): Prospect {
  return {
    industry: normTerm(input.industry),
    employeeCount: input.employeeCount ?? null,
    region: normRegion(input.region),
    country: normRegion(input.country),
    products: normTerms(input.products ? [...input.products] : []),
    useCase: normTerm(input.useCase),
    competitor: normTerm(input.competitor),
    language: normTerm(input.language)?.slice(0, 2) ?? null,
    activity: input.activity,
    neededBy:
      input.neededBy === null || input.neededBy === undefined
        ? null
        : typeof input.neededBy === "number"
          ? input.neededBy
          : Date.parse(input.neededBy),
  };
}

// One formatter for every call: n.toLocaleString("en-US") builds a new one each time (about 20 µs,
// and scoring 200 profiles formats several hundred numbers). The output is the same by definition.
const intFormat = new Intl.NumberFormat("en-US");
const fmtInt = (n: number) => intFormat.format(n);
const day = (ms: number) => toIso(ms).slice(0, 10);
const ago = (ms: number, now: number) => {
  const days = Math.max(0, Math.floor((now - ms) / DAY));
  return days === 0 ? "today" : days === 1 ? "yesterday" : `${days} days ago`;
};
const bandLabel = (i: number) => {
  const b = sizeBands[i];
  if (!b) return "unknown";
  const min = i === 0 ? 1 : (sizeBands[i - 1]?.max ?? 0) + 1;
  return Number.isFinite(b.max) ? `${fmtInt(min)}–${fmtInt(b.max)}` : `${fmtInt(min)}+`;
};

// Profiles repeat the same few lists and terms ('["payments","fraud"]', "Globex"): parsing and
// normalising them anew for each of the ~200 rows a match scores was most of its garbage, and the
// young-generation collections it caused were most of its p95.
function bounded<V>(compute: (key: string) => V, max = 10_000): (key: string) => V {
  const seen = new Map<string, V>();
  return (key) => {
    let value = seen.get(key);
    if (value === undefined) {
      value = compute(key);
      if (seen.size >= max) seen.clear();
      seen.set(key, value);
    }
    return value;
  };
}
const listOf = bounded((json: string): readonly string[] => Object.freeze(parseList(json)));
const termOf = bounded((term: string) => normTerm(term) ?? "");

/**
 * The fit of one profile to the prospect: a score of 0–100 and a reason for every point. Ranking
 * needs only the score of each of the ~200 profiles read; `explain: false` skips building the reason
 * texts (most of a match's allocation), which are built again for the few shown.
 */
export function scoreProfile(
  row: FirstPassRow,
  p: Prospect,
  now: number,
  explain = true,
): { score: number; reasons: MatchReason[] } {
  const reasons: MatchReason[] = [];
  // An optional call evaluates its arguments only when made: without `explain` no text is built.
  const say = explain
    ? (factor: MatchReason["factor"], points: number, message: string) => reasons.push({ factor, points, message })
    : undefined;
  let total = 0;
  if (p.industry && row.industry === p.industry) {
    total += WEIGHTS.industry;
    say?.("industry", WEIGHTS.industry, `Same industry: ${p.industry}`);
  }
  if (p.competitor) {
    const hit = listOf(row.competitorsReplaced).find((c) => termOf(c) === p.competitor);
    if (hit) {
      total += WEIGHTS.competitor;
      say?.("competitor", WEIGHTS.competitor, `Replaced ${hit}, the competitor the prospect is evaluating`);
    }
  }
  if (p.region && row.region === p.region) {
    total += WEIGHTS.region;
    const sameCountry = p.country && row.country === p.country;
    say?.(
      "region",
      WEIGHTS.region,
      `Same region: ${p.region}${sameCountry ? ` (also ${p.country})` : row.country ? ` (${row.country})` : ""}`,
    );
  }
  const wanted = sizeBandIndex(p.employeeCount);
  const has = sizeBandIndex(row.employeeCount === null ? null : Number(row.employeeCount));
  if (wanted >= 0 && has >= 0 && Math.abs(wanted - has) <= 1) {
    const same = wanted === has;
    const points = same ? WEIGHTS.size : WEIGHTS.size / 2;
    total += points;
    say?.(
      "size",
      points,
      `Company of ${fmtInt(Number(row.employeeCount))} employees, ${same ? "same size band as" : "one band from"} the prospect's ${fmtInt(p.employeeCount ?? 0)} (${bandLabel(wanted)})`,
    );
  }
  if (p.products.length > 0) {
    const own = listOf(row.products);
    let shared = 0;
    for (const x of own) if (p.products.includes(termOf(x))) shared++;
    if (shared > 0) {
      const points = Math.round((WEIGHTS.products * shared) / p.products.length);
      total += points;
      const named = p.products.length === 1 ? "product" : "products";
      say?.(
        "products",
        points,
        `Uses ${shared} of the ${p.products.length} ${named} asked about: ${own.filter((x) => p.products.includes(termOf(x))).join(", ")}`,
      );
    }
  }
  if (p.useCase) {
    const want = p.useCase;
    const hit = listOf(row.useCases).find((u) => {
      const n = termOf(u);
      return n === want || n.includes(want) || want.includes(n);
    });
    if (hit) {
      total += WEIGHTS.use_case;
      say?.("use_case", WEIGHTS.use_case, `Can speak to the use case: ${hit}`);
    }
  }
  if (p.language && listOf(row.languages).some((l) => l.slice(0, 2) === p.language)) {
    total += WEIGHTS.language;
    say?.("language", WEIGHTS.language, `Speaks the prospect's language (${p.language})`);
  }
  if (row.advocacyScore !== null && row.scoreComputedAt !== null) {
    const s = Number(row.advocacyScore);
    const at = Number(row.scoreComputedAt);
    const points = Math.round((WEIGHTS.advocacy * s) / 100);
    total += points;
    say?.(
      "advocacy",
      points,
      `Advocacy score ${s} (computed ${day(at)}, ${ago(at, now)}${now - at > 30 * DAY ? "; stale, over 30 days old" : ""})`,
    );
  }
  if (row.latestNps !== null && Number(row.latestNps) >= 9) {
    total += WEIGHTS.nps;
    say?.("nps", WEIGHTS.nps, `Promoter: latest NPS ${Number(row.latestNps)}`);
  }
  return { score: Math.min(100, total), reasons };
}

/** Profiles fetched in full and scored, the best of the first pass by attribute fit. */
export const SECOND_PASS = 200;

/**
 * First pass, from covering indexes only: profiles matching two of industry, competitor and region;
 * when fewer than MIN_POOL do, those matching one as well; then any. Each query keeps its best 200 by
 * key fit (industry, region, size, computed in SQL; competitor by which query found it), the pool
 * keeps the best SECOND_PASS, and only those are read in full and scored, all in one round trip per
 * stage (a later stage repeats the earlier stages' small queries). A profile left out has a key fit
 * no better than the 200th's, so the order is exact except where the 30 points keys cannot see
 * (products, use case, language, advocacy, NPS) would lift it past a candidate shown.
 */
async function prefilter(scope: Scope, p: Prospect, onlyContactId?: string): Promise<FirstPassRow[]> {
  const bit = activityBit(p.activity);
  const i = p.industry ?? undefined;
  const r = p.region ?? undefined;
  const c = p.competitor ?? undefined;
  const wantedBand = sizeBandIndex(p.employeeCount);
  const near = [sizeBands[wantedBand - 1]?.name, sizeBands[wantedBand + 1]?.name];
  const fit: FitKeys = {
    industry: i,
    region: r,
    band: sizeBands[wantedBand]?.name,
    nearBands: near.filter((b): b is NonNullable<typeof b> => b !== undefined),
  };
  const indexed =
    onlyContactId || scope.db.isTransaction
      ? null
      : await indexedPrefilter(scope, {
          activityBit: bit,
          industry: i,
          region: r,
          competitor: c,
          band: wantedBand >= 0 ? wantedBand : undefined,
          nearBands: [wantedBand - 1, wantedBand + 1].filter((b) => b >= 0 && b < sizeBands.length),
        });
  if (indexed) return indexed;
  const rank = (keys: KeyQuery[]) => rankedCandidates(scope, keys, SECOND_PASS, WEIGHTS.competitor);
  if (onlyContactId)
    return rank([profileKeys(scope, bit, { contactId: onlyContactId, ...(c ? { competitor: c } : {}) }, fit)]);
  const stages: KeyQuery[][] = [
    [
      ...(i && r ? [profileKeys(scope, bit, { industry: i, region: r }, fit)] : []),
      // Industry or region: two branches, each a seek (the pool unites them; the best 200 of the
      // union are among the best 200 of each).
      ...(c && i ? [competitorKeys(scope, bit, c, { industry: i }, fit)] : []),
      ...(c && r ? [competitorKeys(scope, bit, c, { region: r }, fit)] : []),
    ],
    [
      ...(i ? [profileKeys(scope, bit, { industry: i }, fit)] : []),
      ...(c ? [competitorKeys(scope, bit, c, {}, fit)] : []),
      ...(r ? [profileKeys(scope, bit, { region: r }, fit)] : []),
    ],
    [profileKeys(scope, bit, {}, fit)],
  ];
  const keys: KeyQuery[] = [];
  let rows: CandidateRow[] = [];
  for (const stage of stages) {
    if (stage.length === 0) continue;
    keys.push(...stage);
    rows = await rank(keys);
    if (Number(rows[0]?.poolSize ?? 0) >= MIN_POOL) break;
  }
  return rows;
}

type Person = Pick<CandidateRow, "personId" | "firstName" | "lastName" | "email" | "title" | "accountName">;
/** A profile to score: the SQL path reads its person's names with it, the indexed path for those shown. */
type FirstPassRow = Omit<CandidateRow, keyof Person> & Partial<Person>;

/**
 * The same first pass from the in-memory index (match-index.ts), then the chosen profiles read in
 * full with the tenant's version in one statement: when the version is not the one the index had,
 * the profiles changed since are reloaded and the pass runs again. Null: the SQL first pass answers
 * instead (inside a transaction, which may see its own uncommitted writes; or after three changes in
 * a row).
 */
async function indexedPrefilter(scope: Scope, keys: FirstPassKeys): Promise<FirstPassRow[] | null> {
  let ix = await matchIndex(scope);
  // Profiles changing faster than a match can catch up: give way to the SQL.
  for (let attempt = 0; attempt < 3; attempt++) {
    const version = ix.version;
    const { ids, poolSize } = firstPass(ix, keys, {
      cap: TIER_ROW_CAP,
      keep: SECOND_PASS,
      minPool: MIN_POOL,
      competitorPoints: WEIGHTS.competitor,
    });
    const read = await candidatesByIds(scope, ids);
    // Stamped in place: a copy of each of the 200 rows is garbage the next collection must walk.
    if (read.version === version) return read.rows.map((row) => Object.assign(row, { poolSize }));
    ix = await refreshMatchIndex(scope, ix);
  }
  return null;
}

export interface MatchOptions {
  /** Matching for a filed request: its earlier asks exclude those advocates. */
  requestId?: string;
  settings?: ReferenceSettings;
  /** Rank just this advocate (is the one a manager picked eligible, and why not). */
  onlyContactId?: string;
}

/** Ranked candidates for a prospect, with reasons, and the profiles excluded with why. */
export async function matchCandidates(
  scope: Scope,
  input: MatchInput,
  options: MatchOptions = {},
): Promise<MatchResult> {
  const m = matchInput.parse(input);
  const p = prospectOf(m);
  return rankFor(scope, p, m.limit, options);
}

export async function rankFor(
  scope: Scope,
  p: Prospect,
  limit: number,
  options: MatchOptions = {},
): Promise<MatchResult> {
  const now = scope.clock.now();
  const [found, earlier, settings, fatigueSettings, confirmedAt] = await Promise.all([
    prefilter(scope, p, options.onlyContactId),
    options.requestId ? requestAsks(scope, options.requestId) : Promise.resolve(new Map<string, Exclusion>()),
    options.settings ?? cachedReferenceSettings(scope),
    cachedFatigueSettings(scope),
    scoresConfirmedAt(scope),
  ]);
  // A score the last full rescore left as it was is as fresh as that rescore, not stale.
  const rows = found.map((row) =>
    row.scoreComputedAt === null
      ? row
      : { ...row, scoreComputedAt: computedAtOf(Number(row.scoreComputedAt), confirmedAt) },
  );
  const ranked = rows
    .map((row) => ({ row, score: scoreProfile(row, p, now, false).score }))
    .sort(
      (a, b) =>
        b.score - a.score ||
        Number(a.row.lastReferenceAt ?? 0) - Number(b.row.lastReferenceAt ?? 0) ||
        (a.row.id < b.row.id ? -1 : 1),
    );

  type Ranked = (typeof ranked)[number];
  const chosen: { r: Ranked; nps: { score: number; at: number } | null; asks: number }[] = [];
  const excluded: { r: Ranked; exclusions: Exclusion[] }[] = [];
  const windowStart = now - settings.detractorWindowDays * DAY;
  const people = new Map<string, Person>();
  const lookedUp = new Set<string>();
  for (let i = 0; i < ranked.length && chosen.length < limit; i += WALK_BATCH) {
    const batch = ranked.slice(i, i + WALK_BATCH);
    const ids = batch.map((b) => b.row.contactId);
    // Everything the checks below need about the batch, in one round trip; on the indexed path the
    // first batch's names come alongside, on a second connection (most matches end in that batch).
    const unnamedIds = i === 0 ? batch.filter((b) => b.row.personId === undefined).map((b) => b.row.contactId) : [];
    const [facts, named] = await Promise.all([
      runFacts([
        ...askFactsFor(scope, ids, "reference", now, fatigueSettings),
        ...exclusionFacts(scope, ids, Math.min(windowStart, now - 365 * DAY)),
      ]),
      unnamedIds.length > 0 ? peopleOf(scope, unnamedIds) : [],
    ]);
    for (const id of unnamedIds) lookedUp.add(id);
    for (const person of named) people.set(person.personId as string, person);
    const fatigue = askChecksFrom(facts, ids, "reference", now, fatigueSettings);
    const surveys = facts.filter((f) => f.fact === "nps");
    const tickets = facts.filter((f) => f.fact === "ticket");
    const open = facts.filter((f) => f.fact === "open_ask");
    for (const r of batch) {
      if (chosen.length >= limit) break;
      const id = r.row.contactId;
      const exclusions: Exclusion[] = [];
      const before = earlier.get(id);
      if (before) exclusions.push(before);
      const busy = open.find((a) => a.contactId === id && a.k !== options.requestId);
      if (busy)
        exclusions.push({
          code: "busy",
          message: `already ${busy.s === "pending" ? "asked" : "committed"} for another reference request (${busy.k}) on ${day(Number(busy.at))}`,
        });
      for (const b of parseBlackouts(r.row.blackouts)) {
        const coversNow = b.from <= now && now <= b.to;
        const coversNeed = p.neededBy !== null && b.from <= p.neededBy && p.neededBy <= b.to;
        if (coversNow || coversNeed)
          exclusions.push({
            code: "blackout",
            message: `blackout ${day(b.from)} – ${day(b.to)}${b.reason ? ` (${b.reason})` : ""}${coversNow ? "" : ", covering the needed-by date"}`,
          });
      }
      const last = r.row.lastReferenceAt === null ? null : Number(r.row.lastReferenceAt);
      if (last !== null && settings.cooldownDays > 0 && now < last + settings.cooldownDays * DAY)
        exclusions.push({
          code: "cooldown",
          message: `gave a reference on ${day(last)}; cooldown of ${settings.cooldownDays} days until ${day(last + settings.cooldownDays * DAY)}`,
        });
      const check = fatigue.get(id);
      for (const reason of check?.reasons ?? [])
        exclusions.push({ code: reason.code === "too_soon" ? "cooldown" : "over_ask_limit", message: reason.message });
      const theirs = surveys.filter((s) => s.contactId === id).sort((a, b) => Number(b.at) - Number(a.at));
      const detractor = theirs.find((s) => Number(s.n) <= 6 && Number(s.at) >= windowStart);
      if (detractor)
        exclusions.push({
          code: "detractor",
          message: `NPS ${Number(detractor.n)} on ${day(Number(detractor.at))}: a detractor score within ${settings.detractorWindowDays} days`,
        });
      const ticket = tickets.find((t) => t.contactId === id);
      if (ticket)
        exclusions.push({
          code: "escalated_ticket",
          message: `open ${Number(ticket.n) === 1 ? "escalated" : "urgent"} support ticket ${ticket.k}${ticket.s ? ` "${ticket.s}"` : ""} since ${day(Number(ticket.at))}`,
        });
      if (exclusions.length > 0) {
        if (excluded.length < MAX_EXCLUDED) excluded.push({ r, exclusions });
        continue;
      }
      const latest = theirs[0];
      chosen.push({
        r,
        nps: latest ? { score: Number(latest.n), at: Number(latest.at) } : null,
        asks: check?.kindAsksThisQuarter ?? 0,
      });
    }
  }

  // Names of those shown from later batches, when the first pass did not read them: one round trip.
  const unnamed = [...chosen, ...excluded]
    .map(({ r }) => r.row)
    .filter((row) => row.personId === undefined && !lookedUp.has(row.contactId));
  if (unnamed.length > 0)
    for (const person of await peopleOf(
      scope,
      unnamed.map((row) => row.contactId),
    ))
      people.set(person.personId as string, person);
  const who = (r: Ranked) => {
    const { row } = r;
    const named = row.personId === undefined ? people.get(row.contactId) : (row as Person);
    const person = named !== undefined && named.personId !== null;
    return {
      contactId: row.contactId,
      profileId: row.id,
      name: person ? displayName(named.firstName, named.lastName, named.email) : row.contactId,
      title: named?.title ?? null,
      accountName: named?.accountName ?? null,
      score: r.score,
    };
  };
  const candidates: Candidate[] = chosen.map(({ r, nps, asks }) => ({
    ...who(r),
    reasons: scoreProfile(r.row, p, now).reasons.map((reason) =>
      reason.factor === "nps" && nps
        ? { ...reason, message: `Promoter: NPS ${nps.score} on ${day(nps.at)} (${ago(nps.at, now)})` }
        : reason,
    ),
    nps: nps ? { score: nps.score, at: toIso(nps.at) } : null,
    advocacyScore:
      r.row.advocacyScore !== null && r.row.scoreComputedAt !== null
        ? { score: Number(r.row.advocacyScore), computedAt: toIso(Number(r.row.scoreComputedAt)) }
        : null,
    asksThisQuarter: asks,
    lastReferenceAt: r.row.lastReferenceAt === null ? null : toIso(Number(r.row.lastReferenceAt)),
  }));
  const excludedOut: ExcludedCandidate[] = excluded.map(({ r, exclusions }) => ({ ...who(r), exclusions }));
  return { candidates, excluded: excludedOut, considered: rows.length };
}

/** Advocates already asked for this request: declined, withdrawn or answered. */
async function requestAsks(scope: Scope, requestId: string): Promise<Map<string, Exclusion>> {
  const out = new Map<string, Exclusion>();
  for (const a of await asksOfRequest(scope, requestId)) {
    const when = day(Number(a.respondedAt ?? a.askedAt));
    const message =
      a.status === "declined"
        ? `declined this request on ${when}${a.reason ? `: ${a.reason}` : ""}`
        : a.status === "pending"
          ? `already asked for this request on ${when}, awaiting an answer`
          : `already ${a.status === "withdrawn" ? "asked and withdrawn" : a.status} for this request (${when})`;
    out.set(a.contactId, { code: "already_asked", message });
  }
  return out;
}
