import {
  activityOutput,
  activityQuery,
  advocacyImpact,
  impactOutput,
  impactQuery,
  overviewOutput,
  workspaceActivity,
  workspaceOverview,
} from "@advo/core/analytics";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { scopeOf } from "../deps.ts";

export const analyticsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/v1/analytics/overview",
    {
      schema: {
        tags: ["analytics"],
        summary: "Workspace counts for the dashboard: contacts, accounts, scores, NPS, events",
        response: { 200: overviewOutput },
      },
      config: { permission: "crm:read" },
    },
    async (request) => workspaceOverview(scopeOf(request)),
  );

  app.get(
    "/api/v1/analytics/activity",
    {
      schema: {
        tags: ["analytics"],
        summary:
          "What happened between two days, per day (per week past 92 days): signals, challenge answers, redemptions, the referral funnel, reference requests",
        querystring: activityQuery,
        response: { 200: activityOutput },
      },
      config: { permission: "crm:read" },
    },
    async (request) => workspaceActivity(scopeOf(request), request.query),
  );

  app.get(
    "/api/v1/analytics/impact",
    {
      schema: {
        tags: ["analytics"],
        summary:
          "What advocacy earned and cost in a period: sourced and influenced revenue, attributed to advocates by a model, ROI, and advocate accounts' renewals against the others'",
        querystring: impactQuery,
        response: { 200: impactOutput },
      },
      config: { permission: "crm:read" },
    },
    async (request) => advocacyImpact(scopeOf(request), request.query),
  );
};
