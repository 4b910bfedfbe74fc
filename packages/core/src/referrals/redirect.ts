import { createHash } from "node:crypto";
import {
  type BulkInsertSpec,
  bulkInsert,
  type ClickOutcome,
  type Db,
  inTransaction,
  type ReferralClicksTable,
} from "@advo/db";
import type { Clock } from "../shared/clock.ts";
import { newId } from "../shared/ids.ts";
import { codeKeyOf } from "./codes.ts";

// GET /r/<workspace>/<code>: the friend's first contact with a referral, so it must be fast and must
// never fail. What a code points at is cached for a few seconds (one joined lookup on a miss), and
// clicks are written in batches a moment later (one multi-row INSERT per flush, and on shutdown), so
// the redirect itself usually touches no database at all. A lead or conversion arriving in the same
// process flushes first, so a click id is always in the table before anything refers to it.

export const DEVICE_COOKIE = "advo_rid";
export const DEVICE_COOKIE_MAX_AGE_S = 365 * 24 * 60 * 60;

interface Target {
  tenantId: string | null;
  salt: string | null;
  codeId: string | null;
  programId: string | null;
  advocateId: string | null;
  code: string | null;
  outcome: ClickOutcome;
  landingUrl: string;
}

export interface ClickRequest {
  slug: string;
  code: string;
  deviceId: string | undefined;
  ip: string;
  userAgent: string | undefined;
  referrer: string | undefined;
  query: Record<string, unknown>;
}

export interface RedirectResult {
  location: string;
  deviceId: string;
  clickId: string | null;
}

export interface ReferralRedirector {
  redirect(request: ClickRequest): Promise<RedirectResult>;
  /** Writes buffered clicks now. */
  flush(): Promise<void>;
  /** Forget cached code lookups (after a code or setting changed in this process). */
  clearCache(): void;
  close(): Promise<void>;
}

export interface RedirectorOptions {
  /** Where a click lands when nothing better is known (the server's public URL). */
  fallbackUrl: string;
  cacheMs?: number;
  flushMs?: number;
  maxBatch?: number;
  onError?: (error: unknown) => void;
}

const DEVICE_ID = /^[A-Za-z0-9_-]{8,64}$/;
const MAX_CACHE = 10_000;
const MAX_BUFFER = 50_000;
const UTM = ["source", "medium", "campaign", "term", "content"] as const;

export const hashIp = (salt: string, ip: string) => createHash("sha256").update(`${salt}|${ip}`).digest("hex");

const clip = (value: unknown, max: number): string | null =>
  typeof value === "string" && value.length > 0 ? value.slice(0, max) : null;

/** The landing URL with ref and ref_click appended; a broken URL falls back. */
export function landingWith(url: string, params: Record<string, string>, fallback: string): string {
  try {
    const u = new URL(url);
    for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
    return u.toString();
  } catch {
    return fallback;
  }
}

interface Resolved {
  target: Target;
  until: number;
  /** Where an unattributed click goes. */
  plain: string;
  /** An attributed click's location split where its click id goes (ids need no URL encoding). */
  aroundClickId: [string, string] | null;
}

const CLICK_ID_MARK = "RCKMARK0";

// Built once per cached lookup rather than parsing the landing URL on every click.
function locationsOf(target: Target, fallbackUrl: string): Pick<Resolved, "plain" | "aroundClickId"> {
  const plain = landingWith(target.landingUrl, {}, fallbackUrl);
  if (target.outcome !== "attributed" || !target.code || !target.tenantId) return { plain, aroundClickId: null };
  const marked = landingWith(target.landingUrl, { ref: target.code, ref_click: CLICK_ID_MARK }, fallbackUrl);
  const at = marked.lastIndexOf(CLICK_ID_MARK);
  return { plain, aroundClickId: at < 0 ? null : [marked.slice(0, at), marked.slice(at + CLICK_ID_MARK.length)] };
}

/** The one lookup not scoped by tenant: the slug in the path names the tenant (as at sign-in). */
async function lookup(db: Db, slug: string, codeKey: string, fallbackUrl: string): Promise<Target> {
  const row = await db
    .selectFrom("tenants as t")
    .leftJoin("referralWorkspaces as w", "w.tenantId", "t.tenantId")
    .leftJoin("referralCodes as c", (join) => join.onRef("c.tenantId", "=", "t.tenantId").on("c.codeKey", "=", codeKey))
    .leftJoin("programs as p", (join) => join.onRef("p.tenantId", "=", "c.tenantId").onRef("p.id", "=", "c.programId"))
    .select((eb) => [
      "t.tenantId as tenantId",
      "w.ipSalt as salt",
      "w.defaultLandingUrl as defaultLandingUrl",
      "c.id as codeId",
      "c.code as code",
      "c.status as codeStatus",
      "c.contactId as advocateId",
      "c.programId as programId",
      "p.status as programStatus",
      "p.landingUrl as programLandingUrl",
      eb
        .selectFrom("programs as fp")
        .select("fp.landingUrl")
        .whereRef("fp.tenantId", "=", "t.tenantId")
        .where("fp.type", "=", "referral")
        .where("fp.landingUrl", "is not", null)
        .orderBy("fp.createdAt", "desc")
        .limit(1)
        .as("newestLandingUrl"),
    ])
    .where("t.slug", "=", slug)
    .executeTakeFirst();
  if (!row) {
    return {
      tenantId: null,
      salt: null,
      codeId: null,
      programId: null,
      advocateId: null,
      code: null,
      outcome: "unknown_code",
      landingUrl: fallbackUrl,
    };
  }
  const workspaceLanding = row.defaultLandingUrl ?? row.newestLandingUrl ?? fallbackUrl;
  let outcome: ClickOutcome = "attributed";
  if (!row.codeId) outcome = "unknown_code";
  else if (row.codeStatus === "retired") outcome = "retired_code";
  else if (row.codeStatus === "paused") outcome = "paused_code";
  else if (row.programStatus !== "active") outcome = "inactive_program";
  return {
    tenantId: row.tenantId,
    salt: row.salt ?? null,
    codeId: row.codeId ?? null,
    programId: row.programId ?? null,
    advocateId: row.advocateId ?? null,
    code: row.code ?? null,
    outcome,
    // A known code whose program has a page lands there even when paused; otherwise the workspace's page.
    landingUrl: (row.codeId ? row.programLandingUrl : null) ?? workspaceLanding,
  };
}

