import {
  addMembers,
  addMembersInput,
  attendanceInput,
  attendanceResultOutput,
  cancelEvent,
  cancelEventInput,
  cancelRegistration,
  communitySummary,
  communitySummaryOutput,
  createEvent,
  createEventInput,
  createSpace,
  createSpaceInput,
  eventCalendar,
  eventDetailOutput,
  eventFeedback,
  eventFeedbackOutput,
  eventListQuery,
  eventOutput,
  getEvent,
  getSpace,
  inviteInput,
  inviteResultOutput,
  inviteToEvent,
  listEvents,
  listSpaces,
  recordAttendance,
  registerContacts,
  registerInput,
  registrationStatuses,
  removeMember,
  requireEvent,
  spaceMemberOutput,
  spaceMembers,
  spaceOutput,
  updateEvent,
  updateEventInput,
  updateSpace,
  updateSpaceInput,
} from "@advo/core/community";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../actor.ts";
import { scopeOf } from "../deps.ts";

const idParam = z.object({ id: z.string().max(40) });
const tags = ["community"];
const read = { permission: "programs:read" } as const;
const manage = { permission: "programs:manage" } as const;

/** Sends an event's calendar file; `host` names the UID's domain (this server's public address). */
export function sendCalendar(
  reply: FastifyReply,
  event: Parameters<typeof eventCalendar>[0],
  publicUrl: string,
  onlineUrl: boolean,
) {
  const host = new URL(publicUrl).hostname || "advo";
  return reply
    .type("text/calendar; charset=utf-8")
    .header("content-disposition", `attachment; filename="${event.id}.ics"`)
    .send(eventCalendar(event, { host, onlineUrl }));
}

