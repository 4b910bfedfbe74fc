import { ApiError, type FieldError } from "./api-error.ts";

export type QueryValue = string | number | boolean | null | undefined;

interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
}

let onUnauthorized: (() => void) | null = null;

/** Called when any request answers 401 (the session expired or was revoked elsewhere). */
export function setUnauthorizedHandler(handler: (() => void) | null) {
  onUnauthorized = handler;
}

export function withQuery(path: string, query: Record<string, QueryValue> | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: "include",
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError({
      status: 0,
      title: "Network error",
      detail: "Could not reach the Advo server. Check your connection and try again.",
    });
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const payload = parse(text);
  if (!response.ok) {
    const error = toApiError(response, payload);
    if (error.status === 401 && !path.startsWith("/api/v1/auth/")) onUnauthorized?.();
    throw error;
  }
  return payload as T;
}

function parse(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function toApiError(response: { status: number; statusText: string }, payload: unknown): ApiError {
  if (payload && typeof payload === "object" && "status" in payload) {
    const p = payload as { type?: string; title?: string; detail?: string; errors?: FieldError[]; requestId?: string };
    return new ApiError({
      status: response.status,
      title: p.title ?? response.statusText,
      detail: p.detail ?? p.title ?? response.statusText,
      type: p.type,
      errors: Array.isArray(p.errors) ? p.errors : [],
      requestId: p.requestId,
    });
  }
  return new ApiError({
    status: response.status,
    title: response.statusText || "Error",
    detail: `The server answered ${response.status} ${response.statusText}.`,
  });
}

export interface UploadOptions {
  query?: Record<string, QueryValue>;
  /** The body's Content-Type, e.g. text/csv. */
  contentType: string;
  /** Bytes sent so far, of the file's size. */
  onProgress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
}

/**
 * POSTs a file as the request body, as the API's file routes take it. Through XMLHttpRequest: fetch
 * reports no upload progress, and a large file would sit at "0 %" until the server answered.
 */
export function upload<T>(path: string, file: Blob, options: UploadOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", withQuery(path, options.query));
    xhr.withCredentials = true;
    xhr.setRequestHeader("accept", "application/json");
    xhr.setRequestHeader("content-type", options.contentType);
    xhr.upload.onprogress = (event) =>
      options.onProgress?.(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.onload = () => {
      const payload = parse(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) return resolve(payload as T);
      const error = toApiError({ status: xhr.status, statusText: xhr.statusText }, payload);
      if (error.status === 401) onUnauthorized?.();
      reject(error);
    };
    xhr.onerror = () =>
      reject(
        new ApiError({
          status: 0,
          title: "Network error",
          detail: "The upload did not reach the Advo server. Check your connection and try again.",
        }),
      );
    xhr.onabort = () => reject(new DOMException("The upload was cancelled.", "AbortError"));
    options.signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

/** The one way the web app talks to the API: same-origin, cookie session, problem+json errors. */
export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) =>
    request<T>("GET", path, { query, signal }),
  post: <T>(path: string, body?: unknown, signal?: AbortSignal) =>
    request<T>("POST", path, { body: body ?? {}, signal }),
  patch: <T>(path: string, body: unknown) => request<T>("PATCH", path, { body }),
  put: <T>(path: string, body: unknown) => request<T>("PUT", path, { body }),
  delete: <T = void>(path: string) => request<T>("DELETE", path),
};
