import {
  COMPLIANCE_SETTING,
  challengeOutput,
  createChallenge,
  createChallengeInput,
  createProgram,
  createProgramInput,
  defaultPolicy,
  getChallenge,
  getProgram,
  getSubmission,
  inviteMembers,
  inviteMembersInput,
  listChallenges,
  listChallengesQuery,
  listMembers,
  listMembersQuery,
  listPrograms,
  listProgramsQuery,
  listSubmissions,
  listSubmissionsQuery,
  memberOutput,
  memberStateInput,
  programOutput,
  reviewSubmission,
  reviewSubmissionInput,
  setMemberState,
  submissionFile,
  submissionOutput,
  submitInput,
  submitToChallenge,
  updateChallenge,
  updateChallengeInput,
  updateProgram,
  updateProgramInput,
} from "@advo/core/programs";
import { getTenantSetting, setTenantSetting } from "@advo/core/tenants";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf, contactOfRequest } from "../actor.ts";
import { scopeOf } from "../deps.ts";

const idParam = z.object({ id: z.string().max(40) });
const memberParams = z.object({ id: z.string().max(40), contactId: z.string().max(40) });

const compliancePolicyInput = z.object({
  pointValueCents: z.number().min(0).max(100_000).default(defaultPolicy.pointValueCents),
  reviewSiteCaps: z
    .record(z.string().max(40), z.number().int().min(0))
    .default({})
    .describe('Cents per review site, e.g. {"g2": 2500}'),
  allowReviewGatingOverride: z.boolean().default(false),
  disclosureTemplate: z.string().trim().min(10).max(500).default(defaultPolicy.disclosureTemplate),
});

