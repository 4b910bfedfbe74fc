import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { systemClock } from "@advo/core";
import { createContact } from "@advo/core/contacts";
import { awardPoints } from "@advo/core/ledger";
import { createTenant } from "@advo/core/tenants";
import { createDb, migrateToLatest } from "@advo/db";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const bin = fileURLToPath(new URL("../../bin/advo.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "advo-ledger-"));
const url = `sqlite:${join(dir, "ledger.db")}`;

async function advo(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, "--database", url, ...args], {
      env: { ...process.env, LOG_LEVEL: "silent" },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("advo ledger verify", { timeout: 120_000 }, () => {
  it("passes on an intact ledger, then fails naming the exact entry edited directly in the database", async () => {
    const handle = createDb({ url });
    await migrateToLatest(handle.db);
    const tenant = await createTenant(handle.db, systemClock, { name: "Ledger Co" });
    const scope = { db: handle.db, tenantId: tenant.id, clock: systemClock };
    const contact = await createContact(scope, { email: "pat@example.com" });
    const actor = { type: "system" as const, id: "test", name: "test" };
    for (let i = 0; i < 3; i++) {
      await awardPoints(scope, {
        contactId: contact.id,
        points: 10 * (i + 1),
        reason: `act ${i}`,
        idempotencyKey: `k${i}`,
        actor,
      });
    }
    const ok = await advo("ledger", "verify", "-w", "ledger-co");
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("verified: 6 entries in 3 transactions");

    await sql`update ledger_entries set amount = 999 where seq = 3`.execute(handle.db);
    await handle.close();
    const tampered = await advo("ledger", "verify", "-w", "ledger-co");
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toContain("FAILED verification");
    expect(tampered.stderr).toMatch(/entry 3, transaction ltx_[0-9A-Z]+, account advocate:con_[0-9A-Z]+: altered/);
    const json = JSON.parse((await advo("ledger", "verify", "-w", "ledger-co", "--json")).stdout);
    expect(json.ok).toBe(false);
    expect(json.problems.find((p: { problem: string }) => p.problem.startsWith("altered")).seq).toBe(3);
  });
});
