import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { systemClock } from "@advo/core";
import { createContact } from "@advo/core/contacts";
import { activateJourney, createJourney } from "@advo/core/journeys";
import { createSegment } from "@advo/core/segments";
import { createTenant } from "@advo/core/tenants";
import { createDb, migrateToLatest } from "@advo/db";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const bin = fileURLToPath(new URL("../../bin/advo.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "advo-journeys-"));
const url = `sqlite:${join(dir, "journeys.db")}`;

async function advo(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, "--database", url, ...args], {
      env: { ...process.env, LOG_LEVEL: "silent", PUBLIC_URL: "https://advo.example.com" },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("advo journeys", { timeout: 120_000 }, () => {
  it("lists a workspace's journeys and runs the due steps now, with unsubscribe links addressed to PUBLIC_URL", async () => {
    const handle = createDb({ url });
    await migrateToLatest(handle.db);
    const tenant = await createTenant(handle.db, systemClock, { name: "Journey Co" });
    const scope = { db: handle.db, tenantId: tenant.id, clock: systemClock };
    for (const name of ["Ana", "Bo"])
      await createContact(scope, {
        email: `${name.toLowerCase()}@example.com`,
        firstName: name,
        title: "VP",
        consent: { marketingEmail: { granted: true } },
      });
    const vps = await createSegment(scope, { name: "VPs", expression: 'title = "VP"' });
    const journey = await createJourney(scope, {
      name: "Welcome VPs",
      trigger: { type: "segment_joined", segmentId: vps.id },
      steps: [
        { type: "send_email", subject: "Hello {{firstName}}", body: "Welcome!", ask: false },
        { type: "award_points", points: 20, reason: "Welcome" },
      ],
    });
    await activateJourney(scope, journey.id, { enrollCurrentMembers: true });
    await handle.close();

    const ran = await advo("journeys", "run", "-w", "journey-co");
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain("journeys of journey-co: 0 contacts entered, 4 steps run");
    expect((await advo("journeys", "run", "-w", "journey-co")).stdout).toContain("0 steps run");
    const listed = await advo("journeys", "list", "-w", "journey-co");
    expect(listed.stdout).toContain(`${journey.id}  active   Welcome VPs  (in it 0, finished 2, left early 0)`);

    const check = createDb({ url });
    const emails = await check.db.selectFrom("emailOutbox").select("textBody").execute();
    await check.close();
    expect(emails).toHaveLength(2);
    for (const e of emails)
      expect(e.textBody).toMatch(/To stop these emails: https:\/\/advo\.example\.com\/unsubscribe#token=\S+/);

    const unknown = await advo("journeys", "list", "-w", "nope");
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/nope/);
  });
});
