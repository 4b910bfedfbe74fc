export type ErrorCode =
  | "not_found"
  | "conflict"
  | "invalid"
  | "forbidden"
  | "unauthorized"
  | "rate_limited"
  | "too_large"
  | "unavailable";

export interface FieldError {
  /** Dotted path of the offending field, e.g. "email" or "traits.address.city". */
  path: string;
  message: string;
}

/** The one error type of Advo's core; the server maps `code` to an HTTP status once. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly errors: FieldError[];

  constructor(code: ErrorCode, message: string, errors: FieldError[] = []) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.errors = errors;
  }
}

export const notFound = (what: string, id: string) => new AppError("not_found", `${what} "${id}" was not found`);

export const invalidField = (path: string, message: string) =>
  new AppError("invalid", `${path}: ${message}`, [{ path, message }]);

export const conflictOn = (path: string, message: string) =>
  new AppError("conflict", `${path}: ${message}`, [{ path, message }]);

export function assertUnreachable(value: never): never {
  throw new Error(`unreachable: ${JSON.stringify(value)}`);
}
