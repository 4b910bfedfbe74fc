import { checkAsksAllowed, getFatigueSettings } from "../asks/index.ts";
import { toIso } from "../shared/clock.ts";
import { type Scope, selectFrom } from "../shared/scope.ts";
import {
  asksOfRequest,
  type CandidateRow,
  candidateRows,
  competitorKeys,
  type FitKeys,
  npsSince,
  openAsksOf,
  openEscalatedTickets,
  type ProfileKey,
  profileKeys,
} from "./match.queries.ts";
import { peopleByContact } from "./profile.queries.ts";
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
import { getReferenceSettings } from "./settings.ts";
import {
  activityBit,
  normRegion,
  normTerm,
  normTerms,
  type ReferenceActivity,
  sizeBandIndex,
  sizeBands,
} from "./vocabulary.ts";

// Ranked matching. SQL narrows the profiles by indexed equalities (tiers below); scoring, ordering
// and the checks that need other tables run in memory, walking down the ranking in small batches
// until enough candidates pass, so exclusions are looked up only for profiles that would rank.

const DAY = 86_400_000;
/** Below this many pre-filtered profiles, the next, wider tier is added. */
const MIN_POOL = 50;
const WALK_BATCH = 25;
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

const fmtInt = (n: number) => n.toLocaleString("en-US");
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

/** The fit of one profile to the prospect: a score of 0–100 and a reason for every point. */
export function scoreProfile(row: CandidateRow, p: Prospect, now: number): { score: number; reasons: MatchReason[] } {
  const reasons: MatchReason[] = [];
  if (p.industry && row.industry === p.industry)
    reasons.push({ factor: "industry", points: WEIGHTS.industry, message: `Same industry: ${p.industry}` });
  if (p.competitor) {
    const replaced = parseList(row.competitorsReplaced);
    const hit = replaced.find((c) => normTerm(c) === p.competitor);
    if (hit)
      reasons.push({
        factor: "competitor",
        points: WEIGHTS.competitor,
        message: `Replaced ${hit}, the competitor the prospect is evaluating`,
      });
  }
  if (p.region && row.region === p.region) {
    const sameCountry = p.country && row.country === p.country;
    reasons.push({
      factor: "region",
      points: WEIGHTS.region,
      message: `Same region: ${p.region}${sameCountry ? ` (also ${p.country})` : row.country ? ` (${row.country})` : ""}`,
    });
  }
  const wanted = sizeBandIndex(p.employeeCount);
  const has = sizeBandIndex(row.employeeCount === null ? null : Number(row.employeeCount));
  if (wanted >= 0 && has >= 0 && Math.abs(wanted - has) <= 1) {
    const same = wanted === has;
    reasons.push({
      factor: "size",
      points: same ? WEIGHTS.size : WEIGHTS.size / 2,
      message: `Company of ${fmtInt(Number(row.employeeCount))} employees, ${same ? "same size band as" : "one band from"} the prospect's ${fmtInt(p.employeeCount ?? 0)} (${bandLabel(wanted)})`,
    });
  }
  if (p.products.length > 0) {
    const own = parseList(row.products);
    const shared = own.filter((x) => p.products.includes(normTerm(x) ?? ""));
    if (shared.length > 0)
      reasons.push({
        factor: "products",
        points: Math.round((WEIGHTS.products * shared.length) / p.products.length),
        message: `Uses ${shared.length} of the ${p.products.length} product${p.products.length === 1 ? "" : "s"} asked about: ${shared.join(", ")}`,
      });
  }
  if (p.useCase) {
    const want = p.useCase;
    const hit = parseList(row.useCases).find((u) => {
      const n = normTerm(u) ?? "";
      return n === want || n.includes(want) || want.includes(n);
    });
    if (hit)
      reasons.push({ factor: "use_case", points: WEIGHTS.use_case, message: `Can speak to the use case: ${hit}` });
  }
  if (p.language && parseList(row.languages).some((l) => l.slice(0, 2) === p.language))
    reasons.push({
      factor: "language",
      points: WEIGHTS.language,
      message: `Speaks the prospect's language (${p.language})`,
    });
  if (row.advocacyScore !== null && row.scoreComputedAt !== null) {
    const s = Number(row.advocacyScore);
    const at = Number(row.scoreComputedAt);
    const stale = now - at > 30 * DAY ? "; stale, over 30 days old" : "";
    reasons.push({
      factor: "advocacy",
      points: Math.round((WEIGHTS.advocacy * s) / 100),
      message: `Advocacy score ${s} (computed ${day(at)}, ${ago(at, now)}${stale})`,
    });
  }
  if (row.latestNps !== null && Number(row.latestNps) >= 9)
    reasons.push({ factor: "nps", points: WEIGHTS.nps, message: `Promoter: latest NPS ${Number(row.latestNps)}` });
  const score = Math.min(
    100,
    reasons.reduce((sum, r) => sum + r.points, 0),
  );
  return { score, reasons };
}

