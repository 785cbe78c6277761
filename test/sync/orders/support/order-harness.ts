import type { startEmulator } from '../../../../src/emulator/index.js';
import type { Hub, Store } from '../../../../src/hub/index.js';
import { FeedRunner, type RunOutcome } from '../../../../src/jobs/index.js';
import type { Feed, FeedOptions } from '../../../../src/sync/index.js';

export type Emulator = Awaited<ReturnType<typeof startEmulator>>;

/** Runs a feed to its end through the runner (lock, run record, report), without client retries. */
export async function runFeed(
  hub: Hub,
  feed: Feed,
  store: Store,
  options: { feedOptions?: FeedOptions; clock?: () => Date; signal?: AbortSignal } = {},
): Promise<RunOutcome> {
  const runner = new FeedRunner({
    hub,
    ...(options.clock ? { clock: options.clock } : {}),
    clientOverrides: { retry: { maxRetries: 0 } },
  });
  const current = await hub.stores.get(store.id);
  return runner.run({
    feed,
    store: current,
    trigger: 'manual',
    ...(options.feedOptions ? { options: options.feedOptions } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
}
