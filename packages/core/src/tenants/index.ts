export { countTenants, findTenantBySlug } from "./tenant.queries.ts";
export { type CreateTenantInput, createTenantInput, type Tenant, tenantOutput, tenantSlug } from "./tenant.schemas.ts";
export {
  createTenant,
  getTenant,
  getTenantBySlug,
  getTenantSetting,
  getTenantSettingCached,
  setTenantSetting,
  slugify,
} from "./tenants.ts";
