import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const bin = fileURLToPath(new URL("../bin/advo.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "advo-cli-"));
const database = `sqlite:${join(dir, "cli.db")}`;

async function advo(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, "--database", database, ...args], {
      env: { ...process.env, LOG_LEVEL: "silent" },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Each case spawns the real CLI (tsx start-up included) several times: generous time on a busy machine.
describe("advo CLI", { timeout: 180_000 }, () => {
  it("init creates a workspace on a fresh database and prints its id and an admin API key", async () => {
    const res = await advo("init", "--tenant", "Acme Inc", "--email", "Boss@Acme.com");
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(out).toMatchObject({ workspace: "acme-inc", email: "boss@acme.com" });
    expect(out.tenantId).toMatch(/^ten_/);
    expect(out.apiKey).toMatch(/^advo\.ten_/);
    expect(out.password.length).toBeGreaterThanOrEqual(12);
  });

  it("refuses a second workspace with the same slug with a clear message and exit 1", async () => {
    const res = await advo("init", "--tenant", "Acme Inc", "--email", "x@acme.com");
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('a workspace named "acme-inc" already exists');
  });

  it("names the bad field when init is given an invalid email, and leaves no half-made workspace", async () => {
    const res = await advo("init", "--tenant", "Half Made", "--email", "not-an-email");
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/email/);
    const again = await advo("init", "--tenant", "Half Made", "--email", "ok@half.com");
    expect(again.code).toBe(0);
  });

  it("exits non-zero with usage help on a missing option or an unknown command", async () => {
    const missing = await advo("init", "--tenant", "X");
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain("--email");
    const unknown = await advo("frobnicate");
    expect(unknown.code).not.toBe(0);
    const badDb = await run(process.execPath, [bin, "--database", "mysql://x", "migrate"]).catch((e) => e);
    expect(badDb.code).not.toBe(0);
    expect(badDb.stderr).toContain("sqlite:");
  });

  it("sentiment scores one JSON line per input line, and refuses a bad lexicon file", async () => {
    const child = execFile(process.execPath, [bin, "sentiment"], { env: { ...process.env, LOG_LEVEL: "silent" } });
    const out: string[] = [];
    child.stdout?.on("data", (chunk) => out.push(String(chunk)));
    child.stdin?.end("Support was fantastic, love it!\nThe export is broken and nobody answers.\n\n");
    await new Promise((resolve) => child.on("close", resolve));
    const lines = out
      .join("")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0].label).toBe("positive");
    expect(lines[1].label).toBe("negative");
    expect(lines[2]).toMatchObject({ compound: 0, label: "neutral" });
    const bad = await run(process.execPath, [bin, "sentiment", "--lexicon", join(dir, "missing.json")]).catch((e) => e);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/lexicon/i);
  });

  it("migrate is idempotent", async () => {
    expect((await advo("migrate")).stdout).toContain("up to date");
    expect((await advo("migrate")).code).toBe(0);
  });
});
