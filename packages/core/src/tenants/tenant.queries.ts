import type { Db, TenantsTable } from "@advo/db";

// The tenants table is the one place a query is not scoped by tenant: it is how a tenant is found.
export const findTenantBySlug = (db: Db, slug: string) =>
  db.selectFrom("tenants").selectAll().where("slug", "=", slug).executeTakeFirst();

export const findTenantById = (db: Db, tenantId: string) =>
  db.selectFrom("tenants").selectAll().where("tenantId", "=", tenantId).executeTakeFirst();

export const insertTenant = (db: Db, row: TenantsTable) => db.insertInto("tenants").values(row).execute();

export const countTenants = async (db: Db) =>
  Number(
    (
      await db
        .selectFrom("tenants")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
