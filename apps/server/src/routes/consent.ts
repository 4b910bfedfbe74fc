import {
  consentPolicyInput,
  consentPolicyOutput,
  contactConsents,
  contactConsentsOutput,
  expiringConsents,
  expiringConsentsOutput,
  expiringConsentsQuery,
  getConsentPolicy,
  recordConsentInput,
  recordConsents,
  setConsentPolicy,
} from "@advo/core/contacts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../actor.ts";
import { scopeOf } from "../deps.ts";

const idParam = z.object({ id: z.string().max(40) });

export const consentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/v1/contacts/:id/consents",
    {
      schema: {
        tags: ["privacy"],
        summary: "A contact's consent by purpose (granted, withdrawn or expired) and every record behind it",
        params: idParam,
        response: { 200: contactConsentsOutput },
      },
      config: { permission: "crm:read" },
    },
    async (request) => contactConsents(scopeOf(request), request.params.id),
  );
  app.post(
    "/api/v1/contacts/:id/consents",
    {
      schema: {
        tags: ["privacy"],
        summary:
          "Record a grant or withdrawal of consent (what was agreed to, what it covers, when it lapses); records are never edited",
        params: idParam,
        body: recordConsentInput,
        response: { 201: contactConsentsOutput },
      },
      config: { permission: "crm:write" },
    },
    async (request, reply) => {
      const scope = scopeOf(request);
      const actor = actorOf(request);
      const source = actor.type === "user" ? "manager" : "api";
      await recordConsents(scope, request.params.id, [request.body], actor, source);
      return reply.code(201).send(await contactConsents(scope, request.params.id));
    },
  );
  app.get(
    "/api/v1/consents/expiring",
    {
      schema: {
        tags: ["privacy"],
        summary: "Grants that lapse within a window and were not renewed: whom to ask again before using their words",
        querystring: expiringConsentsQuery,
        response: { 200: expiringConsentsOutput },
      },
      config: { permission: "crm:read" },
    },
    async (request) => expiringConsents(scopeOf(request), request.query),
  );
  app.get(
    "/api/v1/settings/consent",
    {
      schema: {
        tags: ["settings"],
        summary: "How long a grant lasts by purpose when recorded without its own expiry",
        response: { 200: consentPolicyOutput },
      },
      config: { permission: "settings:read" },
    },
    async (request) => getConsentPolicy(scopeOf(request)),
  );
  app.put(
    "/api/v1/settings/consent",
    {
      schema: {
        tags: ["settings"],
        summary: "Set default consent lifetimes by purpose",
        body: consentPolicyInput,
        response: { 200: consentPolicyOutput },
      },
      config: { permission: "settings:manage" },
    },
    async (request) => setConsentPolicy(scopeOf(request), request.body),
  );
};
