import type { Db } from "@advo/db";
import type { Scope } from "../shared/scope.ts";
import { type IndexRow, loadChangedRows, loadIndexRows } from "./match-index.queries.ts";
import { parseList } from "./profile.queries.ts";
import { normTerms, sizeBands } from "./vocabulary.ts";

// Matching's first pass in memory: per database handle and tenant, the matching keys of every
// profile (industry, region, size band, activities, competitors replaced, whether matchable) in
// arrays ordered by profile id. It answers exactly what the first-pass SQL (match.queries.ts,
// profileKeys / competitorKeys / rankedCandidates) answers, from one scan instead of index range
// scans. It is never trusted on its own: the statement that reads the chosen candidates also reads
// the tenant's version (match-index.queries.ts, bumped by every write to those keys), and on a
// difference the profiles changed since are reloaded and the pass runs again — so a change made
// through another handle or process is seen by the next match.

interface TenantIndex {
  version: number;
  /** Profile ids in ascending order (the order SQL's `order by id` ties break by). */
  ids: string[];
  pos: Map<string, number>;
  industry: Int32Array;
  region: Int32Array;
  band: Int8Array;
  /** Activity mask; 0 when the profile may not be matched (not active or no consent). */
  mask: Int32Array;
  /** Ids of the lower-cased competitors each profile replaced (null: none). */
  competitors: (number[] | null)[];
  /** The first of them, -1 for none: the scan reads this typed array, the list only when there are more. */
  firstCompetitor: Int32Array;
  terms: Map<string, number>;
}

const MAX_TENANTS_PER_DB = 64;
const indexes = new WeakMap<Db, Map<string, TenantIndex>>();
const loading = new WeakMap<Db, Map<string, Promise<TenantIndex>>>();

const bandIndex = new Map<string, number>(sizeBands.map((b, i) => [b.name, i]));

const termId = (ix: Pick<TenantIndex, "terms">, term: string | null) => {
  if (term === null) return -1;
  let id = ix.terms.get(term);
  if (id === undefined) {
    id = ix.terms.size;
    ix.terms.set(term, id);
  }
  return id;
};

/** One profile's keys into slot i (what profileKeys and the terms rows filter and rank by). */
function put(ix: TenantIndex, i: number, row: IndexRow) {
  ix.industry[i] = termId(ix, row.industry);
  ix.region[i] = termId(ix, row.region);
  ix.band[i] = row.sizeBand === null ? -1 : (bandIndex.get(row.sizeBand) ?? -1);
  const matchable = row.status === "active" && row.consentAt !== null;
  ix.mask[i] = matchable ? Number(row.activityMask) : 0;
  const replaced = normTerms(parseList(row.competitorsReplaced ?? "[]"));
  const ids = replaced.map((t) => termId(ix, t));
  ix.competitors[i] = ids.length === 0 ? null : ids;
  ix.firstCompetitor[i] = ids[0] ?? -1;
}

function build(rows: IndexRow[], version: number, terms = new Map<string, number>()): TenantIndex {
  const n = rows.length;
  const ix: TenantIndex = {
    version,
    ids: new Array<string>(n),
    pos: new Map(),
    industry: new Int32Array(n),
    region: new Int32Array(n),
    band: new Int8Array(n),
    mask: new Int32Array(n),
    competitors: new Array<number[] | null>(n),
    firstCompetitor: new Int32Array(n),
    terms,
  };
  rows.forEach((row, i) => {
    const id = row.id as string;
    ix.ids[i] = id;
    ix.pos.set(id, i);
    put(ix, i, row);
  });
  return ix;
}

/** The keys of every profile as rows again (to rebuild with profiles added or removed). */
function rowsOf(ix: TenantIndex): IndexRow[] {
  const names = [...ix.terms.keys()];
  const name = (id: number) => (id < 0 ? null : (names[id] ?? null));
  return ix.ids.map((id, i) => ({
    version: ix.version,
    id,
    status: (ix.mask[i] ?? 0) !== 0 ? "active" : "paused",
    consentAt: 0,
    activityMask: ix.mask[i] ?? 0,
    industry: name(ix.industry[i] ?? -1),
    region: name(ix.region[i] ?? -1),
    sizeBand: sizeBands[ix.band[i] ?? -1]?.name ?? null,
    competitorsReplaced: JSON.stringify((ix.competitors[i] ?? []).map(name)),
  }));
}

