import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { jsonSchemaTransform } from "fastify-type-provider-zod";
import { problemSchema } from "./errors.ts";

const errorStatuses = [400, 401, 403, 404, 409] as const;

/** OpenAPI 3.1 generated from the routes' zod schemas; error responses documented on every route. */
export async function registerOpenApi(app: FastifyInstance) {
  app.addHook("onRoute", (route) => {
    if (!route.url.startsWith("/api/") || route.schema?.hide) return;
    const response = (route.schema?.response ?? {}) as Record<string | number, unknown>;
    for (const status of errorStatuses) response[status] ??= problemSchema;
    route.schema = { ...route.schema, response };
  });

  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Advo API",
        version: "1.0.0",
        description:
          "Customer advocacy platform. Authenticate with `Authorization: Bearer <API key>` or the session cookie. " +
          "Errors are RFC 9457 problem+json. Lists use cursor pagination (`?limit=&cursor=`). " +
          "POSTs honour `Idempotency-Key`.",
      },
      components: {
        securitySchemes: {
          apiKey: { type: "http", scheme: "bearer", description: "An API key from Settings → API keys or `advo init`" },
          session: { type: "apiKey", in: "cookie", name: "advo_session" },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/api/v1/docs" });

  app.get("/api/v1/openapi.json", { schema: { hide: true }, config: { public: true } }, async () => app.swagger());
}
