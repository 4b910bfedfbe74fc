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

/** How long a hot path may reuse a tenant's settings read in this process (writes here clear it at once). */
export const SETTINGS_CACHE_MS = 5_000;
const settingsCache = new WeakMap<Db, Map<string, { at: number; settings: Record<string, unknown> }>>();
/** When each tenant's settings were last written in this process: cached reads started earlier are stale. */
const writtenAt = new Map<string, number>();

/**
 * getTenantSetting for hot paths (matching): the tenant's settings document is read at most once per
 * SETTINGS_CACHE_MS per process and database handle. setTenantSetting in this process makes the next
 * read go to the database; a change made by another process is seen within SETTINGS_CACHE_MS.
 * Inside a transaction it always reads.
 */
export async function getTenantSettingCached<T>(db: Db, tenantId: string, key: string): Promise<T | undefined> {
  if (db.isTransaction) return getTenantSetting<T>(db, tenantId, key);
  let perDb = settingsCache.get(db);
  if (!perDb) {
    perDb = new Map();
    settingsCache.set(db, perDb);
  }
  const now = performance.now();
  let hit = perDb.get(tenantId);
  if (!hit || now - hit.at > SETTINGS_CACHE_MS || hit.at <= (writtenAt.get(tenantId) ?? -1)) {
    const row = await findTenantById(db, tenantId);
    if (!row) throw notFound("workspace", tenantId);
    hit = { at: now, settings: JSON.parse(row.settings || "{}") as Record<string, unknown> };
    if (perDb.size >= 10_000) perDb.clear();
    perDb.set(tenantId, hit);
  }
  return hit.settings[key] as T | undefined;
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
  // After the write: a cached read that started before it is now stale (getTenantSettingCached).
  writtenAt.set(tenantId, performance.now());
}
