import { AppError, pageQuery } from "@advo/core";
import { enqueueJob } from "@advo/core/jobs";
import {
  advocateOutput,
  contactScoreOutput,
  defaultWeights,
  findAccountScore,
  getContactScore,
  getPropensityModel,
  getWeights,
  listAdvocates,
  meanActiveDays,
  overridePersonality,
  personality,
  setWeights,
  storedOutcome,
  trainPropensityInput,
  trainTenantPropensity,
  weightsInput,
} from "@advo/core/scoring";
import {
  countSegment,
  createSegment,
  createSegmentInput,
  deleteSegment,
  filterOf,
  getSegment,
  listSegments,
  previewSegmentInput,
  refreshSegment,
  segmentChangeOutput,
  segmentChanges,
  segmentOutput,
  updateSegment,
  updateSegmentInput,
} from "@advo/core/segments";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { scopeOf } from "../deps.ts";
import { RESCORE_ALL } from "../worker.ts";

const idParam = z.object({ id: z.string().max(40) });
const weightsOutput = z.object(Object.fromEntries(Object.keys(defaultWeights).map((k) => [k, z.number()])));
const advocatesPage = z.object({ data: z.array(advocateOutput), nextCursor: z.string().nullable() });

export const scoringRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/v1/contacts/:id/score",
    {
      schema: {
        tags: ["scoring"],
        summary: "Advocacy score with components, explanation, personality and history",
        params: idParam,
        response: { 200: contactScoreOutput },
      },
      config: { permission: "crm:read" },
    },
    async (request) => getContactScore(scopeOf(request), request.params.id),
  );
  app.put(
    "/api/v1/contacts/:id/personality",
    {
      schema: {
        tags: ["scoring"],
        summary: "Override the detected personality (null hands it back to detection)",
        params: idParam,
        body: z.object({ personality: personality.nullable() }),
        response: { 200: contactScoreOutput },
      },
      config: { permission: "crm:write" },
    },
    async (request) => overridePersonality(scopeOf(request), request.params.id, request.body.personality),
  );
  app.get(
    "/api/v1/accounts/:id/score",
    {
      schema: {
        tags: ["scoring"],
        params: idParam,
        response: {
          200: z.object({
            accountId: z.string(),
            score: z.number(),
            confidence: z.number(),
            contactsScored: z.number(),
            topContactId: z.string().nullable(),
            meanActiveDays: z
              .number()
              .nullable()
              .describe("Mean active days in the last 90 of the account's scored contacts (null until a rescore)"),
          }),
        },
      },
      config: { permission: "crm:read" },
    },
    async (request) => {
      const row = await findAccountScore(scopeOf(request), request.params.id);
      if (!row) throw new AppError("not_found", `account "${request.params.id}" has no score yet`);
      const mean = meanActiveDays(row.activeDaysSum, row.contactsScored);
      return {
        accountId: row.accountId,
        score: row.score,
        confidence: row.confidence,
        contactsScored: row.contactsScored,
        topContactId: row.topContactId,
        meanActiveDays: mean === null ? null : Math.round(mean * 10) / 10,
      };
    },
  );
  app.get(
    "/api/v1/advocates",
    {
      schema: {
        tags: ["scoring"],
        summary: "Contacts ranked by advocacy score, optionally within a segment",
        querystring: pageQuery.extend({
          segment: z.string().max(4000).optional().describe("A saved segment id (seg_…) or an expression"),
          sort: z.enum(["score"]).default("score"),
          minScore: z.coerce.number().min(0).max(100).optional(),
          personality: personality.optional(),
        }),
        response: { 200: advocatesPage },
      },
      config: { permission: "crm:read" },
    },
    async (request) => {
      const scope = scopeOf(request);
      const { segment, ...query } = request.query;
      const expression = segment?.startsWith("seg_") ? (await getSegment(scope, segment)).expression : segment;
      return listAdvocates(scope, { ...query, filter: expression ? filterOf(scope, expression) : undefined });
    },
  );
  app.get(
    "/api/v1/settings/scoring-weights",
    { schema: { tags: ["scoring"], response: { 200: weightsOutput } }, config: { permission: "settings:read" } },
    async (request) => getWeights(scopeOf(request)),
  );
  app.put(
    "/api/v1/settings/scoring-weights",
    {
      schema: {
        tags: ["scoring"],
        summary: "Set component weights; rescoring runs in the background",
        body: weightsInput,
        response: { 200: weightsOutput },
      },
      config: { permission: "settings:manage" },
    },
    async (request) => {
      const scope = scopeOf(request);
      const weights = await setWeights(scope, request.body);
      await enqueueJob(scope, RESCORE_ALL, {});
      return weights;
    },
  );
  app.post(
    "/api/v1/scores/rescore",
    {
      schema: {
        tags: ["scoring"],
        summary: "Recompute every score in the background",
        response: { 202: z.object({ jobId: z.string() }) },
      },
      config: { permission: "settings:manage" },
    },
    async (request, reply) => reply.code(202).send({ jobId: await enqueueJob(scopeOf(request), RESCORE_ALL, {}) }),
  );

  const modelOutput = z.object({
    id: z.string(),
    version: z.number(),
    windowDays: z.number(),
    outcome: storedOutcome.describe(
      "What the model predicts: an advocacy act within windowDays, or a contact attribute",
    ),
    trainedAt: z.string(),
    metrics: z
      .record(z.string(), z.unknown())
      .describe("Cross-validated ROC AUC, macro-F1, precision at top-k, calibration, strongest features"),
  });
  app.post(
    "/api/v1/models/propensity/train",
    {
      schema: {
        tags: ["scoring"],
        summary: "Train the propensity model on this workspace's own outcomes and score every contact with it",
        body: trainPropensityInput,
        response: {
          200: modelOutput.extend({
            scored: z.number(),
            contacts: z
              .object({ used: z.number(), positives: z.number(), withoutOutcome: z.number(), unreadable: z.number() })
              .describe("Contacts trained on; with an attribute outcome, those without it or with a non-yes/no value"),
            features: z.object({
              surveyScores: z.boolean(),
              attributes: z
                .object({
                  numeric: z.array(z.string()),
                  categories: z.array(z.string()),
                  skipped: z.array(z.object({ attribute: z.string(), reason: z.string() })),
                })
                .describe("Contact attributes used as features (numbers, one-hot categories) and those left out"),
            }),
          }),
        },
      },
      config: { permission: "settings:manage" },
    },
    async (request) => {
      const trained = await trainTenantPropensity(scopeOf(request), request.body);
      return { ...trained, metrics: trained.metrics as unknown as Record<string, unknown> };
    },
  );
  app.get(
    "/api/v1/models/propensity",
    {
      schema: {
        tags: ["scoring"],
        summary: "The latest propensity model's metrics and earlier versions",
        response: {
          200: modelOutput.extend({
            threshold: z.number(),
            versions: z.array(
              z.object({ id: z.string(), version: z.number(), outcome: storedOutcome, trainedAt: z.string() }),
            ),
          }),
        },
      },
      config: { permission: "crm:read" },
    },
    async (request) => {
      const model = await getPropensityModel(scopeOf(request));
      return { ...model, metrics: model.metrics as unknown as Record<string, unknown> };
    },
  );

  app.get(
    "/api/v1/segments",
    {
      schema: { tags: ["segments"], response: { 200: z.object({ data: z.array(segmentOutput) }) } },
      config: { permission: "crm:read" },
    },
    async (request) => ({ data: await listSegments(scopeOf(request)) }),
  );
  app.post(
    "/api/v1/segments",
    {
      schema: {
        tags: ["segments"],
        summary: "Save a segment; its members are computed now",
        body: createSegmentInput,
        response: { 201: segmentOutput },
      },
      config: { permission: "crm:write" },
    },
    async (request, reply) => reply.code(201).send(await createSegment(scopeOf(request), request.body)),
  );
  app.post(
    "/api/v1/segments/preview",
    {
      schema: {
        tags: ["segments"],
        summary: "Count and first page of an expression, without saving it (syntax errors name the position)",
        body: previewSegmentInput,
        response: { 200: z.object({ count: z.number(), advocates: z.array(advocateOutput) }) },
      },
      config: { permission: "crm:read" },
    },
    async (request) => {
      const scope = scopeOf(request);
      const filter = filterOf(scope, request.body.expression);
      const [count, page] = await Promise.all([
        countSegment(scope, filter),
        listAdvocates(scope, { limit: request.body.limit, filter }),
      ]);
      return { count, advocates: page.data };
    },
  );
  app.get(
    "/api/v1/segments/:id",
    {
      schema: { tags: ["segments"], params: idParam, response: { 200: segmentOutput } },
      config: { permission: "crm:read" },
    },
    async (request) => getSegment(scopeOf(request), request.params.id),
  );
  app.patch(
    "/api/v1/segments/:id",
    {
      schema: { tags: ["segments"], params: idParam, body: updateSegmentInput, response: { 200: segmentOutput } },
      config: { permission: "crm:write" },
    },
    async (request) => updateSegment(scopeOf(request), request.params.id, request.body),
  );
  app.delete(
    "/api/v1/segments/:id",
    {
      schema: { tags: ["segments"], params: idParam, response: { 204: z.null() } },
      config: { permission: "crm:write" },
    },
    async (request, reply) => {
      await deleteSegment(scopeOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
  app.post(
    "/api/v1/segments/:id/refresh",
    {
      schema: {
        tags: ["segments"],
        summary: "Re-evaluate membership now",
        params: idParam,
        response: { 200: segmentOutput },
      },
      config: { permission: "crm:write" },
    },
    async (request) => refreshSegment(scopeOf(request), request.params.id),
  );
  app.get(
    "/api/v1/segments/:id/changes",
    {
      schema: {
        tags: ["segments"],
        summary: "Who joined or left, newest first",
        params: idParam,
        response: { 200: z.object({ data: z.array(segmentChangeOutput) }) },
      },
      config: { permission: "crm:read" },
    },
    async (request) => ({ data: await segmentChanges(scopeOf(request), request.params.id) }),
  );
};