// Clicks are written in bulk through the dialect's cached statement (or COPY): a query builder
// compiling a 500-row insert each flush cost the redirect a tenth of its throughput.
const CLICK_COLUMNS: BulkInsertSpec = {
  table: "referral_clicks",
  columns: [
    { name: "tenant_id", type: "text" },
    { name: "id", type: "text" },
    { name: "code_id", type: "text" },
    { name: "program_id", type: "text" },
    { name: "advocate_id", type: "text" },
    { name: "code_text", type: "text" },
    { name: "outcome", type: "text" },
    { name: "device_id", type: "text" },
    { name: "ip_hash", type: "text" },
    { name: "user_agent", type: "text" },
    { name: "referrer", type: "text" },
    { name: "utm", type: "text" },
    { name: "landing_url", type: "text" },
    { name: "created_at", type: "bigint" },
  ],
};

const clickValues = (c: ReferralClicksTable) => [
  c.tenantId,
  c.id,
  c.codeId,
  c.programId,
  c.advocateId,
  c.codeText,
  c.outcome,
  c.deviceId,
  c.ipHash,
  c.userAgent,
  c.referrer,
  c.utm,
  c.landingUrl,
  c.createdAt,
];

export function createReferralRedirector(db: Db, clock: Clock, options: RedirectorOptions): ReferralRedirector {
  const cacheMs = options.cacheMs ?? 5000;
  const flushMs = options.flushMs ?? 100;
  const maxBatch = options.maxBatch ?? 500;
  const cache = new Map<string, Resolved>();
  let buffer: ReferralClicksTable[] = [];
  let timer: NodeJS.Timeout | null = null;

  const resolve = async (slug: string, codeKey: string): Promise<Resolved> => {
    const key = `${slug}\n${codeKey}`;
    const now = Date.now();
    const hit = cache.get(key);
    if (hit && hit.until > now) return hit;
    const target = await lookup(db, slug, codeKey, options.fallbackUrl);
    const resolved = { target, until: now + cacheMs, ...locationsOf(target, options.fallbackUrl) };
    if (cache.size >= MAX_CACHE) cache.clear();
    cache.set(key, resolved);
    return resolved;
  };

  const writeBatch = async (rows: ReferralClicksTable[]) => {
    for (let i = 0; i < rows.length; i += maxBatch) {
      const chunk = rows.slice(i, i + maxBatch);
      try {
        await inTransaction(db, (trx) => bulkInsert(trx, CLICK_COLUMNS, chunk.map(clickValues)));
      } catch (error) {
        options.onError?.(error);
        // Keep them for the next flush, within reason: a redirect never fails because of this.
        if (buffer.length < MAX_BUFFER) buffer.push(...chunk);
      }
    }
  };

  // One write at a time; clicks that arrive meanwhile wait for the next one (no pile of queued flushes).
  let running: Promise<void> | null = null;
  const flush = (): Promise<void> => {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    if (running) return running.then(() => (buffer.length > 0 ? flush() : undefined));
    if (buffer.length === 0) return Promise.resolve();
    const rows = buffer;
    buffer = [];
    running = writeBatch(rows).finally(() => {
      running = null;
      if (buffer.length > 0) schedule();
    });
    return running;
  };

  const schedule = () => {
    if (running) return;
    if (buffer.length >= maxBatch) void flush();
    else if (!timer) {
      timer = setTimeout(() => void flush(), flushMs);
      timer.unref?.();
    }
  };

  return {
    async redirect(request) {
      const deviceId = request.deviceId && DEVICE_ID.test(request.deviceId) ? request.deviceId : newId("dev");
      const codeText = request.code.slice(0, 64);
      const { target, plain, aroundClickId } = await resolve(request.slug.slice(0, 60), codeKeyOf(codeText));
      const attributed = target.outcome === "attributed";
      const clickId = target.tenantId ? newId("rck") : null;
      const location = aroundClickId && clickId ? aroundClickId.join(clickId) : plain;
      if (target.tenantId && clickId) {
        const utm: Record<string, string> = {};
        for (const k of UTM) {
          const v = clip(request.query[`utm_${k}`], 200);
          if (v) utm[k] = v;
        }
        buffer.push({
          tenantId: target.tenantId,
          id: clickId,
          codeId: attributed ? target.codeId : null,
          programId: target.programId,
          advocateId: attributed ? target.advocateId : null,
          codeText,
          outcome: target.outcome,
          deviceId,
          ipHash: target.salt ? hashIp(target.salt, request.ip) : null,
          userAgent: clip(request.userAgent, 500),
          referrer: clip(request.referrer, 1000),
          utm: JSON.stringify(utm),
          landingUrl: location.slice(0, 2000),
          createdAt: clock.now(),
        });
        schedule();
      }
      return { location, deviceId, clickId };
    },
    flush,
    clearCache: () => cache.clear(),
    close: async () => {
      await flush();
      cache.clear();
    },
  };
}
