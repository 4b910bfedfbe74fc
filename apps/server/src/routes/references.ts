import { pageOf, pageQuery } from "@advo/core";
import {
  askCheckOutput,
  askKind,
  asksOf,
  checkAskAllowed,
  contactAskLimits,
  contactAsksOutput,
  fatigueSettings,
  getFatigueSettings,
  setFatigueSettings,
} from "@advo/core/asks";
import { getContact } from "@advo/core/contacts";
import {
  approveRequest,
  askCandidate,
  askDecisionInput,
  cancelInput,
  cancelRequest,
  coverageOutput,
  coverageReport,
  createProfile,
  createProfileInput,
  createRequestInput,
  filedRequestOutput,
  fileRequest,
  getProfile,
  getReferenceSettings,
  getRequest,
  influenceOutput,
  influenceReport,
  listProfiles,
  listProfilesQuery,
  listRequests,
  listRequestsQuery,
  matchCandidates,
  matchInput,
  matchOutput,
  outcomeInput,
  pickInput,
  profileOutput,
  recordOutcome,
  referenceSettings,
  referencesGiven,
  referencesGivenOutput,
  reportQuery,
  requestCandidates,
  requestDetailOutput,
  requestOutput,
  respondOutput,
  respondToAsk,
  respondWithToken,
  setReferenceSettings,
  tokenDecisionInput,
  updateProfile,
  updateProfileInput,
  utilisationOutput,
  utilisationReport,
} from "@advo/core/references";
import type { Actor } from "@advo/core/users";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { scopeOf } from "../deps.ts";

const idParam = z.object({ id: z.string().max(40) });
const tags = ["references"];

function actorOf(request: FastifyRequest): Actor {
  const auth = request.auth;
  if (!auth) throw new Error(`route ${request.routeOptions.url} needs an authenticated caller`);
  return auth.actor;
}
const links = (request: FastifyRequest) => ({ linkBase: request.server.deps.config.publicUrl });

