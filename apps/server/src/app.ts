import { newId } from "@advo/core";
import cookie from "@fastify/cookie";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { AppDeps } from "./deps.ts";
import { registerAudit } from "./plugins/audit.ts";
import { registerAuth } from "./plugins/auth.ts";
import { registerErrorHandling, sendProblem } from "./plugins/errors.ts";
import { registerIdempotency } from "./plugins/idempotency.ts";
import { registerJsonBody } from "./plugins/json-body.ts";
import { registerCsrf, registerLimits, registerSecurityHeaders } from "./plugins/limits.ts";
import { registerOpenApi } from "./plugins/openapi.ts";
import { registerWeb } from "./plugins/web.ts";
import { accountRoutes } from "./routes/accounts.ts";
import { analyticsRoutes } from "./routes/analytics.ts";
import { auditRoutes } from "./routes/audit.ts";
import { authRoutes } from "./routes/auth.ts";
import { communityRoutes } from "./routes/community.ts";
import { consentRoutes } from "./routes/consent.ts";
import { contactRoutes } from "./routes/contacts.ts";
import { contentRoutes } from "./routes/content.ts";
import { healthRoutes } from "./routes/health.ts";
import { hubRoutes } from "./routes/hub.ts";
import { importRoutes } from "./routes/imports.ts";
import { jobRoutes } from "./routes/jobs.ts";
import { journeyRoutes } from "./routes/journeys.ts";
import { ledgerRoutes } from "./routes/ledger.ts";
import { mentionRoutes } from "./routes/mentions.ts";
import { privacyRoutes } from "./routes/privacy.ts";
import { programRoutes } from "./routes/programs.ts";
import { recognitionRoutes } from "./routes/recognition.ts";
import { referenceRoutes } from "./routes/references.ts";
import { referralRoutes } from "./routes/referrals.ts";
import { rewardRoutes } from "./routes/rewards.ts";
import { scoringRoutes } from "./routes/scoring.ts";
import { segmentRoutes } from "./routes/segment.ts";
import { sentimentRoutes } from "./routes/sentiment.ts";
import { settingsRoutes } from "./routes/settings.ts";
import { signalRoutes } from "./routes/signals.ts";
import { ssoRoutes } from "./routes/sso.ts";
import { unsubscribeRoutes } from "./routes/unsubscribe.ts";

const BODY_LIMIT = 1024 * 1024;

/** Builds the HTTP app around the given dependencies. Never listens: main.ts does, tests inject(). */
export async function createApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT,
    requestIdHeader: "x-request-id",
    genReqId: () => newId("req"),
    routerOptions: { ignoreTrailingSlash: true },
    // Errors raised before routing (a malformed or over-long path segment) get the same problem+json.
    frameworkErrors: (error, request, reply) => {
      const status = error.statusCode ?? 400;
      const detail =
        error.code === "FST_ERR_MAX_PARAM_LENGTH"
          ? "a path segment is longer than any id Advo issues"
          : "the path is not a valid URL (check its percent-encoding)";
      return sendProblem(request, reply, status, detail);
    },
  });
  app.decorate("deps", deps);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Callback style: no promise per response for a one-line hook.
  app.addHook("onSend", (request, reply, payload, done) => {
    reply.header("x-request-id", request.id);
    done(null, payload);
  });

  await app.register(cookie);
  registerJsonBody(app);
  registerSecurityHeaders(app, deps.config.publicUrl);
  registerAuth(app);
  registerCsrf(app, deps.config.publicUrl);
  await registerLimits(app, deps.config.rateLimits);
  registerIdempotency(app);
  registerAudit(app);
  await registerOpenApi(app);
  const serveSpa = await registerWeb(app, deps.config.webDist);
  registerErrorHandling(app, { serveSpa });

  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(ssoRoutes);
  await app.register(settingsRoutes);
  await app.register(accountRoutes);
  await app.register(contactRoutes);
  await app.register(signalRoutes);
  await app.register(importRoutes);
  await app.register(scoringRoutes);
  await app.register(analyticsRoutes);
  await app.register(segmentRoutes);
  await app.register(sentimentRoutes);
  await app.register(mentionRoutes);
  await app.register(programRoutes);
  await app.register(ledgerRoutes);
  await app.register(recognitionRoutes);
  await app.register(rewardRoutes);
  await app.register(hubRoutes);
  await app.register(referralRoutes);
  await app.register(referenceRoutes);
  await app.register(auditRoutes);
  await app.register(jobRoutes);
  await app.register(journeyRoutes);
  await app.register(contentRoutes);
  await app.register(communityRoutes);
  await app.register(unsubscribeRoutes);
  await app.register(privacyRoutes);
  await app.register(consentRoutes);
  return app;
}
