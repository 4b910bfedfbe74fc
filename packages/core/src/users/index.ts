export { ADVOCATE_SESSION_TTL_MS, createAdvocateSession } from "./advocate-sessions.ts";
export { allRoles, can, type Permission, permissionMatrix, type Role, staffRoles } from "./permissions.ts";
export { mintToken, parseToken, secretMatches } from "./tokens.ts";
export {
  type ApiKey,
  apiKeyOutput,
  createApiKeyInput,
  createdApiKeyOutput,
  createUserInput,
  email,
  signInInput,
  staffRole,
  type User,
  userOutput,
} from "./user.schemas.ts";
export {
  type Actor,
  type AuthContext,
  authenticate,
  createApiKey,
  createUser,
  getUser,
  listApiKeys,
  listUsers,
  revokeApiKey,
  SESSION_TTL_MS,
  signIn,
  signOut,
} from "./users.ts";
