import { describeDialects } from "@advo/test-kit";
import { sql } from "kysely";
import { expect, it } from "vitest";
import { adapterOf } from "./create-db.ts";

describeDialects("membership in a list of texts (inTexts)", (ctx) => {
  // Values a text[] literal must quote or escape: its delimiters, quotes, backslashes, the word NULL,
  // spaces at the ends, an empty string.
  const awkward = ['a"b', "c\\d", "e,f", "{g}", "NULL", " h ", "", "ü ∑", 'end\\"'];

  it("finds exactly the listed values, however awkward", async () => {
    await ctx.db.deleteFrom("tenants").execute();
    const names = [...awkward, "not listed", "NULLX"];
    await ctx.db
      .insertInto("tenants")
      .values(names.map((name, i) => ({ tenantId: `ten_in${i}`, slug: `in-${i}`, name, settings: "{}", createdAt: i })))
      .execute();
    const { rows } = await sql<{
      name: string;
    }>`select name from tenants where name ${adapterOf(ctx.db).inTexts(awkward)}`.execute(ctx.db);
    expect(rows.map((r) => r.name).sort()).toEqual([...awkward].sort());
  });

  it("matches nothing for an empty list", async () => {
    const { rows } = await sql`select name from tenants where name ${adapterOf(ctx.db).inTexts([])}`.execute(ctx.db);
    expect(rows).toEqual([]);
  });
});
