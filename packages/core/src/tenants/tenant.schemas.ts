import { z } from "zod";

export const tenantSlug = z
  .string()
  .min(2)
  .max(40)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "use lowercase letters, digits and single hyphens, e.g. acme-corp");

export const createTenantInput = z.object({
  name: z.string().trim().min(1).max(120),
  slug: tenantSlug.optional(),
});
export type CreateTenantInput = z.infer<typeof createTenantInput>;

export const tenantOutput = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  createdAt: z.string(),
});
export type Tenant = z.infer<typeof tenantOutput>;
