import type { Readable } from "node:stream";
import { AppError, pageOf, pageQuery } from "@advo/core";
import {
  getImportRun,
  type ImportFormat,
  importQuery,
  importResultOutput,
  importRunDetailOutput,
  importRunOutput,
  importStream,
  listImportRuns,
  memoryErrorSink,
  parseMapping,
} from "@advo/core/imports";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { scopeOf } from "../deps.ts";

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

const FORMAT_OF_TYPE: Record<string, ImportFormat> = {
  "text/csv": "csv",
  "application/csv": "csv",
  "application/x-ndjson": "ndjson",
  "application/ndjson": "ndjson",
  "application/jsonl": "ndjson",
};

/** The request body, unread: the import streams it. Serialises (for Idempotency-Key) as its type and size. */
interface Upload {
  stream: Readable;
  toJSON(): unknown;
}

const isUpload = (body: unknown): body is Upload =>
  typeof body === "object" && body !== null && "stream" in body && typeof (body as Upload).stream.pipe === "function";

/**
 * Yields the body's chunks, failing with 413 as soon as it passes the limit (chunked uploads have no
 * length). The rest of the body is left unread rather than destroyed: destroying the request would
 * take the connection, and the 413, with it while the import records how it ended. The answer closes
 * the connection instead (see the route).
 */
async function* limited(stream: Readable, limit: number): AsyncGenerator<Buffer> {
  let bytes = 0;
  for await (const chunk of stream.iterator({ destroyOnReturn: false })) {
    bytes += (chunk as Buffer).length;
    if (bytes > limit) {
      stream.pause();
      throw new AppError("too_large", `the file is larger than ${limit / 1024 / 1024} MB; import it in parts`);
    }
    yield chunk as Buffer;
  }
}

export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  // Scoped to this plugin: only the import route takes CSV and NDJSON bodies, as streams.
  app.addContentTypeParser(Object.keys(FORMAT_OF_TYPE), (request, payload, done) => {
    const upload: Upload = {
      stream: payload,
      toJSON: () => ({ upload: request.headers["content-type"], length: request.headers["content-length"] ?? null }),
    };
    done(null, upload);
  });

  app.post(
    "/api/v1/imports",
    {
      schema: {
        tags: ["imports"],
        summary: "Import accounts, contacts or events from a CSV or NDJSON file sent as the body",
        description:
          "Send the file as the body with Content-Type text/csv or application/x-ndjson (up to 50 MB). " +
          "HubSpot and Salesforce exports are recognised by their columns; unknown columns become attributes. " +
          "Rows are upserted by email or external id, 5,000 per transaction, so re-sending a file adds nothing twice. " +
          "Bad rows are refused and listed (the first 1,000) with their row number, field and reason.",
        querystring: importQuery,
        consumes: Object.keys(FORMAT_OF_TYPE),
        response: { 200: importResultOutput },
      },
      config: { permission: "crm:write" },
    },
    async (request, reply) => {
      const { kind, source, fileName } = request.query;
      const type = (request.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
      const body = request.body as unknown;
      if (!isUpload(body)) {
        const message = "send the file as the body, with Content-Type text/csv or application/x-ndjson";
        throw new AppError("invalid", `body: ${message}`, [{ path: "body", message }]);
      }
      const format = request.query.format ?? FORMAT_OF_TYPE[type];
      if (!format) {
        throw new AppError("invalid", "query.format: give csv or ndjson", [
          { path: "query.format", message: "give csv or ndjson" },
        ]);
      }
      const length = Number(request.headers["content-length"] ?? 0);
      if (length > MAX_IMPORT_BYTES) {
        throw new AppError(
          "too_large",
          `the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB; import it in parts`,
        );
      }
      let mapping: ReturnType<typeof parseMapping> | undefined;
      try {
        mapping = request.query.mapping ? parseMapping(kind, request.query.mapping) : undefined;
      } catch (error) {
        // The mapping arrives as a query parameter: name it so.
        if (error instanceof AppError)
          throw new AppError(
            error.code,
            `query.${error.message}`,
            error.errors.map((e) => ({ ...e, path: `query.${e.path}` })),
          );
        throw error;
      }
      const errors = memoryErrorSink(1000);
      try {
        const { runId, ...summary } = await importStream(scopeOf(request), limited(body.stream, MAX_IMPORT_BYTES), {
          kind,
          format,
          mapping,
          source,
          errors,
          record: { actor: request.auth?.actor ?? { type: "system", id: null, name: "unknown" }, fileName },
        });
        return { ...summary, id: runId as string, errors: errors.errors, errorsTruncated: errors.truncated };
      } catch (error) {
        // Part of the body is still unread: close the connection once answered rather than read it all.
        if (error instanceof AppError && error.code === "too_large") reply.header("connection", "close");
        throw error;
      }
    },
  );

  app.get(
    "/api/v1/imports",
    {
      schema: {
        tags: ["imports"],
        summary: "The workspace's imports, newest first: who ran each, on which file, and how it ended",
        querystring: pageQuery,
        response: { 200: pageOf(importRunOutput) },
      },
      config: { permission: "crm:read" },
    },
    async (request) => listImportRuns(scopeOf(request), request.query),
  );

  app.get(
    "/api/v1/imports/:id",
    {
      schema: {
        tags: ["imports"],
        summary: "One import with the first 1,000 rows it refused",
        params: z.object({ id: z.string().max(40) }),
        response: { 200: importRunDetailOutput },
      },
      config: { permission: "crm:read" },
    },
    async (request) => getImportRun(scopeOf(request), request.params.id),
  );
};
