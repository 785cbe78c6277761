import type { startEmulator } from '../../../../src/emulator/index.js';
import type { Hub, Store } from '../../../../src/hub/index.js';
import { FeedRunner, type RunOutcome } from '../../../../src/jobs/index.js';
import { type FeedOptions, findFeed, type StoreClientOverrides } from '../../../../src/sync/index.js';

export type Emulator = Awaited<ReturnType<typeof startEmulator>>;

/** Runs one feed by name for a store (read again, so setting changes apply), as `sync run` does. */
export async function runFeed(
  hub: Hub,
  feed: string,
  store: Store,
  options: { options?: FeedOptions; clientOverrides?: StoreClientOverrides; signal?: AbortSignal } = {},
): Promise<RunOutcome> {
  const runner = new FeedRunner({
    hub,
    ...(options.clientOverrides ? { clientOverrides: options.clientOverrides } : {}),
  });
  return runner.run({
    feed: findFeed(feed),
    store: await hub.stores.get(store.id),
    trigger: 'manual',
    ...(options.options ? { options: options.options } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
}

/** Webservice GETs of a resource since the counts were last reset. */
export function gets(emulator: Emulator, resource: string): number {
  return emulator.requestCounts()[resource]?.GET ?? 0;
}
