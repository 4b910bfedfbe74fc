import { AppError } from "@advo/core";
import {
  communityOfAdvocate,
  eventFeedbackInput,
  eventForAdvocate,
  giveEventFeedback,
  hubCommunityOutput,
  hubRsvpInput,
  hubRsvpOutput,
  respondAsAdvocate,
  setOwnMembership,
} from "@advo/core/community";
import { advocateContentOutput, advocateDecisionInput, contentOfAdvocate, decideAsAdvocate } from "@advo/core/content";
import {
  hubProfile,
  hubProfileOutput,
  hubProgramOutput,
  hubReferenceAskOutput,
  programsOf,
  redeemMagicLink,
  referenceAsksOf,
  requestMagicLink,
  updateHubProfile,
  updateHubProfileInput,
} from "@advo/core/hub";
import { getLedgerAccount, ledgerAccountOutput, ledgerHistoryQuery } from "@advo/core/ledger";
import {
  challengeOutput,
  challengesFor,
  listSubmissions,
  memberOutput,
  setMemberState,
  submissionOutput,
  submitInput,
  submitToChallenge,
} from "@advo/core/programs";
import {
  leaderboard,
  leaderboardOutput,
  leaderboardQuery,
  listShoutouts,
  shoutoutOutput,
  standingOf,
  standingOutput,
} from "@advo/core/recognition";
import { askDecisionInput, respondToAsk } from "@advo/core/references";
import { issueCode, listCodes, referralCodeOutput } from "@advo/core/referrals";
import {
  listRedemptions,
  listRewards,
  redeemInput,
  redeemReward,
  redemptionOutput,
  rewardOutput,
} from "@advo/core/rewards";
import { email, signOut } from "@advo/core/users";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../actor.ts";
import { scopeOf } from "../deps.ts";
import { HUB_COOKIE, setHubCookie } from "../plugins/auth.ts";
import { sendCalendar } from "./community.ts";

const idParam = z.object({ id: z.string().max(40) });

function me(request: FastifyRequest): string {
  const contactId = request.auth?.contactId;
  if (!contactId) throw new AppError("forbidden", "the advocate hub is for advocates signed in with their link");
  return contactId;
}

