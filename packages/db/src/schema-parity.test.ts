import { createTestDb, dialectsUnderTest } from "@advo/test-kit";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { Db } from "./create-db.ts";

// Both dialects must end up with the same tables, columns, nullability, keys and indexes: the
// migrations are shared, and this proves no dialect quietly skipped or changed a step.
const runsOnPostgres = dialectsUnderTest().includes("postgres");

interface Shape {
  tables: Record<string, { columns: Record<string, { nullable: boolean; type: string }> }>;
  indexes: string[];
}

// Type names differ per dialect; compare the family they belong to.
const family = (type: string) => {
  const t = type.toLowerCase();
  if (t.includes("int")) return "integer";
  if (t.includes("double") || t.includes("real") || t.includes("float") || t.includes("numeric")) return "real";
  return "text";
};

interface TableColumns {
  name: string;
  columns: { name: string; isNullable: boolean; dataType: string }[];
}

function shapeFrom(tables: TableColumns[]) {
  const shape: Shape = { tables: {}, indexes: [] };
  for (const table of tables) {
    if (table.name.startsWith("kysely_")) continue;
    shape.tables[table.name] = {
      columns: Object.fromEntries(
        table.columns.map((c) => [c.name, { nullable: c.isNullable, type: family(c.dataType) }]),
      ),
    };
  }
  return shape;
}

async function sqliteShape(db: Db): Promise<Shape> {
  return shapeFrom(await db.introspection.getTables());
}

// Kysely's PostgreSQL introspector reads every schema of the database, and other test files create
// and drop their own schemas meanwhile: a table dropped between its catalogue read and its column
// lookup failed this test. Only this test's schema is read.
async function postgresShape(db: Db): Promise<Shape> {
  const rows = await sql<{ tableName: string; columnName: string; isNullable: string; dataType: string }>`
    select table_name, column_name, is_nullable, data_type from information_schema.columns
    where table_schema = current_schema() order by table_name, ordinal_position`.execute(db);
  const tables = new Map<string, TableColumns>();
  for (const r of rows.rows) {
    const table = tables.get(r.tableName) ?? { name: r.tableName, columns: [] };
    table.columns.push({ name: r.columnName, isNullable: r.isNullable === "YES", dataType: r.dataType });
    tables.set(r.tableName, table);
  }
  return shapeFrom([...tables.values()]);
}

async function sqliteIndexes(db: Db): Promise<string[]> {
  const rows = await sql<{ name: string; tbl: string; sql: string | null }>`
    select name, tbl_name as tbl, sql from sqlite_master where type = 'index' and sql is not null`.execute(db);
  return rows.rows.map((r) => `${r.tbl}.${r.name}`).sort();
}

async function postgresIndexes(db: Db): Promise<string[]> {
  const rows = await sql<{ name: string; tbl: string }>`
    select indexname as name, tablename as tbl from pg_indexes
    where schemaname = current_schema() and indexname not like '%_pkey' and tablename not like 'kysely_%'`.execute(db);
  return rows.rows.map((r) => `${r.tbl}.${r.name}`).sort();
}

describe.runIf(runsOnPostgres)("schema parity between SQLite and PostgreSQL", () => {
  it("migrates both databases to the same tables, columns, types, nullability and indexes", async () => {
    const lite = await createTestDb("sqlite");
    const pg = await createTestDb("postgres");
    try {
      const [a, b] = await Promise.all([sqliteShape(lite.db), postgresShape(pg.db)]);
      expect(Object.keys(a.tables).sort()).toEqual(Object.keys(b.tables).sort());
      expect(a.tables).toEqual(b.tables);
      expect(await sqliteIndexes(lite.db)).toEqual(await postgresIndexes(pg.db));
    } finally {
      await lite.close();
      await pg.close();
    }
  });
});

describe("every table leads with tenant_id", () => {
  it("puts tenant_id first in every table's columns and primary key", async () => {
    const lite = await createTestDb("sqlite");
    try {
      const tables = (await lite.db.introspection.getTables()).filter((t) => !t.name.startsWith("kysely_"));
      expect(tables.length).toBeGreaterThan(5);
      for (const table of tables) {
        expect(table.columns[0]?.name, table.name).toBe("tenant_id");
        const pk = await sql<{
          name: string;
          pk: number;
        }>`select name, pk from pragma_table_info(${table.name}) where pk > 0 order by pk`.execute(lite.db);
        expect(pk.rows[0]?.name, `${table.name} primary key`).toBe("tenant_id");
      }
      const indexColumns = await sql<{ idx: string; name: string; seqno: number }>`
        select il.name as idx, ii.name as name, ii.seqno as seqno
        from sqlite_master m, pragma_index_list(m.name) il, pragma_index_info(il.name) ii
        where m.type = 'table' and m.name not like 'kysely_%' and m.name != 'tenants' and ii.seqno = 0`.execute(
        lite.db,
      );
      for (const row of indexColumns.rows) expect(row.name, row.idx).toBe("tenant_id");
    } finally {
      await lite.close();
    }
  });
});
