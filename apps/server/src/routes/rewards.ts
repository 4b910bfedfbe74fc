import {
  budgetInput,
  budgetOutput,
  createReward,
  createRewardInput,
  decideRedemption,
  decideRedemptionInput,
  getRedemption,
  getReward,
  getRewardSettings,
  listBudgets,
  listRedemptions,
  listRedemptionsQuery,
  listRewards,
  listRewardsQuery,
  redeemInput,
  redeemReward,
  redemptionOutput,
  rewardOutput,
  rewardSettings,
  setBudget,
  setRewardSettings,
  updateReward,
  updateRewardInput,
} from "@advo/core/rewards";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf, contactOfRequest } from "../actor.ts";
import { scopeOf } from "../deps.ts";

const idParam = z.object({ id: z.string().max(40) });

export const rewardRoutes: FastifyPluginAsyncZod = async (app) => {
  const read = { permission: "programs:read" } as const;
  const manage = { permission: "programs:manage" } as const;

  app.get(
    "/api/v1/rewards",
    {
      schema: {
        tags: ["rewards"],
        summary: "The reward catalog (for one advocate: only what they may redeem)",
        querystring: listRewardsQuery,
        response: { 200: z.object({ data: z.array(rewardOutput) }) },
      },
      config: read,
    },
    async (request) => ({ data: await listRewards(scopeOf(request), request.query) }),
  );
  app.post(
    "/api/v1/rewards",
    {
      schema: {
        tags: ["rewards"],
        summary: "Add a reward to the catalog",
        body: createRewardInput,
        response: { 201: rewardOutput },
      },
      config: manage,
    },
    async (request, reply) => reply.code(201).send(await createReward(scopeOf(request), request.body)),
  );
  app.get(
    "/api/v1/rewards/:id",
    {
      schema: { tags: ["rewards"], summary: "One reward", params: idParam, response: { 200: rewardOutput } },
      config: read,
    },
    async (request) => getReward(scopeOf(request), request.params.id),
  );
  app.patch(
    "/api/v1/rewards/:id",
    {
      schema: {
        tags: ["rewards"],
        summary: "Change a reward (stock, cost, availability…)",
        params: idParam,
        body: updateRewardInput,
        response: { 200: rewardOutput },
      },
      config: manage,
    },
    async (request) => updateReward(scopeOf(request), request.params.id, request.body),
  );
  app.get(
    "/api/v1/redemptions",
    {
      schema: {
        tags: ["rewards"],
        summary: "Redemptions, newest first: the approval queue is ?state=requested",
        querystring: listRedemptionsQuery,
        response: { 200: z.object({ data: z.array(redemptionOutput) }) },
      },
      config: read,
    },
    async (request) => ({ data: await listRedemptions(scopeOf(request), request.query) }),
  );
  app.post(
    "/api/v1/redemptions",
    {
      schema: {
        tags: ["rewards"],
        summary:
          "Redeem points for a reward (an advocate as themselves, staff with contactId). 409 when out of stock, over a limit or budget, or the balance is short",
        body: redeemInput,
        response: { 201: redemptionOutput },
      },
      config: { permission: "redemptions:create" },
    },
    async (request, reply) => {
      const contactId = contactOfRequest(request, request.body.contactId);
      return reply.code(201).send(await redeemReward(scopeOf(request), contactId, request.body, actorOf(request)));
    },
  );
  app.get(
    "/api/v1/redemptions/:id",
    {
      schema: { tags: ["rewards"], summary: "One redemption", params: idParam, response: { 200: redemptionOutput } },
      config: read,
    },
    async (request) => getRedemption(scopeOf(request), request.params.id),
  );
  app.post(
    "/api/v1/redemptions/:id/decision",
    {
      schema: {
        tags: ["rewards"],
        summary: "Approve, reject (points refunded, stock and budget returned) or mark fulfilled",
        params: idParam,
        body: decideRedemptionInput,
        response: { 200: redemptionOutput },
      },
      config: manage,
    },
    async (request) => decideRedemption(scopeOf(request), request.params.id, request.body, actorOf(request)),
  );
  app.get(
    "/api/v1/reward-budgets",
    {
      schema: {
        tags: ["rewards"],
        summary: "Quarterly reward budgets with what is spent",
        querystring: z.object({ quarter: z.string().max(10).optional() }),
        response: { 200: z.object({ data: z.array(budgetOutput) }) },
      },
      config: read,
    },
    async (request) => ({ data: await listBudgets(scopeOf(request), request.query.quarter) }),
  );
  app.put(
    "/api/v1/reward-budgets",
    {
      schema: {
        tags: ["rewards"],
        summary: "Set a quarter's budget (workspace-wide, or for one program)",
        body: budgetInput,
        response: { 200: budgetOutput },
      },
      config: manage,
    },
    async (request) => {
      const budget = await setBudget(scopeOf(request), request.body);
      if (!budget) throw new Error("budget not stored");
      return budget;
    },
  );
  app.get(
    "/api/v1/settings/rewards",
    {
      schema: { tags: ["settings"], summary: "Reward approval threshold", response: { 200: rewardSettings } },
      config: { permission: "settings:read" },
    },
    async (request) => getRewardSettings(scopeOf(request)),
  );
  app.put(
    "/api/v1/settings/rewards",
    {
      schema: {
        tags: ["settings"],
        summary: "Set the reward approval threshold",
        body: rewardSettings,
        response: { 200: rewardSettings },
      },
      config: { permission: "settings:manage" },
    },
    async (request) => setRewardSettings(scopeOf(request), request.body),
  );
};
