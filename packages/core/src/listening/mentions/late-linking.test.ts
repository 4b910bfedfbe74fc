import { createTestTenant, describeDialects } from "@advo/test-kit";
import { expect, it } from "vitest";
import { listContacts } from "../../contacts/index.ts";
import { importStream, memoryErrorSink } from "../../imports/index.ts";
import { manualClock } from "../../shared/clock.ts";
import type { Scope } from "../../shared/scope.ts";
import { ingestMessages, normalizeBatch } from "../../signals/index.ts";
import { ingestMentions, listMentions, mentionInput, setListeningSettings, WEBHOOK_SOURCE } from "./index.ts";

// Contacts written in bulk (imports, Segment identify) bypass createContact/updateContact: these are
// the scenarios where a mention was heard before the person was known, on those two paths.
const clock = manualClock(Date.parse("2026-10-01T12:00:00Z"));
const acme = { brands: [{ name: "Acme", include: [] }] };

async function mentionsFirst(scope: Scope, items: object[]) {
  await setListeningSettings(scope, acme);
  await ingestMentions(
    scope,
    WEBHOOK_SOURCE,
    items.map((i) => mentionInput.parse(i)),
  );
}

const contactOfMentions = async (scope: Scope) =>
  Object.fromEntries((await listMentions(scope, {})).map((m) => [m.text, m.contactId]));

const contactIdBy = async (scope: Scope, email: string) =>
  (await listContacts(scope, { limit: 50 })).data.find((c) => c.email === email)?.id;

describeDialects("late linking of mentions by bulk contact writes", (ctx) => {
  it("links earlier mentions to contacts a CSV import creates, and to handles an NDJSON import adds", async () => {
    const { scope } = await createTestTenant(ctx.db, clock);
    await mentionsFirst(scope, [
      { text: "Acme by csv email", authorEmail: "csv@example.com" },
      { text: "Acme by csv handle", authorHandle: "@csv_fan" },
      { text: "Acme by later handle", authorHandle: "https://x.com/Later_Fan" },
      { text: "Acme by a stranger", authorEmail: "stranger@example.com" },
    ]);
    expect(Object.values(await contactOfMentions(scope)).filter(Boolean)).toEqual([]);

    const csv = "Email,First Name,Twitter Username\nCSV@example.com,Cy,csv_fan\nlater@example.com,Lu,\n";
    const summary = await importStream(scope, [csv], { kind: "contacts", format: "csv", errors: memoryErrorSink() });
    expect(summary).toMatchObject({ inserted: 2, rejected: 0 });
    const cy = await contactIdBy(scope, "csv@example.com");
    const lu = await contactIdBy(scope, "later@example.com");
    expect(await contactOfMentions(scope)).toMatchObject({
      "Acme by csv email": cy,
      "Acme by csv handle": cy,
      "Acme by later handle": null,
    });

    // An update that only adds a handle links by it.
    const ndjson = `${JSON.stringify({ email: "later@example.com", socialHandles: { x: "@later_fan" } })}\n`;
    await importStream(scope, [ndjson], { kind: "contacts", format: "ndjson", errors: memoryErrorSink() });
    expect(await contactOfMentions(scope)).toEqual({
      "Acme by csv email": cy,
      "Acme by csv handle": cy,
      "Acme by later handle": lu,
      "Acme by a stranger": null,
    });
  });

  it("links earlier mentions to a contact an identify creates, or whose blank email an identify fills", async () => {
    const { scope, tenant } = await createTestTenant(ctx.db, clock);
    const target = { db: ctx.db, clock, tenantId: tenant.id, sourceId: null };
    await mentionsFirst(scope, [
      { text: "Acme by new user", authorEmail: "new@example.com" },
      { text: "Acme by a stranger", authorEmail: "stranger@example.com" },
      { text: "Acme by tracked user", authorEmail: "tracked@example.com" },
    ]);
    const send = async (items: object[]) => {
      const { messages } = normalizeBatch(items, { receivedAt: clock.now(), checkSizes: true });
      await ingestMessages(target, messages);
    };
    // A track call from a user nobody has identified yet: a contact with no email, nothing to link. The
    // identify in a later batch fills that blank email.
    await send([{ type: "track", messageId: "t1", userId: "u-tracked", event: "Report Exported" }]);
    await send([
      { type: "identify", messageId: "i1", userId: "u-new", traits: { email: "New@example.com" } },
      { type: "identify", messageId: "i2", userId: "u-tracked", traits: { email: "tracked@example.com" } },
    ]);
    const newId = await contactIdBy(scope, "new@example.com");
    const trackedId = await contactIdBy(scope, "tracked@example.com");
    expect(newId).toBeDefined();
    expect(trackedId).toBeDefined();
    expect(await contactOfMentions(scope)).toEqual({
      "Acme by new user": newId,
      "Acme by a stranger": null,
      "Acme by tracked user": trackedId,
    });
  });
});
