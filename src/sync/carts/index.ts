// Carts: the store's carts watched for abandoned ones (`cart.abandoned`), and the orders placed from carts.
import type { Feed } from '../feed.js';
import { watchCartsFeed } from './watch-carts.feed.js';

export { ordersOfCarts } from './cart-orders.js';
export { DEFAULT_CART_PAGE, WATCH_CARTS, watchCartsFeed } from './watch-carts.feed.js';

/** The cart feeds: they read the store and write events only, so they run after the order feeds. */
export const cartFeeds: readonly Feed[] = [watchCartsFeed];
