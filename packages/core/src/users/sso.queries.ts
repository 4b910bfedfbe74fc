import type { Db, SsoLoginsTable, SsoSettingsTable } from "@advo/db";
import { deleteFrom, insertInto, type Scope, selectFrom, updateTable } from "../shared/scope.ts";

export const findSsoSettings = (scope: Scope) => selectFrom(scope, "ssoSettings").selectAll().executeTakeFirst();

/** Inserts the workspace's settings row, or replaces everything but when it was first made. */
export const saveSsoSettings = (scope: Scope, row: Omit<SsoSettingsTable, "tenantId">) => {
  const { createdAt: _kept, ...changes } = row;
  return insertInto(scope, "ssoSettings", row)
    .onConflict((oc) => oc.column("tenantId").doUpdateSet(changes))
    .execute();
};

/**
 * Every workspace's stored client secret (none stored: ""), or only those still in plain text (no
 * "enc:" prefix): start-up chores.
 */
export const findSsoSecrets = (db: Db, options: { includeSealed: boolean }) => {
  const query = db.selectFrom("ssoSettings").select(["tenantId", "clientSecret"]).where("clientSecret", "<>", "");
  return (options.includeSealed ? query : query.where("clientSecret", "not like", "enc:%")).execute();
};

/** Replaces the stored secret only while it is still `from`: a save in between wins. */
export const replaceSsoSecret = (scope: Scope, from: string, to: string) =>
  updateTable(scope, "ssoSettings").set({ clientSecret: to }).where("clientSecret", "=", from).executeTakeFirst();

/** False only when SSO is on and the workspace turned password sign-in off. */
export async function passwordSignInAllowed(scope: Scope): Promise<boolean> {
  const row = await selectFrom(scope, "ssoSettings").select(["enabled", "passwordSignIn"]).executeTakeFirst();
  return !row?.enabled || Boolean(row.passwordSignIn);
}

export const insertSsoLogin = (scope: Scope, row: Omit<SsoLoginsTable, "tenantId">) =>
  insertInto(scope, "ssoLogins", row).execute();

/** Deletes and returns a pending sign-in: of two callbacks with the same state, only one gets it. */
export const takeSsoLogin = (scope: Scope, stateHash: string) =>
  deleteFrom(scope, "ssoLogins").where("stateHash", "=", stateHash).returningAll().executeTakeFirst();

export const deleteExpiredSsoLogins = (scope: Scope, now: number) =>
  deleteFrom(scope, "ssoLogins").where("expiresAt", "<=", now).execute();
