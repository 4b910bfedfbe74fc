import { existsSync } from "node:fs";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";

/** Serves the built web app at / and its client-side routes; /api, /v1 and /r stay API territory. */
export async function registerWeb(app: FastifyInstance, webDist: string | undefined) {
  if (!webDist || !existsSync(join(webDist, "index.html"))) return false;
  await app.register(fastifyStatic, { root: webDist, wildcard: false, index: ["index.html"] });
  // Vite's hashed assets never change; index.html must always be fresh.
  app.get("/assets/*", (request, reply) => {
    const file = (request.params as { "*": string })["*"];
    return reply.header("cache-control", "public, max-age=31536000, immutable").sendFile(join("assets", file));
  });
  return true;
}

export const isClientRoute = (method: string, url: string, accept: string | undefined) =>
  method === "GET" && !/^\/(api|v1|r|healthz|readyz)(\/|$|\?)/.test(url) && (accept ?? "").includes("text/html");
