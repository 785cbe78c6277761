/**
 * A hook the transport calls around every attempt, so that whoever runs many clients (the hub's
 * workers) can pace requests per store host together — across processes, if it keeps the pace in
 * a shared place. The client itself knows nothing of it beyond these two calls.
 *
 * @example
 * const pacer: RequestPacer = {
 *   async beforeRequest(host) { await sleep(await sharedPace.reserve(host)); return undefined; },
 *   afterResponse(host, status, retryAfterMs) { if (status === 429) sharedPace.slowDown(host, retryAfterMs); },
 * };
 * const client = new PrestaShopClient({ url, key, pacer });
 */
export interface RequestPacer {
  /**
   * Resolves when a request to `host` (`name:port` of the store URL) may be sent; with a function
   * when the pacer holds a slot for the request (a concurrency limit): the transport calls it once the
   * attempt has ended, answer or not. Must not throw.
   */
  beforeRequest(host: string): Promise<(() => void) | undefined>;
  /**
   * Told how each attempt ended: the HTTP status (undefined when no answer came) and the wait the
   * store asked for with `Retry-After`, if any. Must not throw.
   */
  afterResponse(host: string, status: number | undefined, retryAfterMs: number | undefined): void;
}
