import { QueryClient } from '@tanstack/react-query';
import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';

import type { ApiRun } from '../../../src/ui/api/types';
import { RunProgress } from '../../../src/ui/components/run-progress';
import { type EventSourceLike, LiveEvents, LiveEventsContext } from '../../../src/ui/lib/live-events';

/** An EventSource the test drives: open, send events, drop. */
class FakeSource implements EventSourceLike {
  readonly listeners = new Map<string, ((event: MessageEvent<string>) => void)[]>();
  closed = false;
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close(): void {
    this.closed = true;
  }
  emit(type: string, data?: unknown): void {
    const event = new MessageEvent<string>(type, { data: data === undefined ? '' : JSON.stringify(data) });
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
}

function run(overrides: Partial<ApiRun> = {}): ApiRun {
  return {
    id: 7,
    storeId: 1,
    feed: 'import-orders',
    trigger: 'api',
    status: 'running',
    owner: null,
    counts: { created: 3, updated: 0, unchanged: 0, skipped: 0, failed: 0 },
    progress: { done: 0, total: 200, step: null },
    startedAt: '2026-12-02T10:00:00.000Z',
    heartbeatAt: '2026-12-02T10:00:00.000Z',
    finishedAt: null,
    durationMs: null,
    error: null,
    stopRequestedAt: null,
    ...overrides,
  };
}

let sources: FakeSource[];
let queryClient: QueryClient;
let live: LiveEvents;

beforeEach(() => {
  vi.useFakeTimers();
  sources = [];
  queryClient = new QueryClient();
  live = new LiveEvents({
    queryClient,
    connect: (url) => {
      const source = new FakeSource(url);
      sources.push(source);
      return source;
    },
    random: () => 1,
  });
});

afterEach(() => {
  live.stop();
  vi.useRealTimers();
});

const current = (): FakeSource => {
  const source = sources.at(-1);
  if (!source) throw new Error('no EventSource opened');
  return source;
};

describe('the stream', () => {
  test('is live once open, and reconnects with a growing delay after it drops', () => {
    live.start();
    expect(current().url).toBe('/events');
    expect(live.getStatus()).toBe('connecting');
    current().emit('open');
    expect(live.getStatus()).toBe('live');

    current().emit('error');
    expect(live.getStatus()).toBe('reconnecting');
    expect(sources[0]?.closed).toBe(true);
    vi.advanceTimersByTime(999);
    expect(sources).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sources).toHaveLength(2);

    current().emit('error');
    vi.advanceTimersByTime(1_999);
    expect(sources).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sources).toHaveLength(3);

    current().emit('hello', { at: '2026-12-02T10:00:00Z', user: 'admin' });
    expect(live.getStatus()).toBe('live');
  });

  test('while it is down, the screen’s queries are refreshed every 30 s; back up, at once', () => {
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries');
    live.start();
    current().emit('open');
    current().emit('error');
    expect(invalidate).not.toHaveBeenCalled();
    vi.advanceTimersByTime(30_000);
    expect(invalidate).toHaveBeenCalledTimes(1);
    current().emit('open');
    expect(invalidate).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(60_000);
    expect(invalidate).toHaveBeenCalledTimes(2);
  });
});

describe('events', () => {
  test('refresh the queries they make stale, once for a burst', () => {
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries');
    live.start();
    current().emit('open');
    current().emit('run.finished', { run: run({ status: 'succeeded' }), store: 'demo' });
    current().emit('run.finished', { run: run({ status: 'succeeded' }), store: 'demo' });
    expect(invalidate).not.toHaveBeenCalled();
    vi.advanceTimersByTime(500);
    expect(invalidate).toHaveBeenCalledTimes(7);
    const keys = invalidate.mock.calls.map(([filters]) => JSON.stringify(filters?.queryKey));
    expect(keys).toEqual(
      expect.arrayContaining([
        '["run",7]',
        '["runs"]',
        '["store-feeds","demo"]',
        '["golive","demo"]',
        '["dashboard"]',
        '["stores"]',
      ]),
    );
    invalidate.mockClear();
    current().emit('outbox.pass', {
      storeId: 1,
      store: 'demo',
      sent: 2,
      failed: 0,
      retrying: 0,
      blocked: null,
    });
    vi.advanceTimersByTime(500);
    expect(invalidate.mock.calls.map(([filters]) => JSON.stringify(filters?.queryKey))).toEqual([
      '["dashboard"]',
    ]);
    invalidate.mockClear();
    current().emit('store.changed', { storeId: 1, store: 'demo', change: 'updated' });
    vi.advanceTimersByTime(500);
    expect(invalidate.mock.calls.map(([filters]) => JSON.stringify(filters?.queryKey))).toContain(
      '["store","demo"]',
    );
  });

  test('keep the latest progress of each run for its progress bar, until the run ends', () => {
    live.start();
    current().emit('open');
    render(
      <LiveEventsContext.Provider value={live}>
        <RunProgress run={run()} />
      </LiveEventsContext.Provider>,
    );
    const bar = screen.getByRole('progressbar', { name: 'Progress of import-orders' });
    expect(bar.getAttribute('aria-valuenow')).toBe('0');

    act(() =>
      current().emit('run.started', {
        run: run({ progress: { done: 5, total: 200, step: 'orders' } }),
        store: 'demo',
      }),
    );
    expect(bar.getAttribute('aria-valuenow')).toBe('5');

    act(() =>
      current().emit('run.progress', {
        runId: 7,
        storeId: 1,
        store: 'demo',
        feed: 'import-orders',
        step: 'orders',
        done: 120,
        total: 200,
      }),
    );
    expect(bar.getAttribute('aria-valuenow')).toBe('120');
    expect(bar.getAttribute('aria-valuemax')).toBe('200');
    expect(bar.getAttribute('aria-valuetext')).toBe('120 of 200 done (60%), orders');
    expect(live.getProgress(7)?.done).toBe(120);

    act(() => current().emit('run.finished', { run: run({ status: 'succeeded' }), store: 'demo' }));
    expect(live.getProgress(7)).toBeUndefined();
  });

  test('a message that is not JSON is ignored', () => {
    live.start();
    const source = current();
    source.emit('open');
    const event = new MessageEvent<string>('run.progress', { data: 'not json' });
    expect(() => source.listeners.get('run.progress')?.forEach((listener) => listener(event))).not.toThrow();
  });
});
