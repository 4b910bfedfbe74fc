import { type Clock, type Scope, systemClock } from "@advo/core";
import { createTenant, type Tenant } from "@advo/core/tenants";
import { createApiKey, createUser } from "@advo/core/users";
import type { Db } from "@advo/db";

let counter = 0;

export interface TestTenant {
  tenant: Tenant;
  scope: Scope;
  /** An admin API key for requests through the HTTP layer. */
  adminKey: string;
  ownerEmail: string;
  ownerPassword: string;
}

export async function createTestTenant(db: Db, clock: Clock = systemClock, name?: string): Promise<TestTenant> {
  counter++;
  const label = name ?? `Tenant ${counter} ${Math.random().toString(36).slice(2, 8)}`;
  const tenant = await createTenant(db, clock, { name: label });
  const scope: Scope = { db, tenantId: tenant.id, clock };
  const ownerEmail = `owner${counter}@example.com`;
  const ownerPassword = "correct horse battery";
  await createUser(scope, { email: ownerEmail, name: "Owner", role: "owner", password: ownerPassword });
  const key = await createApiKey(scope, { name: "test", role: "admin" }, null);
  return { tenant, scope, adminKey: key.key, ownerEmail, ownerPassword };
}
