// Catalog feeds (products, combinations, categories, images, suppliers, export).
import type { Feed } from '../feed.js';

/** The catalog feeds, in the order they should run when several are due. */
export const catalogFeeds: readonly Feed[] = [];
