import { manualClock } from "@advo/core";
import { enqueueJob, runDueJobs } from "@advo/core/jobs";
import { createTestTenant, describeDialects } from "@advo/test-kit";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bearer, buildTestApp } from "../testing.ts";

describeDialects("jobs API", (ctx) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp(ctx.db);
  });
  afterAll(async () => {
    await app.close();
  });

  it("lists a workspace's failed jobs with their errors and gives one another attempt", async () => {
    const clock = manualClock(Date.now());
    const t = await createTestTenant(ctx.db, clock);
    const other = await createTestTenant(ctx.db, clock);
    const headers = bearer(t.adminKey);
    const scope = { ...t.scope, clock };
    const failing = await enqueueJob(scope, "feeds.poll", { feedId: "f1" }, { maxAttempts: 1 });
    const waiting = await enqueueJob(scope, "feeds.poll", { feedId: "f2" }, { runAt: clock.now() + 60_000 });
    await enqueueJob({ ...other.scope, clock }, "feeds.poll", {}, { maxAttempts: 1 });
    let works = false;
    const handlers = {
      "feeds.poll": async () => {
        if (!works) throw new Error("feed answered 503");
      },
    };
    await runDueJobs(ctx.db, clock, handlers);

    const failed = await app.inject({ method: "GET", url: "/api/v1/jobs?status=failed", headers });
    expect(failed.statusCode).toBe(200);
    expect(failed.json().data).toEqual([
      expect.objectContaining({
        id: failing,
        kind: "feeds.poll",
        status: "failed",
        attempts: 1,
        lastError: "feed answered 503",
      }),
    ]);
    const all = await app.inject({ method: "GET", url: "/api/v1/jobs", headers });
    expect(
      all
        .json()
        .data.map((j: { id: string }) => j.id)
        .sort(),
    ).toEqual([failing, waiting].sort());
    expect((await app.inject({ method: "GET", url: "/api/v1/jobs?limit=0", headers })).statusCode).toBe(400);

    const notFailed = await app.inject({ method: "POST", url: `/api/v1/jobs/${waiting}/retry`, headers });
    expect(notFailed.statusCode).toBe(409);
    expect(notFailed.json().detail).toMatch(/only a failed job can be retried/);
    const missing = await app.inject({ method: "POST", url: "/api/v1/jobs/job_nope/retry", headers });
    expect(missing.statusCode).toBe(404);

    const retried = await app.inject({ method: "POST", url: `/api/v1/jobs/${failing}/retry`, headers });
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ id: failing, status: "queued", attempts: 1, maxAttempts: 2 });
    works = true;
    clock.advance(5_000); // the server's clock set the retry due at its own now
    await runDueJobs(ctx.db, clock, handlers);
    const left = (await app.inject({ method: "GET", url: "/api/v1/jobs", headers })).json().data;
    expect(left.map((j: { id: string }) => j.id)).toEqual([waiting]);
  });
});
