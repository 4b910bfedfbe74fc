import { createTestTenant, describeDialects } from "@advo/test-kit";
import { expect, it } from "vitest";
import { manualClock } from "../shared/clock.ts";
import { enqueueJob, runDueJobs } from "./index.ts";

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
    expect(await jobRow(id)).toMatchObject({ status: "done", attempts: 1, lockedUntil: null });
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
      },
    };
    // A worker that stops renewing (hung, or its process stopped) loses the job when the lock runs out.
    const first = runDueJobs(ctx.db, clock, handlers, { lockMs: 1000, renewEveryMs: 3_600_000 });
    await until(async () => runs === 1, "the job started");
    clock.advance(1500);
    expect(await runDueJobs(ctx.db, clock, handlers, { lockMs: 1000 })).toBe(1);
    expect(await jobRow(id)).toMatchObject({ status: "done", attempts: 2 });
    // The first attempt then fails: the second worker's outcome stands.
    held.fail(new Error("too late"));
    await first;
    expect(await jobRow(id)).toMatchObject({ status: "done", attempts: 2, lastError: null });
  });
});