/** Profiles fetched in full and scored, the best of the first pass by attribute fit. */
export const SECOND_PASS = 200;

interface Keyed extends ProfileKey {
  competitor: boolean;
}

/** Industry, competitor, region and size: the part of the score the first pass can compute from keys. */
function keyFit(k: Keyed, p: Prospect, wantedBand: number): number {
  let fit = 0;
  if (p.industry && k.industry === p.industry) fit += WEIGHTS.industry;
  if (k.competitor) fit += WEIGHTS.competitor;
  if (p.region && k.region === p.region) fit += WEIGHTS.region;
  const band = sizeBands.findIndex((b) => b.name === k.sizeBand);
  if (wantedBand >= 0 && band >= 0)
    fit += band === wantedBand ? WEIGHTS.size : Math.abs(band - wantedBand) === 1 ? WEIGHTS.size / 2 : 0;
  return fit;
}

/**
 * First pass, from covering indexes only: profiles matching two of industry, competitor and region;
 * when fewer than MIN_POOL do, those matching one; then any. Each query returns its best 200 by key
 * fit (industry, region, size, computed in SQL; competitor by which query found it), the pool keeps
 * the best SECOND_PASS, and only those are read in full and scored. A profile left out has a key
 * fit no better than the 200th's, so the order is exact except where the 30 points keys cannot see
 * (products, use case, language, advocacy, NPS) would lift it past a candidate shown.
 */
