// Core's shared kernel; each domain module is imported by its own path, e.g. "@advo/core/contacts".
export { type Clock, manualClock, systemClock, toIso } from "./shared/clock.ts";
export { AppError, assertUnreachable, type ErrorCode, type FieldError } from "./shared/errors.ts";
export { newId } from "./shared/ids.ts";
export { packageFile } from "./shared/package-file.ts";
export { type Page, type PageQuery, pageOf, pageQuery } from "./shared/pagination.ts";
export type { Scope } from "./shared/scope.ts";
export {
  fixedSecretKey,
  newSecretKeyText,
  parseSecretKey,
  SECRET_KEY_FORMAT,
  type SecretKeySource,
} from "./shared/secret-box.ts";
