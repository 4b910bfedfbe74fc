import { AppError } from "@advo/core";
import {
  beginIdempotentRequest,
  completeIdempotentRequest,
  releaseIdempotencyKey,
  requestFingerprint,
} from "@advo/core/idempotency";
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from "fastify";
import { scopeOf } from "../deps.ts";
import { addRouteHook, isApiRoute, methodsOf } from "./route-hooks.ts";

const HEADER = "idempotency-key";
const keys = new WeakMap<FastifyRequest, string>();

/** Honours Idempotency-Key on authenticated POSTs: one effect, and the same response for each repeat. */
export function registerIdempotency(app: FastifyInstance) {
  const posts = (route: RouteOptions) => isApiRoute(route) && methodsOf(route).includes("POST");
  addRouteHook(app, "preHandler", posts, async (request: FastifyRequest, reply: FastifyReply) => {
    const raw = request.headers[HEADER];
    if (request.method !== "POST" || raw === undefined || !request.auth) return;
    const key = Array.isArray(raw) ? raw[0] : raw;
    if (!key || key.length > 255 || !/^[\x21-\x7e]+$/.test(key)) {
      throw new AppError("invalid", "Idempotency-Key must be 1–255 visible ASCII characters", [
        { path: "headers.idempotency-key", message: "must be 1–255 visible ASCII characters" },
      ]);
    }
    const fingerprint = requestFingerprint(request.method, request.url, request.body);
    const start = await beginIdempotentRequest(scopeOf(request), key, fingerprint);
    if (start.kind === "replay") {
      return reply
        .code(start.statusCode)
        .header("idempotent-replayed", "true")
        .type(start.statusCode >= 400 ? "application/problem+json; charset=utf-8" : "application/json; charset=utf-8")
        .send(start.body);
    }
    keys.set(request, key);
  });

  addRouteHook(app, "onSend", posts, async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const key = keys.get(request);
    if (!key) return payload;
    keys.delete(request);
    const scope = scopeOf(request);
    if (reply.statusCode >= 500) await releaseIdempotencyKey(scope, key);
    else await completeIdempotentRequest(scope, key, reply.statusCode, typeof payload === "string" ? payload : "");
    return payload;
  });
}
