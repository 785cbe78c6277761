/**
 * The console's one way to the HTTP API: same-origin cookies, JSON in and out, the CSRF token on
 * every request that changes something, and one error type carrying what the server said.
 */
import type { ApiFieldProblem } from '../api/types';

/** A failed request, with the server's `error` answer (or what the console could tell without one). */
export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';
  /** HTTP status; 0 when no answer came. */
  readonly status: number;
  /** The server's `error.code` (`validation`, `feed-busy`…), `network` or `bad-answer` when it gave none. */
  readonly code: string;
  /** The request field at fault (`body.name`), when the server named one. */
  readonly field: string | undefined;
  /** Every wrong setting of a 422 `invalid-settings`. */
  readonly fields: readonly ApiFieldProblem[];
  /** One line per problem. */
  readonly problems: readonly string[];
  /** Seconds to wait before trying again (429 `Retry-After`). */
  readonly retryAfterSeconds: number | undefined;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    field?: string | undefined;
    fields?: readonly ApiFieldProblem[];
    problems?: readonly string[];
    retryAfterSeconds?: number | undefined;
  }) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.field = init.field;
    this.fields = init.fields ?? [];
    this.problems = init.problems ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds;
  }
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Added to the path; null, undefined and '' are left out. */
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly signal?: AbortSignal | undefined;
  /**
   * A 401 here is an answer, not the end of the session (sign-in, the first /auth/me): the auth
   * layer is not told.
   */
  readonly expectUnauthorized?: boolean;
}

let csrfToken: string | null = null;
const unauthorizedListeners = new Set<(error: ApiRequestError) => void>();

/** The token sign-in or `/auth/me` gave; sent as `X-CSRF-Token` on every request but GET. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request answers 401: the session ended. Returns the unsubscribe function. */
export function onUnauthorized(listener: (error: ApiRequestError) => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/** `path` with the query added: `/runs?store=demo&limit=50`. */
export function withQuery(path: string, query: Readonly<Record<string, QueryValue>> = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(name, String(value));
  }
  const text = params.toString();
  if (text === '') return path;
  return `${path}${path.includes('?') ? '&' : '?'}${text}`;
}

/** Calls the API; resolves with the JSON answer (undefined for 204), or throws {@link ApiRequestError}. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken !== null) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiRequestError({
      status: 0,
      code: 'network',
      message:
        'The hub did not answer. Check that `prestabridge serve` is running and that this machine can reach it, then try again.',
    });
  }

  if (response.ok) {
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    if (text === '') return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiRequestError({
        status: response.status,
        code: 'bad-answer',
        message: `The hub answered ${method} ${path} with something that is not JSON. Reload the page; if it persists, check the server log.`,
      });
    }
  }

  const error = await errorOf(response, method, path);
  if (error.status === 401 && options.expectUnauthorized !== true) {
    for (const listener of unauthorizedListeners) listener(error);
  }
  throw error;
}

async function errorOf(response: Response, method: string, path: string): Promise<ApiRequestError> {
  const retryAfter = response.headers.get('Retry-After');
  const retryAfterSeconds =
    retryAfter !== null && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter.trim()) : undefined;
  let body: unknown;
  try {
    body = JSON.parse(await response.text());
  } catch {
    body = undefined;
  }
  const answer = isErrorAnswer(body) ? body.error : undefined;
  if (!answer) {
    return new ApiRequestError({
      status: response.status,
      code: 'bad-answer',
      message: fallbackMessage(response.status, method, path),
      retryAfterSeconds,
    });
  }
  return new ApiRequestError({
    status: response.status,
    code: answer.code,
    message: answer.message,
    field: typeof answer.field === 'string' ? answer.field : undefined,
    fields: Array.isArray(answer.fields) ? answer.fields.filter(isFieldProblem) : [],
    problems: Array.isArray(answer.problems)
      ? answer.problems.filter((line): line is string => typeof line === 'string')
      : [],
    retryAfterSeconds,
  });
}

interface ErrorAnswer {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly field?: unknown;
    readonly fields?: unknown;
    readonly problems?: unknown;
  };
}

function isErrorAnswer(body: unknown): body is ErrorAnswer {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error: unknown = body.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  );
}

function isFieldProblem(value: unknown): value is ApiFieldProblem {
  return (
    typeof value === 'object' &&
    value !== null &&
    'key' in value &&
    typeof value.key === 'string' &&
    'message' in value &&
    typeof value.message === 'string'
  );
}

function fallbackMessage(status: number, method: string, path: string): string {
  if (status === 401) return 'Your session ended: sign in again.';
  if (status === 403) return 'Your role does not allow this. Ask an admin.';
  if (status === 404)
    return `${method} ${path} was not found on the hub. Reload the page: the console may be newer than the server.`;
  if (status >= 500)
    return `The hub failed (${status}) on ${method} ${path}. Try again; if it persists, check the server log.`;
  return `The hub refused ${method} ${path} (${status}) without saying why.`;
}

/** Shorthands. */
export const api = {
  get: <T>(path: string, options: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    apiRequest<T>(path, { ...options, method: 'GET' }),
  post: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    apiRequest<T>(path, { ...options, method: 'POST', body }),
  put: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    apiRequest<T>(path, { ...options, method: 'PUT', body }),
  patch: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    apiRequest<T>(path, { ...options, method: 'PATCH', body }),
  delete: <T = void>(path: string, options: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    apiRequest<T>(path, { ...options, method: 'DELETE' }),
};

/** A path segment, encoded (store names may hold `.`; ids are numbers). */
export function segment(value: string | number): string {
  return encodeURIComponent(String(value));
}
