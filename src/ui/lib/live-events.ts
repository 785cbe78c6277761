/**
 * The live event stream (`GET /events`, Server-Sent Events): screens update without reloading.
 * Each event refreshes the queries it makes stale; run progress is kept here, per run, for the
 * progress bars (useSyncExternalStore). When the stream drops, it reconnects with a growing delay
 * and, meanwhile, refreshes the screen's queries every 30 s so nothing stays stale for long.
 */
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { createContext, useContext, useSyncExternalStore } from 'react';

import type { ApiLiveEvents } from '../api/types';
import { queryKeys } from './query-keys';

/** `connecting` (first time), `live`, `reconnecting` (the stream dropped), `stopped`. */
export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'stopped';

export type RunProgress = ApiLiveEvents['run.progress'];

/** What the console needs of an EventSource (tests give a fake). */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}

export interface LiveEventsOptions {
  readonly queryClient: QueryClient;
  readonly url?: string;
  readonly connect?: (url: string) => EventSourceLike;
  /** Delay before the first reconnection, doubled each time up to `maxRetryMs`. */
  readonly firstRetryMs?: number;
  readonly maxRetryMs?: number;
  /** While the stream is down, the screen's queries are refreshed this often. */
  readonly fallbackRefetchMs?: number;
  /** 0 ≤ x < 1, for the jitter of reconnection delays. */
  readonly random?: () => number;
  /**
   * Queries made stale by events are refreshed together after this delay: a busy store finishes
   * many runs a minute, and each screen should refetch once for a burst, not once per event.
   */
  readonly batchMs?: number;
}

type EventType = keyof ApiLiveEvents;
const EVENT_TYPES: readonly EventType[] = [
  'hello',
  'run.started',
  'run.progress',
  'run.finished',
  'outbox.pass',
  'store.changed',
];

/** Queries the stream never refreshes: who is signed in, and lists read from a store over the network. */
const NOT_REFRESHED = new Set<unknown>([queryKeys.me[0], queryKeys.storeLive('')[0]]);

