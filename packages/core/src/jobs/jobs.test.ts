import { createTestTenant, describeDialects } from "@advo/test-kit";
import { expect, it } from "vitest";
import { manualClock } from "../shared/clock.ts";
import { enqueueJob, FAILED_JOBS_KEPT_MS, purgeFailedJobs, runDueJobs } from "./index.ts";

/** A promise and the functions that settle it, for a handler the test holds open. */
function gate() {
  let open!: () => void;
  let fail!: (error: Error) => void;
  const closed = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { closed, open, fail };
}

/** Waits (in real time, polling) until `check` holds; the renewal runs on a timer. */
async function until(check: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 2000; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`timed out waiting until ${what}`);
}

describeDialects("job queue", (ctx) => {
  const jobRow = (id: string) => ctx.db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  // A job that ran to its end leaves nothing behind: a queue fed by every ingest batch would otherwise grow for ever.
  const jobGone = async (id: string) =>
    (await ctx.db.selectFrom("jobs").select("id").where("id", "=", id).executeTakeFirst()) === undefined;

  it("runs a due job once and retries a failing one with backoff until it gives up", async () => {
    const clock = manualClock();
    const t = await createTestTenant(ctx.db, clock);
    const scope = { ...t.scope, clock };
    const seen: unknown[] = [];
    let failures = 0;
    const handlers = {
      ok: async ({ payload }: { payload: unknown }) => {
        seen.push(payload);
      },
      flaky: async () => {
        failures++;
        throw new Error("upstream down");
      },
    };
    await enqueueJob(scope, "ok", { n: 1 });
    await enqueueJob(scope, "flaky", {}, { maxAttempts: 2 });
    await enqueueJob(scope, "ok", { n: 2 }, { runAt: clock.now() + 60_000 });

    expect(await runDueJobs(ctx.db, clock, handlers)).toBe(2);
    expect(seen).toEqual([{ n: 1 }]);
    expect(await runDueJobs(ctx.db, clock, handlers)).toBe(0);

    clock.advance(61_000);
    expect(await runDueJobs(ctx.db, clock, handlers)).toBe(2);
    expect(seen).toEqual([{ n: 1 }, { n: 2 }]);
    expect(failures).toBe(2);
    clock.advance(3_600_000);
    expect(await runDueJobs(ctx.db, clock, handlers)).toBe(0);
  });

  it("renews the lock of a job that outlasts it, so a second worker does not run it again", async () => {
    const clock = manualClock();
    const t = await createTestTenant(ctx.db, clock);
    const id = await enqueueJob({ ...t.scope, clock }, "slow", {});
    const held = gate();
    let runs = 0;
    const handlers = {
      slow: async () => {
        runs++;
        await held.closed;
      },
    };
    const first = runDueJobs(ctx.db, clock, handlers, { lockMs: 1000, renewEveryMs: 5 });
    await until(async () => runs === 1, "the job started");
    // Past the first claim's lock, step by step, each time waiting for a renewal from the new time.
    for (let step = 0; step < 2; step++) {
      clock.advance(900);
      await until(async () => (await jobRow(id)).lockedUntil === clock.now() + 1000, "the lock was renewed");
    }
    expect(await runDueJobs(ctx.db, clock, handlers, { lockMs: 1000 })).toBe(0);
    held.open();
    expect(await first).toBe(1);
    expect(runs).toBe(1);
    expect(await jobGone(id)).toBe(true);
  });

  it("drops the outcome of an attempt whose lock ran out after another worker took the job", async () => {
    const clock = manualClock();
    const t = await createTestTenant(ctx.db, clock);
    const id = await enqueueJob({ ...t.scope, clock }, "stuck", {});
    const held = gate();
    let runs = 0;
    const handlers = {
      stuck: async () => {
        runs++;
        if (runs === 1) await held.closed;
        else throw new Error("second attempt failed");
      },
    };
    // A worker that stops renewing (hung, or its process stopped) loses the job when the lock runs out.
    const first = runDueJobs(ctx.db, clock, handlers, { lockMs: 1000, renewEveryMs: 3_600_000 });
    await until(async () => runs === 1, "the job started");
    clock.advance(1500);
    expect(await runDueJobs(ctx.db, clock, handlers, { lockMs: 1000 })).toBe(1);
    expect(await jobRow(id)).toMatchObject({ status: "queued", attempts: 2, lastError: "second attempt failed" });
    // The first attempt then succeeds: the second worker's outcome stands, and the job is still to do.
    held.open();
    await first;
    expect(await jobRow(id)).toMatchObject({ status: "queued", attempts: 2, lastError: "second attempt failed" });
    clock.advance(3_600_000);
    const later = { stuck: async () => {} };
    expect(await runDueJobs(ctx.db, clock, later)).toBe(1);
    expect(await jobGone(id)).toBe(true);
  });

  it("runs a folded kind's due jobs of one workspace as one call, at most so many at a time", async () => {
    const clock = manualClock();
    const a = await createTestTenant(ctx.db, clock);
    const b = await createTestTenant(ctx.db, clock);
    const ids: string[] = [];
    for (const [t, n] of [
      [a, 1],
      [a, 2],
      [b, 9],
      [a, 3],
    ] as const) {
      ids.push(await enqueueJob({ ...t.scope, clock }, "changed", { n: [n] }));
      clock.advance(1);
    }
    await enqueueJob({ ...a.scope, clock }, "changed", { n: [4] }, { runAt: clock.now() + 60_000 });
    const calls: { tenantId: string; payload: unknown }[] = [];
    const handlers = {
      changed: {
        atMost: 2,
        fold: (payloads: Record<string, unknown>[]) => ({ n: payloads.flatMap((p) => p.n as number[]) }),
        run: async ({ scope, payload }: { scope: { tenantId: string }; payload: unknown }) => {
          calls.push({ tenantId: scope.tenantId, payload });
        },
      },
    };
    expect(await runDueJobs(ctx.db, clock, handlers)).toBe(4);
    // Oldest first; another workspace's job and the one not yet due are never folded in.
    expect(calls).toEqual([
      { tenantId: a.scope.tenantId, payload: { n: [1, 2] } },
      { tenantId: b.scope.tenantId, payload: { n: [9] } },
      { tenantId: a.scope.tenantId, payload: { n: [3] } },
    ]);
    for (const id of ids) expect(await jobGone(id)).toBe(true);
    expect(await runDueJobs(ctx.db, clock, handlers)).toBe(0);
    clock.advance(60_000);
    expect(await runDueJobs(ctx.db, clock, handlers)).toBe(1);
    expect(calls.at(-1)).toEqual({ tenantId: a.scope.tenantId, payload: { n: [4] } });
  });

  it("runs each job of a failed folded run alone, so one bad job fails only itself", async () => {
    const clock = manualClock();
    const t = await createTestTenant(ctx.db, clock);
    const scope = { ...t.scope, clock };
    const good = await enqueueJob(scope, "changed", { n: [1] });
    clock.advance(1);
    const once = await enqueueJob(scope, "changed", { n: [666] }, { maxAttempts: 1 });
    clock.advance(1);
    const thrice = await enqueueJob(scope, "changed", { n: [666, 2] }, { maxAttempts: 3 });
    const calls: number[][] = [];
    const errors: string[] = [];
    const handlers = {
      changed: {
        atMost: 10,
        fold: (payloads: Record<string, unknown>[]) => ({ n: payloads.flatMap((p) => p.n as number[]) }),
        run: async ({ payload }: { payload: Record<string, unknown> }) => {
          calls.push(payload.n as number[]);
          if ((payload.n as number[]).includes(666)) throw new Error("cannot score 666");
        },
      },
    };
    const onError = (_job: unknown, error: unknown) => errors.push((error as Error).message);
    expect(await runDueJobs(ctx.db, clock, handlers, { onError })).toBe(3);
    expect(calls.map((n) => [...n].sort((a, b) => a - b))).toEqual([[1, 2, 666, 666], [1], [666], [2, 666]]);
    expect(errors).toEqual(["cannot score 666", "cannot score 666"]);
    expect(await jobGone(good)).toBe(true);
    expect(await jobRow(once)).toMatchObject({ status: "failed", attempts: 1, lastError: "cannot score 666" });
    expect(await jobRow(thrice)).toMatchObject({ status: "queued", attempts: 1, lastError: "cannot score 666" });
    clock.advance(3_600_000);
    expect(await runDueJobs(ctx.db, clock, handlers, { onError })).toBe(1);
    expect(await jobRow(thrice)).toMatchObject({ status: "queued", attempts: 2 });
  });

  it("keeps a failed job, with its error, for 30 days", async () => {
    const clock = manualClock();
    const t = await createTestTenant(ctx.db, clock);
    const scope = { ...t.scope, clock };
    const old = await enqueueJob(scope, "broken", {}, { maxAttempts: 1 });
    const waiting = await enqueueJob(scope, "broken", {}, { runAt: clock.now() + 40 * 86_400_000 });
    await runDueJobs(ctx.db, clock, {});
    expect(await jobRow(old)).toMatchObject({
      status: "failed",
      lastError: 'no handler registered for job kind "broken"',
    });
    clock.advance(FAILED_JOBS_KEPT_MS - 1);
    const recent = await enqueueJob(scope, "broken", {}, { maxAttempts: 1 });
    await runDueJobs(ctx.db, clock, {});
    expect(await purgeFailedJobs(scope)).toBe(0);
    clock.advance(2);
    expect(await purgeFailedJobs(scope)).toBe(1);
    expect(await jobGone(old)).toBe(true);
    expect(await jobRow(recent)).toMatchObject({ status: "failed" });
    expect(await jobRow(waiting)).toMatchObject({ status: "queued" });
  });
});
