import type { StaffRole } from "@advo/db";

export const staffRoles = [
  "owner",
  "admin",
  "manager",
  "sales",
  "csm",
  "viewer",
] as const satisfies readonly StaffRole[];

/** What a route can demand. `<area>:read` and `<area>:write`, plus administration. */
export type Permission = "crm:read" | "crm:write" | "crm:delete" | "settings:read" | "settings:manage";

// One table, read by the one guard in the server's auth plugin.
const matrix: Record<StaffRole, readonly Permission[]> = {
  owner: ["crm:read", "crm:write", "crm:delete", "settings:read", "settings:manage"],
  admin: ["crm:read", "crm:write", "crm:delete", "settings:read", "settings:manage"],
  manager: ["crm:read", "crm:write", "crm:delete", "settings:read"],
  csm: ["crm:read", "crm:write", "settings:read"],
  sales: ["crm:read"],
  viewer: ["crm:read"],
};

export function can(role: StaffRole, permission: Permission): boolean {
  return matrix[role].includes(permission);
}

export const permissionMatrix = matrix;
