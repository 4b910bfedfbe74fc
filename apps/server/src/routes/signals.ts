import { pageQuery } from "@advo/core";
import { lexiconEntriesInput } from "@advo/core/listening";
import {
  contactSignals,
  contactSignalsOutput,
  contactTimeline,
  createdSourceOutput,
  createSource,
  createSourceInput,
  disableSource,
  getSentimentLexicon,
  ingestResultOutput,
  listSources,
  mergeContactsNow,
  mergeHistory,
  recordSignals,
  setSentimentLexicon,
  signalBatchInput,
  sourceOutput,
  timelineEventOutput,
  unmergeContact,
} from "@advo/core/signals";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { scopeOf } from "../deps.ts";

const idParam = z.object({ id: z.string().max(40) });
const mergeOutput = z.object({
  id: z.string(),
  survivorId: z.string(),
  mergedId: z.string(),
  reason: z.string(),
  createdAt: z.string(),
  undoneAt: z.string().nullable(),
});

export const signalRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/v1/sources",
    {
      schema: {
        tags: ["signals"],
        summary: "Ingest sources",
        response: { 200: z.object({ data: z.array(sourceOutput) }) },
      },
      config: { permission: "settings:read" },
    },
    async (request) => ({ data: await listSources(scopeOf(request)) }),
  );
  app.post(
    "/api/v1/sources",
    {
      schema: {
        tags: ["signals"],
        summary: "Create a source; its Segment write key is shown once",
        body: createSourceInput,
        response: { 201: createdSourceOutput },
      },
      config: { permission: "settings:manage" },
    },
    async (request, reply) => reply.code(201).send(await createSource(scopeOf(request), request.body)),
  );
  app.delete(
    "/api/v1/sources/:id",
    {
      schema: {
        tags: ["signals"],
        summary: "Disable a source (its write key stops working)",
        params: idParam,
        response: { 200: sourceOutput },
      },
      config: { permission: "settings:manage" },
    },
    async (request) => disableSource(scopeOf(request), request.params.id),
  );

  app.get(
    "/api/v1/settings/sentiment-lexicon",
    {
      schema: {
        tags: ["signals"],
        summary: "Terms this workspace adds to the sentiment lexicon",
        response: { 200: lexiconEntriesInput },
      },
      config: { permission: "settings:read" },
    },
    async (request) => getSentimentLexicon(scopeOf(request)),
  );
  app.put(
    "/api/v1/settings/sentiment-lexicon",
    {
      schema: {
        tags: ["signals"],
        summary:
          'Replace the workspace\'s extra sentiment terms, e.g. {"churn risk": -2.5, "rock solid": 2.5}; applies to new signals',
        body: lexiconEntriesInput,
        response: { 200: lexiconEntriesInput },
      },
      config: { permission: "settings:manage" },
    },
    async (request) => setSentimentLexicon(scopeOf(request), request.body),
  );

  app.post(
    "/api/v1/signals",
    {
      schema: {
        tags: ["signals"],
        summary: "Record typed signals: survey responses, support tickets, purchases",
        body: signalBatchInput,
        response: { 200: ingestResultOutput },
      },
      config: { permission: "crm:write" },
    },
    async (request) => {
      const scope = scopeOf(request);
      return recordSignals(
        { db: scope.db, clock: scope.clock, tenantId: scope.tenantId, sourceId: null },
        request.body,
      );
    },
  );

  app.get(
    "/api/v1/contacts/:id/timeline",
    {
      schema: {
        tags: ["contacts"],
        summary: "Every event of a contact, newest first",
        params: idParam,
        querystring: pageQuery,
        response: { 200: z.object({ data: z.array(timelineEventOutput), nextCursor: z.string().nullable() }) },
      },
      config: { permission: "crm:read" },
    },
    async (request) => contactTimeline(scopeOf(request), request.params.id, request.query),
  );
  app.get(
    "/api/v1/contacts/:id/signals",
    {
      schema: {
        tags: ["contacts"],
        summary: "Survey responses, tickets and purchases of a contact",
        params: idParam,
        response: { 200: contactSignalsOutput },
      },
      config: { permission: "crm:read" },
    },
    async (request) => contactSignals(scopeOf(request), request.params.id),
  );
  app.get(
    "/api/v1/contacts/:id/merges",
    {
      schema: {
        tags: ["contacts"],
        summary: "Merges into or from this contact",
        params: idParam,
        response: { 200: z.object({ data: z.array(mergeOutput) }) },
      },
      config: { permission: "crm:read" },
    },
    async (request) => ({ data: await mergeHistory(scopeOf(request), request.params.id) }),
  );
  app.post(
    "/api/v1/contacts/:id/merge",
    {
      schema: {
        tags: ["contacts"],
        summary: "Merge another contact into this one",
        params: idParam,
        body: z.object({ contactId: z.string().max(40).describe("The contact to fold into this one") }),
        response: { 200: z.object({ mergeId: z.string() }) },
      },
      config: { permission: "crm:write" },
    },
    async (request) => ({
      mergeId: await mergeContactsNow(scopeOf(request), request.params.id, request.body.contactId),
    }),
  );
  app.post(
    "/api/v1/contacts/:id/unmerge",
    {
      schema: {
        tags: ["contacts"],
        summary: "Undo a merge into this contact (the latest, or the one named)",
        params: idParam,
        body: z.object({ mergeId: z.string().max(40).optional() }).default({}),
        response: { 200: z.object({ mergeId: z.string(), survivorId: z.string(), restoredId: z.string() }) },
      },
      config: { permission: "crm:write" },
    },
    async (request) => unmergeContact(scopeOf(request), request.params.id, request.body?.mergeId),
  );
};
