import type { Db, TenantsTable } from "@advo/db";
import { isUniqueViolation } from "@advo/db";
import type { Clock } from "../shared/clock.ts";
import { toIso } from "../shared/clock.ts";
import { conflictOn, notFound } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { findTenantById, findTenantBySlug, insertTenant } from "./tenant.queries.ts";
import { type CreateTenantInput, createTenantInput, type Tenant } from "./tenant.schemas.ts";

export function slugify(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  return slug.length >= 2 ? slug : `workspace-${slug || "x"}`;
}

export const toTenant = (row: TenantsTable): Tenant => ({
  id: row.tenantId,
  slug: row.slug,
  name: row.name,
  createdAt: toIso(row.createdAt),
});

export async function createTenant(db: Db, clock: Clock, input: CreateTenantInput): Promise<Tenant> {
  const { name, slug } = createTenantInput.parse(input);
  const row: TenantsTable = {
    tenantId: newId("ten"),
    slug: slug ?? slugify(name),
    name,
    settings: "{}",
    createdAt: clock.now(),
  };
  try {
    await insertTenant(db, row);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflictOn("slug", `a workspace named "${row.slug}" already exists`);
    throw error;
  }
  return toTenant(row);
}

export async function getTenantBySlug(db: Db, slug: string): Promise<Tenant> {
  const row = await findTenantBySlug(db, slug);
  if (!row) throw notFound("workspace", slug);
  return toTenant(row);
}

export async function getTenant(db: Db, tenantId: string): Promise<Tenant> {
  const row = await findTenantById(db, tenantId);
  if (!row) throw notFound("workspace", tenantId);
  return toTenant(row);
}

/** Tenant-wide settings (a JSON document); each module reads and writes its own key. */
export async function getTenantSetting<T>(db: Db, tenantId: string, key: string): Promise<T | undefined> {
  const row = await findTenantById(db, tenantId);
  if (!row) throw notFound("workspace", tenantId);
  return (JSON.parse(row.settings || "{}") as Record<string, unknown>)[key] as T | undefined;
}

export async function setTenantSetting(db: Db, tenantId: string, key: string, value: unknown): Promise<void> {
  const row = await findTenantById(db, tenantId);
  if (!row) throw notFound("workspace", tenantId);
  const settings = { ...(JSON.parse(row.settings || "{}") as Record<string, unknown>), [key]: value };
  await db
    .updateTable("tenants")
    .set({ settings: JSON.stringify(settings) })
    .where("tenantId", "=", tenantId)
    .execute();
}
