import type { DialectName } from "@advo/db";
import { afterAll, beforeAll, describe } from "vitest";
import { createTestDb, dialectsUnderTest, type TestDb } from "./test-db.ts";

export interface DialectContext {
  dialect: DialectName;
  /** Filled in before the first test of the block runs. */
  db: TestDb["db"];
  handle: TestDb;
}

/** Runs the same scenarios once per dialect under test, each on its own fresh database. */
export function describeDialects(title: string, body: (ctx: DialectContext) => void): void {
  for (const dialect of dialectsUnderTest()) {
    describe(`${title} [${dialect}]`, () => {
      const ctx = { dialect } as DialectContext;
      beforeAll(async () => {
        ctx.handle = await createTestDb(dialect);
        ctx.db = ctx.handle.db;
      });
      afterAll(async () => {
        await ctx.handle?.close();
      });
      body(ctx);
    });
  }
}
