import type { Hub, Store } from '../../hub/index.js';
import { type StoreClientOverrides, StoreSession } from '../store-session.js';
import { builtInOutboxHandlers } from './built-in-handlers.js';
import { drainOutbox, type DrainOutboxOptions, type OutboxDrainReport } from './drain-outbox.js';
import { type OutboxHandler, outboxHandlerSet } from './outbox-handler.js';

export interface OutboxDrainLoopOptions {
  readonly hub: Hub;
  /** Default: the built-in handlers. */
  readonly handlers?: readonly OutboxHandler[];
  /** Webservice client settings for every store (tests point them at an emulator). */
  readonly clientOverrides?: StoreClientOverrides;
  /** How long to wait when a pass delivered nothing, unless nudged (default 5 s). */
  readonly idleMs?: number;
  /** Passed to every drain. */
  readonly drain?: Pick<DrainOutboxOptions, 'batch' | 'leaseMs' | 'concurrency' | 'retry' | 'clock'>;
  /** After each pass: what each store's drain did. */
  readonly onPass?: (reports: ReadonlyMap<string, OutboxDrainReport>) => void;
  /** A store whose drain threw (its database or its session): the loop goes on with the others. */
  readonly onError?: (store: Store, error: unknown) => void;
}

/**
 * Drains the outbox of every enabled store that exports, continuously: a pass over the stores,
 * then a pause (`idleMs`) unless the pass delivered something or {@link OutboxDrainLoop.nudge} is
 * called (something was just queued). For the `serve` process; `sync run drain-outbox` is the
 * one-shot form.
 *
 * @example
 * const loop = new OutboxDrainLoop({ hub });
 * loop.start();
 * // … after queueing a change:
 * loop.nudge();
 * // at shutdown:
 * await loop.stop();
 */
export class OutboxDrainLoop {
  readonly #options: OutboxDrainLoopOptions;
  readonly #handlers;
  readonly #sessions = new Map<number, { session: StoreSession; updatedAt: string }>();
  readonly #controller = new AbortController();
  #running: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  #nudged = false;

  constructor(options: OutboxDrainLoopOptions) {
    this.#options = options;
    this.#handlers = outboxHandlerSet(options.handlers ?? builtInOutboxHandlers);
  }

  /** Starts the loop (once). */
  start(): void {
    this.#running ??= this.#loop();
  }

  /** Asks for a pass now (something was queued). */
  nudge(): void {
    this.#nudged = true;
    this.#wake?.();
  }

  /** Stops after the deliveries in flight, hands back what was claimed and not sent, closes the sessions. */
  async stop(): Promise<void> {
    this.#controller.abort('shutting down');
    this.#wake?.();
    await this.#running;
    await Promise.all(
      [...this.#sessions.values()].map(({ session }) => session.close().catch(() => undefined)),
    );
    this.#sessions.clear();
  }

  /** One pass: drains every enabled store that exports, one after the other. */
  async drainOnce(): Promise<Map<string, OutboxDrainReport>> {
    const reports = new Map<string, OutboxDrainReport>();
    const stores = await this.#options.hub.stores.list();
    for (const store of stores) {
      if (this.#controller.signal.aborted) break;
      if (!store.settings.enabled || !store.settings.export.enabled || !store.hasKey) continue;
      try {
        const session = await this.#session(store);
        reports.set(
          store.name,
          await drainOutbox({
            ...this.#options.drain,
            hub: this.#options.hub,
            store,
            client: session.client,
            handlers: this.#handlers,
            signal: this.#controller.signal,
          }),
        );
      } catch (error) {
        this.#options.onError?.(store, error);
      }
    }
    this.#options.onPass?.(reports);
    return reports;
  }

  async #loop(): Promise<void> {
    const signal = this.#controller.signal;
    while (!signal.aborted) {
      this.#nudged = false;
      const reports = await this.drainOnce();
      const delivered = [...reports.values()].some((report) => report.sent + report.superseded > 0);
      if (delivered || this.#nudged || signal.aborted) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.#options.idleMs ?? 5_000);
        timer.unref();
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
    }
  }

  /** A session per store, opened again when the store's record changed (new key, URL, settings). */
  async #session(store: Store): Promise<StoreSession> {
    const cached = this.#sessions.get(store.id);
    if (cached !== undefined && cached.updatedAt === store.updatedAt) return cached.session;
    await cached?.session.close().catch(() => undefined);
    const session = await StoreSession.open(this.#options.hub, store, this.#options.clientOverrides ?? {});
    this.#sessions.set(store.id, { session, updatedAt: store.updatedAt });
    return session;
  }
}
