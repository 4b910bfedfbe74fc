import { createApiKey } from "@advo/core/users";
import { createTestTenant, describeDialects } from "@advo/test-kit";
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp } from "./testing.ts";

interface Entry {
  seq: number;
  actor: { type: string; id: string; name: string };
  action: string;
  method: string;
  route: string;
  resource: { kind: string; id: string | null };
  body: Record<string, unknown> | null;
  before: Record<string, unknown> | null;
  beforeSource: string | null;
  after: Record<string, unknown> | null;
}

describeDialects("audit trail", (ctx) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp(ctx.db);
  });
  afterAll(async () => {
    await app.close();
  });

  const list = async (key: string, query = "") => {
    const res = await app.inject({ method: "GET", url: `/api/v1/audit${query}`, headers: bearer(key) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { data: Entry[]; nextCursor: string | null };
  };

  it("records who changed what with before → after, redacts secrets, and skips reads and failures", async () => {
    const t = await createTestTenant(ctx.db);
    const created = await app.inject({
      method: "POST",
      url: "/api/v1/contacts",
      headers: bearer(t.adminKey),
      payload: { email: "ana@example.com", firstName: "Ana" },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const patched = await app.inject({
      method: "PATCH",
      url: `/api/v1/contacts/${id}`,
      headers: bearer(t.adminKey),
      payload: { firstName: "Anna" },
    });
    expect(patched.statusCode).toBe(200);
    await app.inject({ method: "GET", url: `/api/v1/contacts/${id}`, headers: bearer(t.adminKey) });
    const refused = await app.inject({
      method: "PATCH",
      url: `/api/v1/contacts/${id}`,
      headers: bearer(t.adminKey),
      payload: { email: "not an email" },
    });
    expect(refused.statusCode).toBe(400);
    const key = await app.inject({
      method: "POST",
      url: "/api/v1/api-keys",
      headers: bearer(t.adminKey),
      payload: { name: "zapier", role: "viewer" },
    });
    expect(key.statusCode).toBe(201);
    const secret = key.json().key as string;

    const { data } = await list(t.adminKey, `?resourceKind=contacts&resourceId=${id}`);
    expect(data.map((e) => `${e.method} ${e.action}`)).toEqual(["PATCH update", "POST create"]);
    const [update, create] = data as [Entry, Entry];
    expect(create.actor).toMatchObject({ type: "api_key", name: "test" });
    expect(create.route).toBe("/api/v1/contacts");
    expect(create.body).toMatchObject({ email: "ana@example.com" });
    expect(create.before).toBeNull();
    expect(create.after).toMatchObject({ id, firstName: "Ana" });
    expect(update.beforeSource).toBe("read");
    expect(update.before).toMatchObject({ firstName: "Ana" });
    expect(update.after).toMatchObject({ firstName: "Anna" });

    const all = await list(t.adminKey);
    const keyEntry = all.data.find((e) => e.resource.kind === "api-keys");
    expect(keyEntry?.action).toBe("create");
    expect(JSON.stringify(all)).not.toContain(secret);
    expect(keyEntry?.after?.key).toBe("[redacted]");
    expect(all.data).toHaveLength(3);

    // Paging, actor and time filters.
    const first = await list(t.adminKey, "?limit=2");
    expect(first.data).toHaveLength(2);
    const second = await list(t.adminKey, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.data.map((e) => e.seq)).toEqual([1]);
    expect((await list(t.adminKey, "?actor=nobody")).data).toHaveLength(0);
    expect((await list(t.adminKey, `?from=${Date.now() + 60_000}`)).data).toHaveLength(0);
  });

  it("records sign-ins, sign-outs and changes made in a session under the person’s name, never the password", async () => {
    const t = await createTestTenant(ctx.db);
    const slug = (t.tenant as { slug: string }).slug;
    const signIn = await app.inject({
      method: "POST",
      url: "/api/v1/auth/session",
      payload: { workspace: slug, email: t.ownerEmail, password: t.ownerPassword },
    });
    expect(signIn.statusCode).toBe(200);
    const failed = await app.inject({
      method: "POST",
      url: "/api/v1/auth/session",
      payload: { workspace: slug, email: t.ownerEmail, password: "wrong" },
    });
    expect(failed.statusCode).toBe(401);
    const cookie = signIn.cookies.find((c) => c.name === "advo_session");
    const put = await app.inject({
      method: "PUT",
      url: "/api/v1/settings/ask-fatigue",
      headers: { cookie: `advo_session=${cookie?.value}`, "x-requested-with": "advo" },
      payload: (
        await app.inject({ method: "GET", url: "/api/v1/settings/ask-fatigue", headers: bearer(t.adminKey) })
      ).json(),
    });
    expect(put.statusCode, put.body).toBe(200);
    const out = await app.inject({
      method: "DELETE",
      url: "/api/v1/auth/session",
      headers: { cookie: `advo_session=${cookie?.value}`, "x-requested-with": "advo" },
    });
    expect(out.statusCode).toBe(204);
    const { data } = await list(t.adminKey);
    expect(data.map((e) => e.action)).toEqual(["sign_out", "update", "sign_in"]);
    expect(data[1]).toMatchObject({ beforeSource: "read", resource: { kind: "settings/ask-fatigue", id: null } });
    expect(data.every((e) => e.actor.type === "user" && e.actor.name === "Owner")).toBe(true);
    expect(data[2]?.body).toMatchObject({ email: t.ownerEmail, password: "[redacted]" });
    expect(JSON.stringify(data)).not.toContain(t.ownerPassword);
  });

  it("is for owners and admins only, exports NDJSON and CSV, and verify names the first altered entry", async () => {
    const t = await createTestTenant(ctx.db);
    const viewer = await createApiKey(t.scope, { name: "viewer", role: "viewer" }, null);
    const manager = await createApiKey(t.scope, { name: "mgr", role: "manager" }, null);
    for (const k of [viewer.key, manager.key]) {
      expect((await app.inject({ method: "GET", url: "/api/v1/audit", headers: bearer(k) })).statusCode).toBe(403);
    }
    for (let i = 0; i < 4; i++) {
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/contacts",
        headers: bearer(t.adminKey),
        payload: { email: `p${i}@example.com`, firstName: i === 2 ? '=HYPERLINK("x")' : `P${i}` },
      });
      expect(res.statusCode).toBe(201);
    }
    const ndjson = await app.inject({ method: "GET", url: "/api/v1/audit/export", headers: bearer(t.adminKey) });
    expect(ndjson.statusCode).toBe(200);
    expect(ndjson.headers["content-type"]).toContain("application/x-ndjson");
    expect(ndjson.headers["content-disposition"]).toMatch(/attachment; filename="advo-audit-.*\.ndjson"/);
    const lines = ndjson.body
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Entry);
    expect(lines.map((l) => l.seq)).toEqual([1, 2, 3, 4]);
    const csv = await app.inject({
      method: "GET",
      url: "/api/v1/audit/export?format=csv",
      headers: bearer(t.adminKey),
    });
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body.split("\n")[0]).toMatch(/^seq,at,actorType/);
    expect(csv.body).not.toMatch(/,=HYPERLINK/);

    const ok = await app.inject({ method: "GET", url: "/api/v1/audit/verify", headers: bearer(t.adminKey) });
    expect(ok.json()).toMatchObject({ ok: true, entriesChecked: 4, lastSeq: 4, firstAlteredSeq: null });

    await sql`update audit_entries set actor_name = 'someone else' where tenant_id = ${t.tenant.id} and seq = 2`.execute(
      ctx.db,
    );
    const bad = (await app.inject({ method: "GET", url: "/api/v1/audit/verify", headers: bearer(t.adminKey) })).json();
    expect(bad.ok).toBe(false);
    expect(bad.firstAlteredSeq).toBe(2);
    expect(bad.problems[0]).toMatchObject({ seq: 2, problem: expect.stringContaining("altered") });

    await sql`delete from audit_entries where tenant_id = ${t.tenant.id} and seq = 3`.execute(ctx.db);
    const gap = (await app.inject({ method: "GET", url: "/api/v1/audit/verify", headers: bearer(t.adminKey) })).json();
    expect(gap.problems.map((p: { problem: string }) => p.problem).join("\n")).toContain("entries 3–3 are missing");
  });

  it("keeps one unbroken chain under concurrent writes (group-committed)", async () => {
    const t = await createTestTenant(ctx.db);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        app.inject({
          method: "POST",
          url: "/api/v1/contacts",
          headers: bearer(t.adminKey),
          payload: { email: `c${i}@example.com` },
        }),
      ),
    );
    expect(results.every((r) => r.statusCode === 201)).toBe(true);
    const report = (
      await app.inject({ method: "GET", url: "/api/v1/audit/verify", headers: bearer(t.adminKey) })
    ).json();
    expect(report).toMatchObject({ ok: true, entriesChecked: 30, lastSeq: 30 });
  });

  it("a failed audit write is logged, and the change still answers 2xx", async () => {
    const t = await createTestTenant(ctx.db);
    await sql`drop table audit_entries`.execute(ctx.db);
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/contacts",
      headers: bearer(t.adminKey),
      payload: { email: "still@example.com" },
    });
    expect(res.statusCode).toBe(201);
  });
});
