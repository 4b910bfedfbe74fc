import { Writable } from "node:stream";
import { createAccount } from "@advo/core/accounts";
import { createContact } from "@advo/core/contacts";
import { createChallenge, createProgram } from "@advo/core/programs";
import { createReward } from "@advo/core/rewards";
import { createSegment } from "@advo/core/segments";
import { createAdvocateSession, signIn } from "@advo/core/users";
import { createTestTenant, describeDialects } from "@advo/test-kit";
import fc from "fast-check";
import type { FastifyInstance, InjectOptions } from "fastify";
import pino from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createApp } from "./app.ts";
import { loadConfig } from "./config.ts";
import type { GuardedRoute } from "./plugins/auth.ts";
import { testSecretKey } from "./testing.ts";

// Property-based robustness: for every operation in the OpenAPI document (so a route added later
// is covered without touching this file), fast-check generates requests shaped like the route's
// schemas and then broken in every way a client can break them: wrong types, missing and extra
// fields, odd strings, hostile path segments and query values, wrong content types, bad
// credentials. Whatever comes in, the answer is never a 5xx, always JSON (problem+json for
// errors) and never a stack trace. FUZZ_RUNS raises the number of requests per route.

const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  additionalProperties?: boolean | JsonSchema;
  const?: unknown;
};
type Operation = {
  parameters?: { in: string; name: string; schema?: JsonSchema; required?: boolean }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
};

const nasty = fc.constantFrom(
  "",
  " ",
  "../../etc/passwd",
  "%00",
  "\u0000",
  "'; DROP TABLE contacts; --",
  "<script>alert(1)</script>",
  "😀".repeat(40),
  "\uFFFD\uD800",
  "a".repeat(5000),
  "null",
  "true",
  "-1",
  "1e309",
  "9".repeat(40),
  "NaN",
  "2026-02-30T25:61:00Z",
  "__proto__",
  "constructor",
  "nps >= ",
  "con_00000000000000000000",
);
const anyString = fc.oneof({ weight: 3, arbitrary: fc.string({ maxLength: 40 }) }, { weight: 2, arbitrary: nasty });
const anyJson = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  anyString,
  fc.constant(null),
  fc.double(),
  fc.integer(),
  fc.constant({ __proto__: { polluted: true } }),
);

const formatted: Record<string, fc.Arbitrary<string>> = {
  email: fc.oneof(fc.emailAddress(), anyString),
  "date-time": fc.oneof(
    fc
      .date({ min: new Date("1990-01-01"), max: new Date("2090-01-01"), noInvalidDate: true })
      .map((d) => d.toISOString()),
    anyString,
  ),
  uri: fc.oneof(fc.webUrl(), anyString),
};

/** A value shaped by the schema most of the time, and anything at all some of the time. */
function fromSchema(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return anyJson;
  const shaped = shapedBy(schema, depth);
  return fc.oneof({ weight: 5, arbitrary: shaped }, { weight: 1, arbitrary: anyJson });
}

