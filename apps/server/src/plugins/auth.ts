import { AppError } from "@advo/core";
import {
  ADVOCATE_SESSION_TTL_MS,
  type AuthContext,
  authenticate,
  can,
  type Permission,
  SESSION_TTL_MS,
} from "@advo/core/users";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { addRouteHook, isApiRoute } from "./route-hooks.ts";

export const SESSION_COOKIE = "advo_session";
/** The advocate hub's session: a separate cookie, so a manager previewing the hub stays signed in to the console. */
export const HUB_COOKIE = "advo_hub";
const HUB_PREFIX = "/api/v1/hub/";
/** The API docs page (static assets of @fastify/swagger-ui) is public. */
export const DOCS_PREFIX = "/api/v1/docs";

/** The staff session cookie, as every sign-in (password, SSO) and every rotation sets it. */
export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    maxAge: SESSION_TTL_MS / 1000,
  });
}

/** The hub's advocate session cookie, as a magic-link sign-in and every rotation set it. */
export function setHubCookie(reply: FastifyReply, token: string, secure: boolean) {
  reply.setCookie(HUB_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    maxAge: ADVOCATE_SESSION_TTL_MS / 1000,
  });
}

function credentialOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header) {
    const [scheme, token] = header.split(" ");
    if (scheme?.toLowerCase() !== "bearer" || !token) {
      throw new AppError("unauthorized", 'the Authorization header must be "Bearer <API key>"');
    }
    return token;
  }
  return request.url.startsWith(HUB_PREFIX) ? request.cookies[HUB_COOKIE] : request.cookies[SESSION_COOKIE];
}

/**
 * The one guard: every /api/ route must declare a permission or be public (checked when the route
 * is registered, so a new route cannot forget), and every request is checked here.
 */
export interface GuardedRoute {
  method: string;
  url: string;
  permission: Permission | "public";
}

export function registerAuth(app: FastifyInstance) {
  app.decorateRequest("auth", null);
  // Every /api route and what it demands: the role-matrix test walks this list.
  const guarded: GuardedRoute[] = [];
  app.decorate("guardedRoutes", guarded);

  app.addHook("onRoute", (route) => {
    if (!route.url.startsWith("/api/") || route.url.startsWith(DOCS_PREFIX)) return;
    const config = route.config as { permission?: string; public?: boolean } | undefined;
    if (!config?.permission && !config?.public) {
      throw new Error(`route ${route.method} ${route.url} must declare config.permission or config.public`);
    }
    for (const method of [route.method].flat()) {
      if (method !== "HEAD")
        guarded.push({
          method,
          url: route.url,
          permission: config.public ? "public" : (config.permission as Permission),
        });
    }
  });

  // A rotated session's new token replaces its cookie (never sent for an API key: its token is not rotated).
  const renewing = (reply: FastifyReply, auth: AuthContext | null) => {
    if (auth?.renewedToken) {
      if (auth.role === "advocate") setHubCookie(reply, auth.renewedToken, app.deps.config.cookieSecure);
      else setSessionCookie(reply, auth.renewedToken, app.deps.config.cookieSecure);
    }
    return auth;
  };

  addRouteHook(
    app,
    "onRequest",
    (route) => isApiRoute(route) && !route.url.startsWith(DOCS_PREFIX),
    async (request: FastifyRequest, reply: FastifyReply) => {
      const config = request.routeOptions.config;
      const url = request.routeOptions.url;
      if (request.is404 || !url?.startsWith("/api/") || url.startsWith(DOCS_PREFIX)) return;
      const token = credentialOf(request);
      if (config.public) {
        // Public routes still learn who is calling when credentials are present (e.g. /auth/me).
        if (token)
          request.auth = renewing(
            reply,
            await authenticate(app.deps.db, app.deps.clock, token, { rotate: !request.headers.authorization }),
          );
        return;
      }
      if (!token) {
        throw new AppError("unauthorized", 'sign in, or send an API key as "Authorization: Bearer <key>"');
      }
      const auth = renewing(
        reply,
        await authenticate(app.deps.db, app.deps.clock, token, { rotate: !request.headers.authorization }),
      );
      if (!auth) throw new AppError("unauthorized", "these credentials are not valid: expired, revoked or mistyped");
      request.auth = auth;
      const permission = config.permission;
      if (!permission || !can(auth.role, permission)) {
        throw new AppError(
          "forbidden",
          `the ${auth.role} role may not do this (needs ${permission ?? "a permission"})`,
        );
      }
    },
  );
}
