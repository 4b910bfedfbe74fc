import { AppError } from "@advo/core";
import {
  finishSsoSignIn,
  getSsoSettings,
  getSsoStatus,
  SSO_LOGIN_TTL_MS,
  setSsoSettings,
  signOut,
  ssoCallbackQuery,
  ssoSettingsInput,
  ssoSettingsOutput,
  ssoStartQuery,
  ssoStatusOutput,
  startSsoSignIn,
  workspaceParam,
} from "@advo/core/users";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { scopeOf } from "../deps.ts";
import { SESSION_COOKIE, setSessionCookie } from "../plugins/auth.ts";

/**
 * Binds a started SSO sign-in to the browser that started it: holds the state sent to the provider,
 * and the callback requires it (a callback URL made by someone else cannot sign this browser in).
 * Lax, so it comes back on the provider's top-level redirect to the callback.
 */
export const SSO_COOKIE = "advo_sso";
const SSO_COOKIE_PATH = "/api/v1/auth/sso/";

const redirect = z.null().describe("A redirect: see the Location header");

const acceptsHtml = (accept: string | undefined) => Boolean(accept?.includes("text/html"));

export const ssoRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock, config } = app.deps;

  app.get(
    "/api/v1/auth/sso/:workspace",
    {
      schema: {
        tags: ["auth"],
        summary: "Which sign-in methods a workspace offers (an unknown workspace answers like one without SSO)",
        params: workspaceParam,
        response: { 200: ssoStatusOutput },
      },
      config: { public: true },
    },
    async (request) => getSsoStatus(db, clock, request.params.workspace),
  );

  app.get(
    "/api/v1/auth/sso/:workspace/start",
    {
      schema: {
        tags: ["auth"],
        summary: "Start signing in with the workspace's identity provider (redirects there)",
        params: workspaceParam,
        querystring: ssoStartQuery,
        response: { 302: redirect },
      },
      config: { public: true },
    },
    async (request, reply) => {
      const { url, state } = await startSsoSignIn(
        db,
        clock,
        { workspace: request.params.workspace, returnTo: request.query.returnTo },
        config,
      );
      reply.setCookie(SSO_COOKIE, state, {
        httpOnly: true,
        sameSite: "lax",
        secure: config.cookieSecure,
        path: SSO_COOKIE_PATH,
        maxAge: SSO_LOGIN_TTL_MS / 1000,
      });
      return reply.header("cache-control", "no-store").redirect(url, 302);
    },
  );

  app.get(
    "/api/v1/auth/sso/:workspace/callback",
    {
      schema: {
        tags: ["auth"],
        summary: "Where the identity provider sends the browser back: signs in and redirects to returnTo",
        params: workspaceParam,
        querystring: ssoCallbackQuery,
        response: { 302: redirect },
      },
      config: { public: true },
    },
    async (request, reply) => {
      const browserState = request.cookies[SSO_COOKIE];
      // Single use either way: the pending sign-in is consumed or refused.
      reply.clearCookie(SSO_COOKIE, { path: SSO_COOKIE_PATH });
      const result = await finishSsoSignIn(
        db,
        clock,
        { workspace: request.params.workspace, query: request.url.split("?")[1] ?? "", browserState },
        config,
      ).catch((error: unknown) => {
        // A person's browser goes back to the sign-in page with the reason; API clients get problem+json.
        if (error instanceof AppError && acceptsHtml(request.headers.accept)) {
          const back = new URLSearchParams({ sso_error: error.message });
          return { failed: `/sign-in?${back}` } as const;
        }
        throw error;
      });
      if ("failed" in result) return reply.header("cache-control", "no-store").redirect(result.failed, 302);
      const previous = request.cookies[SESSION_COOKIE];
      if (previous) await signOut(db, clock, previous);
      setSessionCookie(reply, result.token, config.cookieSecure);
      return reply.header("cache-control", "no-store").redirect(result.returnTo, 302);
    },
  );

  app.get(
    "/api/v1/settings/sso",
    {
      schema: {
        tags: ["settings"],
        summary: "Single sign-on (OpenID Connect) settings; the client secret is never returned",
        response: { 200: ssoSettingsOutput },
      },
      config: { permission: "settings:manage" },
    },
    async (request) => getSsoSettings(scopeOf(request), config.publicUrl),
  );

  app.put(
    "/api/v1/settings/sso",
    {
      schema: {
        tags: ["settings"],
        summary: "Set the identity provider, who may sign in with it, and whether passwords still work",
        body: ssoSettingsInput,
        response: { 200: ssoSettingsOutput },
      },
      config: { permission: "settings:manage" },
    },
    async (request) => setSsoSettings(scopeOf(request), request.body, config),
  );
};
