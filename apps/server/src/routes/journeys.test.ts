import { manualClock } from "@advo/core";
import { createContact, listContacts, updateContact } from "@advo/core/contacts";
import { listOutbox } from "@advo/core/email";
import { runDueJobs } from "@advo/core/jobs";
import { listEnrollments, SETTLE_MS } from "@advo/core/journeys";
import { createSegment, refreshSegmentsFor } from "@advo/core/segments";
import { createApiKey } from "@advo/core/users";
import { createTestTenant, describeDialects } from "@advo/test-kit";
import { SMTPServer } from "smtp-server";
import { expect, it } from "vitest";
import { bearer, buildTestApp } from "../testing.ts";
import { jobHandlers, startWorker } from "../worker.ts";

/** A real SMTP server on loopback that keeps every message it is given, raw. */
async function mailbox() {
  const received: string[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, _session, done) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push(Buffer.concat(chunks).toString("utf8"));
        done();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
  const { port } = smtp.server.address() as { port: number };
  return {
    received,
    smtpUrl: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}

describeDialects("journeys API", (ctx) => {
  it("creates, activates and follows a journey; refuses bad input naming the field", async () => {
    const clock = manualClock(Date.parse("2026-11-02T09:00:00Z"));
    const app = await buildTestApp(ctx.db, clock);
    const mail = await mailbox();
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

      const preview = await app.inject({
        method: "POST",
        url: "/api/v1/journeys/preview-email",
        headers: bearer(viewer.key),
        payload: { subject: "Thank you, {{firstName}}", body: "Hi {{firstName}}!" },
      });
      expect(preview.json(), preview.body).toMatchObject({ contactId: null, subject: "Thank you, Alex" });
      expect(preview.json().text).toContain("/unsubscribe#token=… (this person's own link)");
      const badPreview = await app.inject({
        method: "POST",
        url: "/api/v1/journeys/preview-email",
        headers: h,
        payload: { subject: "Hi", body: "Dear {{fullName}}" },
      });
      expect(badPreview.statusCode).toBe(400);
      expect(badPreview.json().errors[0].path).toBe("body");

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
      const worker = startWorker(
        { db: ctx.db, clock, logger: app.log as never, links, mail: { smtpUrl: mail.smtpUrl, from: "hi@advo.test" } },
        10,
      );
      try {
        await expect
          .poll(async () => (await listEnrollments(scope, journey.id))[0]?.status, { timeout: 10_000 })
          .toBe("completed");
        await expect.poll(() => mail.received.length, { timeout: 10_000 }).toBe(1);
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

      // The mail as delivered over SMTP offers the mail client's own unsubscribe button, in one click.
      const headers = (mail.received[0] ?? "").split("\r\n\r\n")[0]?.replace(/\r\n[ \t]+/g, " ") ?? "";
      expect(headers).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
      const oneClick =
        /^List-Unsubscribe: <https:\/\/advo\.example\.com(\/api\/v1\/unsubscribe\/one-click\?token=\S+)>$/m.exec(
          headers,
        )?.[1];
      expect(oneClick, headers).toBeDefined();
      const form = { "content-type": "application/x-www-form-urlencoded" };
      const wrongBody = await app.inject({ method: "POST", url: oneClick, headers: form, payload: "unsubscribe=yes" });
      expect(wrongBody.statusCode).toBe(400);
      expect(wrongBody.json().errors[0].path).toBe("List-Unsubscribe");
      expect(
        (await app.inject({ url: `/api/v1/unsubscribe?token=${encodeURIComponent(token)}` })).json().subscribed,
      ).toBe(true);
      const clicked = await app.inject({
        method: "POST",
        url: oneClick,
        headers: form,
        payload: "List-Unsubscribe=One-Click",
      });
      expect(clicked.json(), clicked.body).toEqual({ workspace: t.tenant.name, subscribed: false });
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
      expect(JSON.stringify(consents)).toContain("mail client's unsubscribe button");
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
      await mail.close();
    }
  });
  it("a promoter's NPS answer, posted as a signal, enrolls them through the worker's job", async () => {
    const clock = manualClock(Date.parse("2026-11-02T09:00:00Z"));
    const app = await buildTestApp(ctx.db, clock);
    try {
      const t = await createTestTenant(ctx.db, clock);
      const h = bearer(t.adminKey);
      const body = {
        name: "Ask promoters for a review",
        trigger: { type: "survey_answered", kind: "nps", minScore: 9, maxScore: 12 },
        steps: [{ type: "award_points", points: 10, reason: "Thanks for the score" }],
      };
      const bad = await app.inject({ method: "POST", url: "/api/v1/journeys", headers: h, payload: body });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0]).toMatchObject({ path: "trigger.maxScore" });
      const created = await app.inject({
        method: "POST",
        url: "/api/v1/journeys",
        headers: h,
        payload: { ...body, trigger: { ...body.trigger, maxScore: 10 } },
      });
      expect(created.json().trigger, created.body).toEqual({
        type: "survey_answered",
        kind: "nps",
        minScore: 9,
        maxScore: 10,
      });
      const journey = created.json();
      await app.inject({ method: "POST", url: `/api/v1/journeys/${journey.id}/activate`, headers: h });
      clock.advance(1000);
      const answers = ["fan", "meh"].map((who, i) => ({
        kind: "survey",
        contact: { email: `${who}@example.com` },
        surveyKind: "nps",
        score: i === 0 ? 10 : 7,
        occurredAt: new Date(clock.now()).toISOString(),
      }));
      const posted = await app.inject({
        method: "POST",
        url: "/api/v1/signals",
        headers: h,
        payload: { signals: answers },
      });
      expect(posted.statusCode, posted.body).toBeLessThan(300);
      expect(await runDueJobs(ctx.db, clock, jobHandlers)).toBeGreaterThan(0);
      const enrollments = (
        await app.inject({ method: "GET", url: `/api/v1/journeys/${journey.id}/enrollments`, headers: h })
      ).json().data;
      expect(enrollments).toHaveLength(1);
      const fan = (await listContacts({ ...t.scope, clock }, { q: "fan@example.com", limit: 5 })).data[0];
      expect(enrollments[0].contactId).toBe(fan?.id);
    } finally {
      await app.close();
    }
  });
});
