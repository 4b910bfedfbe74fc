import { createHash } from "node:crypto";
import { isUniqueViolation } from "@advo/db";
import { AppError } from "../shared/errors.ts";
import type { Scope } from "../shared/scope.ts";
import { deleteKey, findKey, insertKey, storeResponse } from "./idempotency.queries.ts";

// statusCode 0 marks a request still being handled.
const IN_PROGRESS = 0;
// A placeholder older than this belongs to a request that died mid-way; let a retry take over.
const ABANDONED_AFTER_MS = 60_000;

export type IdempotencyStart = { kind: "new" } | { kind: "replay"; statusCode: number; body: string };

export const requestFingerprint = (method: string, path: string, body: unknown): string =>
  createHash("sha256")
    .update(`${method} ${path}\n${JSON.stringify(body ?? null)}`)
    .digest("hex");

/**
 * Claims an Idempotency-Key for one request. The first request with a key runs; a repeat with the
 * same fingerprint gets the stored response; a different request reusing the key is refused.
 */
export async function beginIdempotentRequest(
  scope: Scope,
  key: string,
  fingerprint: string,
): Promise<IdempotencyStart> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const existing = await findKey(scope, key);
    if (existing) {
      if (existing.fingerprint !== fingerprint) {
        throw new AppError("invalid", "Idempotency-Key was already used for a different request", [
          { path: "headers.idempotency-key", message: "reused with a different method, path or body" },
        ]);
      }
      if (existing.statusCode !== IN_PROGRESS) {
        return { kind: "replay", statusCode: existing.statusCode, body: existing.responseBody ?? "" };
      }
      if (scope.clock.now() - existing.createdAt < ABANDONED_AFTER_MS) {
        throw new AppError("conflict", "a request with this Idempotency-Key is still being processed; retry shortly");
      }
      await deleteKey(scope, key);
    }
    try {
      await insertKey(scope, {
        key,
        fingerprint,
        statusCode: IN_PROGRESS,
        responseBody: null,
        createdAt: scope.clock.now(),
      });
      return { kind: "new" };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Another request with the same key won the race; look again.
    }
  }
  throw new AppError("conflict", "a request with this Idempotency-Key is still being processed; retry shortly");
}

export const completeIdempotentRequest = (scope: Scope, key: string, statusCode: number, body: string) =>
  storeResponse(scope, key, statusCode, body);

/** A failed request (5xx) frees its key so the client's retry can run. */
export const releaseIdempotencyKey = (scope: Scope, key: string) => deleteKey(scope, key);
