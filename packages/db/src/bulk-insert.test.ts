import { describeDialects } from "@advo/test-kit";
import { expect, it } from "vitest";
import { bulkInsert, inTransaction } from "./create-db.ts";

describeDialects("bulk insert", (ctx) => {
  const spec = {
    table: "tenants",
    columns: [
      { name: "tenant_id", type: "text" as const },
      { name: "slug", type: "text" as const },
      { name: "name", type: "text" as const },
      { name: "settings", type: "text" as const },
      { name: "created_at", type: "bigint" as const },
    ],
    conflictTarget: ["tenant_id"],
  };
  const rows = (n: number, name: string) =>
    Array.from({ length: n }, (_, i) => [`ten_b${i}`, `bulk-${i}`, name, "{}", 1_700_000_000_000 + i]);

  it("inserts thousands of rows, skips conflicts and returns only what it stored", async () => {
    const first = await inTransaction(ctx.db, (trx) =>
      bulkInsert(trx, { ...spec, returning: "tenant_id" }, rows(700, "one")),
    );
    expect(first.inserted).toBe(700);
    const again = await inTransaction(ctx.db, (trx) =>
      bulkInsert(trx, { ...spec, returning: "tenant_id" }, [
        ...rows(700, "two"),
        ["ten_new", "bulk-new", "x", "{}", 1],
      ]),
    );
    expect(again.returned).toEqual(["ten_new"]);
    const kept = await ctx.db
      .selectFrom("tenants")
      .select("name")
      .where("tenantId", "=", "ten_b5")
      .executeTakeFirstOrThrow();
    expect(kept.name).toBe("one");
  });

  it("updates the named columns on conflict when asked", async () => {
    await inTransaction(ctx.db, (trx) => bulkInsert(trx, { ...spec, updateOnConflict: ["name"] }, rows(3, "updated")));
    const row = await ctx.db
      .selectFrom("tenants")
      .select(["name", "createdAt"])
      .where("tenantId", "=", "ten_b2")
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name: "updated", createdAt: 1_700_000_000_002 });
  });

  it("stores thousands of rows exactly, awkward text included, and returns only the new ones", async () => {
    const awkward = (i: number) => `tab\there, line\nbreak, back\\slash \\N "quoted" ü ${i}\r`;
    const many = Array.from({ length: 2500 }, (_, i) => [
      `ten_c${i}`,
      `copy-${i}`,
      awkward(i),
      "{}",
      1_700_000_000_000 + i,
    ]);
    const first = await inTransaction(ctx.db, (trx) => bulkInsert(trx, { ...spec, returning: "tenant_id" }, many));
    expect(first.inserted).toBe(2500);
    const second = await inTransaction(ctx.db, (trx) =>
      bulkInsert(trx, { ...spec, returning: "tenant_id" }, [...many, ["ten_c_new", "copy-new", "n", "{}", 2]]),
    );
    expect(second).toEqual({ inserted: 1, returned: ["ten_c_new"] });
    const row = await ctx.db
      .selectFrom("tenants")
      .select(["name", "createdAt"])
      .where("tenantId", "=", "ten_c1234")
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      name: awkward(1234),
      createdAt: 1_700_000_000_000 + 1234,
    });
  });

  it("refuses to run outside a transaction", async () => {
    await expect(bulkInsert(ctx.db, spec, rows(1, "x"))).rejects.toThrow(/inside a transaction/);
  });
});
