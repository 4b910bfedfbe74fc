export interface FieldError {
  path: string;
  message: string;
}

/** An RFC 9457 problem+json answer, or a failure to reach the server at all (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly type: string;
  readonly fieldErrors: FieldError[];
  readonly requestId: string | undefined;

  constructor(init: {
    status: number;
    title: string;
    detail: string;
    type?: string;
    errors?: FieldError[];
    requestId?: string;
  }) {
    super(init.detail);
    this.name = "ApiError";
    this.status = init.status;
    this.title = init.title;
    this.type = init.type ?? "about:blank";
    this.fieldErrors = init.errors ?? [];
    this.requestId = init.requestId;
  }

  /** Field errors keyed by the form field they belong to: "body.title" and "title" both become "title". */
  fieldMap(): Record<string, string> {
    const map: Record<string, string> = {};
    for (const error of this.fieldErrors) {
      const key = error.path.replace(/^body\.?/, "") || "body";
      map[key] ??= error.message;
    }
    return map;
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

/** A sentence a person can act on, for any thrown value. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message || error.title;
  if (error instanceof Error) return error.message;
  return "Something went wrong.";
}
