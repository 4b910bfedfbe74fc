import { createContact } from "@advo/core/contacts";
import { createApiKey } from "@advo/core/users";
import { createTestTenant, describeDialects } from "@advo/test-kit";
import { expect, it } from "vitest";
import { bearer, buildTestApp } from "../testing.ts";

describeDialects("content API", (ctx) => {
  it("drafts, sends for the advocate's approval, publishes to the library; refuses bad input naming the field", async () => {
    const app = await buildTestApp(ctx.db);
    try {
      const t = await createTestTenant(ctx.db);
      const h = bearer(t.adminKey);
      const ana = await createContact(t.scope, { email: "ana@bank.com", firstName: "Ana", title: "CTO" });
      const body = {
        kind: "testimonial",
        title: "Onboarding took a day",
        body: "<p>It took a day.</p>",
        contactId: ana.id,
      };

      const bad = await app.inject({
        method: "POST",
        url: "/api/v1/content",
        headers: h,
        payload: { ...body, channels: ["billboards"] },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].path).toBe("channels.0");
      const sales = await createApiKey(t.scope, { name: "sales", role: "sales" }, null);
      const refused = await app.inject({
        method: "POST",
        url: "/api/v1/content",
        headers: bearer(sales.key),
        payload: body,
      });
      expect(refused.statusCode).toBe(403);

      const noSubmission = await app.inject({
        method: "POST",
        url: "/api/v1/content/from-submission",
        headers: h,
        payload: { submissionId: "sub_nope" },
      });
      expect(noSubmission.statusCode).toBe(400);
      expect(noSubmission.json().errors[0].path).toBe("submissionId");

      const created = await app.inject({ method: "POST", url: "/api/v1/content", headers: h, payload: body });
      expect(created.statusCode).toBe(201);
      const content = created.json();
      expect(content).toMatchObject({ status: "draft", attributedTo: "Ana, CTO", history: [{ action: "created" }] });
      const early = await app.inject({ method: "POST", url: `/api/v1/content/${content.id}/publish`, headers: h });
      expect(early.statusCode).toBe(409);

      const sent = await app.inject({
        method: "POST",
        url: `/api/v1/content/${content.id}/request-approval`,
        headers: h,
      });
      expect(sent.json()).toMatchObject({ status: "awaiting_approval", approvalExpiresAt: expect.any(String) });
      const mail = await ctx.db
        .selectFrom("emailOutbox")
        .select("textBody")
        .where("tenantId", "=", t.tenant.id)
        .where("purpose", "=", "content_approval")
        .executeTakeFirstOrThrow();
      expect(mail.textBody).toContain("It took a day.");
      const token = /http:\/\/localhost:3000\/hub\/content-approval#token=(\S+)/.exec(mail.textBody)?.[1] ?? "";
      expect(token).not.toBe("");

      // The advocate's side: no sign-in, the link is the credential.
      const view = await app.inject({ url: `/api/v1/content-approval?token=${encodeURIComponent(token)}` });
      expect(view.json()).toMatchObject({ workspace: t.tenant.name, title: "Onboarding took a day", version: 1 });
      const noComment = await app.inject({
        method: "POST",
        url: "/api/v1/content-approval",
        payload: { token, decision: "request_changes" },
      });
      expect(noComment.statusCode).toBe(400);
      expect(noComment.json().errors[0].path).toBe("comment");
      const approved = await app.inject({
        method: "POST",
        url: "/api/v1/content-approval",
        payload: { token, decision: "approve" },
      });
      expect(approved.json()).toEqual({ status: "approved" });
      const again = await app.inject({
        method: "POST",
        url: "/api/v1/content-approval",
        payload: { token, decision: "approve" },
      });
      expect(again.statusCode).toBe(409);

      const published = await app.inject({ method: "POST", url: `/api/v1/content/${content.id}/publish`, headers: h });
      expect(published.json()).toMatchObject({ status: "published", approvedVersion: 1 });
      // Sales reads the library: what may be used in sales now.
      const library = await app.inject({ url: "/api/v1/content?usableFor=sales", headers: bearer(sales.key) });
      expect(library.json().data.map((c: { id: string }) => c.id)).toEqual([content.id]);
      // Sales records where it used it, and how the deal ended; a viewer may only read.
      const uses = `/api/v1/content/${content.id}/uses`;
      const negative = await app.inject({
        method: "POST",
        url: uses,
        headers: bearer(sales.key),
        payload: { opportunityId: "OPP-1", dealAmount: -1 },
      });
      expect(negative.statusCode).toBe(400);
      expect(negative.json().errors[0].path).toBe("dealAmount");
      const viewer = await createApiKey(t.scope, { name: "viewer", role: "viewer" }, null);
      const looking = await app.inject({
        method: "POST",
        url: uses,
        headers: bearer(viewer.key),
        payload: { opportunityId: "OPP-1" },
      });
      expect(looking.statusCode).toBe(403);
      const used = await app.inject({
        method: "POST",
        url: uses,
        headers: bearer(sales.key),
        payload: { opportunityId: "OPP-1", prospectName: "Acme", dealAmount: 12_000 },
      });
      expect(used.statusCode).toBe(201);
      expect(used.json()).toMatchObject({ opportunityId: "OPP-1", dealStatus: "open", recordedBy: "sales" });
      const won = await app.inject({
        method: "PATCH",
        url: `${uses}/${used.json().id}`,
        headers: bearer(sales.key),
        payload: { dealStatus: "won" },
      });
      expect(won.json()).toMatchObject({ dealStatus: "won", wonAmount: 12_000 });
      const nothing = await app.inject({ method: "PATCH", url: `${uses}/${used.json().id}`, headers: h, payload: {} });
      expect(nothing.statusCode).toBe(400);
      expect(nothing.json().errors[0].path).toBe("dealStatus");
      const listed = await app.inject({ url: uses, headers: bearer(viewer.key) });
      expect(listed.json().data).toMatchObject([{ opportunityId: "OPP-1", dealStatus: "won" }]);

      const edited = await app.inject({
        method: "PATCH",
        url: `/api/v1/content/${content.id}`,
        headers: h,
        payload: { body: "<p>It took an afternoon.</p>" },
      });
      expect(edited.json()).toMatchObject({ status: "draft", version: 2 });
      expect((await app.inject({ url: "/api/v1/content?usableFor=sales", headers: h })).json().data).toEqual([]);
      // Back to a draft: not usable in a deal until approved and published again.
      const unpublished = await app.inject({
        method: "POST",
        url: uses,
        headers: bearer(sales.key),
        payload: { opportunityId: "OPP-2" },
      });
      expect(unpublished.statusCode).toBe(409);
      expect(unpublished.json().errors[0].path).toBe("status");
      const retired = await app.inject({
        method: "POST",
        url: `/api/v1/content/${content.id}/retire`,
        headers: h,
        payload: { reason: "superseded" },
      });
      expect(retired.json().history.at(-1)).toMatchObject({ action: "retired", detail: "superseded" });
    } finally {
      await app.close();
    }
  });
});
