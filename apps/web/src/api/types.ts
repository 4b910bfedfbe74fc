// The web app's view of the API. Types come from core's zod schemas (type-only: nothing of core is
// bundled), so a change to an output schema is a compile error here rather than a surprise at run time.
import type { Account, CreateAccountInput, UpdateAccountInput } from "@advo/core/accounts";
import type { Contact, CreateContactInput, LifecycleStage, UpdateContactInput } from "@advo/core/contacts";
import type { Tenant } from "@advo/core/tenants";
import type { Actor, ApiKey, User } from "@advo/core/users";

export type {
  Account,
  ApiKey,
  Contact,
  CreateAccountInput,
  CreateContactInput,
  LifecycleStage,
  Tenant,
  UpdateAccountInput,
  UpdateContactInput,
  User,
};

export type Role = User["role"];

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export interface Session {
  tenant: Tenant;
  role: Role;
  actor: Actor;
  user: User | null;
}

export type CreatedApiKey = ApiKey & { key: string };

// Runtime lists the UI needs; `satisfies` plus the exhaustiveness checks keep them equal to core's.
export const lifecycleStages = [
  "identified",
  "invited",
  "onboarded",
  "active",
  "champion",
  "lapsed",
] as const satisfies readonly LifecycleStage[];

export const roles = ["owner", "admin", "manager", "sales", "csm", "viewer"] as const satisfies readonly Role[];

type IsNever<T> = [T] extends [never] ? true : false;
type Assert<T extends true> = T;
/** Compile-time: every stage and role core knows is listed above. */
export type ListsMatchCore = Assert<
  IsNever<Exclude<LifecycleStage, (typeof lifecycleStages)[number]> | Exclude<Role, (typeof roles)[number]>>
>;
