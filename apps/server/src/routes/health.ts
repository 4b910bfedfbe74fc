import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { sql } from "kysely";
import { z } from "zod";
import { sendProblem } from "../plugins/errors.ts";

const status = z.object({ status: z.string() });

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get("/healthz", { schema: { response: { 200: status } } }, async () => ({ status: "ok" }));

  app.get("/readyz", { schema: { response: { 200: status } } }, async (request, reply) => {
    try {
      await sql`select 1`.execute(app.deps.db);
      return { status: "ready" };
    } catch (error) {
      request.log.warn({ err: error }, "database is not reachable");
      return sendProblem(request, reply, 503, "the database is not reachable");
    }
  });
};
