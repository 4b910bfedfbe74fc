import {
  activateJourney,
  activateJourneyInput,
  archiveJourney,
  createJourney,
  createJourneyInput,
  emailPreviewOutput,
  enrollmentListQuery,
  enrollmentOutput,
  getJourney,
  journeyActionOutput,
  journeyOutput,
  journeyStatuses,
  listEnrollments,
  listJourneyActions,
  listJourneys,
  pauseJourney,
  previewEmailInput,
  previewJourneyEmail,
  updateJourney,
  updateJourneyInput,
} from "@advo/core/journeys";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { scopeOf } from "../deps.ts";

const idParam = z.object({ id: z.string().max(40) });
const tags = ["journeys"];
const actionWithJourney = journeyActionOutput.extend({ journeyId: z.string() });

export const journeyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/v1/journeys",
    {
      schema: {
        tags,
        summary: "Journeys with their enrollment counts (archived ones only when asked for)",
        querystring: z.object({ status: z.enum(journeyStatuses).optional() }),
        response: { 200: z.object({ data: z.array(journeyOutput) }) },
      },
      config: { permission: "programs:read" },
    },
    async (request) => ({ data: await listJourneys(scopeOf(request), request.query) }),
  );
  app.post(
    "/api/v1/journeys",
    {
      schema: {
        tags,
        summary: "Create a journey (a draft: nothing runs until it is activated)",
        body: createJourneyInput,
        response: { 201: journeyOutput },
      },
      config: { permission: "programs:manage" },
    },
    async (request, reply) => reply.code(201).send(await createJourney(scopeOf(request), request.body)),
  );
  app.post(
    "/api/v1/journeys/preview-email",
    {
      schema: {
        tags,
        summary: "An email step as one contact would get it, footer included (nothing is sent or recorded)",
        body: previewEmailInput,
        response: { 200: emailPreviewOutput },
      },
      config: { permission: "programs:read" },
    },
    async (request) =>
      previewJourneyEmail(scopeOf(request), request.body, {
        unsubscribe: { publicUrl: app.deps.config.publicUrl, keys: app.deps.config.secretKey },
      }),
  );
  app.get(
    "/api/v1/journeys/:id",
    {
      schema: { tags, params: idParam, response: { 200: journeyOutput } },
      config: { permission: "programs:read" },
    },
    async (request) => getJourney(scopeOf(request), request.params.id),
  );
  app.patch(
    "/api/v1/journeys/:id",
    {
      schema: {
        tags,
        summary: "Change a draft or paused journey (409 while it is active)",
        params: idParam,
        body: updateJourneyInput,
        response: { 200: journeyOutput },
      },
      config: { permission: "programs:manage" },
    },
    async (request) => updateJourney(scopeOf(request), request.params.id, request.body),
  );
  app.delete(
    "/api/v1/journeys/:id",
    {
      schema: {
        tags,
        summary: "Archive a journey: contacts in it exit; its history stays",
        params: idParam,
        response: { 200: journeyOutput },
      },
      config: { permission: "programs:manage" },
    },
    async (request) => archiveJourney(scopeOf(request), request.params.id),
  );
  app.post(
    "/api/v1/journeys/:id/activate",
    {
      schema: {
        tags,
        summary: "Start or resume a journey; it reacts to trigger changes from now on",
        params: idParam,
        body: activateJourneyInput.nullish(),
        response: { 200: journeyOutput },
      },
      config: { permission: "programs:manage" },
    },
    async (request) => activateJourney(scopeOf(request), request.params.id, request.body ?? {}),
  );
  app.post(
    "/api/v1/journeys/:id/pause",
    {
      schema: {
        tags,
        summary: "Hold every enrollment where it is",
        params: idParam,
        response: { 200: journeyOutput },
      },
      config: { permission: "programs:manage" },
    },
    async (request) => pauseJourney(scopeOf(request), request.params.id),
  );
  app.get(
    "/api/v1/journeys/:id/enrollments",
    {
      schema: {
        tags,
        summary: "Who is in the journey or went through it, newest first",
        params: idParam,
        querystring: enrollmentListQuery,
        response: { 200: z.object({ data: z.array(enrollmentOutput) }) },
      },
      config: { permission: "programs:read" },
    },
    async (request) => ({ data: await listEnrollments(scopeOf(request), request.params.id, request.query) }),
  );
  app.get(
    "/api/v1/journeys/:id/actions",
    {
      schema: {
        tags,
        summary: "What each step did for each contact (sent, skipped and why, failed), newest first",
        params: idParam,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: z.object({ data: z.array(actionWithJourney) }) },
      },
      config: { permission: "programs:read" },
    },
    async (request) => ({
      data: await listJourneyActions(scopeOf(request), { journeyId: request.params.id }, request.query.limit),
    }),
  );
  app.get(
    "/api/v1/contacts/:id/journeys",
    {
      schema: {
        tags,
        summary: "What journeys did for one contact, newest first",
        params: idParam,
        response: { 200: z.object({ data: z.array(actionWithJourney) }) },
      },
      config: { permission: "crm:read" },
    },
    async (request) => ({ data: await listJourneyActions(scopeOf(request), { contactId: request.params.id }) }),
  );
};
