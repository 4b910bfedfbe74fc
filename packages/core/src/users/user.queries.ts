import type { ApiKeysTable, SessionsTable, UsersTable } from "@advo/db";
import { deleteFrom, insertInto, type Scope, selectFrom, updateTable } from "../shared/scope.ts";

export const findUserByEmail = (scope: Scope, email: string) =>
  selectFrom(scope, "users").selectAll().where("email", "=", email).executeTakeFirst();

export const findUserById = (scope: Scope, id: string) =>
  selectFrom(scope, "users").selectAll().where("id", "=", id).executeTakeFirst();

export const listUsers = (scope: Scope) => selectFrom(scope, "users").selectAll().orderBy("id").execute();

export const insertUser = (scope: Scope, row: Omit<UsersTable, "tenantId">) =>
  insertInto(scope, "users", row).execute();

export const insertSession = (scope: Scope, row: Omit<SessionsTable, "tenantId">) =>
  insertInto(scope, "sessions", row).execute();

export const findSession = (scope: Scope, id: string) =>
  selectFrom(scope, "sessions").selectAll().where("id", "=", id).executeTakeFirst();

export const touchSession = (scope: Scope, id: string, at: number, expiresAt: number) =>
  updateTable(scope, "sessions").set({ lastSeenAt: at, expiresAt }).where("id", "=", id).execute();

export const deleteSession = (scope: Scope, id: string) => deleteFrom(scope, "sessions").where("id", "=", id).execute();

/**
 * Ends a rotated session after a short grace (requests already in flight with the old cookie still
 * succeed). Conditional: of two requests rotating the same session at once, exactly one wins.
 */
export const retireSession = async (scope: Scope, id: string, graceUntil: number) => {
  const result = await updateTable(scope, "sessions")
    .set({ expiresAt: graceUntil })
    .where("id", "=", id)
    .where("expiresAt", ">", graceUntil)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
};

export const deleteUserSessions = (scope: Scope, userId: string) =>
  deleteFrom(scope, "sessions").where("userId", "=", userId).execute();

export const updateUserRow = (scope: Scope, id: string, patch: Partial<Omit<UsersTable, "tenantId" | "id">>) =>
  updateTable(scope, "users").set(patch).where("id", "=", id).execute();

export const countActiveOwners = async (scope: Scope) =>
  Number(
    (
      await selectFrom(scope, "users")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("role", "=", "owner")
        .where("disabledAt", "is", null)
        .executeTakeFirstOrThrow()
    ).n,
  );

export const insertApiKey = (scope: Scope, row: Omit<ApiKeysTable, "tenantId">) =>
  insertInto(scope, "apiKeys", row).execute();

export const findApiKey = (scope: Scope, id: string) =>
  selectFrom(scope, "apiKeys").selectAll().where("id", "=", id).executeTakeFirst();

export const listApiKeys = (scope: Scope) => selectFrom(scope, "apiKeys").selectAll().orderBy("id").execute();

export const revokeApiKeyRow = (scope: Scope, id: string, at: number) =>
  updateTable(scope, "apiKeys").set({ revokedAt: at }).where("id", "=", id).where("revokedAt", "is", null).execute();

export const markApiKeyUsed = (scope: Scope, id: string, at: number) =>
  updateTable(scope, "apiKeys").set({ lastUsedAt: at }).where("id", "=", id).execute();
