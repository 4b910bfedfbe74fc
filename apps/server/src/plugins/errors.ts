import { AppError, type ErrorCode, type FieldError } from "@advo/core";
import { unstorableValueReason } from "@advo/db";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { z } from "zod";
import { isClientRoute } from "./web.ts";

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .describe("RFC 9457 problem details");
export type Problem = z.infer<typeof problemSchema>;

const statusOf: Record<ErrorCode, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
};

const titles: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

const codeOfStatus = (status: number): string =>
  (Object.entries(statusOf).find(([, s]) => s === status)?.[0] as string | undefined) ??
  (titles[status] ?? "error").toLowerCase().replace(/ /g, "_");

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  detail: string,
  errors?: FieldError[],
) {
  const problem: Problem = {
    type: `urn:advo:problem:${codeOfStatus(status)}`,
    title: titles[status] ?? "Error",
    status,
    detail,
    instance: request.url.split("?")[0],
    requestId: request.id,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
  return reply.code(status).type("application/problem+json; charset=utf-8").send(problem);
}

const pathOf = (context: string | undefined, segments: (string | number)[]): string => {
  const inner = segments.join(".");
  const where = context === "querystring" ? "query" : context;
  if (!where || where === "body") return inner || "body";
  return inner ? `${where}.${inner}` : where;
};

/** One mapping of every failure to problem+json; no stack trace or internal message leaves the server. */
export function registerErrorHandling(app: FastifyInstance, options: { serveSpa: boolean }) {
  app.setErrorHandler((error: FastifyError | AppError | z.ZodError, request, reply) => {
    if (error instanceof AppError) {
      return sendProblem(request, reply, statusOf[error.code], error.message, error.errors);
    }
    if (error instanceof z.ZodError) {
      const errors = error.issues.map((issue) => ({
        path: pathOf("body", issue.path as (string | number)[]),
        message: issue.message,
      }));
      return sendProblem(request, reply, 400, describe(errors), errors);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const context = (error as { validationContext?: string }).validationContext;
      const errors = error.validation.map((v) => ({
        path: pathOf(context, v.instancePath.split("/").filter(Boolean)),
        message: v.message ?? "is not valid",
      }));
      return sendProblem(request, reply, 400, describe(errors), errors);
    }
    if (isResponseSerializationError(error as FastifyError)) {
      request.log.error({ err: error }, "response did not match its schema");
      return sendProblem(request, reply, 500, "the server could not produce a valid response");
    }
    const tooLarge = request.routeOptions.config?.bodyTooLarge;
    if ((error as FastifyError).code === "FST_ERR_CTP_BODY_TOO_LARGE" && tooLarge) {
      return sendProblem(request, reply, 400, tooLarge, [{ path: "body", message: tooLarge }]);
    }
    const unstorable = unstorableValueReason(error);
    if (unstorable) return sendProblem(request, reply, 400, unstorable);
    const status = (error as FastifyError).statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, "request failed");
      return sendProblem(request, reply, status, "something went wrong on our side; the request id helps us find it");
    }
    return sendProblem(request, reply, status, clientMessage(error as FastifyError));
  });

  app.setNotFoundHandler((request, reply) => {
    if (options.serveSpa && isClientRoute(request.method, request.url, request.headers.accept)) {
      return reply.header("cache-control", "no-cache").sendFile("index.html");
    }
    return sendProblem(request, reply, 404, `no route ${request.method} ${request.url.split("?")[0]}`);
  });
}

function describe(errors: FieldError[]): string {
  const first = errors[0];
  if (!first) return "the request is not valid";
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : "";
  return `${first.path}: ${first.message}${more}`;
}

function clientMessage(error: FastifyError): string {
  switch (error.code) {
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return "the body is not valid JSON";
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return "the body is larger than this endpoint accepts";
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return "send the body as application/json";
    default:
      return error.message;
  }
}
