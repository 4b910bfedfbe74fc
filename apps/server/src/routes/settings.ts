import {
  apiKeyOutput,
  createApiKey,
  createApiKeyInput,
  createdApiKeyOutput,
  createUser,
  createUserInput,
  listApiKeys,
  listUsers,
  revokeApiKey,
  updateUser,
  updateUserInput,
  userOutput,
} from "@advo/core/users";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { scopeOf } from "../deps.ts";

const idParam = z.object({ id: z.string().max(40) });

export const settingsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/v1/api-keys",
    {
      schema: { tags: ["settings"], response: { 200: z.object({ data: z.array(apiKeyOutput) }) } },
      config: { permission: "settings:manage" },
    },
    async (request) => ({ data: await listApiKeys(scopeOf(request)) }),
  );

  app.post(
    "/api/v1/api-keys",
    {
      schema: {
        tags: ["settings"],
        summary: "Create an API key (its secret is shown once)",
        body: createApiKeyInput,
        response: { 201: createdApiKeyOutput },
      },
      config: { permission: "settings:manage" },
    },
    async (request, reply) => {
      const createdBy = request.auth?.actor.type === "user" ? request.auth.actor.id : null;
      return reply.code(201).send(await createApiKey(scopeOf(request), request.body, createdBy));
    },
  );

  app.delete(
    "/api/v1/api-keys/:id",
    {
      schema: { tags: ["settings"], summary: "Revoke an API key", params: idParam, response: { 200: apiKeyOutput } },
      config: { permission: "settings:manage" },
    },
    async (request) => revokeApiKey(scopeOf(request), request.params.id),
  );

  app.get(
    "/api/v1/users",
    {
      schema: { tags: ["settings"], response: { 200: z.object({ data: z.array(userOutput) }) } },
      config: { permission: "settings:read" },
    },
    async (request) => ({ data: await listUsers(scopeOf(request)) }),
  );

  app.post(
    "/api/v1/users",
    {
      schema: { tags: ["settings"], body: createUserInput, response: { 201: userOutput } },
      config: { permission: "settings:manage" },
    },
    async (request, reply) => reply.code(201).send(await createUser(scopeOf(request), request.body)),
  );

  app.patch(
    "/api/v1/users/:id",
    {
      schema: {
        tags: ["settings"],
        summary: "Rename, change the role of, disable or re-enable a user (a new role or disabling signs them out)",
        params: idParam,
        body: updateUserInput,
        response: { 200: userOutput },
      },
      config: { permission: "settings:manage" },
    },
    async (request) => updateUser(scopeOf(request), request.params.id, request.body, request.auth?.role ?? "viewer"),
  );
};
