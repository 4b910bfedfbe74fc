import { execFile } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Worker } from "node:worker_threads";
import { defaultWeights } from "@advo/core/scoring";
import { createDb, migrateToLatest } from "@advo/db";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error plain JavaScript module without types
import { buildBundle } from "../bundle.mjs";

const run = promisify(execFile);
// Under apps/cli/dist (git-ignored), never the bundle bin/advo.js runs: the packages the bundle leaves
// external, and the data files packageFile() finds, are looked up from node_modules above it.
const dist = fileURLToPath(new URL("../dist/", import.meta.url));
mkdirSync(dist, { recursive: true });
const dir = mkdtempSync(join(dist, "test-"));
const bundle = join(dir, "advo.mjs");

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the CLI's bundle", { timeout: 120_000 }, () => {
  it("builds from the sources and runs commands that read data files (lexicons, disposable domains)", async () => {
    const inputs: string[] = await buildBundle(bundle);
    expect(inputs).toContain("apps/cli/src/main.ts");
    expect(inputs.some((input) => input.includes("node_modules"))).toBe(false);

    const help = await run(process.execPath, [bundle, "--help"]);
    expect(help.stdout).toContain("import");

    const child = run(process.execPath, [bundle, "sentiment"]);
    child.child.stdin?.end("I love it, the support team is great\nterrible, broken and slow\n");
    const scores = (await child).stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { label: string });
    expect(scores.map((s) => s.label)).toEqual(["positive", "negative"]);
  });

  it("ships the worker thread of a full rescore beside it, and that worker scores a range", async () => {
    const url = `sqlite:${join(dir, "worker.db")}`;
    const handle = createDb({ url });
    await migrateToLatest(handle.db);
    await handle.close();
    // Built by the first test, as dist/score-worker.mjs is built beside dist/advo.mjs.
    const worker = new Worker(join(dir, "score-worker.mjs"), {
      workerData: { reopen: { url }, writeTurn: null, tenantId: "ten_none", weights: defaultWeights, distribution: [] },
    });
    const reply = once(worker, "message");
    worker.postMessage({ seq: 7, range: { from: "con_0", to: "con_z" }, now: Date.now() });
    expect((await reply)[0]).toEqual({ seq: 7, scored: [] });
    worker.postMessage("close");
    await once(worker, "exit");
  });
});
