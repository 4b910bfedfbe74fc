import { AppError } from "@advo/core";
import type { FastifyInstance } from "fastify";

/** Deeper than any body Advo accepts; far below what would exhaust the stack of code that walks it. */
export const MAX_JSON_DEPTH = 64;

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * What makes a parsed body unusable however the route validates it: nesting deeper than
 * MAX_JSON_DEPTH, or a NUL character (PostgreSQL cannot store one in text; SQLite can, so refusing
 * it here keeps both databases answering the same).
 */
function problemOf(value: unknown): { path: string; message: string } | null {
  // Iterative: a hostile body must not be able to overflow the stack of the check itself.
  const stack: [unknown, string, number][] = [[value, "body", 1]];
  while (stack.length > 0) {
    const [node, path, depth] = stack.pop() as [unknown, string, number];
    if (typeof node === "string") {
      if (node.includes("\u0000")) return { path, message: "must not contain a NUL character (\\u0000)" };
      continue;
    }
    if (node === null || typeof node !== "object") continue;
    if (depth > MAX_JSON_DEPTH) return { path: "body", message: `is nested deeper than ${MAX_JSON_DEPTH} levels` };
    for (const [key, child] of Object.entries(node)) {
      const at = path === "body" ? key : `${path}.${key}`;
      if (key.includes("\u0000")) return { path: at, message: "a key must not contain a NUL character (\\u0000)" };
      stack.push([child, at, depth + 1]);
    }
  }
  return null;
}

/** Whether an object or array sits deeper than `max` (the root at depth 1). Recursion stops at max + 1. */
function deeperThan(node: unknown, depth: number, max: number): boolean {
  if (node === null || typeof node !== "object") return false;
  if (depth > max) return true;
  if (Array.isArray(node)) {
    for (const child of node) if (deeperThan(child, depth + 1, max)) return true;
    return false;
  }
  for (const key in node) if (deeperThan((node as Record<string, unknown>)[key], depth + 1, max)) return true;
  return false;
}

/**
 * A quick clearance for the common body: JSON text can carry a NUL only as the escape \u0000 (a raw
 * one does not parse), and a depth walk that names no paths allocates nothing. Only a body failing
 * it is walked by problemOf, which finds the path. (500-event batches: 0.03 ms against 0.3–0.5 ms.)
 */
const clearlyFine = (text: string, value: unknown) =>
  !text.includes("\\u0000") && !deeperThan(value, 1, MAX_JSON_DEPTH);

const refuse = (message: string, path = "body") => new AppError("invalid", `${path}: ${message}`, [{ path, message }]);

/**
 * JSON bodies: Fastify's own parser (prototype-poisoning checks included), after refusing bytes
 * that are not UTF-8 (instead of silently replacing them) and before handing on a document nested
 * deeper than MAX_JSON_DEPTH or carrying NUL characters.
 */
export function registerJsonBody(app: FastifyInstance) {
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (request, body, done) => {
    let text: string;
    try {
      text = strictUtf8.decode(body as Buffer);
    } catch {
      done(refuse("is not valid UTF-8"), undefined);
      return;
    }
    parseJson(request, text, (error, value) => {
      if (error) return done(error, undefined);
      const problem = clearlyFine(text, value) ? null : problemOf(value);
      if (problem) return done(refuse(problem.message, problem.path), undefined);
      done(null, value);
    });
  });
}
