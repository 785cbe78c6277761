import { PrestaShopError, RateLimitedError, ServerError } from './errors.js';

/** How the transport retries. Defaults: 3 retries, 250 ms doubling up to 8 s, Retry-After up to 60 s. */
export interface RetrySettings {
  /** Retries after the first attempt (0 disables retrying). */
  readonly maxRetries: number;
  /** First backoff ceiling; doubles on every retry. */
  readonly baseDelayMs: number;
  /** Backoff ceiling. */
  readonly maxDelayMs: number;
  /** A longer `Retry-After` is not waited for: the error is thrown with `retryAfterMs`. */
  readonly maxRetryAfterMs: number;
}

export const defaultRetrySettings: RetrySettings = {
  maxRetries: 3,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

/**
 * Which requests may be repeated: `idempotent` (GET, HEAD, PUT, DELETE — repeating them changes
 * nothing more) or `unsafe` (POST — repeated only when the store certainly did not process it:
 * a refused connection or a 429).
 */
export type RetryMode = 'idempotent' | 'unsafe';

/** Whether a failed attempt should be tried again. */
export function shouldRetry(error: unknown, mode: RetryMode): boolean {
  if (!(error instanceof PrestaShopError) || !error.retriable) return false;
  if (mode === 'idempotent') return true;
  // A POST: only when the store refused it before doing anything.
  if (error instanceof RateLimitedError) return true;
  if (error instanceof ServerError) return false;
  return error.name === 'NetworkError' && isBeforeSending(error);
}

function isBeforeSending(error: PrestaShopError): boolean {
  const code = (error as { code?: string }).code;
  return (
    code === 'ECONNREFUSED' ||
    code === 'ENOTFOUND' ||
    code === 'EAI_AGAIN' ||
    code === 'UND_ERR_CONNECT_TIMEOUT'
  );
}

/**
 * Capped exponential backoff with full jitter: a uniform delay in [0, min(max, base·2^(n−1))],
 * so that many clients retrying at once spread out.
 */
export function backoffDelay(retry: number, settings: RetrySettings, random: () => number): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(ceiling * random());
}
