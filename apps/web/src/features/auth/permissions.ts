import type { Permission } from "@advo/core/users";
import type { Role } from "../../api/types.ts";
import { useSession } from "./auth.api.ts";

// Only to hide controls a role cannot use; the server's guard is the authority and answers 403
// whatever the UI shows. Mirrors core's permission matrix (packages/core/src/users/permissions.ts).
const matrix: Record<Role, readonly Permission[]> = {
  owner: ["crm:read", "crm:write", "crm:delete", "settings:read", "settings:manage"],
  admin: ["crm:read", "crm:write", "crm:delete", "settings:read", "settings:manage"],
  manager: ["crm:read", "crm:write", "crm:delete", "settings:read"],
  csm: ["crm:read", "crm:write", "settings:read"],
  sales: ["crm:read"],
  viewer: ["crm:read"],
};

export function useCan(permission: Permission): boolean {
  const { data } = useSession();
  return data ? matrix[data.role].includes(permission) : false;
}