async function prefilter(scope: Scope, p: Prospect, onlyContactId?: string): Promise<CandidateRow[]> {
  const bit = activityBit(p.activity);
  const pool = new Map<string, Keyed>();
  const add = (rows: ProfileKey[], competitor: boolean) => {
    for (const r of rows) {
      const had = pool.get(r.id);
      pool.set(r.id, { ...r, competitor: competitor || (had?.competitor ?? false) });
    }
  };
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
  if (onlyContactId) {
    const rows = await profileKeys(scope, bit, { contactId: onlyContactId }, fit);
    const profileId = rows[0]?.id;
    const replaced =
      c && profileId
        ? await selectFrom(scope, "referenceProfileTerms")
            .select("profileId")
            .where("field", "=", "competitor")
            .where("term", "=", c)
            .where("profileId", "=", profileId)
            .executeTakeFirst()
        : undefined;
    add(rows, replaced !== undefined);
  } else {
    const stages: (() => Promise<void>)[] = [
      async () => {
        const [both, comp] = await Promise.all([
          i && r ? profileKeys(scope, bit, { industry: i, region: r }, fit) : Promise.resolve([]),
          c && (i || r)
            ? competitorKeys(scope, bit, c, { ...(i ? { industry: i } : {}), ...(r ? { region: r } : {}) }, fit)
            : Promise.resolve([]),
        ]);
        add(both, false);
        add(comp, true);
      },
      async () => {
        const [ind, comp, reg] = await Promise.all([
          i ? profileKeys(scope, bit, { industry: i }, fit) : Promise.resolve([]),
          c ? competitorKeys(scope, bit, c, {}, fit) : Promise.resolve([]),
          r ? profileKeys(scope, bit, { region: r }, fit) : Promise.resolve([]),
        ]);
        add(ind, false);
        add(comp, true);
        add(reg, false);
      },
      async () => add(await profileKeys(scope, bit, {}, fit), false),
    ];
    for (const stage of stages) {
      await stage();
      if (pool.size >= MIN_POOL) break;
    }
  }
  const best = [...pool.values()]
    .map((k) => ({ id: k.id, fit: keyFit(k, p, wantedBand) }))
    .sort((a, b) => b.fit - a.fit || (a.id < b.id ? -1 : 1))
    .slice(0, SECOND_PASS);
  return candidateRows(
    scope,
    best.map((b) => b.id),
  );
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
  const settings = options.settings ?? (await getReferenceSettings(scope));
  const [rows, earlier, fatigueSettings] = await Promise.all([
    prefilter(scope, p, options.onlyContactId),
    options.requestId ? requestAsks(scope, options.requestId) : Promise.resolve(new Map<string, Exclusion>()),
    getFatigueSettings(scope),
  ]);
  const ranked = rows
    .map((row) => ({ row, ...scoreProfile(row, p, now) }))
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
  for (let i = 0; i < ranked.length && chosen.length < limit; i += WALK_BATCH) {
    const batch = ranked.slice(i, i + WALK_BATCH);
    const ids = batch.map((b) => b.row.contactId);
    const [fatigue, surveys, tickets, open] = await Promise.all([
      checkAsksAllowed(scope, ids, "reference", { at: now, settings: fatigueSettings }),
      npsSince(scope, ids, Math.min(windowStart, now - 365 * DAY)),
      openEscalatedTickets(scope, ids),
      openAsksOf(scope, ids),
    ]);
    for (const r of batch) {
      if (chosen.length >= limit) break;
      const id = r.row.contactId;
      const exclusions: Exclusion[] = [];
      const before = earlier.get(id);
      if (before) exclusions.push(before);
      const busy = open.find((a) => a.contactId === id && a.requestId !== options.requestId);
      if (busy)
        exclusions.push({
          code: "busy",
          message: `already ${busy.status === "pending" ? "asked" : "committed"} for another reference request (${busy.requestId}) on ${day(Number(busy.askedAt))}`,
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
      const theirs = surveys
        .filter((s) => s.contactId === id)
        .sort((a, b) => Number(b.occurredAt) - Number(a.occurredAt));
      const detractor = theirs.find((s) => Number(s.score) <= 6 && Number(s.occurredAt) >= windowStart);
      if (detractor)
        exclusions.push({
          code: "detractor",
          message: `NPS ${detractor.score} on ${day(Number(detractor.occurredAt))}: a detractor score within ${settings.detractorWindowDays} days`,
        });
      const ticket = tickets.find((t) => t.contactId === id);
      if (ticket)
        exclusions.push({
          code: "escalated_ticket",
          message: `open ${Number(ticket.escalated) === 1 ? "escalated" : "urgent"} support ticket ${ticket.id}${ticket.subject ? ` "${ticket.subject}"` : ""} since ${day(Number(ticket.openedAt))}`,
        });
      if (exclusions.length > 0) {
        if (excluded.length < MAX_EXCLUDED) excluded.push({ r, exclusions });
        continue;
      }
      const latest = theirs[0];
      chosen.push({
        r,
        nps: latest ? { score: Number(latest.score), at: Number(latest.occurredAt) } : null,
        asks: check?.kindAsksThisQuarter ?? 0,
      });
    }
  }

  const people = await peopleByContact(scope, [
    ...chosen.map((c) => c.r.row.contactId),
    ...excluded.map((e) => e.r.row.contactId),
  ]);
  const who = (r: Ranked) => {
    const person = people.get(r.row.contactId);
    return {
      contactId: r.row.contactId,
      profileId: r.row.id,
      name: person?.name ?? r.row.contactId,
      title: person?.title ?? null,
      accountName: person?.accountName ?? null,
      score: r.score,
    };
  };
  const candidates: Candidate[] = chosen.map(({ r, nps, asks }) => ({
    ...who(r),
    reasons: r.reasons.map((reason) =>
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
