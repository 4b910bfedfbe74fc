import { createTestTenant, describeDialects } from "@advo/test-kit";
import { expect, it } from "vitest";
import { listContacts } from "../contacts/index.ts";
import { eraseContact } from "../privacy/index.ts";
import { manualClock } from "../shared/clock.ts";
import { getImportRun, importStream, listImportRuns, memoryErrorSink } from "./index.ts";

const clock = manualClock(Date.parse("2026-11-02T09:00:00Z"));
const actor = { type: "user" as const, id: "usr_1", name: "Mia Manager" };
const csv = "email,firstName\nana@acme.com,Ana\nnot-an-email,Bo\nzoe@acme.com,Zoe\n";

describeDialects("import runs", (ctx) => {
  it("keeps each recorded import with who ran it, its summary and its refused rows, newest first", async () => {
    const { scope } = await createTestTenant(ctx.db, clock);
    const first = await importStream(scope, [csv], {
      kind: "contacts",
      format: "csv",
      errors: memoryErrorSink(),
      record: { actor, fileName: "crm.csv" },
    });
    expect(first).toMatchObject({ rows: 3, inserted: 2, rejected: 1 });
    // Refused before any row: the import is on record as failed, with the reason.
    await expect(
      importStream(scope, ["firstName\nAna\n"], {
        kind: "contacts",
        format: "csv",
        errors: memoryErrorSink(),
        record: { actor, fileName: "names-only.csv" },
      }),
    ).rejects.toThrow(/columns/);
    // Not asked to record (a caller that keeps its own): nothing kept.
    await importStream(scope, [csv], { kind: "contacts", format: "csv", errors: memoryErrorSink() });

    const page = await listImportRuns(scope, { limit: 1 });
    expect(page.data.map((r) => [r.fileName, r.status])).toEqual([["names-only.csv", "failed"]]);
    expect(page.data[0]?.failure).toMatch(/columns/);
    const rest = await listImportRuns(scope, { limit: 10, cursor: page.nextCursor ?? undefined });
    expect(rest.nextCursor).toBeNull();
    expect(rest.data).toHaveLength(1);
    const run = await getImportRun(scope, first.runId as string);
    expect(run).toMatchObject({
      id: first.runId,
      kind: "contacts",
      format: "csv",
      fileName: "crm.csv",
      actor,
      status: "completed",
      startedAt: "2026-11-02T09:00:00.000Z",
      summary: { rows: 3, inserted: 2, updated: 0, skipped: 0, rejected: 1 },
      errorsTruncated: false,
      failure: null,
    });
    expect(run.errors).toEqual([
      { row: 3, field: "email", reason: "must be an email address like name@example.com", line: "not-an-email,Bo" },
    ]);
    await expect(getImportRun(scope, "imp_01JZZZZZZZZZZZZZZZZZZZZZZZ")).rejects.toThrow(/not found/);
  });

  it("forgets the refused rows that name a contact when that contact is erased", async () => {
    const { scope } = await createTestTenant(ctx.db, clock);
    await importStream(scope, ["email,firstName\nana@acme.com,Ana\n"], {
      kind: "contacts",
      format: "csv",
      errors: memoryErrorSink(),
    });
    const second = await importStream(scope, ["email,Seats\nAna@Acme.com,many\nbo@acme.com,lots\n"], {
      kind: "contacts",
      format: "csv",
      errors: memoryErrorSink(),
      mapping: { columns: { Seats: { target: "attributes.seats", type: "integer" } }, unmapped: "attributes" },
      record: { actor, fileName: "seats.csv" },
    });
    const ana = (await listContacts(scope, { q: "ana@acme.com", limit: 1 })).data[0];
    const result = await eraseContact(scope, ana?.id as string);
    expect(result.cleared.importRuns).toBe(1);
    const run = await getImportRun(scope, second.runId as string);
    expect(run.errors.map((e) => [e.row, e.reason, e.line])).toEqual([
      [2, "[erased]", "[erased]"],
      [3, 'must be a whole number, got "lots"', "bo@acme.com,lots"],
    ]);
  });
});
