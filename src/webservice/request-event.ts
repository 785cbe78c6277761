import type { PrestaShopError } from './errors.js';

/**
 * One HTTP exchange with the store (one attempt: a retried request emits one event per try).
 * The basis of the console's request log; the key never appears in it.
 *
 * @example
 * ```ts
 * client.on('request', (event) => {
 *   console.log(`${event.method} ${event.url} → ${event.status ?? event.error?.name} in ${event.durationMs} ms`);
 * });
 * ```
 */
export interface RequestEvent {
  readonly method: string;
  /** The full URL with `ws_key` redacted. */
  readonly url: string;
  readonly resource: string | undefined;
  readonly id: number | string | undefined;
  /** HTTP status, absent when no answer came (timeout, network failure). */
  readonly status: number | undefined;
  readonly durationMs: number;
  /** When the attempt was sent (epoch milliseconds, the client's clock): the request log's time. */
  readonly startedAt: number;
  readonly requestBytes: number;
  readonly responseBytes: number;
  /** 1 for the first try, 2 for the first retry, … */
  readonly attempt: number;
  /** Whether the client will try again after this attempt. */
  readonly willRetry: boolean;
  /** Why the attempt failed, when it did. */
  readonly error?: PrestaShopError;
  /** The request body, when `logBodies` is on (binary bodies are summarized). */
  readonly requestBody?: string;
  /** The response body, when `logBodies` is on (binary bodies are summarized). */
  readonly responseBody?: string;
}

/** Something the caller should know that is not an error (plain http, an authentication fallback). */
export interface ClientWarning {
  readonly code: 'insecure-url' | 'auth-fallback';
  readonly message: string;
}

/** Events a client emits, by name. */
export interface ClientEvents {
  request: RequestEvent;
  warning: ClientWarning;
}
