import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

import type { Hub } from '../hub/index.js';
import type { RequestPacer } from '../webservice/index.js';

/** What hosts are reported to block at: about 100 requests a minute. The default stays under it. */
export const DEFAULT_HOST_REQUESTS_PER_MINUTE = 90;
/** Requests in flight to one host from every worker together (default). */
export const DEFAULT_HOST_CONCURRENCY = 8;

export interface HostPacerOptions {
  /** Requests per minute to one store host from all workers together (default 90). */
  readonly requestsPerMinute?: number;
  /**
   * Requests in flight to one host from all workers together (default 8); null: no limit. Each
   * request holds one of the host's slots (leases in the hub's `locks`) from before it is sent until
   * its answer; a worker killed while holding one frees it after `slotLeaseMs`.
   */
  readonly concurrency?: number | null;
  /** How long a slot outlives a killed holder (default 2 min; renewed while a request lasts longer). */
  readonly slotLeaseMs?: number;
  /** How often a request waiting for a host slot looks again (default 100 ms, with as much jitter). */
  readonly slotPollMs?: number;
  /** How a wait is spent (tests pass a fake). */
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * The hub's {@link RequestPacer}: requests to one store host (name and port of its URL) from every
 * worker of the hub are spaced through the hub's `host_paces` table, so that all workers together
 * stay under the host's rate; a 429 or 503 widens the spacing for everyone (and honours
 * `Retry-After`), and it narrows back as the host answers normally. And at most `concurrency`
 * requests are in flight to one host from all workers together: each holds one of the host's slots,
 * leases `host-slot:<host>:<n>` in the hub's `locks` — taken before the request's pace is reserved
 * (a reserved instant is not spent waiting for a slot) and given back with its answer.
 */
export class HostPacer implements RequestPacer {
  readonly #hub: Hub;
  readonly #spacingMs: number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #concurrency: number | null;
  readonly #slotLeaseMs: number;
  readonly #slotPollMs: number;
  readonly #owner = `${hostname()}:${process.pid}:${randomUUID()}`;
  #nextToken = 0;

  constructor(hub: Hub, options: HostPacerOptions = {}) {
    const perMinute = options.requestsPerMinute ?? DEFAULT_HOST_REQUESTS_PER_MINUTE;
    if (!(perMinute > 0)) throw new RangeError(`requests per minute must be above 0, got ${perMinute}`);
    this.#hub = hub;
    this.#spacingMs = 60_000 / perMinute;
    const concurrency = options.concurrency === undefined ? DEFAULT_HOST_CONCURRENCY : options.concurrency;
    if (concurrency !== null && !(Number.isInteger(concurrency) && concurrency > 0))
      throw new RangeError(`host concurrency must be a whole number above 0, got ${concurrency}`);
    this.#concurrency = concurrency;
    this.#slotLeaseMs = options.slotLeaseMs ?? 120_000;
    this.#slotPollMs = options.slotPollMs ?? 100;
    this.#sleep =
      options.sleep ??
      ((ms) =>
        new Promise((resolve) => {
          setTimeout(resolve, ms).unref();
        }));
  }

  async beforeRequest(host: string): Promise<(() => void) | undefined> {
    const release = await this.#takeSlot(host);
    try {
      const wait = await this.#hub.hostPaces.reserve(host, this.#spacingMs);
      if (wait > 0) await this.#sleep(wait);
    } catch (error) {
      release?.();
      throw error;
    }
    return release;
  }

  /** Waits for one of the host's slots; the function gives it back (undefined: no limit). */
  async #takeSlot(host: string): Promise<(() => void) | undefined> {
    const limit = this.#concurrency;
    if (limit === null) return undefined;
    // An owner per request: one process's requests hold distinct slots, and a release frees its own.
    const owner = `${this.#owner}:${(this.#nextToken += 1)}`;
    const { locks } = this.#hub;
    for (;;) {
      // From a random slot on, so that waiting requests do not all try the first one.
      const start = Math.floor(Math.random() * limit);
      for (let offset = 0; offset < limit; offset += 1) {
        const name = `host-slot:${host}:${(start + offset) % limit}`;
        if (!(await locks.acquire(name, owner, this.#slotLeaseMs))) continue;
        const renewal = setInterval(
          () => void locks.renew(name, owner, this.#slotLeaseMs).catch(() => undefined),
          Math.max(1_000, Math.floor(this.#slotLeaseMs / 3)),
        );
        renewal.unref();
        return () => {
          clearInterval(renewal);
          void locks.release(name, owner).catch(() => undefined);
        };
      }
      await this.#sleep(this.#slotPollMs + Math.floor(Math.random() * this.#slotPollMs));
    }
  }

  afterResponse(host: string, status: number | undefined, retryAfterMs: number | undefined): void {
    if (status !== 429 && status !== 503) return;
    void this.#hub.hostPaces.slowDown(host, this.#spacingMs, retryAfterMs ?? 0).catch(() => undefined);
  }
}