function shapedBy(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const options = schema.anyOf ?? schema.oneOf;
  if (options?.length) return fc.oneof(...options.map((o) => fromSchema(o, depth + 1)));
  if (schema.allOf?.length) return fromSchema(schema.allOf[0], depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  switch (type) {
    case "object": {
      const props = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const record = Object.fromEntries(
        Object.entries(props).map(([key, s]) => [
          key,
          required.has(key) ? fromSchema(s, depth + 1) : fc.option(fromSchema(s, depth + 1), { nil: undefined }),
        ]),
      );
      return fc.tuple(fc.record(record), fc.dictionary(anyString, anyJson, { maxKeys: 2 })).map(([known, extra]) => {
        const out: Record<string, unknown> = { ...extra, ...known };
        for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
        return out;
      });
    }
    case "array":
      return fc.array(fromSchema(schema.items, depth + 1), { maxLength: 4 });
    case "string":
      return schema.format && formatted[schema.format] ? (formatted[schema.format] as fc.Arbitrary<string>) : anyString;
    case "integer":
      return fc.oneof(
        fc.integer({ min: schema.minimum ?? -10, max: Math.min(schema.maximum ?? 1000, 1000) }),
        fc.integer(),
        fc.constant(Number.MAX_SAFE_INTEGER),
      );
    case "number":
      return fc.oneof(fc.double({ noNaN: true }), fc.integer({ min: 0, max: 1000 }));
    case "boolean":
      return fc.boolean();
    default:
      return anyJson;
  }
}

/** A URL cannot carry a lone surrogate (encodeURIComponent throws): the test's own limit, not the server's. */
// String.prototype.toWellFormed is in Node 20; TypeScript types it from lib ES2024, above this project's ES2023.
const wellFormed = (text: string) => (text as string & { toWellFormed(): string }).toWellFormed();

const asQueryValue = (value: unknown): string | string[] =>
  Array.isArray(value)
    ? value.map((v) => wellFormed(typeof v === "string" ? v : JSON.stringify(v)))
    : wellFormed(typeof value === "string" ? value : JSON.stringify(value));

const contentTypes = fc.constantFrom(
  ...Array<string>(8).fill("application/json"),
  "application/json; charset=utf-8",
  "text/plain",
  "application/x-www-form-urlencoded",
  "application/json; charset=latin1",
  "multipart/form-data; boundary=x",
  "application/xml",
  "garbage",
);

const clip = (text: string, max = 600) => (text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text);

const STACK_TRACE = /\bat [\w.<>]+ \(|node_modules|\.ts:\d+:\d+|\.js:\d+:\d+/;

function checkAnswer(res: { statusCode: number; headers: Record<string, unknown>; body: string }, label: string) {
  expect(res.statusCode, `${label} → ${res.statusCode} ${res.body.slice(0, 300)}`).toBeLessThan(500);
  expect(res.body, `${label}: a stack trace in the answer`).not.toMatch(STACK_TRACE);
  const type = String(res.headers["content-type"] ?? "");
  if (res.statusCode >= 400) {
    expect(type, `${label} → ${res.statusCode} answered ${type}`).toContain("application/problem+json");
    const problem = JSON.parse(res.body) as { status?: number; detail?: string };
    expect(problem.status, label).toBe(res.statusCode);
    expect(typeof problem.detail, label).toBe("string");
  } else if (res.statusCode !== 204 && res.statusCode < 300 && type.startsWith("application/json")) {
    expect(() => JSON.parse(res.body), `${label}: body is not JSON`).not.toThrow();
  }
}

describeDialects("fuzz: generated and malformed requests on every route", (ctx) => {
  let app: FastifyInstance;
  const serverErrors: string[] = [];
  beforeAll(async () => {
    // Errors the server logs are collected: a failing property names what went wrong inside.
    const sink = new Writable({
      write(chunk, _enc, done) {
        const line = JSON.parse(String(chunk)) as { level: number; err?: { message?: string; stack?: string } };
        if (line.level >= 50) serverErrors.push(line.err?.stack ?? line.err?.message ?? String(chunk));
        done();
      },
    });
    app = await createApp({
      db: ctx.db,
      clock: { now: () => Date.now() },
      logger: pino({ level: "error" }, sink),
      config: { ...loadConfig({}), worker: false, rateLimits: null, secretKey: testSecretKey() },
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  it("never answers 5xx, always problem+json, never a stack trace", async () => {
    const t = await createTestTenant(ctx.db);
    const contact = await createContact(t.scope, { email: "fuzz@example.com", firstName: "Fuzz" });
    // The advocate signed in to the hub is not among the ids below: erasing them must not sign it out.
    const hubContact = await createContact(t.scope, { email: "hub-fuzz@example.com", firstName: "Hub" });
    // Real ids of this tenant, so some generated paths reach the handlers behind the 404s.
    const staff = { type: "system" as const, id: "fuzz", name: "fuzz" };
    const account = await createAccount(t.scope, { name: "Fuzz Inc", domain: "fuzz.example" });
    const program = await createProgram(t.scope, { name: "Fuzz program", type: "referral" });
    const challenge = await createChallenge(
      t.scope,
      { programId: program.id, type: "testimonial", title: "Say something", points: 10 },
      staff,
    );
    const reward = await createReward(t.scope, { name: "Fuzz mug", kind: "swag", costPoints: 1, stock: 5 });
    const segment = await createSegment(t.scope, { name: "Fuzzers", expression: "nps >= 0" });
    const realIds = [contact.id, account.id, program.id, challenge.id, reward.id, segment.id];
    const signInOwner = async () =>
      (
        await signIn(ctx.db, t.scope.clock, {
          workspace: t.tenant.slug,
          email: t.ownerEmail,
          password: t.ownerPassword,
        })
      ).token;
    const doc = app.swagger() as { paths: Record<string, Record<string, Operation>> };
    const guarded = (app as unknown as { guardedRoutes: GuardedRoute[] }).guardedRoutes;
    const permissionOf = (method: string, path: string) =>
      guarded.find((g) => g.method === method && g.url === path.replace(/\{(\w+)\}/g, ":$1"))?.permission;

    let requests = 0;
    const statuses = new Map<number, number>();
    let operations = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const upper = method.toUpperCase();
        if (!["GET", "POST", "PUT", "PATCH", "DELETE"].includes(upper)) continue;
        operations++;
        // Fresh sessions for each operation: a generated sign-out earlier must not leave the rest unauthenticated.
        const session = await signInOwner();
        const advocate = (await createAdvocateSession(t.scope, hubContact.id)).token;
        const permission = permissionOf(upper, path);
        const token = permission === "hub:use" ? advocate : t.adminKey;
        const params = op.parameters ?? [];
        const pathParams = params.filter((p) => p.in === "path");
        const queryParams = params.filter((p) => p.in === "query");
        const bodySchema = op.requestBody?.content?.["application/json"]?.schema;

        const request = fc.record({
          path: fc.tuple(...pathParams.map(() => fc.oneof(anyString, fc.constantFrom(...realIds))), fc.constant(null)),
          query: fc.record(
            Object.fromEntries(
              queryParams.map((p) => [p.name, fc.option(fromSchema(p.schema), { nil: undefined, freq: 3 })]),
            ),
          ),
          body: bodySchema ? fromSchema(bodySchema) : fc.option(anyJson, { nil: undefined, freq: 3 }),
          contentType: contentTypes,
          extraHeaders: fc.dictionary(
            fc.constantFrom(
              "x-request-id",
              "idempotency-key",
              "cookie",
              "origin",
              "sec-fetch-site",
              "x-requested-with",
              "accept",
              "accept-language",
              "if-none-match",
              "x-forwarded-for",
              "range",
            ),
            fc.oneof(
              anyString,
              fc.constantFrom("advo_session=advo.x.y.z; advo_hub=%%%", "https://evil.example", "cross-site"),
            ),
            { maxKeys: 3 },
          ),
          auth: fc.constantFrom(
            ...Array<string>(10).fill("good"),
            "cookie",
            "cookie",
            "none",
            "garbage",
            "wrong-scheme",
          ),
          // Now and then a body that is not JSON at all.
          rawBody: fc.oneof(
            { weight: 12, arbitrary: fc.constant(undefined) },
            { weight: 1, arbitrary: fc.constantFrom("{", '{"a":', "\u0000", "[]", "null", '"x"', "{}}", "\uFEFF{}") },
          ),
        });

        const outcome = await fc.check(
          fc.asyncProperty(request, async (r) => {
            let url = path;
            pathParams.forEach((p, i) => {
              url = url.replace(`{${p.name}}`, encodeURIComponent(wellFormed(String(r.path[i])) || "x"));
            });
            const query: Record<string, string | string[]> = {};
            for (const [key, value] of Object.entries(r.query))
              if (value !== undefined) query[key] = asQueryValue(value);
            const headers: Record<string, string> = {};
            for (const [name, value] of Object.entries(r.extraHeaders)) {
              // Node refuses to send control characters in a header: the client's limit, not the server's.
              const sendable = value.replace(/[^\t\x20-\x7e]/g, "");
              if (sendable) headers[name] = sendable;
            }
            if (r.auth === "good") headers.authorization = `Bearer ${token}`;
            // A signed-in browser: writes without a same-origin signal meet the CSRF guard.
            if (r.auth === "cookie") headers.cookie = `advo_session=${session}; advo_hub=${advocate}`;
            if (r.auth === "garbage") headers.authorization = "Bearer adv_not_a_key";
            if (r.auth === "wrong-scheme") headers.authorization = `Basic ${token}`;
            const options: InjectOptions = { method: upper as InjectOptions["method"], url, query, headers };
            if (upper !== "GET" && upper !== "DELETE" && (r.body !== undefined || r.rawBody !== undefined)) {
              headers["content-type"] = r.contentType;
              options.payload = r.rawBody ?? JSON.stringify(r.body);
            }
            requests++;
            const before = serverErrors.length;
            const label = `${upper} ${path} ${clip(JSON.stringify({ url, query, body: options.payload, headers }))}`;
            const res = await app.inject(options).catch((error: Error) => {
              throw new Error(`${label} → ${error.message}\n${serverErrors.slice(before).join("\n")}`);
            });
            statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
            if (res.statusCode >= 500) {
              throw new Error(`${label} → ${res.statusCode}\n${serverErrors.slice(before).join("\n")}`);
            }
            checkAnswer(res, label);
          }),
          { numRuns: RUNS, seed: SEED, endOnFailure: true },
        );
        if (outcome.failed) {
          const error = outcome.errorInstance as Error | undefined;
          throw new Error(`${upper} ${path}: ${clip(error?.message ?? String(outcome.errorInstance), 4000)}`);
        }
      }
    }
    expect(operations).toBeGreaterThan(100);
    // The closing note quotes these.
    const byStatus = [...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`);
    console.info(
      `fuzz [${ctx.dialect}]: ${operations} operations, ${requests} generated requests, seed ${SEED}; answers ${byStatus.join(" ")}`,
    );
    // Some generated requests must get through validation, or the property tests nothing past it.
    expect([...statuses].filter(([status]) => status < 300).reduce((n, [, c]) => n + c, 0)).toBeGreaterThan(
      requests / 20,
    );
  }, 600_000);

  it("refuses oversized bodies, deep JSON, invalid UTF-8 and huge CSV lines cleanly", async () => {
    const t = await createTestTenant(ctx.db);
    const auth = { authorization: `Bearer ${t.adminKey}`, "content-type": "application/json" };
    const cases: { label: string; options: InjectOptions; status: number[] }[] = [
      {
        label: "a 3 MB JSON body",
        options: {
          method: "POST",
          url: "/api/v1/contacts",
          headers: auth,
          payload: JSON.stringify({ email: "big@example.com", attributes: { blob: "x".repeat(3 * 1024 * 1024) } }),
        },
        status: [413, 400],
      },
      {
        label: "JSON nested 100,000 deep",
        options: {
          method: "POST",
          url: "/api/v1/contacts",
          headers: auth,
          payload: `${"[".repeat(100_000)}${"]".repeat(100_000)}`,
        },
        status: [400, 413],
      },
      {
        label: "an object nested 5,000 deep in a valid field",
        options: {
          method: "POST",
          url: "/api/v1/contacts",
          headers: auth,
          payload: `{"email":"deep@example.com","attributes":${'{"a":'.repeat(5000)}1${"}".repeat(5000)}}`,
        },
        status: [400],
      },
      {
        label: "invalid UTF-8 in a JSON body",
        options: {
          method: "POST",
          url: "/api/v1/contacts",
          headers: auth,
          payload: Buffer.concat([
            Buffer.from('{"email":"u@example.com","firstName":"'),
            Buffer.from([0xc3, 0x28, 0xff]),
            Buffer.from('"}'),
          ]),
        },
        status: [400],
      },
      {
        label: "a CSV import whose one line is 2 MB",
        options: {
          method: "POST",
          url: "/api/v1/imports?kind=contacts&format=csv",
          headers: { authorization: `Bearer ${t.adminKey}`, "content-type": "text/csv" },
          payload: `email,first_name\nbig@example.com,${"y".repeat(2 * 1024 * 1024)}\n`,
        },
        // Refused as a whole, or the one row refused with its reason.
        status: [200, 400, 413],
      },
      {
        label: "a Segment batch of 600 KB",
        options: {
          method: "POST",
          url: "/v1/batch",
          headers: {
            authorization: `Basic ${Buffer.from("wk_unknown:").toString("base64")}`,
            "content-type": "application/json",
          },
          payload: JSON.stringify({ batch: [{ type: "track", userId: "u", event: "x".repeat(600 * 1024) }] }),
        },
        status: [400, 401, 413],
      },
    ];
    for (const c of cases) {
      const before = serverErrors.length;
      const res = await app.inject(c.options);
      expect(
        c.status,
        `${c.label} → ${res.statusCode} ${res.body.slice(0, 200)}\n${serverErrors.slice(before).join("\n")}`,
      ).toContain(res.statusCode);
      checkAnswer(res, c.label);
      if (res.statusCode === 200) expect(res.json(), c.label).toMatchObject({ inserted: 0, rejected: 1 });
    }
    // Nothing half-written: none of the refused contacts exists.
    const list = await app.inject({ method: "GET", url: "/api/v1/contacts?q=example.com", headers: auth });
    expect(list.json().data).toEqual([]);
  });
});
