import * as accounts from "@advo/core/accounts";
import type { FastifyInstance } from "fastify";
import { registerCrud } from "./crud.ts";

export async function accountRoutes(app: FastifyInstance) {
  registerCrud(app, {
    path: "/api/v1/accounts",
    tag: "accounts",
    output: accounts.accountOutput,
    filter: accounts.listAccountsQuery,
    create: accounts.createAccountInput,
    update: accounts.updateAccountInput,
    read: "crm:read",
    write: "crm:write",
    remove: "crm:delete",
    list: accounts.listAccounts,
    insert: accounts.createAccount,
    get: accounts.getAccount,
    patch: accounts.updateAccount,
    delete: accounts.deleteAccount,
    deleteSummary: "Delete an account; its contacts stay, unlinked from it",
  });
}