export const hubRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock, config } = app.deps;
  const hub = { permission: "hub:use" } as const;

  app.post(
    "/api/v1/hub/sign-in",
    {
      schema: {
        tags: ["hub"],
        summary: "Email a one-time sign-in link to an advocate. Always 202, so it cannot reveal who is a customer",
        body: z.object({ workspace: z.string().trim().min(1).max(60), email }),
        response: { 202: z.object({ sent: z.literal(true) }) },
      },
      config: { public: true },
    },
    async (request, reply) => {
      await requestMagicLink(db, clock, request.body, config.publicUrl);
      return reply.code(202).send({ sent: true as const });
    },
  );
  app.post(
    "/api/v1/hub/session",
    {
      schema: {
        tags: ["hub"],
        summary: "Exchange a sign-in link's token (once, within 15 minutes) for a hub session cookie",
        body: z.object({ token: z.string().min(10).max(300) }),
        response: { 200: hubProfileOutput },
      },
      config: { public: true },
    },
    async (request, reply) => {
      const session = await redeemMagicLink(db, clock, request.body.token);
      // The hub session this browser carried before (perhaps someone else's) ends with this sign-in.
      const previous = request.cookies[HUB_COOKIE];
      if (previous) await signOut(db, clock, previous);
      setHubCookie(reply, session.token, config.cookieSecure);
      return hubProfile({ db, clock, tenantId: session.tenantId }, session.contactId);
    },
  );
  app.delete(
    "/api/v1/hub/session",
    {
      schema: { tags: ["hub"], summary: "Sign out of the hub", response: { 204: z.null() } },
      config: { public: true },
    },
    async (request, reply) => {
      const token = request.cookies[HUB_COOKIE];
      if (token) await signOut(db, clock, token);
      reply.clearCookie(HUB_COOKIE, { path: "/" });
      return reply.code(204).send(null);
    },
  );
  app.get(
    "/api/v1/hub/programs",
    {
      schema: {
        tags: ["hub"],
        summary: "Programs I belong to, was invited to, or may join",
        response: { 200: z.object({ data: z.array(hubProgramOutput) }) },
      },
      config: hub,
    },
    async (request) => ({ data: await programsOf(scopeOf(request), me(request)) }),
  );
  app.get(
    "/api/v1/hub/referral-links",
    {
      schema: {
        tags: ["hub"],
        summary: "My referral codes and share links",
        response: { 200: z.object({ data: z.array(referralCodeOutput) }) },
      },
      config: hub,
    },
    async (request) => ({
      data: await listCodes(scopeOf(request), { contactId: me(request), limit: 50 }, config.publicUrl),
    }),
  );
  app.post(
    "/api/v1/hub/referral-links",
    {
      schema: {
        tags: ["hub"],
        summary: "Get my share link for a referral program I am a member of (issued once, then the same one)",
        body: z.object({ programId: z.string().min(1).max(40) }),
        response: { 200: referralCodeOutput },
      },
      config: hub,
    },
    async (request) => {
      const scope = scopeOf(request);
      const member = (await programsOf(scope, me(request))).find((p) => p.id === request.body.programId);
      if (!member || !["joined", "active"].includes(member.membership ?? "")) {
        throw new AppError("forbidden", "join this referral program first to get a share link");
      }
      return (await issueCode(scope, { programId: request.body.programId, contactId: me(request) }, config.publicUrl))
        .code;
    },
  );
  app.get(
    "/api/v1/hub/reference-asks",
    {
      schema: {
        tags: ["hub"],
        summary: "Reference calls I am asked for",
        response: { 200: z.object({ data: z.array(hubReferenceAskOutput) }) },
      },
      config: hub,
    },
    async (request) => ({ data: await referenceAsksOf(scopeOf(request), me(request)) }),
  );
  app.post(
    "/api/v1/hub/reference-asks/:id/respond",
    {
      schema: {
        tags: ["hub"],
        summary: "Accept or decline a reference ask (with a reason)",
        params: idParam,
        body: askDecisionInput,
        response: { 200: z.object({ data: z.array(hubReferenceAskOutput) }) },
      },
      config: hub,
    },
    async (request) => {
      const scope = scopeOf(request);
      const mine = await referenceAsksOf(scope, me(request));
      if (!mine.some((a) => a.id === request.params.id))
        throw new AppError("not_found", `reference ask "${request.params.id}" was not found`);
      await respondToAsk(scope, request.params.id, request.body, "hub");
      return { data: await referenceAsksOf(scope, me(request)) };
    },
  );
  app.get(
    "/api/v1/hub/me",
    {
      schema: {
        tags: ["hub"],
        summary: "The signed-in advocate's profile, consent and preferences",
        response: { 200: hubProfileOutput },
      },
      config: hub,
    },
    async (request) => hubProfile(scopeOf(request), me(request)),
  );
  app.patch(
    "/api/v1/hub/me",
    {
      schema: {
        tags: ["hub"],
        summary: "Update name, title, consent (time-stamped) and email frequency",
        body: updateHubProfileInput,
        response: { 200: hubProfileOutput },
      },
      config: hub,
    },
    async (request) => updateHubProfile(scopeOf(request), me(request), request.body),
  );
  app.get(
    "/api/v1/hub/standing",
    {
      schema: { tags: ["hub"], summary: "My points, tier and badges", response: { 200: standingOutput } },
      config: hub,
    },
    async (request) => standingOf(scopeOf(request), me(request)),
  );
  app.get(
    "/api/v1/hub/content",
    {
      schema: {
        tags: ["hub"],
        summary: "My words the team wrote with me: what waits for my approval, and what is in use where",
        response: { 200: z.object({ data: z.array(advocateContentOutput) }) },
      },
      config: hub,
    },
    async (request) => ({ data: await contentOfAdvocate(scopeOf(request), me(request)) }),
  );
  app.post(
    "/api/v1/hub/content/:id/decision",
    {
      schema: {
        tags: ["hub"],
        summary: "Approve the version of my content I read, or ask for changes (with a comment)",
        params: idParam,
        body: advocateDecisionInput,
        response: { 200: z.object({ status: z.enum(["approved", "changes_requested"]) }) },
      },
      config: hub,
    },
    async (request) => decideAsAdvocate(scopeOf(request), me(request), request.params.id, request.body),
  );
  app.get(
    "/api/v1/hub/community",
    {
      schema: {
        tags: ["hub"],
        summary: "My community: the spaces I am in or may join, and the events I may come to or registered for",
        response: { 200: hubCommunityOutput },
      },
      config: hub,
    },
    async (request) => communityOfAdvocate(scopeOf(request), me(request)),
  );
  app.post(
    "/api/v1/hub/community/events/:id/rsvp",
    {
      schema: {
        tags: ["hub"],
        summary: "I'm coming (a place, or the waitlist when full), or I can't after all",
        params: idParam,
        body: hubRsvpInput,
        response: { 200: hubRsvpOutput },
      },
      config: hub,
    },
    async (request) =>
      respondAsAdvocate(scopeOf(request), me(request), request.params.id, request.body.going, {
        linkBase: app.deps.config.publicUrl,
      }),
  );
  app.post(
    "/api/v1/hub/community/events/:id/feedback",
    {
      schema: {
        tags: ["hub"],
        summary: "How was it? An event I came to, rated 1–5 with a comment if I like (once)",
        params: idParam,
        body: eventFeedbackInput,
        response: { 200: eventFeedbackInput.extend({ comment: z.string().nullable() }) },
      },
      config: hub,
    },
    async (request) => giveEventFeedback(scopeOf(request), me(request), request.params.id, request.body),
  );
  app.post(
    "/api/v1/hub/community/spaces/:id/membership",
    {
      schema: {
        tags: ["hub"],
        summary: "Join an open space, or leave a space",
        params: idParam,
        body: z.object({ member: z.boolean() }),
        response: { 200: z.object({ member: z.boolean(), role: z.enum(["member", "leader"]).nullable() }) },
      },
      config: hub,
    },
    async (request) => setOwnMembership(scopeOf(request), me(request), request.params.id, request.body.member),
  );
  app.get(
    "/api/v1/hub/community/events/:id/calendar.ics",
    {
      schema: { tags: ["hub"], summary: "An event I may come to, as an iCalendar file", params: idParam },
      config: hub,
    },
    async (request, reply) => {
      const { event, registration } = await eventForAdvocate(scopeOf(request), me(request), request.params.id);
      // The joining link, as on the hub's page, only for who is coming.
      const coming = registration?.status === "going" || registration?.status === "attended";
      return sendCalendar(reply, event, app.deps.config.publicUrl, coming);
    },
  );
  app.get(
    "/api/v1/hub/challenges",
    {
      schema: {
        tags: ["hub"],
        summary: "Challenges open to me now",
        response: { 200: z.object({ data: z.array(challengeOutput) }) },
      },
      config: hub,
    },
    async (request) => ({ data: await challengesFor(scopeOf(request), me(request)) }),
  );
  app.post(
    "/api/v1/hub/challenges/:id/submissions",
    {
      schema: {
        tags: ["hub"],
        summary: "Answer a challenge with evidence",
        params: idParam,
        body: submitInput.omit({ contactId: true }),
        response: { 201: submissionOutput },
      },
      config: hub,
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await submitToChallenge(scopeOf(request), request.params.id, me(request), request.body, actorOf(request)),
        ),
  );
  app.get(
    "/api/v1/hub/submissions",
    {
      schema: {
        tags: ["hub"],
        summary: "My submissions",
        response: { 200: z.object({ data: z.array(submissionOutput) }) },
      },
      config: hub,
    },
    async (request) => ({
      data: await listSubmissions(scopeOf(request), { contactId: me(request), limit: 100, offset: 0 }),
    }),
  );
  app.get(
    "/api/v1/hub/rewards",
    {
      schema: {
        tags: ["hub"],
        summary: "Rewards I may redeem",
        response: { 200: z.object({ data: z.array(rewardOutput) }) },
      },
      config: hub,
    },
    async (request) => ({ data: await listRewards(scopeOf(request), { contactId: me(request) }) }),
  );
  app.post(
    "/api/v1/hub/redemptions",
    {
      schema: {
        tags: ["hub"],
        summary: "Redeem my points for a reward",
        body: redeemInput.omit({ contactId: true }),
        response: { 201: redemptionOutput },
      },
      config: hub,
    },
    async (request, reply) =>
      reply.code(201).send(await redeemReward(scopeOf(request), me(request), request.body, actorOf(request))),
  );
  app.get(
    "/api/v1/hub/redemptions",
    {
      schema: {
        tags: ["hub"],
        summary: "My redemptions",
        response: { 200: z.object({ data: z.array(redemptionOutput) }) },
      },
      config: hub,
    },
    async (request) => ({
      data: await listRedemptions(scopeOf(request), { contactId: me(request), limit: 100, offset: 0 }),
    }),
  );
  app.get(
    "/api/v1/hub/ledger",
    {
      schema: {
        tags: ["hub"],
        summary: "My points history",
        querystring: ledgerHistoryQuery,
        response: { 200: ledgerAccountOutput },
      },
      config: hub,
    },
    async (request) => getLedgerAccount(scopeOf(request), me(request), request.query),
  );
  app.get(
    "/api/v1/hub/leaderboard",
    {
      schema: {
        tags: ["hub"],
        summary: "The leaderboard (names only of advocates who agreed to public recognition)",
        querystring: leaderboardQuery,
        response: { 200: leaderboardOutput },
      },
      config: hub,
    },
    async (request) => leaderboard(scopeOf(request), request.query, "public"),
  );
  app.get(
    "/api/v1/hub/shoutouts",
    {
      schema: { tags: ["hub"], summary: "Shout-outs", response: { 200: z.object({ data: z.array(shoutoutOutput) }) } },
      config: hub,
    },
    async (request) => ({ data: await listShoutouts(scopeOf(request), "public") }),
  );
  app.post(
    "/api/v1/hub/programs/:id/membership",
    {
      schema: {
        tags: ["hub"],
        summary: "Join or decline a program I was invited to (or am eligible for)",
        params: idParam,
        body: z.object({ decision: z.enum(["join", "decline"]), reason: z.string().trim().max(500).optional() }),
        response: { 200: memberOutput },
      },
      config: hub,
    },
    async (request) =>
      setMemberState(
        scopeOf(request),
        request.params.id,
        me(request),
        request.body.decision === "join" ? "joined" : "declined",
        request.body.reason,
      ),
  );
};
