import { Readable } from "node:stream";
import {
  auditCsvHeader,
  auditCsvLine,
  auditExportQuery,
  auditPageOutput,
  auditQuery,
  auditVerifyOutput,
  exportAudit,
  listAudit,
  verifyAuditLog,
} from "@advo/core/audit";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { scopeOf } from "../deps.ts";

const audit = { permission: "audit:read" } as const;

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/v1/audit",
    {
      schema: {
        tags: ["audit"],
        summary:
          "The audit trail, newest first: who changed what, when, before → after (filter by actor, resource, time)",
        querystring: auditQuery,
        response: { 200: auditPageOutput },
      },
      config: audit,
    },
    async (request) => listAudit(scopeOf(request), request.query),
  );
  app.get(
    "/api/v1/audit/export",
    {
      schema: {
        tags: ["audit"],
        summary: "Download the (filtered) audit trail, oldest first, as NDJSON or CSV",
        querystring: auditExportQuery,
      },
      config: audit,
    },
    async (request, reply) => {
      const { format, ...filter } = request.query;
      const entries = exportAudit(scopeOf(request), filter)[Symbol.asyncIterator]();
      // The first page is read before any byte is sent, so a failing query still gets a proper error answer.
      let next = await entries.next();
      async function* lines() {
        if (format === "csv") yield auditCsvHeader;
        for (; !next.done; next = await entries.next()) {
          yield format === "csv" ? auditCsvLine(next.value) : `${JSON.stringify(next.value)}\n`;
        }
      }
      const day = new Date(request.server.deps.clock.now()).toISOString().slice(0, 10);
      return reply
        .type(format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8")
        .header("content-disposition", `attachment; filename="advo-audit-${day}.${format}"`)
        .send(Readable.from(lines()));
    },
  );
  app.get(
    "/api/v1/audit/verify",
    {
      schema: {
        tags: ["audit"],
        summary: "Recompute the audit log's hash chain; names the first altered or missing entry",
        response: { 200: auditVerifyOutput },
      },
      config: audit,
    },
    async (request) => verifyAuditLog(scopeOf(request)),
  );
};
