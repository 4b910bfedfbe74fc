import {
  contactExportOutput,
  eraseContact,
  eraseContactInput,
  eraseContactOutput,
  exportContact,
} from "@advo/core/privacy";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { scopeOf } from "../deps.ts";

const idParam = z.object({ id: z.string().max(40) });

export const privacyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/v1/contacts/:id/export",
    {
      schema: {
        tags: ["privacy"],
        summary: "Everything Advo holds about one contact, as one JSON document (a data subject access request)",
        params: idParam,
        response: { 200: contactExportOutput },
      },
      config: { permission: "crm:delete" },
    },
    async (request, reply) => {
      const data = await exportContact(scopeOf(request), request.params.id);
      return reply
        .header("content-disposition", `attachment; filename="contact-${request.params.id}.json"`)
        .header("cache-control", "no-store")
        .send(data);
    },
  );
  app.post(
    "/api/v1/contacts/:id/erase",
    {
      schema: {
        tags: ["privacy"],
        summary:
          "Erase a contact's personal data (right to erasure): the contact stays as an anonymised tombstone, ledger entries and aggregates stay",
        params: idParam,
        body: eraseContactInput,
        response: { 200: eraseContactOutput },
      },
      config: { permission: "crm:delete" },
    },
    async (request) => eraseContact(scopeOf(request), request.params.id, request.body?.reason),
  );
};
