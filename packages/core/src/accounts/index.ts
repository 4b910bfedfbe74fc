export { findAccount, insertAccounts } from "./account.queries.ts";
export {
  type Account,
  ATTRIBUTES_MAX,
  accountOutput,
  attributes,
  type CreateAccountInput,
  createAccountInput,
  externalIds,
  listAccountsQuery,
  type UpdateAccountInput,
  updateAccountInput,
} from "./account.schemas.ts";
export {
  createAccount,
  deleteAccount,
  getAccount,
  listAccounts,
  newAccountRow,
  toAccount,
  updateAccount,
} from "./accounts.ts";