export const referenceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/api/v1/references/match",
    {
      schema: {
        tags,
        summary:
          "Ranked reference candidates for a prospect, with the reasons for each score, and the profiles excluded " +
          "(ask limit, cooldown, blackout, detractor NPS, escalated ticket) with why; files nothing",
        body: matchInput,
        response: { 200: matchOutput },
      },
      config: { permission: "references:request" },
    },
    async (request) => matchCandidates(scopeOf(request), request.body),
  );

  app.get(
    "/api/v1/reference-profiles",
    {
      schema: {
        tags,
        summary: "Reference profiles",
        querystring: listProfilesQuery.extend(pageQuery.shape),
        response: { 200: pageOf(profileOutput) },
      },
      config: { permission: "references:request" },
    },
    async (request) => listProfiles(scopeOf(request), request.query),
  );
  app.post(
    "/api/v1/reference-profiles",
    {
      schema: {
        tags,
        summary: "Make a contact a reference: what they will do, what they can speak to, limits and blackouts",
        body: createProfileInput,
        response: { 201: profileOutput },
      },
      config: { permission: "references:manage" },
    },
    async (request, reply) =>
      reply.code(201).send(await createProfile(scopeOf(request), request.body, actorOf(request))),
  );
  app.get(
    "/api/v1/reference-profiles/:id",
    {
      schema: { tags, summary: "One reference profile", params: idParam, response: { 200: profileOutput } },
      config: { permission: "references:request" },
    },
    async (request) => getProfile(scopeOf(request), request.params.id),
  );
  app.patch(
    "/api/v1/reference-profiles/:id",
    {
      schema: {
        tags,
        summary: "Edit a reference profile (consent, activities, limits, blackouts…)",
        params: idParam,
        body: updateProfileInput,
        response: { 200: profileOutput },
      },
      config: { permission: "references:manage" },
    },
    async (request) => updateProfile(scopeOf(request), request.params.id, request.body, actorOf(request)),
  );

  app.post(
    "/api/v1/reference-requests",
    {
      schema: {
        tags,
        summary: "File a reference request for a prospect; answers with the ranked candidates",
        body: createRequestInput,
        response: { 201: filedRequestOutput },
      },
      config: { permission: "references:request" },
    },
    async (request, reply) =>
      reply.code(201).send(await fileRequest(scopeOf(request), request.body, actorOf(request), links(request))),
  );
  app.get(
    "/api/v1/reference-requests",
    {
      schema: {
        tags,
        summary: "Reference requests, newest first, with their SLA status",
        querystring: listRequestsQuery.extend(pageQuery.shape),
        response: { 200: pageOf(requestOutput) },
      },
      config: { permission: "references:request" },
    },
    async (request) => listRequests(scopeOf(request), request.query),
  );
  app.get(
    "/api/v1/reference-requests/:id",
    {
      schema: {
        tags,
        summary: "A reference request with every ask, timestamps and SLA",
        params: idParam,
        response: { 200: requestDetailOutput },
      },
      config: { permission: "references:request" },
    },
    async (request) => getRequest(scopeOf(request), request.params.id),
  );
  app.get(
    "/api/v1/reference-requests/:id/candidates",
    {
      schema: {
        tags,
        summary: "The request's ranked candidates now, leaving out advocates already asked for it",
        params: idParam,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(50).default(10) }),
        response: { 200: matchOutput },
      },
      config: { permission: "references:request" },
    },
    async (request) => requestCandidates(scopeOf(request), request.params.id, request.query.limit),
  );
  app.post(
    "/api/v1/reference-requests/:id/approve",
    {
      schema: {
        tags,
        summary: "Approve a request; with contactId, also ask that candidate",
        params: idParam,
        body: pickInput,
        response: { 200: requestDetailOutput },
      },
      config: { permission: "references:manage" },
    },
    async (request) =>
      approveRequest(scopeOf(request), request.params.id, request.body, actorOf(request), links(request)),
  );
  app.post(
    "/api/v1/reference-requests/:id/ask",
    {
      schema: {
        tags,
        summary:
          "Ask a candidate (the best one when contactId is omitted): records the ask, emails a one-time answer link",
        params: idParam,
        body: pickInput,
        response: { 200: requestDetailOutput },
      },
      config: { permission: "references:manage" },
    },
    async (request) =>
      askCandidate(scopeOf(request), request.params.id, request.body, actorOf(request), links(request)),
  );
  app.post(
    "/api/v1/reference-requests/:id/outcome",
    {
      schema: {
        tags,
        summary: "Record the call (completed or no-show; completed pays thank-you points once) and the deal",
        params: idParam,
        body: outcomeInput,
        response: { 200: requestDetailOutput },
      },
      config: { permission: "references:manage" },
    },
    async (request) => recordOutcome(scopeOf(request), request.params.id, request.body, actorOf(request)),
  );
  app.post(
    "/api/v1/reference-requests/:id/cancel",
    {
      schema: {
        tags,
        summary: "Cancel a request; an open ask is withdrawn",
        params: idParam,
        body: cancelInput,
        response: { 200: requestDetailOutput },
      },
      config: { permission: "references:request" },
    },
    async (request) => cancelRequest(scopeOf(request), request.params.id, request.body, actorOf(request)),
  );
  app.post(
    "/api/v1/reference-asks/:id/respond",
    {
      schema: {
        tags,
        summary: "Record the advocate's answer on their behalf; a decline offers the next candidate",
        params: idParam,
        body: askDecisionInput,
        response: { 200: respondOutput },
      },
      config: { permission: "references:manage" },
    },
    async (request) => respondToAsk(scopeOf(request), request.params.id, request.body, "manager", links(request)),
  );
  app.post(
    "/api/v1/reference-asks/respond",
    {
      schema: {
        tags,
        summary: "The advocate's answer through the emailed one-time link (no sign-in; the token is the credential)",
        body: tokenDecisionInput,
        response: { 200: z.object({ status: z.string(), respondedAt: z.string() }) },
      },
      config: { public: true },
    },
    async (request) => {
      const { db, clock } = request.server.deps;
      return respondWithToken((tenantId) => ({ db, clock, tenantId }), request.body, links(request));
    },
  );

  app.get(
    "/api/v1/references/reports/utilisation",
    {
      schema: {
        tags,
        summary: "Overused and idle references: asks per profile in the window and this quarter against limits",
        querystring: reportQuery,
        response: { 200: utilisationOutput },
      },
      config: { permission: "programs:read" },
    },
    async (request) => utilisationReport(scopeOf(request), request.query),
  );
  app.get(
    "/api/v1/references/reports/coverage",
    {
      schema: {
        tags,
        summary: "Industries, sizes, regions, products and competitors with no available reference",
        querystring: reportQuery,
        response: { 200: coverageOutput },
      },
      config: { permission: "programs:read" },
    },
    async (request) => coverageReport(scopeOf(request), request.query),
  );
  app.get(
    "/api/v1/references/reports/influence",
    {
      schema: {
        tags,
        summary: "Pipeline and revenue influenced by reference calls, once per opportunity",
        querystring: reportQuery,
        response: { 200: influenceOutput },
      },
      config: { permission: "programs:read" },
    },
    async (request) => influenceReport(scopeOf(request), request.query),
  );

  app.get(
    "/api/v1/settings/references",
    {
      schema: { tags, summary: "Reference workflow settings", response: { 200: referenceSettings } },
      config: { permission: "settings:read" },
    },
    async (request) => getReferenceSettings(scopeOf(request)),
  );
  app.put(
    "/api/v1/settings/references",
    {
      schema: {
        tags,
        summary: "Auto-pick, cooldown, thank-you points, detractor window, link lifetime, SLAs",
        body: referenceSettings,
        response: { 200: referenceSettings },
      },
      config: { permission: "settings:manage" },
    },
    async (request) => setReferenceSettings(scopeOf(request), request.body),
  );
  app.get(
    "/api/v1/settings/ask-fatigue",
    {
      schema: { tags: ["asks"], summary: "Limits on asks of one contact", response: { 200: fatigueSettings } },
      config: { permission: "settings:read" },
    },
    async (request) => getFatigueSettings(scopeOf(request)),
  );
  app.put(
    "/api/v1/settings/ask-fatigue",
    {
      schema: {
        tags: ["asks"],
        summary: "Set the per-quarter limits (all kinds, per kind) and the rest days after any ask",
        body: fatigueSettings,
        response: { 200: fatigueSettings },
      },
      config: { permission: "settings:manage" },
    },
    async (request) => setFatigueSettings(scopeOf(request), request.body),
  );
  app.get(
    "/api/v1/contacts/:id/asks",
    {
      schema: {
        tags: ["asks"],
        summary: "Every ask made of a contact in the last year (references, referrals, reviews…) and their own limits",
        params: idParam,
        response: { 200: contactAsksOutput },
      },
      config: { permission: "crm:read" },
    },
    async (request) => {
      const scope = scopeOf(request);
      await getContact(scope, request.params.id);
      const [data, limits] = await Promise.all([
        asksOf(scope, request.params.id),
        contactAskLimits(scope, request.params.id),
      ]);
      return { data, limits };
    },
  );
  app.get(
    "/api/v1/contacts/:id/references",
    {
      schema: {
        tags: ["references"],
        summary: "The references a contact was asked for: prospect, their answer and reason, the call and the deal",
        params: idParam,
        response: { 200: referencesGivenOutput },
      },
      config: { permission: "crm:read" },
    },
    async (request) => {
      const scope = scopeOf(request);
      await getContact(scope, request.params.id);
      return referencesGiven(scope, request.params.id);
    },
  );
  app.get(
    "/api/v1/contacts/:id/ask-check",
    {
      schema: {
        tags: ["asks"],
        summary: "May this contact be asked for this kind of thing now, and if not why",
        params: idParam,
        querystring: z.object({ kind: askKind }),
        response: { 200: askCheckOutput },
      },
      config: { permission: "crm:read" },
    },
    async (request) => {
      const scope = scopeOf(request);
      await getContact(scope, request.params.id);
      return checkAskAllowed(scope, request.params.id, request.query.kind);
    },
  );
};
