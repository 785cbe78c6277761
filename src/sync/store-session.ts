import { type Hub, redact, redactUrl, type RequestLogInput, type Store } from '../hub/index.js';
import { PrestaShopClient, type PrestaShopClientOptions, type RequestEvent } from '../webservice/index.js';
import { StoreNotReadyError } from './feed-errors.js';

/** Client settings a caller may override (tests, benchmarks, the go-live command). */
export type StoreClientOverrides = Partial<Omit<PrestaShopClientOptions, 'url' | 'key'>>;

/** Bodies larger than this are cut in the request log: enough to see what was sent and why it failed. */
const LOGGED_BODY_LIMIT = 16 * 1024;
const FLUSH_EVERY_MS = 1_000;
const FLUSH_AT_ENTRIES = 200;

/**
 * A webservice client for one of the hub's stores, plus what comes with it: the key read from the
 * hub, the authentication mode the store needs remembered in the store's record, and every
 * request written to the request log — with the bodies of writes and failures when the store's
 * `extras.logApiRequests` setting is on.
 */
export class StoreSession {
  readonly client: PrestaShopClient;
  readonly #hub: Hub;
  readonly #store: Store;
  readonly #key: string;
  #pending: RequestLogInput[] = [];
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> = Promise.resolve();
  #requests = 0;

  private constructor(hub: Hub, store: Store, key: string, overrides: StoreClientOverrides) {
    this.#hub = hub;
    this.#store = store;
    this.#key = key;
    const logRequests = store.settings.extras.logApiRequests;
    this.client = new PrestaShopClient({
      url: store.url,
      key,
      auth: store.authMode === 'query' ? 'query' : 'auto',
      logBodies: logRequests,
      ...(store.languages.length === 1 && store.languageId !== null ? { languageId: store.languageId } : {}),
      // A store before 1.7 is read as XML from its first request.
      ...(store.psVersion === null ? {} : { storeVersion: store.psVersion }),
      // Multistore: every request names the store's shop (a single shop is named too: harmless).
      ...(store.shopId === null ? {} : { shopId: store.shopId }),
      ...overrides,
    });
    // Every request is logged (method, URL, status, duration, the time it was made, sizes), whatever the
    // settings; bodies only when the store's extras.logApiRequests says so.
    this.client.on('request', (event) => {
      this.#requests += 1;
      this.#log(event, logRequests);
    });
    this.client.on('warning', (warning) => {
      // The host strips the Authorization header: remember it so that later runs start with ws_key.
      if (warning.code === 'auth-fallback' && this.#store.authMode !== 'query') {
        this.#flushing = this.#flushing
          .then(() => this.#hub.stores.update(this.#store.id, { authMode: 'query' }))
          .then(() => undefined);
      }
    });
  }

  /** Opens a session for `store`; fails with the hub's own error when the key cannot be read. */
  static async open(hub: Hub, store: Store, overrides: StoreClientOverrides = {}): Promise<StoreSession> {
    const key = await hub.stores.webserviceKey(store.id);
    if (key === null) {
      throw new StoreNotReadyError(
        `Store '${store.name}' has no webservice key. Set one with \`prestabridge stores set ${store.name} --key KEY\`.`,
      );
    }
    return new StoreSession(hub, store, key, overrides);
  }

  /** `text` without this store's key or any `ws_key` value, for anything kept or shown. */
  redact(text: string): string {
    return redact(redactUrl(text), [this.#key]);
  }

  /** Requests sent so far (every attempt counts), for reports and benchmarks. */
  get requests(): number {
    return this.#requests;
  }

  #log(event: RequestEvent, withBodies: boolean): void {
    const keepBodies =
      withBodies && (event.method !== 'GET' || event.status === undefined || event.status >= 400);
    this.#pending.push({
      storeId: this.#store.id,
      // When the request was made, not when the entry is written (entries are written in batches).
      at: new Date(event.startedAt),
      method: event.method,
      url: event.url,
      status: event.status ?? null,
      durationMs: event.durationMs,
      bytesSent: event.requestBytes,
      bytesReceived: event.responseBytes,
      requestBody: keepBodies ? cut(event.requestBody) : null,
      responseBody: keepBodies ? cut(event.responseBody) : null,
      error: event.error?.message ?? null,
      secrets: [this.#key],
    });
    if (this.#pending.length >= FLUSH_AT_ENTRIES) this.#scheduleFlush(0);
    else this.#scheduleFlush(FLUSH_EVERY_MS);
  }

  #scheduleFlush(delayMs: number): void {
    if (this.#timer !== undefined && delayMs > 0) return;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.flush();
    }, delayMs);
    this.#timer.unref();
  }

  /** Writes buffered request-log entries. Logging never fails a sync: a write error is dropped. */
  async flush(): Promise<void> {
    const entries = this.#pending;
    this.#pending = [];
    this.#flushing = this.#flushing.then(async () => {
      if (entries.length > 0) await this.#hub.requestLog.record(entries).catch(() => undefined);
    });
    await this.#flushing;
  }

  async close(): Promise<void> {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.flush();
    await this.client.close();
  }
}

function cut(body: string | undefined): string | null {
  if (body === undefined) return null;
  return body.length > LOGGED_BODY_LIMIT ? `${body.slice(0, LOGGED_BODY_LIMIT)}… (cut)` : body;
}
