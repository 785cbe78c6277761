import type { Hub } from '../hub/index.js';
import type { RequestPacer } from '../webservice/index.js';

/** What hosts are reported to block at: about 100 requests a minute. The default stays under it. */
export const DEFAULT_HOST_REQUESTS_PER_MINUTE = 90;

export interface HostPacerOptions {
  /** Requests per minute to one store host from all workers together (default 90). */
  readonly requestsPerMinute?: number;
  /** How a wait is spent (tests pass a fake). */
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * The hub's {@link RequestPacer}: requests to one store host (name and port of its URL) from every
 * worker of the hub are spaced through the hub's `host_paces` table, so that all workers together
 * stay under the host's rate; a 429 or 503 widens the spacing for everyone (and honours
 * `Retry-After`), and it narrows back as the host answers normally.
 */
export class HostPacer implements RequestPacer {
  readonly #hub: Hub;
  readonly #spacingMs: number;
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(hub: Hub, options: HostPacerOptions = {}) {
    const perMinute = options.requestsPerMinute ?? DEFAULT_HOST_REQUESTS_PER_MINUTE;
    if (!(perMinute > 0)) throw new RangeError(`requests per minute must be above 0, got ${perMinute}`);
    this.#hub = hub;
    this.#spacingMs = 60_000 / perMinute;
    this.#sleep =
      options.sleep ??
      ((ms) =>
        new Promise((resolve) => {
          setTimeout(resolve, ms).unref();
        }));
  }

  async beforeRequest(host: string): Promise<void> {
    const wait = await this.#hub.hostPaces.reserve(host, this.#spacingMs);
    if (wait > 0) await this.#sleep(wait);
  }

  afterResponse(host: string, status: number | undefined, retryAfterMs: number | undefined): void {
    if (status !== 429 && status !== 503) return;
    void this.#hub.hostPaces.slowDown(host, this.#spacingMs, retryAfterMs ?? 0).catch(() => undefined);
  }
}
