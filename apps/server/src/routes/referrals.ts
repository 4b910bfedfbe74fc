import { AppError } from "@advo/core";
import {
  captureLead,
  codeStatusInput,
  conversionInput,
  conversionOutput,
  createReferralRedirector,
  DEVICE_COOKIE,
  DEVICE_COOKIE_MAX_AGE_S,
  decideReview,
  fingerprintInput,
  getCode,
  getConversion,
  getReferralSettings,
  getWorkspaceSettings,
  issueCode,
  issueCodeInput,
  issueCodesForMembers,
  leadInput,
  leadOutput,
  leadReceipt,
  listCodes,
  listCodesQuery,
  listConversions,
  listConversionsQuery,
  listLeads,
  listQuery,
  listReviewQueue,
  metricsOutput,
  metricsQuery,
  recordAdvocateFingerprint,
  recordConversion,
  referralCodeOutput,
  referralMetrics,
  referralSettings,
  refundConversion,
  refundInput,
  reviewDecisionInput,
  reviewDecisionOutput,
  reviewItemOutput,
  SNIPPET_JS,
  setCodeStatus,
  setReferralSettings,
  setWorkspaceSettings,
  workspaceSettings,
} from "@advo/core/referrals";
import type { Actor } from "@advo/core/users";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { scopeOf } from "../deps.ts";

const actorOf = (request: FastifyRequest): Actor => {
  if (!request.auth) throw new AppError("unauthorized", "sign in first");
  return request.auth.actor;
};

const idParam = z.object({ id: z.string().max(40) });
const tags = ["referrals"];