/** Applies the profiles changed since the index's version: in place, or rebuilt when ids come or go. */
function applyChanges(ix: TenantIndex, changed: (IndexRow & { changedId: string | null })[], version: number) {
  // Changes since an older version than ours only bring a row forward: applying them is safe.
  const rows = changed.filter((r) => r.changedId !== null);
  const inPlace = rows.every((r) => r.id !== null && ix.pos.has(r.id));
  if (inPlace) {
    for (const r of rows) put(ix, ix.pos.get(r.id as string) as number, r);
    ix.version = version;
    return ix;
  }
  const byId = new Map(rowsOf(ix).map((r) => [r.id as string, r]));
  for (const r of rows) {
    if (r.id === null) byId.delete(r.changedId as string);
    else byId.set(r.id, r);
  }
  const all = [...byId.values()].sort((a, b) => ((a.id as string) < (b.id as string) ? -1 : 1));
  return build(all, version, ix.terms);
}

function cacheOf(db: Db) {
  let perDb = indexes.get(db);
  if (!perDb) {
    perDb = new Map();
    indexes.set(db, perDb);
  }
  return perDb;
}

async function loadFull(scope: Scope): Promise<TenantIndex> {
  const rows = await loadIndexRows(scope);
  const version = Number(rows[0]?.version ?? 0);
  return build(
    rows.filter((r) => r.id !== null),
    version,
  );
}

/**
 * The tenant's index for this handle, loaded on first use (one statement for every profile's keys).
 * Concurrent first matches share one load.
 */
export async function matchIndex(scope: Scope): Promise<TenantIndex> {
  const perDb = cacheOf(scope.db);
  const hit = perDb.get(scope.tenantId);
  if (hit) return hit;
  let pending = loading.get(scope.db);
  if (!pending) {
    pending = new Map();
    loading.set(scope.db, pending);
  }
  let load = pending.get(scope.tenantId);
  if (!load) {
    load = loadFull(scope).finally(() => pending?.delete(scope.tenantId));
    pending.set(scope.tenantId, load);
  }
  const ix = await load;
  if (perDb.size >= MAX_TENANTS_PER_DB && !perDb.has(scope.tenantId)) perDb.clear();
  perDb.set(scope.tenantId, ix);
  return ix;
}

/**
 * Brings the index up to the database's version (read with the candidates): reloads the profiles
 * changed since and applies them, unless a concurrent refresh already brought it as far.
 */
export async function refreshMatchIndex(scope: Scope, stale: TenantIndex): Promise<TenantIndex> {
  const since = stale.version;
  const changed = await loadChangedRows(scope, since);
  const version = Number(changed[0]?.version ?? 0);
  const perDb = cacheOf(scope.db);
  const current = perDb.get(scope.tenantId) ?? stale;
  let fresh: TenantIndex;
  if (version < since || current.version < since)
    // Lower than ours: the tenant's data was replaced (a restore); start again.
    fresh = await loadFull(scope);
  else if (current.version >= version) return current;
  else fresh = applyChanges(current, changed, version);
  perDb.set(scope.tenantId, fresh);
  return fresh;
}

/** Forgets every tenant's index of this handle (tests; a handle whose data was replaced). */
export function dropMatchIndexes(db: Db) {
  indexes.delete(db);
}

/** What the first pass asks for: the prospect's keys (undefined: not given) and the activity's bit. */
export interface FirstPassKeys {
  activityBit: number;
  industry: string | undefined;
  region: string | undefined;
  competitor: string | undefined;
  /** Size band index of the prospect, with the bands next to it worth half. */
  band: number | undefined;
  nearBands: number[];
}

// The first-pass queries of match.ts's stages, as slots: 0 industry and region, 1 competitor and
// industry, 2 competitor and region; 3 industry, 4 competitor, 5 region; 6 any profile.
const QUERIES = 7;
const FIT_BUCKETS = 11; // key fit 0–50 in steps of 5
const scratch = new Int32Array(QUERIES * FIT_BUCKETS * 200);
const counts = new Int32Array(QUERIES * FIT_BUCKETS);

/**
 * The first pass over the index, exactly as the SQL stages compute it: each query keeps its best
 * `cap` by key fit (ties by id), the pool of a stage unites its queries and the earlier stages' (a
 * profile replaced the competitor when a competitor query found it), the next stage is added while
 * the pool has fewer than `minPool`, and the best `keep` of the pool by key fit plus
 * `competitorPoints` for a competitor match (ties by id) are returned with the pool's size.
 */