export class LiveEvents {
  readonly #options: Required<Omit<LiveEventsOptions, 'queryClient'>> & { queryClient: QueryClient };
  readonly #progress = new Map<number, RunProgress>();
  readonly #listeners = new Set<() => void>();
  #status: LiveStatus = 'stopped';
  #source: EventSourceLike | null = null;
  #attempt = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #fallbackTimer: ReturnType<typeof setInterval> | undefined;
  readonly #stale = new Map<string, QueryKey>();
  #staleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: LiveEventsOptions) {
    this.#options = {
      url: '/events',
      connect: (url) => new EventSource(url),
      firstRetryMs: 1_000,
      maxRetryMs: 30_000,
      fallbackRefetchMs: 30_000,
      random: Math.random,
      batchMs: 500,
      ...options,
    };
  }

  /** Opens the stream (once). */
  start(): void {
    if (this.#status !== 'stopped') return;
    this.#setStatus('connecting');
    this.#open();
  }

  /** Closes the stream and forgets progress (sign-out). */
  stop(): void {
    this.#source?.close();
    this.#source = null;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    clearTimeout(this.#staleTimer);
    this.#staleTimer = undefined;
    this.#stale.clear();
    this.#stopFallback();
    this.#progress.clear();
    this.#attempt = 0;
    this.#setStatus('stopped');
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly getStatus = (): LiveStatus => this.#status;

  /** The latest progress the stream gave for a running run, or undefined. */
  readonly getProgress = (runId: number): RunProgress | undefined => this.#progress.get(runId);

  #open(): void {
    const source = this.#options.connect(this.#options.url);
    this.#source = source;
    source.addEventListener('open', () => this.#connected());
    source.addEventListener('error', () => this.#dropped(source));
    for (const type of EVENT_TYPES) {
      source.addEventListener(type, (event) => {
        if (source !== this.#source) return;
        let data: unknown;
        try {
          data = JSON.parse(event.data);
        } catch {
          return;
        }
        this.#handle(type, data);
      });
    }
  }

  #connected(): void {
    const wasDown = this.#status === 'reconnecting';
    this.#attempt = 0;
    this.#stopFallback();
    this.#setStatus('live');
    // Events sent while the stream was down are lost: read everything the screen shows again.
    if (wasDown) this.#refreshScreen();
  }

  #dropped(source: EventSourceLike): void {
    if (source !== this.#source) return;
    source.close();
    this.#source = null;
    this.#setStatus('reconnecting');
    this.#startFallback();
    const delay = Math.min(this.#options.maxRetryMs, this.#options.firstRetryMs * 2 ** this.#attempt);
    this.#attempt += 1;
    // Jitter: many consoles reconnecting after a restart do not all come back at once.
    const jittered = Math.round(delay * (0.5 + this.#options.random() / 2));
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      if (this.#status === 'reconnecting') this.#open();
    }, jittered);
  }

  #handle(type: EventType, data: unknown): void {
    const invalidate = (...keys: QueryKey[]): void => {
      for (const queryKey of keys) this.#stale.set(JSON.stringify(queryKey), queryKey);
      this.#staleTimer ??= setTimeout(() => this.#refreshStale(), this.#options.batchMs);
    };
    switch (type) {
      case 'hello':
        if (this.#status !== 'live') this.#connected();
        return;
      case 'run.started': {
        const { run, store } = data as ApiLiveEvents['run.started'];
        this.#setProgress({
          runId: run.id,
          storeId: run.storeId ?? 0,
          store,
          feed: run.feed,
          step: run.progress.step,
          done: run.progress.done,
          total: run.progress.total,
        });
        invalidate(
          queryKeys.runsAll,
          queryKeys.storeFeeds(store),
          queryKeys.goLive(store),
          queryKeys.dashboardAll,
        );
        return;
      }
      case 'run.progress':
        this.#setProgress(data as RunProgress);
        return;
      case 'run.finished': {
        const { run, store } = data as ApiLiveEvents['run.finished'];
        if (this.#progress.delete(run.id)) this.#notify();
        invalidate(
          queryKeys.run(run.id),
          queryKeys.runsAll,
          queryKeys.storeFeeds(store),
          queryKeys.goLive(store),
          queryKeys.dashboardAll,
          queryKeys.stores,
          queryKeys.store(store),
        );
        return;
      }
      case 'outbox.pass':
        invalidate(queryKeys.dashboardAll);
        return;
      case 'store.changed': {
        const { store } = data as ApiLiveEvents['store.changed'];
        invalidate(
          queryKeys.stores,
          queryKeys.store(store),
          queryKeys.storeFeeds(store),
          queryKeys.goLive(store),
          queryKeys.dashboardAll,
        );
        return;
      }
    }
  }

  #refreshStale(): void {
    this.#staleTimer = undefined;
    const keys = [...this.#stale.values()];
    this.#stale.clear();
    for (const queryKey of keys) void this.#options.queryClient.invalidateQueries({ queryKey });
  }

  #setProgress(progress: RunProgress): void {
    this.#progress.set(progress.runId, progress);
    this.#notify();
  }

  #refreshScreen(): void {
    void this.#options.queryClient.invalidateQueries({
      predicate: (query) => !NOT_REFRESHED.has(query.queryKey[0]),
      refetchType: 'active',
    });
  }

  #startFallback(): void {
    if (this.#fallbackTimer !== undefined) return;
    this.#fallbackTimer = setInterval(() => this.#refreshScreen(), this.#options.fallbackRefetchMs);
  }

  #stopFallback(): void {
    clearInterval(this.#fallbackTimer);
    this.#fallbackTimer = undefined;
  }

  #setStatus(status: LiveStatus): void {
    if (this.#status === status) return;
    this.#status = status;
    this.#notify();
  }

  #notify(): void {
    for (const listener of this.#listeners) listener();
  }
}

export const LiveEventsContext = createContext<LiveEvents | null>(null);

const noSubscription = (): (() => void) => () => undefined;

/** `live`, `reconnecting`… for the header. */
export function useLiveStatus(): LiveStatus {
  const live = useContext(LiveEventsContext);
  return useSyncExternalStore(live?.subscribe ?? noSubscription, () => live?.getStatus() ?? 'stopped');
}

/** The latest progress the stream gave for this run (undefined: none yet, or the run ended). */
export function useRunProgress(runId: number | undefined): RunProgress | undefined {
  const live = useContext(LiveEventsContext);
  return useSyncExternalStore(live?.subscribe ?? noSubscription, () =>
    runId === undefined ? undefined : live?.getProgress(runId),
  );
}
