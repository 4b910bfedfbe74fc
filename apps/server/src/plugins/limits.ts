import { createHash } from "node:crypto";
import { AppError } from "@advo/core";
import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from "fastify";
import type { RateLimits } from "../config.ts";
import { HUB_COOKIE, SESSION_COOKIE } from "./auth.ts";
import { addRouteHook, isApiRoute, methodsOf } from "./route-hooks.ts";

// Abuse limits, security headers and CSRF protection for cookie-authenticated writes: one file,
// registered once, applied by route pattern so a route file never has to remember them.

const MINUTE = 60_000;
/** Public endpoints limited per IP. */
const PUBLIC_WRITES = new Set([
  "POST /api/v1/auth/session",
  "POST /api/v1/hub/sign-in",
  "POST /api/v1/hub/session",
  "POST /api/v1/referrals/leads",
  "POST /api/v1/reference-asks/respond",
  // Reads, but each calls the workspace's identity provider and starts or finishes a sign-in.
  "GET /api/v1/auth/sso/:workspace/start",
  "GET /api/v1/auth/sso/:workspace/callback",
]);
/** Throttled per workspace + email as well: password sign-in and magic-link requests. */
const LOGINS = new Set(["POST /api/v1/auth/session", "POST /api/v1/hub/sign-in"]);
/** Sign-in routes: a browser request from another site is refused even without a cookie (login CSRF). */
const SIGN_INS = new Set(["POST /api/v1/auth/session", "POST /api/v1/hub/session"]);
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

type Limiter = (request: FastifyRequest) => Promise<{
  isAllowed: boolean;
  isExceeded?: boolean;
  ttlInSeconds?: number;
  max?: number;
}>;

const routeKey = (request: FastifyRequest) => `${request.method} ${request.routeOptions.url ?? ""}`;
const digest = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 24);

async function enforce(limiter: Limiter, request: FastifyRequest, reply: FastifyReply, what: string) {
  const result = await limiter(request);
  if (result.isAllowed || !result.isExceeded) return;
  const retryAfter = Math.max(1, result.ttlInSeconds ?? 1);
  reply.header("retry-after", String(retryAfter));
  throw new AppError("rate_limited", `too many ${what}; try again in ${retryAfter} s`);
}

export async function registerLimits(app: FastifyInstance, limits: RateLimits | null) {
  if (!limits) return;
  await app.register(rateLimit, { global: false });
  const make = (max: number, timeWindow: number, key: (r: FastifyRequest) => string): Limiter =>
    app.createRateLimit({ max, timeWindow, keyGenerator: key }) as unknown as Limiter;

  const publicIp = make(limits.publicPerMinute, MINUTE, (r) => `public:${r.ip}`);
  const redirectIp = make(limits.redirectPerMinute, MINUTE, (r) => `redirect:${r.ip}`);
  const ingestKey = make(limits.ingestPerMinute, MINUTE, (r) => `ingest:${digest(r.headers.authorization ?? r.ip)}`);
  const apiKey = make(limits.apiPerMinute, MINUTE, (r) => `api:${r.auth?.actor.type}:${r.auth?.actor.id}`);
  const login = make(limits.loginPer15Minutes, 15 * MINUTE, (r) => {
    const body = (r.body ?? {}) as { workspace?: unknown; email?: unknown };
    return `login:${digest(
      `${String(body.workspace ?? "")
        .trim()
        .toLowerCase()}\n${String(body.email ?? "")
        .trim()
        .toLowerCase()}`,
    )}`;
  });

  // After the auth guard's onRequest hook, so a credential's limit knows whose it is.
  addRouteHook(
    app,
    "onRequest",
    (route) => /^\/(api|v1|r)\//.test(route.url),
    async (request: FastifyRequest, reply: FastifyReply) => {
      const url = request.routeOptions.url;
      if (!url || request.is404) return;
      if (url.startsWith("/r/") && request.method === "GET") return enforce(redirectIp, request, reply, "link clicks");
      if (url.startsWith("/v1/")) return enforce(ingestKey, request, reply, "requests for this write key");
      if (PUBLIC_WRITES.has(routeKey(request))) return enforce(publicIp, request, reply, "requests from this address");
      if (url.startsWith("/api/") && request.auth && !request.routeOptions.config.public)
        return enforce(apiKey, request, reply, "requests for these credentials");
    },
  );
  // Needs the parsed body: sign-in attempts per workspace and email, from any number of addresses.
  addRouteHook(
    app,
    "preValidation",
    (route) => methodsOf(route).some((m) => LOGINS.has(`${m} ${route.url}`)),
    async (request: FastifyRequest, reply: FastifyReply) => {
      if (LOGINS.has(routeKey(request))) await enforce(login, request, reply, "sign-in attempts for this email");
    },
  );
}

/** "yes": the browser says this came from one of our pages; "no": it says it did not; "unknown": no browser signal. */
export function sameOrigin(request: FastifyRequest, publicUrl: string): "yes" | "no" | "unknown" {
  const site = request.headers["sec-fetch-site"];
  if (site === "same-origin") return "yes";
  if (site === "cross-site" || site === "same-site") return "no";
  const origin = request.headers.origin;
  if (origin && origin !== "null") {
    try {
      const url = new URL(origin);
      // Compared as URLs, so a default port written out (localhost:80) still matches.
      const served = request.headers.host ? new URL(`${url.protocol}//${request.headers.host}`).host : null;
      return url.host === served || url.origin === new URL(publicUrl).origin ? "yes" : "no";
    } catch {
      return "no";
    }
  }
  if (origin === "null") return "no";
  // A custom header cannot be sent cross-origin without a CORS preflight, which Advo never grants.
  if (request.headers["x-requested-with"]) return "yes";
  return "unknown";
}

export function registerCsrf(app: FastifyInstance, publicUrl: string) {
  const writes = (route: RouteOptions) => isApiRoute(route) && methodsOf(route).some((m) => !SAFE_METHODS.has(m));
  addRouteHook(app, "onRequest", writes, async (request: FastifyRequest) => {
    const url = request.routeOptions.url;
    if (SAFE_METHODS.has(request.method) || !url?.startsWith("/api/") || request.headers.authorization) return;
    const cookieAuth = Boolean(request.cookies[SESSION_COOKIE] || request.cookies[HUB_COOKIE]);
    const verdict = sameOrigin(request, publicUrl);
    if (cookieAuth ? verdict !== "yes" : SIGN_INS.has(routeKey(request)) && verdict === "no") {
      throw new AppError(
        "forbidden",
        "cross-site request refused: a signed-in browser write must come from Advo's own pages (send Origin, Sec-Fetch-Site: same-origin or X-Requested-With), or use an API key",
      );
    }
  });
}

/** Security headers on every response; a route that sets its own keeps it. */
export function registerSecurityHeaders(app: FastifyInstance, publicUrl: string) {
  const https = publicUrl.startsWith("https:");
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    // Mantine writes its CSS variables into <style> elements and style attributes at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  const headers: Record<string, string> = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-frame-options": "DENY",
    "content-security-policy": csp,
    ...(https ? { "strict-transport-security": "max-age=31536000; includeSubDomains" } : {}),
  };
  const entries = Object.entries(headers);
  app.addHook("onSend", (_request, reply, payload, done) => {
    for (const [name, value] of entries) if (!reply.hasHeader(name)) reply.header(name, value);
    done(null, payload);
  });
}
