import { MAX_TEXT_LENGTH, MAX_TEXTS, scoreTextsInput, scoreTextsOutput } from "@advo/core/listening";
import { tenantSentimentScorer } from "@advo/core/signals";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { scopeOf } from "../deps.ts";

/** Room for the largest batch the schema allows (1,000 texts of 10,000 characters), with JSON escaping. */
const BODY_LIMIT = MAX_TEXTS * MAX_TEXT_LENGTH + 6 * 1024 * 1024;

export const sentimentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/api/v1/sentiment",
    {
      schema: {
        tags: ["listening"],
        summary: `Score the sentiment of 1–${MAX_TEXTS} texts (English), in order, with the workspace's own lexicon terms`,
        body: scoreTextsInput,
        response: { 200: scoreTextsOutput },
      },
      bodyLimit: BODY_LIMIT,
      config: { permission: "crm:read" },
    },
    // The workspace's scorer (built-in lexicon plus its PUT /api/v1/settings/sentiment-lexicon terms, cached
    // per workspace), as mentions, surveys and tickets are scored.
    async (request) => {
      const score = await tenantSentimentScorer(scopeOf(request));
      return { results: request.body.texts.map((text) => score(text)) };
    },
  );
};
