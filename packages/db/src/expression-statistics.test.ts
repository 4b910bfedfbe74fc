import { createTestDb, dialectsUnderTest } from "@advo/test-kit";
import { sql } from "kysely";
import { expect, it } from "vitest";

// Segments filter text fields as lower(column). Without statistics on that expression PostgreSQL
// guesses 0.5 % of rows match whatever the data, and plans a 40 % segment as a walk from the few
// rows it expects (1.6 s instead of 0.2 s over 1,000,000 contacts).
it.runIf(dialectsUnderTest().includes("postgres"))(
  "PostgreSQL estimates a lower-cased segment filter from the data once analysed",
  async () => {
    const { db, close } = await createTestDb("postgres");
    try {
      const tenant = `ten_stats_${Date.now()}`;
      await sql`insert into tenants (tenant_id, slug, name, settings, created_at) values (${tenant}, ${tenant}, 'Stats', '{}', 0)`.execute(
        db,
      );
      // 40 % fintech or SaaS, in mixed case as CRMs send them.
      await sql`insert into accounts (tenant_id, id, name, industry, external_ids, attributes, created_at, updated_at)
        select ${tenant}, 'acc_' || i, 'Account ' || i, (array['Fintech', 'saas', 'Retail', 'healthcare', 'Manufacturing'])[1 + i % 5], '{}', '{}', 0, 0
        from generate_series(1, 2000) i`.execute(db);
      await sql`analyze accounts`.execute(db);
      const plan = await sql<{ "QUERY PLAN": { Plan: { "Plan Rows": number } }[] }>`
        explain (format json) select 1 from accounts where lower(industry) in ('fintech', 'saas')`.execute(db);
      const estimate = plan.rows[0]?.["QUERY PLAN"][0]?.Plan["Plan Rows"] ?? 0;
      const actual = Number(
        (
          await sql<{
            n: string;
          }>`select count(*) as n from accounts where lower(industry) in ('fintech', 'saas')`.execute(db)
        ).rows[0]?.n,
      );
      expect(actual).toBeGreaterThanOrEqual(800);
      expect(estimate).toBeGreaterThan(actual * 0.7);
      expect(estimate).toBeLessThan(actual * 1.3);
    } finally {
      await close();
    }
  },
);
