import { AppError } from "@advo/core";
import { getTenant, tenantOutput } from "@advo/core/tenants";
import { endUserSessions, getUser, permissionMatrix, signIn, signInInput, signOut, userOutput } from "@advo/core/users";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { scopeOf } from "../deps.ts";
import { SESSION_COOKIE, setSessionCookie } from "../plugins/auth.ts";

const whoAmI = z.object({
  tenant: tenantOutput,
  role: z.string(),
  actor: z.object({ type: z.enum(["user", "api_key", "advocate", "system"]), id: z.string(), name: z.string() }),
  user: userOutput.nullable(),
  permissions: z.array(z.string()).describe("What this caller may do; the server enforces it on every route"),
});

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock, config } = app.deps;

  app.post(
    "/api/v1/auth/session",
    {
      schema: { tags: ["auth"], summary: "Sign in with a password", body: signInInput, response: { 200: whoAmI } },
      config: { public: true },
    },
    async (request, reply) => {
      const { token, user, tenantId } = await signIn(db, clock, request.body);
      // Whatever session this browser carried before is over: a cookie planted before sign-in is worthless.
      const previous = request.cookies[SESSION_COOKIE];
      if (previous) await signOut(db, clock, previous);
      setSessionCookie(reply, token, config.cookieSecure);
      return {
        tenant: await getTenant(db, tenantId),
        role: user.role,
        actor: { type: "user" as const, id: user.id, name: user.name },
        user,
        permissions: [...permissionMatrix[user.role]],
      };
    },
  );

  app.delete(
    "/api/v1/auth/session",
    { schema: { tags: ["auth"], summary: "Sign out", response: { 204: z.null() } }, config: { public: true } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await signOut(db, clock, token);
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.code(204).send(null);
    },
  );

  app.delete(
    "/api/v1/auth/sessions",
    {
      schema: {
        tags: ["auth"],
        summary: "Sign out everywhere: end every session of the signed-in user, in every browser",
        response: { 204: z.null() },
      },
      config: { public: true },
    },
    async (request, reply) => {
      const auth = request.auth;
      if (auth?.actor.type !== "user") throw new AppError("unauthorized", "sign in as a staff user first");
      await endUserSessions(scopeOf(request), auth.actor.id);
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/api/v1/auth/me",
    { schema: { tags: ["auth"], summary: "Who is calling", response: { 200: whoAmI } }, config: { public: true } },
    async (request) => {
      const auth = request.auth;
      if (!auth) throw new AppError("unauthorized", "not signed in");
      const user = auth.actor.type === "user" ? await getUser(scopeOf(request), auth.actor.id) : null;
      return {
        tenant: await getTenant(db, auth.tenantId),
        role: auth.role,
        actor: auth.actor,
        user,
        permissions: [...permissionMatrix[auth.role]],
      };
    },
  );
};
