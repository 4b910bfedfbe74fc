import {
  awardBadge,
  badgeOutput,
  createBadge,
  createBadgeInput,
  createShoutout,
  createShoutoutInput,
  getTiers,
  leaderboard,
  leaderboardOutput,
  leaderboardQuery,
  listBadges,
  listShoutouts,
  setTiers,
  shoutoutOutput,
  standingOf,
  standingOutput,
  tierDefinition,
  tiersInput,
} from "@advo/core/recognition";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../actor.ts";
import { scopeOf } from "../deps.ts";

const idParam = z.object({ id: z.string().max(40) });

export const recognitionRoutes: FastifyPluginAsyncZod = async (app) => {
  const read = { permission: "programs:read" } as const;
  const manage = { permission: "programs:manage" } as const;

  app.get(
    "/api/v1/badges",
    {
      schema: {
        tags: ["recognition"],
        summary: "Badges with their rules and how many hold each",
        response: { 200: z.object({ data: z.array(badgeOutput) }) },
      },
      config: read,
    },
    async (request) => ({ data: await listBadges(scopeOf(request)) }),
  );
  app.post(
    "/api/v1/badges",
    {
      schema: {
        tags: ["recognition"],
        summary: 'Create a badge from a rule, e.g. {"kind": "submissions", "challengeType": "review", "atLeast": 5}',
        body: createBadgeInput,
        response: { 201: badgeOutput },
      },
      config: manage,
    },
    async (request, reply) => reply.code(201).send(await createBadge(scopeOf(request), request.body)),
  );
  app.post(
    "/api/v1/badges/:id/holders",
    {
      schema: {
        tags: ["recognition"],
        summary: 'Award a badge by hand (e.g. "Speaker")',
        params: idParam,
        body: z.object({ contactId: z.string().min(1).max(40) }),
        response: { 200: standingOutput },
      },
      config: manage,
    },
    async (request) => awardBadge(scopeOf(request), request.params.id, request.body.contactId, actorOf(request)),
  );
  app.get(
    "/api/v1/contacts/:id/standing",
    {
      schema: {
        tags: ["recognition"],
        summary: "An advocate's points, tier, next tier and badges",
        params: idParam,
        response: { 200: standingOutput },
      },
      config: read,
    },
    async (request) => standingOf(scopeOf(request), request.params.id),
  );
  app.get(
    "/api/v1/settings/tiers",
    {
      schema: {
        tags: ["settings"],
        summary: "Tiers by lifetime points and badges",
        response: { 200: z.object({ data: z.array(tierDefinition) }) },
      },
      config: { permission: "settings:read" },
    },
    async (request) => ({ data: await getTiers(scopeOf(request)) }),
  );
  app.put(
    "/api/v1/settings/tiers",
    {
      schema: {
        tags: ["settings"],
        summary: "Set the tiers (ascending, first at 0 points)",
        body: z.object({ data: tiersInput }),
        response: { 200: z.object({ data: z.array(tierDefinition) }) },
      },
      config: { permission: "settings:manage" },
    },
    async (request) => ({ data: await setTiers(scopeOf(request), request.body.data) }),
  );
  app.get(
    "/api/v1/leaderboards",
    {
      schema: {
        tags: ["recognition"],
        summary: "Top advocates by points awarded in a period, overall or in one program",
        querystring: leaderboardQuery,
        response: { 200: leaderboardOutput },
      },
      config: read,
    },
    async (request) => leaderboard(scopeOf(request), request.query),
  );
  app.get(
    "/api/v1/shoutouts",
    {
      schema: {
        tags: ["recognition"],
        summary: "Shout-outs, newest first",
        response: { 200: z.object({ data: z.array(shoutoutOutput) }) },
      },
      config: read,
    },
    async (request) => ({ data: await listShoutouts(scopeOf(request), "staff") }),
  );
  app.post(
    "/api/v1/shoutouts",
    {
      schema: {
        tags: ["recognition"],
        summary: "Thank an advocate publicly on the hub (named only with their consent)",
        body: createShoutoutInput,
        response: { 201: shoutoutOutput },
      },
      config: manage,
    },
    async (request, reply) =>
      reply.code(201).send(await createShoutout(scopeOf(request), request.body, actorOf(request))),
  );
};