export const communityRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config } = app.deps;
  const links = { linkBase: config.publicUrl };

  app.get(
    "/api/v1/community/summary",
    {
      schema: {
        tags,
        summary: "Where the community stands: events to come, who is coming or waiting, attendance, members",
        response: { 200: communitySummaryOutput },
      },
      config: read,
    },
    async (request) => communitySummary(scopeOf(request)),
  );
  app.get(
    "/api/v1/community/spaces",
    {
      schema: {
        tags,
        summary: "Spaces: user groups, advisory boards, ambassador circles, with member and upcoming-event counts",
        querystring: z.object({ includeArchived: z.stringbool().default(false) }),
        response: { 200: z.object({ data: z.array(spaceOutput) }) },
      },
      config: read,
    },
    async (request) => ({ data: await listSpaces(scopeOf(request), request.query) }),
  );
  app.post(
    "/api/v1/community/spaces",
    {
      schema: { tags, summary: "Create a space", body: createSpaceInput, response: { 201: spaceOutput } },
      config: manage,
    },
    async (request, reply) => reply.code(201).send(await createSpace(scopeOf(request), request.body)),
  );
  app.get(
    "/api/v1/community/spaces/:id",
    {
      schema: {
        tags,
        summary: "A space with its members",
        params: idParam,
        response: { 200: spaceOutput.extend({ membersList: z.array(spaceMemberOutput) }) },
      },
      config: read,
    },
    async (request) => {
      const scope = scopeOf(request);
      const space = await getSpace(scope, request.params.id);
      return { ...space, membersList: await spaceMembers(scope, space.id) };
    },
  );
  app.patch(
    "/api/v1/community/spaces/:id",
    {
      schema: {
        tags,
        summary: "Change a space (status archived: no new members or events)",
        params: idParam,
        body: updateSpaceInput,
        response: { 200: spaceOutput },
      },
      config: manage,
    },
    async (request) => updateSpace(scopeOf(request), request.params.id, request.body),
  );
  app.post(
    "/api/v1/community/spaces/:id/members",
    {
      schema: {
        tags,
        summary: "Add contacts to a space (invite-only spaces too), as members or leaders",
        params: idParam,
        body: addMembersInput,
        response: { 200: z.object({ added: z.number(), alreadyMembers: z.number() }) },
      },
      config: manage,
    },
    async (request) => addMembers(scopeOf(request), request.params.id, request.body, actorOf(request)),
  );
  app.delete(
    "/api/v1/community/spaces/:id/members/:contactId",
    {
      schema: {
        tags,
        summary: "Take someone out of a space",
        params: z.object({ id: z.string().max(40), contactId: z.string().max(40) }),
      },
      config: manage,
    },
    async (request, reply) => {
      await removeMember(scopeOf(request), request.params.id, request.params.contactId);
      return reply.code(204).send();
    },
  );

  app.get(
    "/api/v1/community/events",
    {
      schema: {
        tags,
        summary: "Events, soonest first (upcoming) or latest first (past), with registration counts",
        querystring: eventListQuery,
        response: { 200: z.object({ data: z.array(eventOutput) }) },
      },
      config: read,
    },
    async (request) => ({ data: await listEvents(scopeOf(request), request.query) }),
  );
  app.post(
    "/api/v1/community/events",
    {
      schema: {
        tags,
        summary: "Schedule an event (a meetup, webinar, workshop, board meeting or conference)",
        body: createEventInput,
        response: { 201: eventDetailOutput },
      },
      config: manage,
    },
    async (request, reply) => reply.code(201).send(await createEvent(scopeOf(request), request.body)),
  );
  app.get(
    "/api/v1/community/events/:id",
    {
      schema: {
        tags,
        summary: "An event with everyone registered, invited or on the waitlist",
        params: idParam,
        response: { 200: eventDetailOutput },
      },
      config: read,
    },
    async (request) => getEvent(scopeOf(request), request.params.id),
  );
  app.patch(
    "/api/v1/community/events/:id",
    {
      schema: {
        tags,
        summary:
          "Change an event; a new time or place is emailed to who is registered, more places move the waitlist up",
        params: idParam,
        body: updateEventInput,
        response: { 200: eventDetailOutput },
      },
      config: manage,
    },
    async (request) => updateEvent(scopeOf(request), request.params.id, request.body, links),
  );
  app.post(
    "/api/v1/community/events/:id/cancel",
    {
      schema: {
        tags,
        summary: "Cancel an event; everyone registered or invited is emailed the reason",
        params: idParam,
        body: cancelEventInput,
        response: { 200: eventDetailOutput },
      },
      config: manage,
    },
    async (request) => cancelEvent(scopeOf(request), request.params.id, request.body.reason, links),
  );
  app.post(
    "/api/v1/community/events/:id/registrations",
    {
      schema: {
        tags,
        summary:
          "Register contacts: attendees take places while there are any, then the waitlist; speakers and hosts always",
        params: idParam,
        body: registerInput,
        response: { 200: z.object({ going: z.number(), waitlisted: z.number(), already: z.number() }) },
      },
      config: manage,
    },
    async (request) => {
      const { going, waitlisted, already } = await registerContacts(
        scopeOf(request),
        request.params.id,
        request.body,
        links,
      );
      return { going, waitlisted, already };
    },
  );
  app.delete(
    "/api/v1/community/events/:id/registrations/:contactId",
    {
      schema: {
        tags,
        summary: "Take someone off the event (declined); the first on the waitlist gets the place and an email",
        params: z.object({ id: z.string().max(40), contactId: z.string().max(40) }),
        response: { 200: z.object({ status: z.enum(registrationStatuses) }) },
      },
      config: manage,
    },
    async (request) => ({
      status: await cancelRegistration(scopeOf(request), request.params.id, request.params.contactId, links),
    }),
  );
  app.post(
    "/api/v1/community/events/:id/invitations",
    {
      schema: {
        tags,
        summary:
          "Invite contacts by email (an ask: consent and ask-fatigue limits apply; who is skipped is listed with why)",
        params: idParam,
        body: inviteInput,
        response: { 200: inviteResultOutput },
      },
      config: manage,
    },
    async (request) =>
      inviteToEvent(scopeOf(request), request.params.id, request.body, {
        publicUrl: config.publicUrl,
        keys: config.secretKey,
      }),
  );
  app.post(
    "/api/v1/community/events/:id/attendance",
    {
      schema: {
        tags,
        summary:
          "Record who came (advocacy act and attendance points, each once; walk-ins added) and who did not, once it started",
        params: idParam,
        body: attendanceInput,
        response: { 200: attendanceResultOutput },
      },
      config: manage,
    },
    async (request) => recordAttendance(scopeOf(request), request.params.id, request.body, actorOf(request)),
  );
  app.get(
    "/api/v1/community/events/:id/feedback",
    {
      schema: {
        tags,
        summary: "What the attendees said of the event: who was asked, who answered, the mean rating and every comment",
        params: idParam,
        response: { 200: eventFeedbackOutput },
      },
      config: read,
    },
    async (request) => eventFeedback(scopeOf(request), request.params.id),
  );
  app.get(
    "/api/v1/community/events/:id/calendar.ics",
    {
      schema: { tags, summary: "The event as an iCalendar file (text/calendar)", params: idParam },
      config: read,
    },
    async (request, reply) =>
      sendCalendar(reply, await requireEvent(scopeOf(request), request.params.id), config.publicUrl, true),
  );
};
