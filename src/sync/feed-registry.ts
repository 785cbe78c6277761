import { accountingFeeds } from './accounting/index.js';
import { cartFeeds } from './carts/index.js';
import { catalogFeeds } from './catalog/index.js';
import type { Feed } from './feed.js';
import { UnknownFeedError } from './feed-errors.js';
import { orderFeeds } from './orders/index.js';
import { drainOutboxFeed } from './outbox/index.js';
import { stockFeeds } from './stock/index.js';

/**
 * Every feed, in the safe order for a store (catalog, customers, orders, carts, accounting, stock). The scheduler runs
 * due feeds of one store in this order; the go-live sequence follows it too.
 */
export const allFeeds: readonly Feed[] = [
  ...catalogFeeds,
  ...orderFeeds,
  ...cartFeeds,
  ...accountingFeeds,
  ...stockFeeds,
  drainOutboxFeed,
];

export function findFeed(name: string): Feed {
  const feed = allFeeds.find((candidate) => candidate.name === name);
  if (!feed)
    throw new UnknownFeedError(
      name,
      allFeeds.map((candidate) => candidate.name),
    );
  return feed;
}
