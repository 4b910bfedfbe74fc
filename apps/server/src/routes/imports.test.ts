import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { listAudit } from "@advo/core/audit";
import { listContacts } from "@advo/core/contacts";
import { countEvents } from "@advo/core/signals";
import { createApiKey } from "@advo/core/users";
import { createTestTenant, describeDialects } from "@advo/test-kit";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp } from "../testing.ts";

const csv = [
  "Record ID,First Name,Last Name,Email,Number of Pageviews,Lifecycle Stage",
  "101,Ana,Lima,ana@acme.com,12,Customer",
  "102,Bo,Berg,not-an-email,3,Lead",
  "103,Cy,Chen,cy@acme.com,many,Lead",
  "104,Di,Diaz,di@acme.com,7,Evangelist",
].join("\n");

describeDialects("imports API", (ctx) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp(ctx.db);
  });
  afterAll(async () => {
    await app.close();
  });

  const post = (key: string, query: string, payload: string | Readable, type = "text/csv", headers = {}) =>
    app.inject({
      method: "POST",
      url: `/api/v1/imports?${query}`,
      headers: { ...bearer(key), "content-type": type, ...headers },
      payload,
    });

  it("imports a CSV body, answers the summary and each bad row, and a repeat changes nothing", async () => {
    const t = await createTestTenant(ctx.db);
    const res = await post(t.adminKey, "kind=contacts", csv);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ rows: 4, inserted: 2, updated: 0, skipped: 0, rejected: 2, errorsTruncated: false });
    expect(body.errors).toEqual([
      {
        row: 3,
        field: "Email",
        reason: "must be an email address like name@example.com",
        line: "102,Bo,Berg,not-an-email,3,Lead",
      },
      {
        row: 4,
        field: "Number of Pageviews",
        reason: 'must be a number, got "many"',
        line: "103,Cy,Chen,cy@acme.com,many,Lead",
      },
    ]);
    const contacts = (await listContacts(t.scope, { limit: 10 })).data;
    expect(contacts.map((c) => [c.email, c.externalIds.hubspot, c.lifecycleStage])).toEqual([
      ["ana@acme.com", "101", "active"],
      ["di@acme.com", "104", "champion"],
    ]);
    const again = await post(t.adminKey, "kind=contacts&format=csv", csv, "text/csv; charset=utf-8", {
      "idempotency-key": "import-1",
    });
    expect(again.json()).toMatchObject({ inserted: 0, updated: 0, skipped: 2, rejected: 2 });
  });

  it("keeps each import on record: GET /imports lists them newest first, GET /imports/{id} has the refused rows", async () => {
    const t = await createTestTenant(ctx.db);
    const first = (await post(t.adminKey, "kind=contacts&fileName=hubspot%20export.csv", csv)).json();
    const refused = await post(t.adminKey, "kind=contacts", "First Name\nAna\n");
    expect(refused.statusCode).toBe(400);
    // Anyone who reads contacts may see what came in.
    const viewer = await createApiKey(t.scope, { name: "viewer", role: "viewer" }, null);
    const list = await app.inject({ method: "GET", url: "/api/v1/imports", headers: bearer(viewer.key) });
    expect(list.statusCode).toBe(200);
    expect(
      list
        .json()
        .data.map((r: { fileName: string | null; status: string; actor: { name: string } }) => [
          r.fileName,
          r.status,
          r.actor.name,
        ]),
    ).toEqual([
      [null, "failed", "test"],
      ["hubspot export.csv", "completed", "test"],
    ]);
    const detail = await app.inject({ method: "GET", url: `/api/v1/imports/${first.id}`, headers: bearer(viewer.key) });
    expect(detail.json()).toMatchObject({
      summary: { rows: 4, inserted: 2, rejected: 2 },
      errors: first.errors,
      errorsTruncated: false,
    });
    const missing = await app.inject({ method: "GET", url: "/api/v1/imports/imp_nope", headers: bearer(viewer.key) });
    expect(missing.statusCode).toBe(404);
  });

  it("over a real connection, answers and audits the upload by its type and size, not its request stream", async () => {
    const t = await createTestTenant(ctx.db);
    if (!app.server.listening) await app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = app.server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/imports?kind=contacts`, {
      method: "POST",
      headers: { ...bearer(t.adminKey), "content-type": "text/csv" },
      body: csv,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ rows: 4, inserted: 2, rejected: 2 });
    // Through a real socket the body's stream leads to the whole server. The audit once copied all of it
    // before reaching the same text (16 s and 3 GB per import; redact.test.ts shows it is no longer walked).
    const entries = (await listAudit(t.scope, { limit: 10 })).data.filter((e) => e.route === "/api/v1/imports");
    expect(entries.map((e) => e.body)).toEqual([{ upload: "text/csv", length: String(Buffer.byteLength(csv)) }]);
  });

  it("erasing a contact removes its refused rows from the import's record and audit entry, whatever their case", async () => {
    const t = await createTestTenant(ctx.db);
    await post(t.adminKey, "kind=contacts", "email,Seats\nzed@acme.com,4\n");
    const seats = encodeURIComponent('{"columns":{"Seats":{"target":"attributes.seats","type":"integer"}}}');
    const second = (
      await post(t.adminKey, `kind=contacts&mapping=${seats}`, "Email,Seats\nZed@Acme.com,many\n")
    ).json();
    expect(second.errors[0].line).toBe("Zed@Acme.com,many");
    const zed = (await listContacts(t.scope, { limit: 1, q: "zed@acme.com" })).data[0];
    const erased = await app.inject({
      method: "POST",
      url: `/api/v1/contacts/${zed?.id}/erase`,
      headers: bearer(t.adminKey),
      payload: {},
    });
    expect(erased.statusCode, erased.body).toBe(200);
    const record = await app.inject({
      method: "GET",
      url: `/api/v1/imports/${second.id}`,
      headers: bearer(t.adminKey),
    });
    expect(record.json().errors[0]).toMatchObject({ reason: "[erased]", line: "[erased]" });
    const audit = await app.inject({ method: "GET", url: "/api/v1/audit/export", headers: bearer(t.adminKey) });
    expect(audit.body.toLowerCase()).not.toContain("zed@acme.com");
  });

  it("imports NDJSON events; sending them again stores nothing new", async () => {
    const t = await createTestTenant(ctx.db);
    const ndjson = [
      { type: "identify", userId: "u1", traits: { email: "u1@acme.com" } },
      { type: "track", userId: "u1", event: "Report Exported", timestamp: "2026-09-01T10:00:00Z" },
      { type: "track", userId: "u1" },
    ]
      .map((l) => JSON.stringify(l))
      .join("\n");
    const first = await post(t.adminKey, "kind=events&source=backfill", ndjson, "application/x-ndjson");
    expect(first.json()).toMatchObject({ rows: 3, inserted: 2, rejected: 1, errors: [{ row: 3, field: "event" }] });
    const second = await post(t.adminKey, "kind=events", ndjson, "application/x-ndjson");
    expect(second.json()).toMatchObject({ inserted: 0, skipped: 2, rejected: 1 });
    expect(await countEvents(t.scope)).toBe(2);
  });

  it("answers problem+json 400 naming the bad parameter", async () => {
    const t = await createTestTenant(ctx.db);
    const missing = await post(t.adminKey, "format=csv", csv);
    expect(missing.statusCode).toBe(400);
    expect(missing.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(missing.json().errors[0].path).toBe("query.kind");
    const unknown = await post(t.adminKey, "kind=people", csv);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].path).toBe("query.kind");
    const format = await post(t.adminKey, "kind=contacts&format=xlsx", csv);
    expect(format.json().errors[0].path).toBe("query.format");
    const mapping = await post(
      t.adminKey,
      `kind=contacts&mapping=${encodeURIComponent('{"columns":{"X":"shoeSize"}}')}`,
      csv,
    );
    expect(mapping.statusCode).toBe(400);
    expect(mapping.json().errors[0].path).toBe("query.mapping.columns.X");
    const json = await app.inject({
      method: "POST",
      url: "/api/v1/imports?kind=contacts",
      headers: bearer(t.adminKey),
      payload: { email: "a@b.com" },
    });
    expect(json.statusCode).toBe(400);
    expect(json.json().errors[0].path).toBe("body");
    const noIdentity = await post(t.adminKey, "kind=contacts", "First Name\nAna\n");
    expect(noIdentity.statusCode).toBe(400);
    expect(noIdentity.json().errors[0].path).toBe("columns");
  });

  it("takes a mapping as a query parameter", async () => {
    const t = await createTestTenant(ctx.db);
    const mapping = JSON.stringify({
      columns: { "E-Mail-Adresse": "email", Vorname: "firstName", Sitze: "attributes.seats" },
    });
    const res = await post(
      t.adminKey,
      `kind=contacts&mapping=${encodeURIComponent(mapping)}`,
      "Vorname;E-Mail-Adresse;Sitze\nJürgen;j@beispiel.de;4\n",
    );
    expect(res.json()).toMatchObject({ inserted: 1, rejected: 0 });
    expect((await listContacts(t.scope, { limit: 1 })).data[0]).toMatchObject({
      email: "j@beispiel.de",
      firstName: "Jürgen",
      attributes: { seats: "4" },
    });
  });

  it("needs crm:write, and a body of at most 50 MB", async () => {
    const t = await createTestTenant(ctx.db);
    const sales = await createApiKey(t.scope, { name: "sales", role: "sales" }, null);
    const forbidden = await post(sales.key, "kind=contacts", csv);
    expect(forbidden.statusCode).toBe(403);
    const anonymous = await app.inject({ method: "POST", url: "/api/v1/imports?kind=contacts", payload: csv });
    expect(anonymous.statusCode).toBe(401);

    const declared = await post(t.adminKey, "kind=events", "{}\n", "application/x-ndjson", {
      "content-length": String(51 * 1024 * 1024),
    });
    expect(declared.statusCode).toBe(413);
    // Sent in chunks without a length: refused as soon as it passes the limit.
    const line = `${JSON.stringify({ type: "track", userId: "x", event: "y".repeat(1000) })}\n`;
    const megabyte = line.repeat(Math.ceil((1024 * 1024) / line.length));
    const chunks = Readable.from(
      (function* () {
        for (let i = 0; i < 52; i++) yield Buffer.from(megabyte);
      })(),
    );
    const streamed = await post(t.adminKey, "kind=contacts", chunks, "application/x-ndjson");
    expect(streamed.statusCode).toBe(413);
    expect(streamed.json().detail).toMatch(/larger than 50 MB/);
  });
});
