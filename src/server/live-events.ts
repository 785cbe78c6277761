import type { RunProgressEvent } from '../jobs/index.js';
import type { ApiRun } from './api-wire.js';

/** What the console hears without reloading (`GET /events`, Server-Sent Events). */
export type LiveEvent =
  | { readonly type: 'run.started'; readonly data: { readonly run: ApiRun; readonly store: string } }
  | { readonly type: 'run.progress'; readonly data: RunProgressData }
  | { readonly type: 'run.finished'; readonly data: { readonly run: ApiRun; readonly store: string } }
  | { readonly type: 'outbox.pass'; readonly data: OutboxPassData }
  | { readonly type: 'store.changed'; readonly data: StoreChangedData };

export interface RunProgressData extends RunProgressEvent {
  readonly storeId: number;
}

export interface OutboxPassData {
  readonly storeId: number;
  readonly store: string;
  readonly sent: number;
  readonly failed: number;
  readonly retrying: number;
  /** Why the store's outbox cannot be sent (wrong key, store down), or null. */
  readonly blocked: string | null;
}

export interface StoreChangedData {
  readonly storeId: number;
  readonly store: string;
  /** `updated`: its settings, URL, key or name, or its go-live progress (a step has ended). */
  readonly change: 'added' | 'updated' | 'removed';
}

export type LiveEventType = LiveEvent['type'];
export type LiveListener = (event: LiveEvent & { readonly id: number }) => void;

/** Progress of one run is sent at most this often (a feed may report every record). */
const PROGRESS_INTERVAL_MS = 250;

/**
 * The server's live event bus: runs, outbox passes and store changes of this process, fanned out to
 * every open `/events` stream. Progress is thinned to one event per run per 250 ms, the last one
 * always delivered. What other processes do on the same hub reaches the console through its
 * periodic refresh instead.
 */
export class LiveEvents {
  /**
   * How often an open stream sends a keep-alive and checks that its session or token is still
   * valid (default 15 s: proxies close streams silent for longer).
   */
  readonly keepaliveMs: number;
  readonly #listeners = new Map<LiveListener, () => void>();
  readonly #pendingProgress = new Map<number, { data: RunProgressData; timer: NodeJS.Timeout }>();
  readonly #lastProgressAt = new Map<number, number>();
  #nextId = 1;

  constructor(options: { readonly keepaliveMs?: number } = {}) {
    this.keepaliveMs = options.keepaliveMs ?? 15_000;
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }

  /** Hears every event until the returned function is called; `onClose` runs at shutdown. */
  subscribe(listener: LiveListener, onClose: () => void = () => undefined): () => void {
    this.#listeners.set(listener, onClose);
    return () => this.#listeners.delete(listener);
  }

  publish(event: LiveEvent): void {
    if (event.type === 'run.finished') this.#forgetProgress(event.data.run.id);
    const numbered = { ...event, id: this.#nextId++ };
    for (const listener of this.#listeners.keys()) listener(numbered);
  }

  /** A run's progress, thinned: the first and then at most one event per interval, the latest kept. */
  progress(data: RunProgressData): void {
    const now = Date.now();
    const last = this.#lastProgressAt.get(data.runId) ?? 0;
    const pending = this.#pendingProgress.get(data.runId);
    if (pending) {
      pending.data = data;
      return;
    }
    if (now - last >= PROGRESS_INTERVAL_MS) {
      this.#lastProgressAt.set(data.runId, now);
      this.publish({ type: 'run.progress', data });
      return;
    }
    const timer = setTimeout(
      () => {
        const latest = this.#pendingProgress.get(data.runId);
        this.#pendingProgress.delete(data.runId);
        if (!latest) return;
        this.#lastProgressAt.set(data.runId, Date.now());
        this.publish({ type: 'run.progress', data: latest.data });
      },
      PROGRESS_INTERVAL_MS - (now - last),
    );
    timer.unref();
    this.#pendingProgress.set(data.runId, { data, timer });
  }

  /** Ends every stream and drops pending progress (shutdown: open streams would hold the server). */
  close(): void {
    for (const { timer } of this.#pendingProgress.values()) clearTimeout(timer);
    this.#pendingProgress.clear();
    this.#lastProgressAt.clear();
    const closers = [...this.#listeners.values()];
    this.#listeners.clear();
    for (const onClose of closers) onClose();
  }

  #forgetProgress(runId: number): void {
    const pending = this.#pendingProgress.get(runId);
    if (pending) clearTimeout(pending.timer);
    this.#pendingProgress.delete(runId);
    this.#lastProgressAt.delete(runId);
  }
}
