/**
 * The client's error tree. Every error says what was asked (method, resource, id — never the
 * key) and what to do; `retriable` tells whether the same request may succeed later. Errors are
 * built by one factory (`error-factory.ts`) from the HTTP status and PrestaShop's error codes.
 *
 * @example
 * ```ts
 * try {
 *   await client.update('stock_availables', 20, { quantity: '5' });
 * } catch (error) {
 *   if (error instanceof PermissionError) console.log(`grant ${error.verb} on ${error.resource}`);
 *   else throw error;
 * }
 * ```
 */

/** What the failed request was. The URL has `ws_key` redacted. */
export interface PsRequestInfo {
  readonly method: string;
  readonly url: string;
  readonly resource?: string;
  readonly id?: number | string;
}

/** One `<error>` of a PrestaShop error document: its code and message. */
export interface PsErrorDetail {
  readonly code: number;
  readonly message: string;
}

interface ErrorInit {
  readonly request: PsRequestInfo;
  readonly status?: number | undefined;
  readonly errors?: readonly PsErrorDetail[];
  readonly what: string;
  readonly hint: string;
  readonly cause?: unknown;
}

/** Base of every error the client throws. */
export class PrestaShopError extends Error {
  /** Whether the same request may succeed if repeated later (the transport already retried it). */
  readonly retriable: boolean = false;
  readonly request: PsRequestInfo;
  /** HTTP status, when the store answered. */
  readonly status: number | undefined;
  /** PrestaShop's error codes and messages, when the answer carried some. */
  readonly errors: readonly PsErrorDetail[];
  /** What to do about it, in one sentence. */
  readonly hint: string;

  constructor(init: ErrorInit) {
    super(`${describeRequest(init.request)}: ${init.what}. ${init.hint}`, { cause: init.cause });
    this.name = new.target.name;
    this.request = init.request;
    this.status = init.status;
    this.errors = init.errors ?? [];
    this.hint = init.hint;
  }
}

/** The key is unknown, disabled or malformed, or the web server did not pass it on. */
export class AuthenticationError extends PrestaShopError {
  /**
   * `wrong-key`: the store refused the key (codes 20/21); `malformed-key`: not 32 characters
   * (code 18) or empty (17); `key-not-received`: the store saw no key at all (a stripped header).
   */
  readonly reason: 'wrong-key' | 'malformed-key' | 'key-not-received';

  constructor(init: ErrorInit & { reason: AuthenticationError['reason'] }) {
    super(init);
    this.reason = init.reason;
  }
}

/** The key works but lacks a permission: a resource not granted (401/26), a verb (405/25), a shop (403/132). */
export class PermissionError extends PrestaShopError {
  readonly resource: string;
  readonly verb: string;

  constructor(init: ErrorInit & { resource: string; verb: string }) {
    super(init);
    this.resource = init.resource;
    this.verb = init.verb;
  }
}

/** The record (or the resource) does not exist in this store or shop. */
export class NotFoundError extends PrestaShopError {}

/** The store refused the request's content: a bad field, filter, sort or value. */
export class ValidationError extends PrestaShopError {}

/** The resource does not support the method at all (stock_availables has no POST): 405 with code 101. */
export class UnsupportedMethodError extends PrestaShopError {}

/** The store failed (5xx). 502, 503 and 504 are retriable. */
export class ServerError extends PrestaShopError {
  override readonly retriable: boolean;
  /** How long the store asked to wait (`Retry-After` on a 503), when it said. */
  readonly retryAfterMs: number | undefined;

  constructor(init: ErrorInit & { retryAfterMs?: number | undefined }) {
    super(init);
    this.retriable = init.status === 502 || init.status === 503 || init.status === 504;
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** The store or its host is throttling (429). */
export class RateLimitedError extends PrestaShopError {
  override readonly retriable = true;
  /** How long the store asked to wait, when it said (`Retry-After`). */
  readonly retryAfterMs: number | undefined;

  constructor(init: ErrorInit & { retryAfterMs: number | undefined }) {
    super(init);
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** No (complete) answer within the timeout. */
export class TimeoutError extends PrestaShopError {
  override readonly retriable = true;
}

/** The connection failed: DNS, refused, reset, TLS. */
export class NetworkError extends PrestaShopError {
  override readonly retriable = true;
  /** The system error code (`ECONNREFUSED`, `ENOTFOUND`, …) when there is one. */
  readonly code: string | undefined;

  constructor(init: ErrorInit & { code: string | undefined }) {
    super(init);
    this.code = init.code;
  }
}

/**
 * A write (POST) failed without an answer after it may have reached the store: it may have been
 * applied. It is never repeated blindly; look the record up before trying again.
 */
export class WriteNotConfirmedError extends PrestaShopError {}

/**
 * The store answered a page that does not move a listing on — ids already read, or the same page
 * whatever the id filter or offset asked for — so paging would never end. The sweep stops where it
 * is: nothing after the last page read was skipped, and nothing was read twice beyond that page.
 */
export class NoProgressError extends PrestaShopError {
  constructor(request: PsRequestInfo, what: string) {
    super({
      request,
      what,
      hint:
        'Something between the hub and the store (a module, a cache or a proxy) ignores part of the query: open ' +
        'the URL in a browser to see it. The run stopped rather than loop; the next run starts again after the ' +
        'last page committed.',
    });
  }
}

/** The answer is not what a PrestaShop Webservice sends (an HTML page, truncated or malformed XML/JSON). */
export class UnparseableResponseError extends PrestaShopError {}

/** The store's webservice is switched off (503, code 22). */
export class WebserviceDisabledError extends PrestaShopError {}

/** Nothing answers as a PrestaShop Webservice at this URL (a 404 page without PrestaShop's headers). */
export class WebserviceNotFoundError extends PrestaShopError {}

/** `GET products/12`, or the method and redacted URL when there is no resource. */
export function describeRequest(request: PsRequestInfo): string {
  if (request.resource === undefined) return `${request.method} ${request.url}`;
  const id = request.id === undefined ? '' : `/${request.id}`;
  return `${request.method} ${request.resource}${id}`;
}
