/** How long a message is retried, and how far apart. */
export interface WebhookRetryPolicy {
  /** Delay after the first failure (default 5 s); doubles after each further one. */
  readonly firstDelayMs: number;
  /** The longest delay between two attempts (default 1 h). */
  readonly maxDelayMs: number;
  /** A message failing this long after its first attempt is given up (default a day). */
  readonly giveUpAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: WebhookRetryPolicy = {
  firstDelayMs: 5_000,
  maxDelayMs: 60 * 60_000,
  giveUpAfterMs: 24 * 60 * 60_000,
};

/**
 * When to try a message again after its `attempts`-th failed attempt, or null to give it up: 5 s,
 * 10 s, 20 s… up to an hour between attempts, for a day after the first one. Deterministic, so that
 * a receiver's operator can predict the next attempt from the log.
 */
export function nextWebhookAttempt(
  policy: WebhookRetryPolicy,
  now: Date,
  attempts: number,
  firstAttemptAt: Date,
): Date | null {
  if (now.getTime() - firstAttemptAt.getTime() >= policy.giveUpAfterMs) return null;
  const delay = Math.min(
    policy.maxDelayMs,
    policy.firstDelayMs * 2 ** Math.max(0, Math.min(30, attempts - 1)),
  );
  return new Date(now.getTime() + delay);
}
