import { unsubscribe, unsubscribeStatus } from "@advo/core/contacts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";

const token = z.string().min(10).max(400).describe("From the link in the email (after #token=)");
const state = z.object({
  workspace: z.string().describe("Whose emails these are"),
  subscribed: z.boolean().describe("Whether marketing email may be sent to this person now"),
});

// The page behind the link in every journey email. Public: the signed token is the credential, and it
// can do one thing only, withdraw the person's marketing-email consent.
export const unsubscribeRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock, config } = app.deps;
  app.get(
    "/api/v1/unsubscribe",
    {
      schema: {
        tags: ["unsubscribe"],
        summary: "Whose emails an unsubscribe link stops, and whether they still go out (changes nothing)",
        querystring: z.object({ token }),
        response: { 200: state },
      },
      config: { public: true },
    },
    async (request) => unsubscribeStatus(db, clock, config.secretKey, request.query.token),
  );
  app.post(
    "/api/v1/unsubscribe",
    {
      schema: {
        tags: ["unsubscribe"],
        summary: "Stop marketing email to the link's person (their consent withdrawn and recorded); idempotent",
        body: z.object({ token }),
        response: { 200: state },
      },
      config: { public: true },
    },
    async (request) => unsubscribe(db, clock, config.secretKey, request.body.token),
  );

  // A mail client's own unsubscribe button (the List-Unsubscribe header of journey emails) posts a form.
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_request, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  app.post(
    "/api/v1/unsubscribe/one-click",
    {
      schema: {
        tags: ["unsubscribe"],
        summary: "One-click unsubscribe from a mail client (RFC 8058): as POST /api/v1/unsubscribe",
        querystring: z.object({ token }),
        body: z.object({
          "List-Unsubscribe": z.literal("One-Click").describe("What RFC 8058 has every mail client send"),
        }),
        response: { 200: state },
      },
      config: { public: true },
    },
    async (request) =>
      unsubscribe(db, clock, config.secretKey, request.query.token, "mail client's unsubscribe button"),
  );
};
