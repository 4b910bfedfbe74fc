export {
  ADVOCATE_SESSION_MAX_AGE_MS,
  ADVOCATE_SESSION_ROTATE_AFTER_MS,
  ADVOCATE_SESSION_TTL_MS,
  createAdvocateSession,
} from "./advocate-sessions.ts";
export { allRoles, can, type Permission, permissionMatrix, type Role, staffRoles } from "./permissions.ts";
export {
  isSameSitePath,
  type SsoSettings,
  type SsoSettingsInput,
  type SsoStatus,
  ssoCallbackQuery,
  ssoSettingsInput,
  ssoSettingsOutput,
  ssoStartQuery,
  ssoStatusOutput,
  workspaceParam,
} from "./sso.schemas.ts";
export {
  finishSsoSignIn,
  getSsoSettings,
  getSsoStatus,
  SSO_LOGIN_TTL_MS,
  type SsoServerConfig,
  setSsoSettings,
  ssoRedirectUri,
  startSsoSignIn,
} from "./sso.ts";
export { sealSsoSecretsUnderCurrentKey, UNREADABLE_SSO_SECRET } from "./sso-secret.ts";
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
  type UpdateUserInput,
  type User,
  updateUserInput,
  userOutput,
} from "./user.schemas.ts";
export {
  type Actor,
  type AuthContext,
  authenticate,
  createApiKey,
  createUser,
  endUserSessions,
  getUser,
  listApiKeys,
  listUsers,
  revokeApiKey,
  SESSION_MAX_AGE_MS,
  SESSION_ROTATE_AFTER_MS,
  SESSION_TTL_MS,
  signIn,
  signOut,
  updateUser,
} from "./users.ts";
