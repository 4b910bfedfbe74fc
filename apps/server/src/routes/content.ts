import {
  approvalDecisionInput,
  approvalView,
  approvalViewOutput,
  contentDetailOutput,
  contentListQuery,
  contentOutput,
  contentSummary,
  contentSummaryOutput,
  contentUseInput,
  contentUseOutcomeInput,
  contentUseOutput,
  createContent,
  createContentInput,
  decideApproval,
  draftFromSubmission,
  getContent,
  listContent,
  listContentUses,
  publishContent,
  recordContentUse,
  requestApproval,
  retireContent,
  updateContent,
  updateContentInput,
  updateContentUse,
} from "@advo/core/content";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../actor.ts";
import { scopeOf } from "../deps.ts";

const idParam = z.object({ id: z.string().max(40) });
const tags = ["content"];
const approvalToken = z.string().min(20).max(400).describe("From the approval link (after #token=)");

export const contentRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock, config } = app.deps;
  app.get(
    "/api/v1/content",
    {
      schema: {
        tags,
        summary:
          "The content library: testimonials, case studies, quotes, videos (usableFor: what may be used there now)",
        querystring: contentListQuery,
        response: { 200: z.object({ data: z.array(contentOutput) }) },
      },
      config: { permission: "programs:read" },
    },
    async (request) => ({ data: await listContent(scopeOf(request), request.query) }),
  );
  app.post(
    "/api/v1/content",
    {
      schema: {
        tags,
        summary: "Draft a piece of content with an advocate (nothing is usable until they approve it)",
        body: createContentInput,
        response: { 201: contentDetailOutput },
      },
      config: { permission: "programs:manage" },
    },
    async (request, reply) =>
      reply.code(201).send(await createContent(scopeOf(request), request.body, actorOf(request))),
  );
  app.post(
    "/api/v1/content/from-submission",
    {
      schema: {
        tags,
        summary: "Draft content from an approved challenge submission: the advocate's words, name and any disclosure",
        body: z.object({ submissionId: z.string().min(1).max(40) }),
        response: { 201: contentDetailOutput },
      },
      config: { permission: "programs:manage" },
    },
    async (request, reply) =>
      reply.code(201).send(await draftFromSubmission(scopeOf(request), request.body.submissionId, actorOf(request))),
  );
  app.get(
    "/api/v1/content/summary",
    {
      schema: {
        tags,
        summary: "Where the library stands: in use now, waiting on advocates, ending within 30 days, past their term",
        response: { 200: contentSummaryOutput },
      },
      config: { permission: "programs:read" },
    },
    async (request) => contentSummary(scopeOf(request)),
  );
  app.get(
    "/api/v1/content/:id",
    {
      schema: {
        tags,
        summary: "A piece of content with its history",
        params: idParam,
        response: { 200: contentDetailOutput },
      },
      config: { permission: "programs:read" },
    },
    async (request) => getContent(scopeOf(request), request.params.id),
  );
  app.patch(
    "/api/v1/content/:id",
    {
      schema: {
        tags,
        summary: "Change it; a change to what the advocate approves makes a new version that needs their approval",
        params: idParam,
        body: updateContentInput,
        response: { 200: contentDetailOutput },
      },
      config: { permission: "programs:manage" },
    },
    async (request) => updateContent(scopeOf(request), request.params.id, request.body, actorOf(request)),
  );
  app.post(
    "/api/v1/content/:id/request-approval",
    {
      schema: {
        tags,
        summary: "Email the advocate a one-time link to approve this version or ask for changes",
        params: idParam,
        response: { 200: contentDetailOutput },
      },
      config: { permission: "programs:manage" },
    },
    async (request) =>
      requestApproval(scopeOf(request), request.params.id, actorOf(request), { linkBase: config.publicUrl }),
  );
  app.post(
    "/api/v1/content/:id/publish",
    {
      schema: {
        tags,
        summary: "Put approved content into the library for its channels",
        params: idParam,
        response: { 200: contentDetailOutput },
      },
      config: { permission: "programs:manage" },
    },
    async (request) => publishContent(scopeOf(request), request.params.id, actorOf(request)),
  );
  app.post(
    "/api/v1/content/:id/retire",
    {
      schema: {
        tags,
        summary: "Take it out of use for good (its history stays)",
        params: idParam,
        body: z.object({ reason: z.string().trim().max(500).optional() }).optional(),
        response: { 200: contentDetailOutput },
      },
      config: { permission: "programs:manage" },
    },
    async (request) =>
      retireContent(scopeOf(request), request.params.id, actorOf(request), request.body?.reason ?? null),
  );
  app.get(
    "/api/v1/content/:id/uses",
    {
      schema: {
        tags,
        summary: "The deals this content went into, the latest first",
        params: idParam,
        response: { 200: z.object({ data: z.array(contentUseOutput) }) },
      },
      config: { permission: "programs:read" },
    },
    async (request) => ({ data: await listContentUses(scopeOf(request), request.params.id) }),
  );
  app.post(
    "/api/v1/content/:id/uses",
    {
      schema: {
        tags,
        summary:
          "Record that sales used it in an opportunity (published, in its term, cleared for sales; once per opportunity)",
        params: idParam,
        body: contentUseInput,
        response: { 201: contentUseOutput },
      },
      config: { permission: "content:use" },
    },
    async (request, reply) =>
      reply.code(201).send(await recordContentUse(scopeOf(request), request.params.id, request.body, actorOf(request))),
  );
  app.patch(
    "/api/v1/content/:id/uses/:useId",
    {
      schema: {
        tags,
        summary: "How the deal ended: open, won (for the deal amount unless told) or lost",
        params: idParam.extend({ useId: z.string().max(40) }),
        body: contentUseOutcomeInput,
        response: { 200: contentUseOutput },
      },
      config: { permission: "content:use" },
    },
    async (request) => updateContentUse(scopeOf(request), request.params.id, request.params.useId, request.body),
  );

  // The advocate's page behind the approval link. Public: the link's one-time secret is the credential.
  app.get(
    "/api/v1/content-approval",
    {
      schema: {
        tags,
        summary: "What an approval link asks the advocate to approve (changes nothing)",
        querystring: z.object({ token: approvalToken }),
        response: { 200: approvalViewOutput },
      },
      config: { public: true },
    },
    async (request) => approvalView(db, clock, request.query.token),
  );
  app.post(
    "/api/v1/content-approval",
    {
      schema: {
        tags,
        summary:
          "The advocate approves this version, or asks for changes (with a comment); the link then stops working",
        body: approvalDecisionInput,
        response: { 200: z.object({ status: z.enum(["approved", "changes_requested"]) }) },
      },
      config: { public: true },
    },
    async (request) => decideApproval(db, clock, request.body),
  );
};
