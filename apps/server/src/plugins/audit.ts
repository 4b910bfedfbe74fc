import { type AuditRecord, recordAudit } from "@advo/core/audit";
import { type AuthContext, authenticate } from "@advo/core/users";
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from "fastify";
import { DOCS_PREFIX, HUB_COOKIE, SESSION_COOKIE } from "./auth.ts";
import { addRouteHook, isApiRoute, methodsOf } from "./route-hooks.ts";

// The one place changes are recorded: every successful (2xx) POST/PUT/PATCH/DELETE on an /api route
// by a person or an API key becomes an entry in the workspace's hash-chained audit log.

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** High-volume ingest (the events and mentions they carry are their own record) and POSTs that change nothing. */
const NOT_AUDITED = new Set([
  "POST /api/v1/signals",
  "POST /api/v1/mentions",
  "POST /api/v1/segments/preview",
  "POST /api/v1/journeys/preview-email",
  "POST /api/v1/sentiment",
  "POST /api/v1/references/match",
]);
/** Public routes that start a session: recorded as sign-ins, with the actor the new session belongs to. */
const SIGN_INS: Record<string, string> = {
  "POST /api/v1/auth/session": SESSION_COOKIE,
  "POST /api/v1/hub/session": HUB_COOKIE,
  // A GET answered with a redirect: recorded when it set a session, like the POSTs.
  "GET /api/v1/auth/sso/:workspace/callback": SESSION_COOKIE,
};
const API_PREFIX = "/api/v1/";

const before = new WeakMap<FastifyRequest, unknown>();

const keyOf = (request: FastifyRequest) => `${request.method} ${request.routeOptions.url ?? ""}`;

function audited(request: FastifyRequest): boolean {
  const url = request.routeOptions.url;
  if (!url || request.is404 || !(WRITES.has(request.method) || keyOf(request) in SIGN_INS)) return false;
  if (!url.startsWith("/api/") || url.startsWith(DOCS_PREFIX)) return false;
  return !NOT_AUDITED.has(keyOf(request));
}

/** "contacts" and the id for /api/v1/contacts/:id/merge; "settings/listening" and null for a settings PUT. */
export function resourceOf(
  route: string,
  params: Record<string, string | undefined>,
  after: unknown,
): { kind: string; id: string | null; rest: string[] } {
  const segments = route.replace(API_PREFIX, "").split("/").filter(Boolean);
  const at = segments.findIndex((s) => s.startsWith(":"));
  if (at >= 0) {
    const name = (segments[at] as string).slice(1);
    return {
      kind: segments.slice(0, at).join("/") || "unknown",
      id: params[name] ?? null,
      rest: segments.slice(at + 1),
    };
  }
  const createdId =
    after && typeof after === "object" && typeof (after as { id?: unknown }).id === "string"
      ? (after as { id: string }).id
      : null;
  return { kind: segments.join("/"), id: createdId, rest: [] };
}

function actionOf(method: string, rest: string[], hasParam: boolean): string {
  if (method === "DELETE") return "delete";
  if (method === "PUT" || method === "PATCH") return "update";
  const verb = rest.filter((s) => !s.startsWith(":")).pop();
  if (verb) return verb;
  return hasParam ? "update" : "create";
}

function parseJson(payload: unknown): unknown {
  if (typeof payload !== "string" && !Buffer.isBuffer(payload)) return undefined;
  const text = payload.toString();
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The session a sign-in route just set, read back from its Set-Cookie header. */
async function signedIn(app: FastifyInstance, reply: FastifyReply, cookieName: string): Promise<AuthContext | null> {
  const header = reply.getHeader("set-cookie");
  const cookies = Array.isArray(header) ? header : header ? [String(header)] : [];
  for (const c of cookies) {
    const match = new RegExp(`^${cookieName}=([^;]+)`).exec(c);
    if (match?.[1]) return authenticate(app.deps.db, app.deps.clock, decodeURIComponent(match[1]));
  }
  return null;
}

export function registerAudit(app: FastifyInstance) {
  // The resource as it was: for PATCH/PUT/DELETE when the same path answers a GET (…/:id, settings),
  // that GET is made with the caller's own credentials just before the handler runs.
  const writes = (route: RouteOptions) => isApiRoute(route) && methodsOf(route).some((m) => WRITES.has(m));
  addRouteHook(app, "preHandler", writes, async (request: FastifyRequest) => {
    if (!audited(request) || !request.auth || request.method === "POST") return;
    const url = request.routeOptions.url as string;
    if (!app.hasRoute({ method: "GET", url })) return;
    try {
      const headers: Record<string, string> = {};
      if (request.headers.authorization) headers.authorization = request.headers.authorization;
      if (request.headers.cookie) headers.cookie = request.headers.cookie;
      const res = await app.inject({ method: "GET", url: request.url.split("?")[0] as string, headers });
      if (res.statusCode === 200) before.set(request, res.json());
    } catch (error) {
      request.log.warn({ err: error }, "audit: could not read the resource before the change");
    }
  });

  const signInRoutes = (route: RouteOptions) => methodsOf(route).some((m) => `${m} ${route.url}` in SIGN_INS);
  const recorded = (route: RouteOptions) => writes(route) || signInRoutes(route);
  addRouteHook(app, "onSend", recorded, async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const redirected = reply.statusCode === 302 && keyOf(request) in SIGN_INS;
    if (((reply.statusCode < 200 || reply.statusCode >= 300) && !redirected) || !audited(request)) return payload;
    if (reply.getHeader("idempotent-replayed")) return payload; // nothing changed: a stored answer
    try {
      const signInCookie = SIGN_INS[keyOf(request)];
      const auth = signInCookie ? await signedIn(app, reply, signInCookie) : request.auth;
      if (!auth) return payload; // a public write by nobody in particular (lead capture, magic-link request)
      const route = request.routeOptions.url as string;
      const after = parseJson(payload);
      const resource = resourceOf(route, request.params as Record<string, string | undefined>, after);
      const record: AuditRecord = {
        actor: auth.actor,
        action: signInCookie
          ? "sign_in"
          : route === "/api/v1/auth/session" && request.method === "DELETE"
            ? "sign_out"
            : actionOf(request.method, resource.rest, route.includes("/:")),
        method: request.method,
        route,
        path: request.url.split("?")[0] as string,
        statusCode: reply.statusCode,
        resourceKind: resource.kind,
        resourceId: signInCookie ? auth.actor.id : resource.id,
        requestId: request.id,
        body: request.body,
        before: before.get(request),
        noBefore: route.endsWith("/erase"),
        after,
      };
      await recordAudit({ db: app.deps.db, clock: app.deps.clock, tenantId: auth.tenantId }, record);
    } catch (error) {
      // The change happened; a failed audit write is an operator's alarm, not the caller's 500.
      request.log.error({ err: error, audit: true }, "audit: could not record a change");
    }
    return payload;
  });
}
