/**
 * Slows down password guessing: after `maxFailures` failed sign-ins for one user name from one
 * address, or `maxFailuresPerAddress` from one address whatever the name, within `windowMs`, further
 * attempts are refused until the oldest failure leaves the window. A success clears that name's
 * failures from that address.
 *
 * Kept in memory: each server process counts its own attempts (behind a load balancer, N processes
 * allow N times as many guesses; the limit stays small enough for that). Behind a reverse proxy the
 * address is the client's only when the server trusts the proxy (`PRESTABRIDGE_TRUST_PROXY`); the
 * memory is bounded: past {@link SWEEP_AT} keys, those without a recent failure are dropped.
 */
/** Keys kept before the old ones are swept out. */
const SWEEP_AT = 10_000;

export class SignInLimiter {
  readonly #failures = new Map<string, number[]>();
  readonly #clock: () => Date;
  readonly #windowMs: number;
  readonly #maxFailures: number;
  readonly #maxFailuresPerAddress: number;

  constructor(
    options: {
      clock?: () => Date;
      windowMs?: number;
      maxFailures?: number;
      maxFailuresPerAddress?: number;
    } = {},
  ) {
    this.#clock = options.clock ?? (() => new Date());
    this.#windowMs = options.windowMs ?? 15 * 60_000;
    this.#maxFailures = options.maxFailures ?? 5;
    this.#maxFailuresPerAddress = options.maxFailuresPerAddress ?? 20;
  }

  /** Seconds to wait before trying again, or 0 when an attempt may be made now. */
  retryAfterSeconds(name: string, address: string): number {
    const now = this.#clock().getTime();
    const waits = [
      this.#wait(userKey(name, address), this.#maxFailures, now),
      this.#wait(addressKey(address), this.#maxFailuresPerAddress, now),
    ];
    return Math.max(...waits);
  }

  recordFailure(name: string, address: string): void {
    const now = this.#clock().getTime();
    if (this.#failures.size >= SWEEP_AT) for (const key of [...this.#failures.keys()]) this.#recent(key, now);
    for (const key of [userKey(name, address), addressKey(address)]) {
      const recent = this.#recent(key, now);
      recent.push(now);
      this.#failures.set(key, recent);
    }
  }

  recordSuccess(name: string, address: string): void {
    this.#failures.delete(userKey(name, address));
  }

  #wait(key: string, max: number, now: number): number {
    const recent = this.#recent(key, now);
    if (recent.length < max) return 0;
    const oldest = recent[recent.length - max] ?? now;
    return Math.max(1, Math.ceil((oldest + this.#windowMs - now) / 1000));
  }

  /** The failures of `key` still inside the window (older ones are forgotten here). */
  #recent(key: string, now: number): number[] {
    const kept = (this.#failures.get(key) ?? []).filter((at) => now - at < this.#windowMs);
    if (kept.length === 0) this.#failures.delete(key);
    else this.#failures.set(key, kept);
    return kept;
  }
}

function userKey(name: string, address: string): string {
  return `user:${name.trim().toLowerCase()}@${address}`;
}

function addressKey(address: string): string {
  return `address:${address}`;
}