export const referralRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock, config } = app.deps;
  const baseUrl = config.publicUrl;
  const redirector = createReferralRedirector(db, clock, {
    fallbackUrl: config.publicUrl,
    onError: (error) => app.log.error({ err: error }, "referral clicks could not be written"),
  });
  app.addHook("onClose", async () => redirector.close());
  // Anything that may refer to a click (a lead, a conversion, a report) sees every click first.
  app.addHook("preHandler", async (request) => {
    if (request.url.startsWith("/api/")) await redirector.flush();
  });
  // The snippet posts text/plain JSON: a simple cross-origin request, no preflight.
  app.removeContentTypeParser("text/plain");
  app.addContentTypeParser("text/plain", { parseAs: "string" }, (_request, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(new AppError("invalid", "body: must be JSON", [{ path: "body", message: "must be JSON" }]), undefined);
    }
  });

  // ── Public: the share link and the snippet (outside /api, no credentials) ──
  app.get("/r/snippet.js", { schema: { hide: true } }, async (_request, reply) =>
    reply.header("cache-control", "public, max-age=300").type("application/javascript; charset=utf-8").send(SNIPPET_JS),
  );
  app.get(
    "/r/:workspace/:code",
    { schema: { hide: true, params: z.object({ workspace: z.string().max(200), code: z.string().max(200) }) } },
    async (request, reply) => {
      const result = await redirector.redirect({
        slug: request.params.workspace,
        code: request.params.code,
        deviceId: request.cookies[DEVICE_COOKIE],
        ip: request.ip,
        userAgent: request.headers["user-agent"],
        referrer: request.headers.referer,
        query: request.query as Record<string, unknown>,
      });
      reply.setCookie(DEVICE_COOKIE, result.deviceId, {
        path: "/",
        httpOnly: true,
        sameSite: "lax",
        secure: config.cookieSecure,
        maxAge: DEVICE_COOKIE_MAX_AGE_S,
      });
      return reply.header("cache-control", "no-store").redirect(result.location, 302);
    },
  );

  app.options(
    "/api/v1/referrals/leads",
    { schema: { hide: true }, config: { public: true } },
    async (_request, reply) =>
      reply
        .code(204)
        .header("access-control-allow-origin", "*")
        .header("access-control-allow-methods", "POST")
        .header("access-control-allow-headers", "content-type")
        .header("access-control-max-age", "86400")
        .send(),
  );
  app.post(
    "/api/v1/referrals/leads",
    {
      schema: {
        tags,
        summary: "Capture a referred friend's lead (public: the snippet posts it from the landing page's form)",
        body: leadInput,
        response: { 200: leadReceipt, 201: leadReceipt },
      },
      config: { public: true },
    },
    async (request, reply) => {
      const { lead, created } = await captureLead(db, clock, request.body, {
        ip: request.ip,
        deviceId: request.cookies[DEVICE_COOKIE],
      });
      return reply
        .header("access-control-allow-origin", "*")
        .code(created ? 201 : 200)
        .send({ id: lead.id, received: true as const });
    },
  );

  // ── Server to server: billing and CRM ──
  app.post(
    "/api/v1/referrals/conversions",
    {
      schema: {
        tags,
        summary: "Record a paid order or won deal; idempotent on externalId (a repeat answers 200 with replayed: true)",
        body: conversionInput,
        response: { 200: conversionOutput, 201: conversionOutput },
      },
      config: { permission: "crm:write" },
    },
    async (request, reply) => {
      const conversion = await recordConversion(scopeOf(request), request.body);
      return reply.code(conversion.replayed ? 200 : 201).send(conversion);
    },
  );
  app.post(
    "/api/v1/referrals/conversions/:id/refund",
    {
      schema: {
        tags,
        summary: "Refund or cancellation: cancels pending rewards, or reverses paid ones through the ledger",
        params: idParam,
        body: refundInput,
        response: { 200: conversionOutput },
      },
      config: { permission: "crm:write" },
    },
    async (request) => refundConversion(scopeOf(request), request.params.id, request.body, actorOf(request)),
  );
  app.post(
    "/api/v1/referrals/fingerprints",
    {
      schema: {
        tags,
        summary: "Report a signed-in person's device (advo_rid) or IP, so self-referrals from it are flagged",
        body: fingerprintInput,
        response: { 200: z.object({ recorded: z.literal(true) }) },
      },
      config: { permission: "crm:write" },
    },
    async (request) => recordAdvocateFingerprint(scopeOf(request), request.body),
  );

  // ── Reports and lists ──
  app.get(
    "/api/v1/referrals/conversions",
    {
      schema: {
        tags,
        summary: "Conversions, newest first, with attribution, fraud signals and rewards",
        querystring: listConversionsQuery,
        response: { 200: z.object({ data: z.array(conversionOutput) }) },
      },
      config: { permission: "programs:read" },
    },
    async (request) => ({ data: await listConversions(scopeOf(request), request.query) }),
  );
  app.get(
    "/api/v1/referrals/conversions/:id",
    {
      schema: {
        tags,
        summary: "One conversion: who got the credit and why, its fraud signals and both sides' rewards",
        params: idParam,
        response: { 200: conversionOutput },
      },
      config: { permission: "programs:read" },
    },
    async (request) => getConversion(scopeOf(request), request.params.id),
  );
  app.get(
    "/api/v1/referrals/leads",
    {
      schema: {
        tags,
        summary: "Leads, newest first, with fraud score and review state",
        querystring: listQuery,
        response: { 200: z.object({ data: z.array(leadOutput) }) },
      },
      config: { permission: "programs:read" },
    },
    async (request) => ({ data: await listLeads(scopeOf(request), request.query) }),
  );
  app.get(
    "/api/v1/referrals/metrics",
    {
      schema: {
        tags,
        summary:
          "Funnel, revenue, rewards and referral rate per program and top advocates; referred vs other customers",
        querystring: metricsQuery,
        response: { 200: metricsOutput },
      },
      config: { permission: "programs:read" },
    },
    async (request) => referralMetrics(scopeOf(request), request.query),
  );
  app.get(
    "/api/v1/referrals/review-queue",
    {
      schema: {
        tags,
        summary: "Leads and conversions held for fraud review, highest score first, with their reasons",
        querystring: z.object({ programId: z.string().max(40).optional(), limit: listQuery.shape.limit }),
        response: { 200: z.object({ data: z.array(reviewItemOutput) }) },
      },
      config: { permission: "programs:read" },
    },
    async (request) => ({ data: await listReviewQueue(scopeOf(request), request.query) }),
  );
  app.post(
    "/api/v1/referrals/review-queue/:id/decision",
    {
      schema: {
        tags,
        summary: "Approve or reject a lead (rld_…) or conversion (rfc_…) in review; the reviewer is recorded",
        params: idParam,
        body: reviewDecisionInput,
        response: { 200: reviewDecisionOutput },
      },
      config: { permission: "programs:manage" },
    },
    async (request) => decideReview(scopeOf(request), request.params.id, request.body, actorOf(request)),
  );

  // ── Codes and settings ──
  app.get(
    "/api/v1/referrals/codes",
    {
      schema: {
        tags,
        summary: "Referral codes and share links",
        querystring: listCodesQuery,
        response: { 200: z.object({ data: z.array(referralCodeOutput) }) },
      },
      config: { permission: "programs:read" },
    },
    async (request) => ({ data: await listCodes(scopeOf(request), request.query, baseUrl) }),
  );
  app.post(
    "/api/v1/referrals/codes",
    {
      schema: {
        tags,
        summary: "Give an advocate a code (their active generated code if they have one) or a vanity code",
        body: issueCodeInput,
        response: { 200: referralCodeOutput, 201: referralCodeOutput },
      },
      config: { permission: "programs:manage" },
    },
    async (request, reply) => {
      const { code, created } = await issueCode(scopeOf(request), request.body, baseUrl);
      redirector.clearCache();
      return reply.code(created ? 201 : 200).send(code);
    },
  );
  app.get(
    "/api/v1/referrals/codes/:id",
    {
      schema: { tags, summary: "One referral code", params: idParam, response: { 200: referralCodeOutput } },
      config: { permission: "programs:read" },
    },
    async (request) => getCode(scopeOf(request), request.params.id, baseUrl),
  );
  app.patch(
    "/api/v1/referrals/codes/:id",
    {
      schema: {
        tags,
        summary: "Pause, resume or retire a code (its link keeps landing on a page, unattributed)",
        params: idParam,
        body: codeStatusInput,
        response: { 200: referralCodeOutput },
      },
      config: { permission: "programs:manage" },
    },
    async (request) => {
      const code = await setCodeStatus(scopeOf(request), request.params.id, request.body.status, baseUrl);
      redirector.clearCache();
      return code;
    },
  );
  app.post(
    "/api/v1/referrals/programs/:id/codes",
    {
      schema: {
        tags,
        summary: "Issue a code to every joined or active member of the program who has none",
        params: idParam,
        response: { 200: z.object({ issued: z.number().int(), codes: z.array(referralCodeOutput) }) },
      },
      config: { permission: "programs:manage" },
    },
    async (request) => issueCodesForMembers(scopeOf(request), request.params.id, baseUrl),
  );
  app.get(
    "/api/v1/referrals/programs/:id/settings",
    {
      schema: {
        tags,
        summary: "A referral program's rules: rewards, tiers, hold period, attribution, fraud threshold",
        params: idParam,
        response: { 200: referralSettings },
      },
      config: { permission: "programs:read" },
    },
    async (request) => getReferralSettings(scopeOf(request), request.params.id),
  );
  app.put(
    "/api/v1/referrals/programs/:id/settings",
    {
      schema: {
        tags,
        summary: "Replace a referral program's rules (omitted fields take their defaults)",
        params: idParam,
        body: referralSettings,
        response: { 200: referralSettings },
      },
      config: { permission: "programs:manage" },
    },
    async (request) => {
      const settings = await setReferralSettings(scopeOf(request), request.params.id, request.body);
      redirector.clearCache();
      return settings;
    },
  );
  app.get(
    "/api/v1/referrals/settings",
    {
      schema: { tags, summary: "Workspace referral settings", response: { 200: workspaceSettings } },
      config: { permission: "programs:read" },
    },
    async (request) => getWorkspaceSettings(scopeOf(request)),
  );
  app.put(
    "/api/v1/referrals/settings",
    {
      schema: {
        tags,
        summary: "Set where unknown, paused or retired codes land",
        body: workspaceSettings,
        response: { 200: workspaceSettings },
      },
      config: { permission: "programs:manage" },
    },
    async (request) => {
      const settings = await setWorkspaceSettings(scopeOf(request), request.body);
      redirector.clearCache();
      return settings;
    },
  );
};
