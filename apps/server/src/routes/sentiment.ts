import { MAX_TEXT_LENGTH, MAX_TEXTS, scoreSentiment, scoreTextsInput, scoreTextsOutput } from "@advo/core/listening";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

/** Room for the largest batch the schema allows (1,000 texts of 10,000 characters), with JSON escaping. */
const BODY_LIMIT = MAX_TEXTS * MAX_TEXT_LENGTH + 6 * 1024 * 1024;

export const sentimentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/api/v1/sentiment",
    {
      schema: {
        tags: ["listening"],
        summary: `Score the sentiment of 1–${MAX_TEXTS} texts (English), in order`,
        body: scoreTextsInput,
        response: { 200: scoreTextsOutput },
      },
      bodyLimit: BODY_LIMIT,
      config: { permission: "crm:read" },
    },
    async (request) => ({ results: request.body.texts.map((text) => scoreSentiment(text)) }),
  );
};
