import { describeDialects } from "@advo/test-kit";
import { sql } from "kysely";
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
  const storedNames = (tenantIds: string[]) =>
    ctx.db
      .selectFrom("tenants")
      .select(["tenantId", "name"])
      .where("tenantId", "in", tenantIds)
      .orderBy("tenantId")
      .execute();
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

  it("fills a left-out column with its default (PostgreSQL's staging table keeps the defaults)", async () => {
    const withoutSettings = { ...spec, columns: spec.columns.filter((c) => c.name !== "settings") };
    // Enough rows for the COPY path as well as the multi-row VALUES one.
    const many = Array.from({ length: 1200 }, (_, i) => [`ten_d${i}`, `defaults-${i}`, "no settings given", i]);
    const inserted = await inTransaction(ctx.db, (trx) => bulkInsert(trx, withoutSettings, many));
    expect(inserted.inserted).toBe(1200);
    const row = await ctx.db
      .selectFrom("tenants")
      .select("settings")
      .where("tenantId", "=", "ten_d1")
      .executeTakeFirstOrThrow();
    expect(row.settings).toBe("{}");
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

  it("updates stored rows of a batch said to be mostly new, and inserts the rest", async () => {
    const upsert = { ...spec, updateOnConflict: ["name"], mostlyNew: true };
    const named = (from: number, n: number, name: string) =>
      Array.from({ length: n }, (_, i) => [`ten_f${from + i}`, `fresh-${from + i}`, name, "{}", i]);
    const first = await inTransaction(ctx.db, (trx) => bulkInsert(trx, upsert, named(0, 1200, "first")));
    expect(first.inserted).toBe(1200);
    // Half of this batch is stored already: the straight attempt clashes, and the stored half is updated.
    const second = await inTransaction(ctx.db, (trx) => bulkInsert(trx, upsert, named(600, 1200, "second")));
    expect(second.inserted).toBe(1200);
    expect(await storedNames(["ten_f0", "ten_f600", "ten_f1799"])).toEqual([
      { tenantId: "ten_f0", name: "first" },
      { tenantId: "ten_f1799", name: "second" },
      { tenantId: "ten_f600", name: "second" },
    ]);
  });

  it("leaves a stored row alone when asked to update only what changed", async () => {
    const onlyChanged = { ...spec, updateOnConflict: ["name", "settings"], updateOnlyChanged: true };
    const named = (n: number, name: (i: number) => string) =>
      Array.from({ length: n }, (_, i) => [`ten_u${i}`, `unchanged-${i}`, name(i), "{}", i]);
    await inTransaction(ctx.db, (trx) =>
      bulkInsert(
        trx,
        onlyChanged,
        named(1200, () => "kept"),
      ),
    );
    // Both bulk paths: PostgreSQL's COPY from 1,000 rows, multi-row statements below that.
    for (const size of [1200, 300]) {
      const renamed = named(size, (i) => (i % 10 === 0 ? `renamed ${size}` : "kept"));
      const result = await inTransaction(ctx.db, (trx) => bulkInsert(trx, onlyChanged, renamed));
      expect(result.inserted).toBe(size / 10);
    }
    expect(await storedNames(["ten_u0", "ten_u1", "ten_u1100"])).toEqual([
      { tenantId: "ten_u0", name: "renamed 300" },
      { tenantId: "ten_u1", name: "kept" },
      { tenantId: "ten_u1100", name: "renamed 1200" },
    ]);
  });

  it("compares only the listed columns; the others follow a row that changed, and it is returned", async () => {
    const byName = {
      ...spec,
      updateOnConflict: ["name", "created_at"],
      updateOnlyChanged: ["name"],
      returning: "tenant_id",
    };
    const rows = (n: number, name: (i: number) => string, at: number) =>
      Array.from({ length: n }, (_, i) => [`ten_l${i}`, `listed-${i}`, name(i), "{}", at]);
    await inTransaction(ctx.db, (trx) =>
      bulkInsert(
        trx,
        byName,
        rows(1200, () => "kept", 1),
      ),
    );
    for (const [size, at] of [
      [1200, 2],
      [300, 3],
    ] as const) {
      const result = await inTransaction(ctx.db, (trx) =>
        bulkInsert(
          trx,
          byName,
          rows(size, (i) => (i % 10 === 0 ? `renamed ${size}` : "kept"), at),
        ),
      );
      expect(result.returned).toHaveLength(size / 10);
      expect(result.returned).toContain("ten_l10");
      expect(result.returned).not.toContain("ten_l11");
    }
    const stored = await ctx.db
      .selectFrom("tenants")
      .select(["tenantId", "createdAt"])
      .where("tenantId", "in", ["ten_l0", "ten_l1", "ten_l1100"])
      .orderBy("tenantId")
      .execute();
    expect(stored.map((r) => [r.tenantId, Number(r.createdAt)])).toEqual([
      ["ten_l0", 3],
      ["ten_l1", 1],
      ["ten_l1100", 2],
    ]);
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

  it("keeps the first of rows repeated within one large batch", async () => {
    const repeated = [...rows(1500, "first"), ...rows(1500, "second")].map((r) => [...r]);
    for (const r of repeated) r[0] = `ten_r${String(r[0]).slice(5)}`;
    for (const r of repeated) r[1] = `rep-${String(r[1]).slice(5)}`;
    const result = await inTransaction(ctx.db, (trx) => bulkInsert(trx, { ...spec, returning: "tenant_id" }, repeated));
    expect(result.inserted).toBe(1500);
    const row = await ctx.db
      .selectFrom("tenants")
      .select("name")
      .where("tenantId", "=", "ten_r7")
      .executeTakeFirstOrThrow();
    expect(row.name).toBe("first");
  });

  it("stores a mostly-new batch whole, and still skips stored and repeated keys when it was not", async () => {
    const mostlyNew = { ...spec, returning: "tenant_id", mostlyNew: true };
    const named = (prefix: string, n: number, name: string) =>
      rows(n, name).map((r) => [
        `ten_${prefix}${String(r[0]).slice(5)}`,
        `${prefix}-${String(r[1]).slice(5)}`,
        ...r.slice(2),
      ]);
    const fresh = named("m", 1200, "fresh");
    const first = await inTransaction(ctx.db, (trx) => bulkInsert(trx, mostlyNew, fresh));
    expect(first.inserted).toBe(1200);
    expect([...first.returned].sort()).toEqual(fresh.map((r) => r[0]).sort());

    // 600 already stored, 600 new ones each given twice: the straight attempt clashes and is undone.
    const added = named("n", 600, "added");
    const mixed = [...named("m", 600, "again"), ...added, ...added.map((r) => [r[0], r[1], "twice", ...r.slice(3)])];
    const second = await inTransaction(ctx.db, async (trx) => {
      const result = await bulkInsert(trx, mostlyNew, mixed);
      // The transaction goes on after the undone attempt.
      const names = await trx
        .selectFrom("tenants")
        .select("name")
        .where("tenantId", "in", ["ten_m5", "ten_n5"])
        .execute();
      return { result, names: names.map((n) => n.name).sort() };
    });
    expect(second.result.inserted).toBe(600);
    expect([...second.result.returned].sort()).toEqual(added.map((r) => r[0]).sort());
    expect(second.names).toEqual(["added", "fresh"]);
  });

  it("skips a row another transaction stored while the batch was on its way", async () => {
    if (ctx.dialect !== "postgres") return; // one SQLite connection cannot race itself
    let commitOther: () => void = () => {};
    const otherStored = new Promise<void>((stored) => {
      void inTransaction(ctx.db, async (trx) => {
        await trx
          .insertInto("tenants")
          .values({ tenantId: "ten_race", slug: "race", name: "other", settings: "{}", createdAt: 1 })
          .execute();
        stored();
        await new Promise<void>((release) => {
          commitOther = release;
        });
      });
    });
    await otherStored;
    const batch = [...rows(1200, "mine")].map((r, i) =>
      i === 600
        ? ["ten_race", "race", "mine", "{}", 2]
        : [...r.slice(0, 1).map((v) => `${v}x`), `${r[1]}-x`, ...r.slice(2)],
    );
    const mine = inTransaction(ctx.db, (trx) => bulkInsert(trx, { ...spec, returning: "tenant_id" }, batch));
    await new Promise((r) => setTimeout(r, 300));
    commitOther();
    const result = await mine;
    expect(result.inserted).toBe(1199);
    expect(result.returned).not.toContain("ten_race");
    const row = await ctx.db
      .selectFrom("tenants")
      .select("name")
      .where("tenantId", "=", "ten_race")
      .executeTakeFirstOrThrow();
    expect(row.name).toBe("other");
  });

  // PostgreSQL sends a batch in COPY's binary format when the columns are of the declared types, as text
  // when one is not (a bigint column declared "integer" here): both must store the same values.
  it("stores every column type exactly, whichever COPY format fits the table", async () => {
    const bigintType = ctx.dialect === "postgres" ? "bigint" : "integer";
    const doubleType = ctx.dialect === "postgres" ? "double precision" : "real";
    const long = "x".repeat(100_000);
    const values = [
      ["a", -2_147_483_648, -1, -0.5, 7, "tab\tline\nü 🎉"],
      ["b", 2_147_483_647, 9_007_199_254_740_991, 1e300, null, long],
      ["c", 0, -9_007_199_254_740_991, 0, 1, ""],
      ["d", null, 1_790_000_000_123, 12.25, null, null],
      ["e", 42, "-4294967297", "3.5", 2, "seventeen"],
    ];
    const filler = Array.from({ length: 1200 }, (_, i) => [`f${i}`, i, i * 1_000_003, i / 7, i, `row ${i}`]);
    // Declared as stored (binary on PostgreSQL), then with a bigint column declared "integer" (text).
    for (const [table, otherBig] of [
      ["bulk_exact", "bigint"],
      ["bulk_loose", "integer"],
    ] as const) {
      await sql`create table ${sql.table(table)} (id text primary key, n integer, big ${sql.raw(bigintType)},
        x ${sql.raw(doubleType)}, other_big ${sql.raw(bigintType)}, body text)`.execute(ctx.db);
      const columns = [
        { name: "id", type: "text" as const },
        { name: "n", type: "integer" as const },
        { name: "big", type: "bigint" as const },
        { name: "x", type: "double" as const },
        { name: "other_big", type: otherBig },
        { name: "body", type: "text" as const },
      ];
      await inTransaction(ctx.db, (trx) =>
        bulkInsert(trx, { table, columns, conflictTarget: ["id"] }, [...values, ...filler]),
      );
      const { rows } = await sql<Record<string, unknown>>`select id, n, big, x, other_big, body from ${sql.table(table)}
        where id in ('a', 'b', 'c', 'd', 'e', 'f1199') order by id`.execute(ctx.db.withoutPlugins());
      const asNumber = (v: unknown) => (v === null ? null : Number(v));
      const stored = rows.map((r) => [
        r.id,
        asNumber(r.n),
        asNumber(r.big),
        asNumber(r.x),
        asNumber(r.other_big),
        r.body,
      ]);
      expect(stored, table).toEqual([
        ["a", -2_147_483_648, -1, -0.5, 7, "tab\tline\nü 🎉"],
        ["b", 2_147_483_647, 9_007_199_254_740_991, 1e300, null, long],
        ["c", 0, -9_007_199_254_740_991, 0, 1, ""],
        ["d", null, 1_790_000_000_123, 12.25, null, null],
        ["e", 42, -4_294_967_297, 3.5, 2, "seventeen"],
        ["f1199", 1199, 1199 * 1_000_003, 1199 / 7, 1199, "row 1199"],
      ]);
    }
  });

  // The binary encoder's own check (as text, the server would refuse "3.5" in its words). SQLite stores
  // what it is given (its columns take any type); callers check their values first.
  it.skipIf(ctx.dialect === "sqlite")(
    "refuses a batch with a value its column cannot hold, naming the column, and stores none of it",
    async () => {
      await sql`create table bulk_checked (id text primary key, n integer)`.execute(ctx.db);
      const columns = [
        { name: "id", type: "text" as const },
        { name: "n", type: "integer" as const },
      ];
      const batch = Array.from({ length: 1200 }, (_, i) => [`k${i}`, i === 700 ? 3.5 : i]);
      await expect(
        inTransaction(ctx.db, (trx) =>
          bulkInsert(trx, { table: "bulk_checked", columns, conflictTarget: ["id"] }, batch),
        ),
      ).rejects.toThrow(/\bn\b.*whole number/);
      const { rows } = await sql<{ n: number }>`select count(*) as n from bulk_checked`.execute(ctx.db);
      expect(Number(rows[0]?.n)).toBe(0);
    },
  );

  it("refuses to run outside a transaction", async () => {
    await expect(bulkInsert(ctx.db, spec, rows(1, "x"))).rejects.toThrow(/inside a transaction/);
  });
});
