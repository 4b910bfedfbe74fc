import {
  alertOutput,
  createFeed,
  createFeedInput,
  disableFeed,
  feedOutput,
  getListeningSettings,
  ingestMentions,
  ingestMentionsOutput,
  listAlerts,
  listeningSettings,
  listFeeds,
  listMentions,
  listMentionsQuery,
  mentionBatchInput,
  mentionOutput,
  organicAdvocateOutput,
  organicAdvocates,
  organicAdvocatesQuery,
  setListeningSettings,
  WEBHOOK_SOURCE,
} from "@advo/core/listening/mentions";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { scopeOf } from "../deps.ts";

const idParam = z.object({ id: z.string().max(40) });

export const mentionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/api/v1/mentions",
    {
      schema: {
        tags: ["listening"],
        summary: "Inbound webhook: a JSON array of mentions; idempotent by fingerprint (url, or text + author)",
        body: mentionBatchInput,
        response: { 200: ingestMentionsOutput },
      },
      config: { permission: "crm:write" },
    },
    async (request) => ingestMentions(scopeOf(request), WEBHOOK_SOURCE, request.body),
  );
  app.get(
    "/api/v1/mentions",
    {
      schema: {
        tags: ["listening"],
        summary: "Latest mentions, optionally of one brand or contact",
        querystring: listMentionsQuery,
        response: { 200: z.object({ data: z.array(mentionOutput) }) },
      },
      config: { permission: "crm:read" },
    },
    async (request) => ({ data: await listMentions(scopeOf(request), request.query) }),
  );
  app.get(
    "/api/v1/listening/organic-advocates",
    {
      schema: {
        tags: ["listening"],
        summary:
          "Contacts whose mentions are net positive and who are not yet invited (lifecycle stage identified), " +
          "by mean sentiment × reach, with their mentions as evidence",
        querystring: organicAdvocatesQuery,
        response: { 200: z.object({ data: z.array(organicAdvocateOutput) }) },
      },
      config: { permission: "crm:read" },
    },
    async (request) => ({ data: await organicAdvocates(scopeOf(request), request.query) }),
  );
  app.get(
    "/api/v1/listening/alerts",
    {
      schema: {
        tags: ["listening"],
        summary: "Negative-spike alerts, newest first (one per episode)",
        response: { 200: z.object({ data: z.array(alertOutput) }) },
      },
      config: { permission: "crm:read" },
    },
    async (request) => ({ data: await listAlerts(scopeOf(request)) }),
  );
  app.get(
    "/api/v1/listening/feeds",
    {
      schema: {
        tags: ["listening"],
        summary: "RSS and Atom feeds polled for mentions, with their last error and next poll",
        response: { 200: z.object({ data: z.array(feedOutput) }) },
      },
      config: { permission: "settings:read" },
    },
    async (request) => ({ data: await listFeeds(scopeOf(request)) }),
  );
  app.post(
    "/api/v1/listening/feeds",
    {
      schema: {
        tags: ["listening"],
        summary: "Add an RSS 2.0 or Atom feed; the worker polls it now and then every interval",
        body: createFeedInput,
        response: { 201: feedOutput },
      },
      config: { permission: "settings:manage" },
    },
    async (request, reply) => reply.code(201).send(await createFeed(scopeOf(request), request.body)),
  );
  app.delete(
    "/api/v1/listening/feeds/:id",
    {
      schema: {
        tags: ["listening"],
        summary: "Stop polling a feed (its mentions stay)",
        params: idParam,
        response: { 200: feedOutput },
      },
      config: { permission: "settings:manage" },
    },
    async (request) => disableFeed(scopeOf(request), request.params.id),
  );
  app.get(
    "/api/v1/settings/listening",
    {
      schema: {
        tags: ["listening"],
        summary: "Brand rules and negative-spike alert settings",
        response: { 200: listeningSettings },
      },
      config: { permission: "settings:read" },
    },
    async (request) => getListeningSettings(scopeOf(request)),
  );
  app.put(
    "/api/v1/settings/listening",
    {
      schema: {
        tags: ["listening"],
        summary: "Replace the brand rules and alert settings",
        body: listeningSettings,
        response: { 200: listeningSettings },
      },
      config: { permission: "settings:manage" },
    },
    async (request) => setListeningSettings(scopeOf(request), request.body),
  );
};