export function firstPass(
  ix: TenantIndex,
  k: FirstPassKeys,
  opts: { cap: number; keep: number; minPool: number; competitorPoints: number },
): { ids: string[]; poolSize: number } {
  const cap = Math.min(opts.cap, 200);
  const ind = k.industry === undefined ? undefined : (ix.terms.get(k.industry) ?? -2);
  const reg = k.region === undefined ? undefined : (ix.terms.get(k.region) ?? -2);
  const comp = k.competitor === undefined ? undefined : (ix.terms.get(k.competitor) ?? -2);
  const band = k.band ?? -9;
  const near0 = k.band === undefined ? -9 : (k.nearBands[0] ?? -9);
  const near1 = k.band === undefined ? -9 : (k.nearBands[1] ?? -9);
  const stages: number[][] = [
    [
      ...(ind !== undefined && reg !== undefined ? [0] : []),
      ...(comp !== undefined && ind !== undefined ? [1] : []),
      ...(comp !== undefined && reg !== undefined ? [2] : []),
    ],
    [...(ind !== undefined ? [3] : []), ...(comp !== undefined ? [4] : []), ...(reg !== undefined ? [5] : [])],
    [6],
  ];
  const wanted = new Uint8Array(QUERIES);
  for (const s of stages) for (const q of s) wanted[q] = 1;
  counts.fill(0);
  const push = (q: number, bucket: number, i: number) => {
    const slot = q * FIT_BUCKETS + bucket;
    const c = counts[slot] as number;
    if (c < cap) {
      scratch[slot * 200 + c] = i;
      counts[slot] = c + 1;
    }
  };

  const { industry, region, band: bands, mask, competitors, firstCompetitor } = ix;
  const bit = k.activityBit;
  const n = ix.ids.length;
  const [w0, w1, w2, w3, w4, w5, w6] = wanted;
  // Keys not asked for: a term id no profile has (-1 is "none", -2 a term no profile has either).
  const indId = ind ?? -3;
  const regId = reg ?? -3;
  const compId = comp ?? -3;
  for (let i = 0; i < n; i++) {
    if (((mask[i] as number) & bit) === 0) continue;
    const isInd = industry[i] === indId;
    const isReg = region[i] === regId;
    const b = bands[i] as number;
    const fit = (isInd ? 25 : 0) + (isReg ? 15 : 0) + (b === band ? 10 : b === near0 || b === near1 ? 5 : 0);
    const bucket = fit / 5;
    const first = firstCompetitor[i] as number;
    const isComp =
      first === compId ||
      (first >= 0 &&
        compId >= 0 &&
        (competitors[i] as number[]).length > 1 &&
        (competitors[i] as number[]).includes(compId));
    if (w0 && isInd && isReg) push(0, bucket, i);
    if (w1 && isComp && isInd) push(1, bucket, i);
    if (w2 && isComp && isReg) push(2, bucket, i);
    if (w3 && isInd) push(3, bucket, i);
    if (w4 && isComp) push(4, bucket, i);
    if (w5 && isReg) push(5, bucket, i);
    if (w6) push(6, bucket, i);
  }

  // Pool: profile slot → [fit, competitor found]; a query's best `cap`: highest fit first, then id.
  const pool = new Map<number, { fit: number; comp: number }>();
  let result: { ids: string[]; poolSize: number } = { ids: [], poolSize: 0 };
  for (const stage of stages) {
    if (stage.length === 0) continue;
    for (const q of stage) {
      const compFlag = q === 1 || q === 2 || q === 4 ? 1 : 0;
      let left = cap;
      for (let bucket = FIT_BUCKETS - 1; bucket >= 0 && left > 0; bucket--) {
        const slot = q * FIT_BUCKETS + bucket;
        const take = Math.min(left, counts[slot] as number);
        for (let j = 0; j < take; j++) {
          const i = scratch[slot * 200 + j] as number;
          const seen = pool.get(i);
          if (!seen) pool.set(i, { fit: bucket * 5, comp: compFlag });
          else if (compFlag > seen.comp) seen.comp = compFlag;
        }
        left -= take;
      }
    }
    const best = [...pool.entries()]
      .map(([i, v]) => ({ i, key: v.fit + opts.competitorPoints * v.comp }))
      .sort((a, b) => b.key - a.key || a.i - b.i)
      .slice(0, opts.keep);
    result = { ids: best.map((b) => ix.ids[b.i] as string), poolSize: pool.size };
    if (pool.size >= opts.minPool) break;
  }
  return result;
}
