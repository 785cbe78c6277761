import {
  AuthenticationError,
  InvalidRequestError,
  NotFoundError,
  PermissionError,
  RateLimitedError,
  ServerError,
  UnsupportedMethodError,
  ValidationError,
  WebserviceDisabledError,
  WebserviceNotFoundError,
} from '../../webservice/index.js';
import { keyLacksMessage } from '../feed-permissions.js';

/** How the drainer retries entries whose delivery failed. */
export interface OutboxRetryPolicy {
  /** Attempts before an entry that keeps failing is given up (`failed`). */
  readonly maxAttempts: number;
  /** Delay after the first failure; doubles with every attempt. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/** 10 attempts, 30 s doubling up to 1 h: a store down for an afternoon loses nothing. */
export const DEFAULT_OUTBOX_RETRY: OutboxRetryPolicy = {
  maxAttempts: 10,
  baseDelayMs: 30_000,
  maxDelayMs: 60 * 60_000,
};

/**
 * A handler's own refusal: the change cannot be delivered as it is (two store products share the
 * reference of the one to create, …). The entry is given up with this message, never retried.
 */
export class UndeliverableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UndeliverableError';
  }
}

/** What a failed delivery means for the entry, and for the rest of the drain. */
export interface OutboxFailure {
  /** The store refused this change for good (validation, permission, not found): no retry. */
  readonly permanent: boolean;
  /**
   * Every other entry of the store would fail the same way (wrong key, webservice switched off,
   * wrong URL): the drain stops and the entry waits, without giving it up.
   */
  readonly blocking: boolean;
  readonly message: string;
  /** How long the store asked to wait (429, 503), when it said. */
  readonly retryAfterMs?: number;
}

/**
 * Sorts a delivery error: permanent (the store refused the change: validation, permission, not
 * found, unsupported method, a request the client refused to build, or the handler's own
 * {@link UndeliverableError}), blocking (wrong key,
 * webservice off or not found: stop and wait), or transient (network, timeout, 5xx, 429, a
 * garbled answer, a POST not confirmed, or anything unexpected — retried with backoff, up to the
 * attempt limit).
 */
export function classifyOutboxError(error: unknown): OutboxFailure {
  if (error instanceof PermissionError && !error.errors.some((detail) => detail.code === 132)) {
    // Said as what to grant first; the request and the store's answer after.
    const answered = `${error.request.method} ${error.request.resource ?? error.request.url}${
      error.request.id === undefined ? '' : `/${error.request.id}`
    } answered ${error.status ?? 'no status'}`;
    const message = `${keyLacksMessage([{ resource: error.resource, verb: error.verb }])} (${answered})`;
    return { permanent: true, blocking: false, message };
  }
  const message = error instanceof Error ? error.message : String(error);
  if (
    error instanceof AuthenticationError ||
    error instanceof WebserviceDisabledError ||
    error instanceof WebserviceNotFoundError
  ) {
    return { permanent: false, blocking: true, message };
  }
  if (
    error instanceof ValidationError ||
    error instanceof PermissionError ||
    error instanceof NotFoundError ||
    error instanceof UnsupportedMethodError ||
    error instanceof InvalidRequestError ||
    error instanceof UndeliverableError
  ) {
    return { permanent: true, blocking: false, message };
  }
  const retryAfterMs =
    error instanceof RateLimitedError || error instanceof ServerError ? error.retryAfterMs : undefined;
  return {
    permanent: false,
    blocking: false,
    message,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  };
}

/**
 * When to try an entry again after its `attempts`-th failed attempt: exponential backoff with
 * jitter (half to all of the step, so that many entries failing together spread out), never
 * sooner than the store asked.
 */
export function nextAttemptAt(
  attempts: number,
  policy: OutboxRetryPolicy,
  now: Date,
  random: () => number,
  retryAfterMs?: number,
): Date {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  const delay = Math.max(Math.round(step * (0.5 + random() * 0.5)), retryAfterMs ?? 0);
  return new Date(now.getTime() + delay);
}
