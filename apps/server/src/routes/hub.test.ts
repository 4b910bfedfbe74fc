import { createContact } from "@advo/core/contacts";
import { deliverQueuedEmail, smtpTransport } from "@advo/core/email";
import { createTestTenant, describeDialects } from "@advo/test-kit";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp } from "../testing.ts";

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
      app.inject({ method, url, cookies: { advo_hub: cookie?.value ?? "" }, ...(payload ? { payload } : {}) });
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
});