export const programRoutes: FastifyPluginAsyncZod = async (app) => {
  const read = { permission: "programs:read" } as const;
  const manage = { permission: "programs:manage" } as const;

  app.get(
    "/api/v1/programs",
    {
      schema: {
        tags: ["programs"],
        summary: "Programs with members by state, points awarded and goal progress",
        querystring: listProgramsQuery,
        response: { 200: z.object({ data: z.array(programOutput) }) },
      },
      config: read,
    },
    async (request) => ({ data: await listPrograms(scopeOf(request), request.query) }),
  );
  app.post(
    "/api/v1/programs",
    {
      schema: {
        tags: ["programs"],
        summary: "Create a program",
        body: createProgramInput,
        response: { 201: programOutput },
      },
      config: manage,
    },
    async (request, reply) => reply.code(201).send(await createProgram(scopeOf(request), request.body)),
  );
  app.get(
    "/api/v1/programs/:id",
    {
      schema: { tags: ["programs"], summary: "One program", params: idParam, response: { 200: programOutput } },
      config: read,
    },
    async (request) => getProgram(scopeOf(request), request.params.id),
  );
  app.patch(
    "/api/v1/programs/:id",
    {
      schema: {
        tags: ["programs"],
        summary: "Change a program (its type is fixed)",
        params: idParam,
        body: updateProgramInput,
        response: { 200: programOutput },
      },
      config: manage,
    },
    async (request) => updateProgram(scopeOf(request), request.params.id, request.body),
  );
  app.get(
    "/api/v1/programs/:id/members",
    {
      schema: {
        tags: ["programs"],
        summary: "A program's members, most recently changed first",
        params: idParam,
        querystring: listMembersQuery,
        response: { 200: z.object({ data: z.array(memberOutput) }) },
      },
      config: read,
    },
    async (request) => ({ data: await listMembers(scopeOf(request), request.params.id, request.query) }),
  );
  app.post(
    "/api/v1/programs/:id/members",
    {
      schema: {
        tags: ["programs"],
        summary:
          "Invite contacts, or every member of the program's eligibility segment; each invitation is an ask, checked against fatigue limits",
        params: idParam,
        body: inviteMembersInput,
        response: {
          200: z.object({
            invited: z.number(),
            alreadyMembers: z.number(),
            skipped: z
              .array(z.object({ contactId: z.string(), reasons: z.array(z.string()) }))
              .describe("Protected by ask-fatigue limits"),
          }),
        },
      },
      config: manage,
    },
    async (request) => inviteMembers(scopeOf(request), request.params.id, request.body),
  );
  app.put(
    "/api/v1/programs/:id/members/:contactId",
    {
      schema: {
        tags: ["programs"],
        summary: "Move a member: joined, declined (with reason), active or lapsed",
        params: memberParams,
        body: memberStateInput,
        response: { 200: memberOutput },
      },
      config: manage,
    },
    async (request) =>
      setMemberState(
        scopeOf(request),
        request.params.id,
        request.params.contactId,
        request.body.state,
        request.body.reason,
      ),
  );

  app.get(
    "/api/v1/challenges",
    {
      schema: {
        tags: ["challenges"],
        summary: "Challenges (asks)",
        querystring: listChallengesQuery,
        response: { 200: z.object({ data: z.array(challengeOutput) }) },
      },
      config: read,
    },
    async (request) => ({ data: await listChallenges(scopeOf(request), request.query) }),
  );
  app.post(
    "/api/v1/challenges",
    {
      schema: {
        tags: ["challenges"],
        summary:
          "Create a challenge. Review asks aimed at a satisfaction-filtered audience are refused (review gating); per-site incentive caps apply",
        body: createChallengeInput,
        response: { 201: challengeOutput },
      },
      config: manage,
    },
    async (request, reply) =>
      reply.code(201).send(await createChallenge(scopeOf(request), request.body, actorOf(request))),
  );
  app.get(
    "/api/v1/challenges/:id",
    {
      schema: { tags: ["challenges"], summary: "One challenge", params: idParam, response: { 200: challengeOutput } },
      config: read,
    },
    async (request) => getChallenge(scopeOf(request), request.params.id),
  );
  app.patch(
    "/api/v1/challenges/:id",
    {
      schema: {
        tags: ["challenges"],
        summary: "Change a challenge",
        params: idParam,
        body: updateChallengeInput,
        response: { 200: challengeOutput },
      },
      config: manage,
    },
    async (request) => updateChallenge(scopeOf(request), request.params.id, request.body),
  );
  app.get(
    "/api/v1/challenges/:id/submissions",
    {
      schema: {
        tags: ["challenges"],
        summary: "A challenge's submissions",
        params: idParam,
        querystring: listSubmissionsQuery,
        response: { 200: z.object({ data: z.array(submissionOutput) }) },
      },
      config: read,
    },
    async (request) => {
      const scope = scopeOf(request);
      await getChallenge(scope, request.params.id);
      return { data: await listSubmissions(scope, { ...request.query, challengeId: request.params.id }) };
    },
  );
  app.post(
    "/api/v1/challenges/:id/submissions",
    {
      schema: {
        tags: ["challenges"],
        summary:
          "Answer a challenge with evidence: an advocate as themselves, staff with contactId. Automatic challenges are approved and paid at once; send Idempotency-Key to make retries safe",
        params: idParam,
        body: submitInput,
        response: { 201: submissionOutput },
      },
      config: { permission: "submissions:create" },
    },
    async (request, reply) => {
      const contactId = contactOfRequest(request, request.body.contactId);
      const submission = await submitToChallenge(
        scopeOf(request),
        request.params.id,
        contactId,
        request.body,
        actorOf(request),
      );
      return reply.code(201).send(submission);
    },
  );
  app.get(
    "/api/v1/submissions",
    {
      schema: {
        tags: ["challenges"],
        summary: "Submissions across challenges: the review queue is ?state=pending",
        querystring: listSubmissionsQuery,
        response: { 200: z.object({ data: z.array(submissionOutput) }) },
      },
      config: read,
    },
    async (request) => ({ data: await listSubmissions(scopeOf(request), request.query) }),
  );
  app.get(
    "/api/v1/submissions/:id",
    {
      schema: { tags: ["challenges"], summary: "One submission", params: idParam, response: { 200: submissionOutput } },
      config: read,
    },
    async (request) => getSubmission(scopeOf(request), request.params.id),
  );
  app.get(
    "/api/v1/submissions/:id/file",
    { schema: { tags: ["challenges"], summary: "The file attached as evidence", params: idParam }, config: read },
    async (request, reply) => {
      const file = await submissionFile(scopeOf(request), request.params.id);
      return reply
        .type("application/octet-stream")
        .header("content-disposition", `attachment; filename="${encodeURIComponent(file.name)}"`)
        .header("x-content-type-options", "nosniff")
        .send(file.bytes);
    },
  );
  app.post(
    "/api/v1/submissions/:id/review",
    {
      schema: {
        tags: ["challenges"],
        summary: "Approve (pays the challenge's points, exactly once) or reject with a category and reason",
        params: idParam,
        body: reviewSubmissionInput,
        response: { 200: submissionOutput },
      },
      config: manage,
    },
    async (request) => reviewSubmission(scopeOf(request), request.params.id, request.body, actorOf(request)),
  );

  app.get(
    "/api/v1/settings/compliance",
    {
      schema: {
        tags: ["settings"],
        summary: "Endorsement compliance policy (FTC): point value, review-site caps, disclosure text",
        response: { 200: compliancePolicyInput },
      },
      config: { permission: "settings:read" },
    },
    async (request) => {
      const scope = scopeOf(request);
      return compliancePolicyInput.parse((await getTenantSetting(scope.db, scope.tenantId, COMPLIANCE_SETTING)) ?? {});
    },
  );
  app.put(
    "/api/v1/settings/compliance",
    {
      schema: {
        tags: ["settings"],
        summary: "Set the endorsement compliance policy",
        body: compliancePolicyInput,
        response: { 200: compliancePolicyInput },
      },
      config: { permission: "settings:manage" },
    },
    async (request) => {
      const scope = scopeOf(request);
      await setTenantSetting(scope.db, scope.tenantId, COMPLIANCE_SETTING, request.body);
      return request.body;
    },
  );
};
