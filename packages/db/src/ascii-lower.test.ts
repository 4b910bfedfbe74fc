import { describeDialects } from "@advo/test-kit";
import { sql } from "kysely";
import { expect, it } from "vitest";
import { adapterOf } from "./create-db.ts";

describeDialects("lower-casing ASCII letters only (asciiLower)", (ctx) => {
  it("lower-cases A–Z and keeps every other character, the same on each database", async () => {
    const text = "Review PUBLISHED: ÉCOLE Ünïcode İ \u212A ß 123";
    const { rows } = await sql<{ v: string }>`select ${adapterOf(ctx.db).asciiLower(sql.val(text))} as v`.execute(
      ctx.db,
    );
    expect(rows[0]?.v).toBe("review published: École Ünïcode İ \u212A ß 123");
  });
});
