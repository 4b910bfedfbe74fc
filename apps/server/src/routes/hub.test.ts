import { createContact } from "@advo/core/contacts";
import { deliverQueuedEmail, smtpTransport } from "@advo/core/email";
import { createProgram, inviteMembers } from "@advo/core/programs";
import { askCandidate, createProfile, fileRequest } from "@advo/core/references";
import { createTestTenant, describeDialects } from "@advo/test-kit";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, expect, it } from "vitest";
import { asAdvocate, bearer, buildTestApp } from "../testing.ts";

type App = Awaited<ReturnType<typeof buildTestApp>>;

describeDialects("advocate hub", (ctx) => {
  let app: App;
  const received: string[] = [];
  let smtp: SMTPServer;
  let smtpPort = 0;
  beforeAll(async () => {
    app = await buildTestApp(ctx.db);
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, _session, done) {
        let text = "";
        stream.on("data", (chunk: Buffer) => {
          text += chunk.toString("utf8");
        });
        stream.on("end", () => {
          received.push(text);
          done();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
    smtpPort = (smtp.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await app.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it("signs an advocate in by emailed magic link, then lets them answer challenges, see points and redeem", async () => {
    const t = await createTestTenant(ctx.db);
    const ann = await createContact(t.scope, { email: "ann@customer.example", firstName: "Ann", lastName: "Lee" });
    const other = await createContact(t.scope, { email: "other@customer.example" });
    const staff = (url: string, payload: object) =>
      app.inject({ method: "POST", url, payload, headers: bearer(t.adminKey) });
    const challenge = (
      await staff("/api/v1/challenges", {
        type: "social_share",
        title: "Share the launch",
        points: 300,
        approval: "automatic",
      })
    ).json();
    const reward = (
      await staff("/api/v1/rewards", { name: "Hoodie", kind: "swag", costPoints: 200, valueCents: 4000, stock: 5 })
    ).json();

    const unknown = await app.inject({
      method: "POST",
      url: "/api/v1/hub/sign-in",
      payload: { workspace: t.tenant.slug, email: "nobody@x.example" },
    });
    expect(unknown.statusCode).toBe(202);
    const signIn = await app.inject({
      method: "POST",
      url: "/api/v1/hub/sign-in",
      payload: { workspace: t.tenant.slug, email: "ANN@customer.example" },
    });
    expect(signIn.statusCode).toBe(202);
    expect(
      await deliverQueuedEmail(t.scope, {
        transport: smtpTransport(`smtp://127.0.0.1:${smtpPort}`),
        from: "hub@advo.test",
      }),
    ).toBe(1);
    const mail = received.at(-1) ?? "";
    expect(mail).toContain("ann@customer.example");
    // The body is quoted-printable: undo soft line breaks and =XX escapes.
    const body = mail
      .replace(/=\r?\n/g, "")
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    const token = decodeURIComponent(/#token=([^\s]+)/.exec(body)?.[1] ?? "");
    expect(token).toMatch(/^advo\.ten_/);

    const session = await app.inject({ method: "POST", url: "/api/v1/hub/session", payload: { token } });
    expect(session.statusCode).toBe(200);
    expect(session.json()).toMatchObject({ contactId: ann.id, firstName: "Ann" });
    const cookie = session.cookies.find((c) => c.name === "advo_hub");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    const reused = await app.inject({ method: "POST", url: "/api/v1/hub/session", payload: { token } });
    expect(reused.statusCode).toBe(401);

    const asAnn = (method: "GET" | "POST" | "PATCH", url: string, payload?: object) =>
      app.inject({
        method,
        url,
        cookies: { advo_hub: cookie?.value ?? "" },
        headers: { "sec-fetch-site": "same-origin" },
        ...(payload ? { payload } : {}),
      });
    const open = await asAnn("GET", "/api/v1/hub/challenges");
    expect(open.json().data.map((c: { id: string }) => c.id)).toEqual([challenge.id]);
    const submitted = await asAnn("POST", `/api/v1/hub/challenges/${challenge.id}/submissions`, {
      evidence: { url: "https://www.linkedin.com/posts/ann-1" },
    });
    expect(submitted.json()).toMatchObject({ state: "approved", contactId: ann.id, points: 300 });
    expect((await asAnn("GET", "/api/v1/hub/standing")).json()).toMatchObject({
      balance: 300,
      lifetimeEarned: 300,
      tier: "Insider",
    });
    const redeemed = await asAnn("POST", "/api/v1/hub/redemptions", { rewardId: reward.id, details: { size: "M" } });
    expect(redeemed.statusCode).toBe(201);
    expect((await asAnn("GET", "/api/v1/hub/ledger")).json()).toMatchObject({ balance: 100 });

    // Public recognition only with consent.
    expect((await asAnn("GET", "/api/v1/hub/leaderboard?period=all")).json().entries[0].name).toBe("An advocate");
    const consented = await asAnn("PATCH", "/api/v1/hub/me", { consent: { publicRecognition: true } });
    expect(consented.json().consent.publicRecognition).toMatchObject({ granted: true, source: "advocate hub" });
    expect((await asAnn("GET", "/api/v1/hub/leaderboard?period=all")).json().entries[0].name).toBe("Ann Lee");

    // An advocate is not staff, and cannot act for someone else.
    const bearerToken = { authorization: `Bearer ${cookie?.value}` };
    expect((await app.inject({ method: "GET", url: "/api/v1/contacts", headers: bearerToken })).statusCode).toBe(403);
    const forOther = await app.inject({
      method: "POST",
      url: `/api/v1/challenges/${challenge.id}/submissions`,
      headers: bearerToken,
      payload: { contactId: other.id, evidence: { url: "https://x.example/p" } },
    });
    expect(forOther.statusCode).toBe(403);
    // Staff cannot use the hub's routes.
    expect((await app.inject({ method: "GET", url: "/api/v1/hub/me", headers: bearer(t.adminKey) })).statusCode).toBe(
      403,
    );
  });

  it("shows an advocate their programs, a share link, reference asks to answer, and signs them out", async () => {
    const t = await createTestTenant(ctx.db);
    const bo = await createContact(t.scope, { email: "bo@customer.example", firstName: "Bo" });
    const staff = { type: "user" as const, id: "usr_x", name: "Manager" };
    const referral = await createProgram(t.scope, {
      name: "Refer a friend",
      type: "referral",
      landingUrl: "https://example.com/try",
    });
    await createProfile(
      t.scope,
      { contactId: bo.id, consent: { granted: true }, activities: ["reference_call"] },
      staff,
    );
    const request = await fileRequest(t.scope, { prospectName: "Secret Prospect Ltd", industry: "fintech" }, staff);
    await askCandidate(t.scope, request.id, { contactId: bo.id }, staff);
    // Both are asks the same day: the invitation overrides the fatigue guard on purpose.
    await inviteMembers(t.scope, referral.id, { contactIds: [bo.id], ignoreFatigue: true });

    const asBo = await asAdvocate(app, t.scope, bo.id);

    expect((await asBo("GET", "/api/v1/hub/programs")).json().data).toEqual([
      expect.objectContaining({ id: referral.id, membership: "invited" }),
    ]);
    expect((await asBo("POST", "/api/v1/hub/referral-links", { programId: referral.id })).statusCode).toBe(403);
    await asBo("POST", `/api/v1/hub/programs/${referral.id}/membership`, { decision: "join" });
    const share = await asBo("POST", "/api/v1/hub/referral-links", { programId: referral.id });
    expect(share.statusCode).toBe(200);
    expect(share.json().shareUrl).toContain(`/r/${t.tenant.slug}/`);
    expect((await asBo("GET", "/api/v1/hub/referral-links")).json().data).toHaveLength(1);

    const asks = await asBo("GET", "/api/v1/hub/reference-asks");
    expect(asks.json().data).toEqual([
      expect.objectContaining({ status: "pending", prospect: expect.objectContaining({ industry: "fintech" }) }),
    ]);
    expect(asks.body).not.toContain("Secret Prospect");
    const answered = await asBo("POST", `/api/v1/hub/reference-asks/${asks.json().data[0].id}/respond`, {
      decision: "accept",
    });
    expect(answered.json().data[0].status).toBe("accepted");

    expect((await asBo("DELETE", "/api/v1/hub/session")).statusCode).toBe(204);
    expect((await asBo("GET", "/api/v1/hub/me")).statusCode).toBe(401);
  });
});
