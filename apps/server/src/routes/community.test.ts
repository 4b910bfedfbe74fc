import { manualClock } from "@advo/core";
import { createContact } from "@advo/core/contacts";
import { createApiKey } from "@advo/core/users";
import { createTestTenant, describeDialects } from "@advo/test-kit";
import { expect, it } from "vitest";
import { asAdvocate, bearer, buildTestApp } from "../testing.ts";

const DAY = 86_400_000;

describeDialects("community API", (ctx) => {
  it("schedules an event, registers with a waitlist, invites, serves its calendar, refuses bad input by field", async () => {
    const app = await buildTestApp(ctx.db);
    try {
      const t = await createTestTenant(ctx.db);
      const h = bearer(t.adminKey);
      const people = [];
      for (const name of ["ana", "bo", "cy"])
        people.push(
          await createContact(t.scope, {
            email: `${name}@bank.com`,
            firstName: name,
            consent: { marketingEmail: { granted: true } },
          }),
        );
      const [ana, bo, cy] = people.map((p) => p.id) as [string, string, string];
      const space = await app.inject({
        method: "POST",
        url: "/api/v1/community/spaces",
        headers: h,
        payload: { name: "Berlin User Group", kind: "user_group", region: "Berlin" },
      });
      expect(space.statusCode).toBe(201);
      const startsAt = new Date(Date.now() + 10 * DAY).toISOString();
      const endsAt = new Date(Date.now() + 10 * DAY + 7_200_000).toISOString();
      const body = {
        title: "Winter meetup",
        kind: "meetup",
        spaceId: space.json().id,
        location: "Factory, Berlin",
        timezone: "Europe/Berlin",
        capacity: 1,
        attendancePoints: 50,
        startsAt,
        endsAt,
      };

      const bad = await app.inject({
        method: "POST",
        url: "/api/v1/community/events",
        headers: h,
        payload: { ...body, timezone: "Europe/Atlantis" },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0]).toMatchObject({ path: "timezone", message: expect.stringContaining("IANA") });
      const backwards = await app.inject({
        method: "POST",
        url: "/api/v1/community/events",
        headers: h,
        payload: { ...body, endsAt: startsAt },
      });
      expect(backwards.statusCode).toBe(400);
      expect(backwards.json().errors[0].path).toBe("endsAt");
      const sales = await createApiKey(t.scope, { name: "sales", role: "sales" }, null);
      expect(
        (
          await app.inject({
            method: "POST",
            url: "/api/v1/community/events",
            headers: bearer(sales.key),
            payload: body,
          })
        ).statusCode,
      ).toBe(403);

      const created = await app.inject({ method: "POST", url: "/api/v1/community/events", headers: h, payload: body });
      expect(created.statusCode).toBe(201);
      const event = created.json();
      expect(event).toMatchObject({ spaceName: "Berlin User Group", placesLeft: 1, status: "scheduled" });

      const registered = await app.inject({
        method: "POST",
        url: `/api/v1/community/events/${event.id}/registrations`,
        headers: h,
        payload: { contactIds: [ana, bo] },
      });
      expect(registered.json()).toEqual({ going: 1, waitlisted: 1, already: 0 });
      const summary = await app.inject({ method: "GET", url: "/api/v1/community/summary", headers: h });
      expect(summary.json()).toMatchObject({
        upcomingEvents: 1,
        nextEvent: { title: "Winter meetup" },
        goingNext30Days: 1,
        waitlisted: 1,
        attendanceRate90Days: null,
      });
      const unknown = await app.inject({
        method: "POST",
        url: `/api/v1/community/events/${event.id}/registrations`,
        headers: h,
        payload: { contactIds: ["con_nobody"] },
      });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().errors[0]).toMatchObject({
        path: "contactIds",
        message: 'contact "con_nobody" was not found',
      });

      const invited = await app.inject({
        method: "POST",
        url: `/api/v1/community/events/${event.id}/invitations`,
        headers: h,
        payload: { contactIds: [ana, cy] },
      });
      expect(invited.json()).toEqual({ invited: 1, skipped: [{ contactId: ana, reason: "already going" }] });

      const early = await app.inject({
        method: "POST",
        url: `/api/v1/community/events/${event.id}/attendance`,
        headers: h,
        payload: { attended: [ana] },
      });
      expect(early.statusCode).toBe(409);
      expect(early.json().errors[0].path).toBe("startsAt");

      const ics = await app.inject({
        method: "GET",
        url: `/api/v1/community/events/${event.id}/calendar.ics`,
        headers: h,
      });
      expect(ics.headers["content-type"]).toMatch(/^text\/calendar/);
      expect(ics.body).toContain("SUMMARY:Winter meetup");

      // The advocate on the waitlist cancels nothing; the one going cancels, and the waitlist moves up.
      const off = await app.inject({
        method: "DELETE",
        url: `/api/v1/community/events/${event.id}/registrations/${ana}`,
        headers: h,
      });
      expect(off.json()).toEqual({ status: "declined" });
      const detail = await app.inject({ method: "GET", url: `/api/v1/community/events/${event.id}`, headers: h });
      expect(
        detail
          .json()
          .registrations.map((r: { contactId: string; status: string }) => [r.contactId, r.status])
          .sort(),
      ).toEqual(
        [
          [ana, "declined"],
          [bo, "going"],
          [cy, "invited"],
        ].sort(),
      );

      const cancelled = await app.inject({
        method: "POST",
        url: `/api/v1/community/events/${event.id}/cancel`,
        headers: h,
        payload: { reason: "" },
      });
      expect(cancelled.statusCode).toBe(400);
      expect(cancelled.json().errors[0].path).toBe("reason");
    } finally {
      await app.close();
    }
  });

  it("lets a signed-in advocate see what is open to them, answer, join an open space and download the calendar", async () => {
    const app = await buildTestApp(ctx.db);
    try {
      const t = await createTestTenant(ctx.db);
      const h = bearer(t.adminKey);
      const bo = await createContact(t.scope, { email: "bo@customer.example", firstName: "Bo" });
      const open = (
        await app.inject({
          method: "POST",
          url: "/api/v1/community/spaces",
          headers: h,
          payload: { name: "Admins Online", kind: "online_group" },
        })
      ).json();
      const board = (
        await app.inject({
          method: "POST",
          url: "/api/v1/community/spaces",
          headers: h,
          payload: { name: "Advisory Board", kind: "advisory_board", visibility: "invite_only" },
        })
      ).json();
      const at = (days: number) => new Date(Date.now() + days * DAY).toISOString();
      const webinar = (
        await app.inject({
          method: "POST",
          url: "/api/v1/community/events",
          headers: h,
          payload: {
            title: "Office hours",
            kind: "webinar",
            spaceId: open.id,
            onlineUrl: "https://meet.example.com/oh",
            timezone: "UTC",
            startsAt: at(3),
            endsAt: at(3.05),
          },
        })
      ).json();
      const session = (
        await app.inject({
          method: "POST",
          url: "/api/v1/community/events",
          headers: h,
          payload: {
            title: "Board session",
            kind: "advisory_board",
            spaceId: board.id,
            onlineUrl: "https://meet.example.com/cab",
            timezone: "UTC",
            startsAt: at(4),
            endsAt: at(4.1),
          },
        })
      ).json();

      const asBo = await asAdvocate(app, t.scope, bo.id);

      const mine = (await asBo("GET", "/api/v1/hub/community")).json();
      expect(mine.spaces.map((s: { name: string }) => s.name)).toEqual(["Admins Online"]);
      expect(mine.events).toMatchObject([{ title: "Office hours", myStatus: null, onlineUrl: null }]);
      expect((await asBo("POST", `/api/v1/hub/community/events/${session.id}/rsvp`, { going: true })).statusCode).toBe(
        403,
      );
      expect((await asBo("GET", `/api/v1/hub/community/events/${session.id}/calendar.ics`)).statusCode).toBe(403);
      expect(
        (await asBo("POST", `/api/v1/hub/community/spaces/${board.id}/membership`, { member: true })).statusCode,
      ).toBe(403);
      expect(
        (await asBo("POST", `/api/v1/hub/community/spaces/${open.id}/membership`, { member: true })).json(),
      ).toEqual({
        member: true,
        role: "member",
      });

      const answer = await asBo("POST", `/api/v1/hub/community/events/${webinar.id}/rsvp`, { going: true });
      expect(answer.json()).toEqual({ status: "going", waitlistPosition: null });
      const after = (await asBo("GET", "/api/v1/hub/community")).json();
      expect(after.events[0]).toMatchObject({ myStatus: "going", onlineUrl: "https://meet.example.com/oh" });
      const ics = await asBo("GET", `/api/v1/hub/community/events/${webinar.id}/calendar.ics`);
      expect(ics.statusCode).toBe(200);
      expect(ics.body).toContain("https://meet.example.com/oh");
      // Staff keys are not advocates.
      expect((await app.inject({ method: "GET", url: "/api/v1/hub/community", headers: h })).statusCode).toBe(403);
    } finally {
      await app.close();
    }
  });
  it("asks who came how it was: the advocate answers once in the hub, the manager reads every answer", async () => {
    const clock = manualClock(Date.parse("2026-11-02T09:00:00Z"));
    const app = await buildTestApp(ctx.db, clock);
    try {
      const t = await createTestTenant(ctx.db, clock);
      const scope = { ...t.scope, clock };
      const h = bearer(t.adminKey);
      const bo = await createContact(scope, { email: "bo@customer.example", firstName: "Bo" });
      const event = (
        await app.inject({
          method: "POST",
          url: "/api/v1/community/events",
          headers: h,
          payload: {
            title: "Admin workshop",
            kind: "workshop",
            location: "Leeds",
            timezone: "Europe/London",
            startsAt: new Date(clock.now() + DAY).toISOString(),
            endsAt: new Date(clock.now() + DAY + 7_200_000).toISOString(),
          },
        })
      ).json();
      await app.inject({
        method: "POST",
        url: `/api/v1/community/events/${event.id}/registrations`,
        headers: h,
        payload: { contactIds: [bo.id] },
      });
      clock.advance(DAY + 3 * 3_600_000);
      const attendance = await app.inject({
        method: "POST",
        url: `/api/v1/community/events/${event.id}/attendance`,
        headers: h,
        payload: { attended: [bo.id] },
      });
      expect(attendance.statusCode, attendance.body).toBe(200);

      const asBo = await asAdvocate(app, scope, bo.id);
      expect((await asBo("GET", "/api/v1/hub/community")).json().attended).toEqual([
        expect.objectContaining({ id: event.id, title: "Admin workshop", myRating: null }),
      ]);
      const url = `/api/v1/hub/community/events/${event.id}/feedback`;
      const offScale = await asBo("POST", url, { rating: 0 });
      expect(offScale.statusCode).toBe(400);
      expect(offScale.json().errors[0].path).toBe("rating");
      const given = await asBo("POST", url, { rating: 5, comment: "  Learned more in two hours than in a month.  " });
      expect(given.json(), given.body).toEqual({ rating: 5, comment: "Learned more in two hours than in a month." });
      const twice = await asBo("POST", url, { rating: 1 });
      expect(twice.statusCode).toBe(409);
      expect(twice.json().errors[0].path).toBe("rating");

      const said = await app.inject({
        method: "GET",
        url: `/api/v1/community/events/${event.id}/feedback`,
        headers: h,
      });
      expect(said.json()).toMatchObject({
        attended: 1,
        answered: 1,
        averageRating: 5,
        ratings: [0, 0, 0, 0, 1],
        answers: [{ contactId: bo.id, name: "Bo", rating: 5, comment: "Learned more in two hours than in a month." }],
      });
      // Staff keys are not advocates; advocates are not staff.
      expect((await app.inject({ method: "POST", url, headers: h, payload: { rating: 3 } })).statusCode).toBe(403);
      expect((await asBo("GET", `/api/v1/community/events/${event.id}/feedback`)).statusCode).toBe(401);
    } finally {
      await app.close();
    }
  });
});
