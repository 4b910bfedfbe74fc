import type { Clock, Scope } from "@advo/core";
import type { AuthContext, Permission } from "@advo/core/users";
import type { Db } from "@advo/db";
import type { FastifyRequest } from "fastify";
import type { Logger } from "pino";
import type { AppConfig } from "./config.ts";

export interface AppDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  config: AppConfig;
}

declare module "fastify" {
  interface FastifyInstance {
    deps: AppDeps;
    /** Every /api route with the permission it demands (see plugins/auth.ts). */
    guardedRoutes: { method: string; url: string; permission: Permission | "public" }[];
  }
  interface FastifyRequest {
    auth: AuthContext | null;
  }
  interface FastifyContextConfig {
    /** What the caller must be allowed to do. Every /api/ route declares this or `public`. */
    permission?: Permission;
    /** No credentials needed (sign-in, health, OpenAPI). */
    public?: boolean;
    /** Replaces the generic 413: this route answers an oversized body with 400 and this message. */
    bodyTooLarge?: string;
  }
}

/** The caller's tenant scope; only reachable on authenticated routes. */
export function scopeOf(request: FastifyRequest): Scope {
  const auth = request.auth;
  if (!auth) throw new Error(`route ${request.routeOptions.url} used scopeOf() without authentication`);
  const { db, clock } = request.server.deps;
  return { db, clock, tenantId: auth.tenantId };
}
