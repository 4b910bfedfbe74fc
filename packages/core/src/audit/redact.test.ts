import { EventEmitter } from "node:events";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { auditJson, REDACTED, redactSecrets } from "./redact.ts";

describe("what the audit records of a body", () => {
  it("redacts secret-named fields at any depth and keeps the rest", () => {
    expect(
      redactSecrets({
        email: "a@b.co",
        password: "hunter2",
        nested: [{ apiKey: "k", idempotencyKey: "i", note: null }],
      }),
    ).toEqual({ email: "a@b.co", password: REDACTED, nested: [{ apiKey: REDACTED, idempotencyKey: "i", note: null }] });
  });

  it("records what the JSON text would: a value with toJSON is what that returns", () => {
    const stream = new PassThrough();
    const upload = { stream, toJSON: () => ({ upload: "text/csv", length: "42" }) };
    expect(redactSecrets({ file: upload, at: new Date("2026-12-01T10:00:00Z") })).toEqual({
      file: { upload: "text/csv", length: "42" },
      at: "2026-12-01T10:00:00.000Z",
    });
    // Secrets a toJSON hands back are still redacted.
    expect(redactSecrets({ toJSON: () => ({ token: "t" }) })).toEqual({ token: REDACTED });
  });

  it("names an object of any class instead of copying it, so a body cannot pull in a stream's graph", () => {
    const emitter = new EventEmitter();
    expect(
      redactSecrets({ stream: new PassThrough(), emitter, plain: Object.assign(Object.create(null), { a: 1 }) }),
    ).toEqual({
      stream: "[PassThrough]",
      emitter: "[EventEmitter]",
      plain: { a: 1 },
    });
    expect(auditJson({ socket: new PassThrough() })).toBe('{"socket":"[PassThrough]"}');
  });
});
