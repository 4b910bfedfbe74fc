import { describeDialects } from "@advo/test-kit";
import { sql } from "kysely";
import { expect, it } from "vitest";
import { createDb } from "./create-db.ts";

describeDialects("PostgreSQL session settings", (ctx) => {
  const setting = async (url: string) => {
    const handle = createDb({ url });
    try {
      const { rows } = await sql<{ random_page_cost: string }>`show random_page_cost`.execute(
        handle.db.withoutPlugins(),
      );
      return rows[0]?.random_page_cost;
    } finally {
      await handle.close();
    }
  };

  it("uses random_page_cost 1.1 unless the URL's own options set it", async () => {
    if (ctx.dialect !== "postgres") return;
    const url = process.env.TEST_PG_URL as string;
    expect(await setting(url)).toBe("1.1");
    const own = `${url}${url.includes("?") ? "&" : "?"}options=${encodeURIComponent("-c random_page_cost=2")}`;
    expect(await setting(own)).toBe("2");
  });
});
