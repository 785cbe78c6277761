// Stock feeds: the one-time import of the store's quantities, the push of the hub's, the daily check.
import type { Feed } from '../feed.js';
import { exportStockFeed } from './export-stock.feed.js';
import { importStockFeed } from './import-stock.feed.js';
import { stockCheckFeed } from './stock-check.feed.js';

/** The stock feeds, in go-live order: import-stock before export-stock (and the daily stock-check). */
export const stockFeeds: readonly Feed[] = [importStockFeed, exportStockFeed, stockCheckFeed];

export { exportStockFeed } from './export-stock.feed.js';
export { importStockFeed } from './import-stock.feed.js';
export {
  ambiguousSkuMessage,
  findVariant,
  findVariantBySku,
  type SkuLookup,
  VARIANT_ID_PREFIX,
  variantIdOf,
} from './sku-variants.js';
export { adjustStock, countStock, type StockChangeResult } from './stock-changes.js';
export { compareStockRows, stockCheckFeed, type StockDifference } from './stock-check.feed.js';
export {
  createStockOutboxHandler,
  STOCK_OUTBOX_KIND,
  type StockEntry,
  stockOutboxHandler,
  type StockPushObserver,
} from './stock-outbox.handler.js';
export { pushStockEntries, type StockPushSummary } from './stock-push.js';
export { importStockNotReady, stockExportNotReady, stockImportLocation } from './stock-readiness.js';
export {
  planStockRows,
  planStoreStockPage,
  type StockRowPlan,
  type VariantStockRow,
} from './stock-row-plan.js';
export { findStockRow, readStockRowPages, STOCK_PAGE_SIZE, type StockRowPage } from './stock-row-reader.js';
export {
  mapStockRow,
  parseVariantExternalId,
  rowExternalId,
  STOCK_ROW_FIELDS,
  type StockRowOutcome,
} from './store-stock-row.js';
