import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { systemClock } from "@advo/core";
import { recordAudit } from "@advo/core/audit";
import { createTenant } from "@advo/core/tenants";
import { createDb, migrateToLatest } from "@advo/db";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const bin = fileURLToPath(new URL("../../bin/advo.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "advo-audit-"));
const url = `sqlite:${join(dir, "audit.db")}`;

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

describe("advo audit verify", { timeout: 120_000 }, () => {
  it("passes on an intact log, then fails naming the entry edited directly in the database", async () => {
    const handle = createDb({ url });
    await migrateToLatest(handle.db);
    const tenant = await createTenant(handle.db, systemClock, { name: "Audit Co" });
    const scope = { db: handle.db, tenantId: tenant.id, clock: systemClock };
    for (let i = 0; i < 3; i++) {
      await recordAudit(scope, {
        actor: { type: "user", id: "usr_1", name: "Pat" },
        action: "update",
        method: "PATCH",
        route: "/api/v1/contacts/:id",
        path: `/api/v1/contacts/con_${i}`,
        statusCode: 200,
        resourceKind: "contacts",
        resourceId: `con_${i}`,
        requestId: `req_${i}`,
        body: { firstName: `P${i}` },
        after: { id: `con_${i}`, firstName: `P${i}` },
      });
    }
    const ok = await advo("audit", "verify", "-w", "audit-co");
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("verified: 3 entries");

    await sql`update audit_entries set after = '{"firstName":"Eve"}' where seq = 2`.execute(handle.db);
    await handle.close();
    const tampered = await advo("audit", "verify", "-w", "audit-co");
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toContain("FAILED verification: first altered entry 2");
    expect(tampered.stderr).toContain("entry 2: altered");
    const json = JSON.parse((await advo("audit", "verify", "-w", "audit-co", "--json")).stdout);
    expect(json).toMatchObject({ ok: false, firstAlteredSeq: 2 });
  });
});
