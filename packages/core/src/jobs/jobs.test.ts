import { createTestTenant, describeDialects } from "@advo/test-kit";
import { expect, it } from "vitest";
import { manualClock } from "../shared/clock.ts";
import { enqueueJob, runDueJobs } from "./index.ts";

describeDialects("job queue", (ctx) => {
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
});
