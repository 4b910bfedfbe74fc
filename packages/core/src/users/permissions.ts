import type { StaffRole } from "@advo/db";

export const staffRoles = [
  "owner",
  "admin",
  "manager",
  "sales",
  "csm",
  "viewer",
] as const satisfies readonly StaffRole[];

/** Everyone who can call Advo: staff, and advocates signed in to the hub by magic link. */
export type Role = StaffRole | "advocate";
export const allRoles: readonly Role[] = [...staffRoles, "advocate"];

/** What a route can demand. `<area>:read` and `<area>:write`, plus administration. */
export type Permission =
  | "crm:read"
  | "crm:write"
  | "crm:delete"
  | "settings:read"
  | "settings:manage"
  /** Read, export and verify the audit trail (owner and admin). */
  | "audit:read"
  /** See programs, challenges, submissions, rewards, leaderboards, referral and reference reports. */
  | "programs:read"
  /** Create and run programs, challenges and rewards; review submissions, redemptions and suspicious referrals. */
  | "programs:manage"
  /** Post manual ledger adjustments and reversals. */
  | "ledger:adjust"
  /** Answer a challenge: advocates for themselves, staff on an advocate's behalf. */
  | "submissions:create"
  /** Redeem points for a reward: advocates for themselves, staff on an advocate's behalf. */
  | "redemptions:create"
  /** The advocate hub: an advocate's own profile, challenges, points, rewards and asks. */
  | "hub:use"
  /** File reference requests and follow them (sales). */
  | "references:request"
  /** Approve reference requests, pick candidates, edit reference profiles. */
  | "references:manage"
  /** Record where content was used in a deal, and how the deal ended (sales). */
  | "content:use";

// One table, read by the one guard in the server's auth plugin.
const everything: readonly Permission[] = [
  "crm:read",
  "crm:write",
  "crm:delete",
  "settings:read",
  "settings:manage",
  "audit:read",
  "programs:read",
  "programs:manage",
  "ledger:adjust",
  "submissions:create",
  "redemptions:create",
  "references:request",
  "references:manage",
  "content:use",
];
const matrix: Record<Role, readonly Permission[]> = {
  owner: everything,
  admin: everything,
  manager: [
    "crm:read",
    "crm:write",
    "crm:delete",
    "settings:read",
    "programs:read",
    "programs:manage",
    "ledger:adjust",
    "submissions:create",
    "redemptions:create",
    "references:request",
    "references:manage",
    "content:use",
  ],
  csm: [
    "crm:read",
    "crm:write",
    "settings:read",
    "programs:read",
    "submissions:create",
    "references:request",
    "content:use",
  ],
  sales: ["crm:read", "programs:read", "references:request", "content:use"],
  viewer: ["crm:read", "programs:read"],
  advocate: ["hub:use", "submissions:create", "redemptions:create"],
};

export function can(role: Role, permission: Permission): boolean {
  return matrix[role].includes(permission);
}

export const permissionMatrix = matrix;
