import { manualClock } from "@advo/core";
import { createContact, updateContact } from "@advo/core/contacts";
import { listOutbox } from "@advo/core/email";
import { listEnrollments, SETTLE_MS } from "@advo/core/journeys";
import { createSegment, refreshSegmentsFor } from "@advo/core/segments";
import { createApiKey } from "@advo/core/users";
import { createTestTenant, describeDialects } from "@advo/test-kit";
import { expect, it } from "vitest";
import { bearer, buildTestApp } from "../testing.ts";
import { startWorker } from "../worker.ts";

describeDialects("journeys API", (ctx) => {
  it("creates, activates and follows a journey; refuses bad input naming the field", async () => {
    const clock = manualClock(Date.parse("2026-11-02T09:00:00Z"));
    const app = await buildTestApp(ctx.db, clock);
    try {
      const t = await createTestTenant(ctx.db, clock);
      const scope = { ...t.scope, clock };
      const h = bearer(t.adminKey);
      const fans = await createSegment(scope, { name: "Fans", expression: 'title = "Fan"' });
      const body = {
        name: "Thank new fans",
        trigger: { type: "segment_joined", segmentId: fans.id },
        steps: [
          { type: "send_email", subject: "Thank you, {{firstName}}", body: "Hi {{firstName}}!", ask: false },
          { type: "award_points", points: 25, reason: "Thanks for the kind words" },
        ],
      };

      const bad = await app.inject({
        method: "POST",
        url: "/api/v1/journeys",
        headers: h,
        payload: { ...body, condition: 'nps >= "nine" and' },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0]).toMatchObject({ path: "condition" });
      const noSteps = await app.inject({
        method: "POST",
        url: "/api/v1/journeys",
        headers: h,
        payload: { ...body, steps: [] },
      });
      expect(noSteps.statusCode).toBe(400);
      expect(noSteps.json().errors[0].path).toBe("steps");
      const badStep = await app.inject({
        method: "POST",
        url: "/api/v1/journeys",
        headers: h,
        payload: { ...body, steps: [{ type: "award_points", points: -5, reason: "x" }] },
      });
      expect(badStep.statusCode).toBe(400);
      expect(badStep.json().errors[0].path).toBe("steps.0.points");

      const viewer = await createApiKey(scope, { name: "viewer", role: "viewer" }, null);
      const refused = await app.inject({
        method: "POST",
        url: "/api/v1/journeys",
        headers: bearer(viewer.key),
        payload: body,
      });
      expect(refused.statusCode).toBe(403);

      const created = await app.inject({ method: "POST", url: "/api/v1/journeys", headers: h, payload: body });
      expect(created.statusCode).toBe(201);
      const journey = created.json();
      expect(journey).toMatchObject({ status: "draft", allowReentry: false, condition: null });
      const activated = await app.inject({
        method: "POST",
        url: `/api/v1/journeys/${journey.id}/activate`,
        headers: h,
      });
      expect(activated.json(), activated.body).toMatchObject({ status: "active", activatedAt: expect.any(String) });
      const edit = await app.inject({
        method: "PATCH",
        url: `/api/v1/journeys/${journey.id}`,
        headers: h,
        payload: { name: "New name" },
      });
      expect(edit.statusCode).toBe(409);
      expect(edit.json().detail).toMatch(/pause it before changing it/);

      const fan = await createContact(scope, {
        email: "fan@example.com",
        firstName: "Fay",
        consent: { marketingEmail: { granted: true } },
      });
      await updateContact(scope, fan.id, { title: "Fan" });
      await refreshSegmentsFor(scope, [fan.id]);
      clock.advance(SETTLE_MS + 10_000);
      // The server's worker runs journeys on its own schedule: one tick here.
      const links = { publicUrl: "https://advo.example.com", keys: app.deps.config.secretKey };
      const worker = startWorker({ db: ctx.db, clock, logger: app.log as never, links }, 10);
      try {
        await expect
          .poll(async () => (await listEnrollments(scope, journey.id))[0]?.status, { timeout: 10_000 })
          .toBe("completed");
      } finally {
        await worker.stop();
      }

      const actions = (
        await app.inject({ method: "GET", url: `/api/v1/journeys/${journey.id}/actions`, headers: h })
      ).json().data;
      expect(actions.map((a: { action: string; outcome: string }) => `${a.action} ${a.outcome}`)).toEqual([
        "award_points done",
        "send_email done",
      ]);
      const mine = (await app.inject({ method: "GET", url: `/api/v1/contacts/${fan.id}/journeys`, headers: h })).json();
      expect(mine.data).toHaveLength(2);
      expect((await listOutbox(scope)).map((m) => m.subject)).toEqual(["Thank you, Fay"]);

      // Every journey email says why it came and carries a link that stops them.
      const sent = await ctx.db
        .selectFrom("emailOutbox")
        .select("textBody")
        .where("tenantId", "=", t.tenant.id)
        .executeTakeFirstOrThrow();
      expect(sent.textBody).toContain(`You get this email because you agreed to hear from ${t.tenant.name}.`);
      const token = /https:\/\/advo\.example\.com\/unsubscribe#token=(\S+)/.exec(sent.textBody)?.[1] ?? "";
      expect(token).not.toBe("");
      const status = await app.inject({ url: `/api/v1/unsubscribe?token=${encodeURIComponent(token)}` });
      expect(status.json()).toEqual({ workspace: t.tenant.name, subscribed: true });
      const forged = await app.inject({
        method: "POST",
        url: "/api/v1/unsubscribe",
        payload: { token: `${token.split(".")[0]}.AAAAAAAAAAAAAAAAAAAAAA` },
      });
      expect(forged.statusCode).toBe(400);
      expect(forged.json().errors[0].path).toBe("token");
      for (let i = 0; i < 2; i++) {
        const done = await app.inject({ method: "POST", url: "/api/v1/unsubscribe", payload: { token } });
        expect(done.json()).toEqual({ workspace: t.tenant.name, subscribed: false });
      }
      const consents = (
        await app.inject({ method: "GET", url: `/api/v1/contacts/${fan.id}/consents`, headers: h })
      ).json();
      expect(JSON.stringify(consents)).toContain("unsubscribe link");
      const enrollments = (
        await app.inject({ method: "GET", url: `/api/v1/journeys/${journey.id}/enrollments`, headers: h })
      ).json().data;
      expect(enrollments).toEqual([expect.objectContaining({ contactId: fan.id, status: "completed" })]);
      const listed = (await app.inject({ method: "GET", url: "/api/v1/journeys", headers: h })).json().data;
      expect(listed).toEqual([
        expect.objectContaining({ id: journey.id, enrollments: { active: 0, completed: 1, exited: 0 } }),
      ]);

      const archived = await app.inject({ method: "DELETE", url: `/api/v1/journeys/${journey.id}`, headers: h });
      expect(archived.json().status).toBe("archived");
      expect((await app.inject({ method: "GET", url: "/api/v1/journeys", headers: h })).json().data).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
