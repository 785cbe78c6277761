import type { Hub, Store, WatermarkValue } from '../hub/index.js';
import { FeedBusyError, FeedError } from './feed-errors.js';

/** Feeds whose watermark counts store ids (`lastId`): `sync reset FEED --to-id N` sets it. */
export const ID_COUNTER_FEEDS: Readonly<Record<string, string>> = {
  'import-orders': 'order',
  'import-customers': 'customer',
  'import-products': 'product',
};

export interface FeedResetResult {
  readonly feed: string;
  readonly store: string;
  /** The watermark before and after (undefined: none, the next run starts from the beginning). */
  readonly before: WatermarkValue | undefined;
  readonly after: WatermarkValue | undefined;
}

/**
 * Sets a feed's watermark back: forgotten (the next run starts from the beginning), or — for the
 * id-counting imports — its last imported id set to `toId` (the next run imports from `toId + 1`;
 * what it imports again is recognised through bindings, never duplicated). The rest of the watermark
 * (`since`, pending packs) is kept. Refused while the feed runs for the store, whose next page would
 * write its own position over it.
 *
 * @example
 * await resetFeedWatermark(hub, store, 'import-orders', { toId: 119 });
 */
export async function resetFeedWatermark(
  hub: Hub,
  store: Store,
  feed: string,
  options: { readonly toId?: number } = {},
): Promise<FeedResetResult> {
  const { toId } = options;
  if (toId !== undefined) {
    if (ID_COUNTER_FEEDS[feed] === undefined) {
      throw new FeedError(
        `--to-id sets the id counter of ${Object.keys(ID_COUNTER_FEEDS).join(', ')}; ${feed} has none ` +
          '(reset it without --to-id to start it from the beginning).',
      );
    }
    if (!Number.isSafeInteger(toId) || toId < 0)
      throw new FeedError(`--to-id takes the last store id to count as imported (0 or more), got ${toId}.`);
  }
  const holder = await hub.locks.holder(`feed:${store.id}:${feed}`);
  if (holder !== undefined) throw new FeedBusyError(feed, store.name, holder.owner, holder.acquiredAt);
  return hub.transaction(async (tx) => {
    const before = (await tx.watermarks.get(store.id, feed))?.value;
    if (toId === undefined) {
      await tx.watermarks.reset(store.id, feed);
      return { feed, store: store.name, before, after: undefined };
    }
    const after: WatermarkValue = { ...before, lastId: toId };
    await tx.watermarks.set(store.id, feed, after);
    return { feed, store: store.name, before, after };
  });
}
