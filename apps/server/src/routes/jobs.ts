import { jobListQuery, jobOutput, listJobs, retryJob } from "@advo/core/jobs";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { scopeOf } from "../deps.ts";

export const jobRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/v1/jobs",
    {
      schema: {
        tags: ["jobs"],
        summary: "Background work still to run, running, or failed (a failed job is kept 30 days with its last error)",
        querystring: jobListQuery,
        response: { 200: z.object({ data: z.array(jobOutput) }) },
      },
      config: { permission: "settings:read" },
    },
    async (request) => ({ data: await listJobs(scopeOf(request), request.query) }),
  );
  app.post(
    "/api/v1/jobs/:id/retry",
    {
      schema: {
        tags: ["jobs"],
        summary: "Give a failed job one more attempt, now",
        params: z.object({ id: z.string() }),
        response: { 200: jobOutput },
      },
      config: { permission: "settings:manage" },
    },
    async (request) => retryJob(scopeOf(request), request.params.id),
  );
};
