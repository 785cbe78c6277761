import { z } from 'zod';

import type { StockOutboxPayload, Store, StoreStockRow } from '../../hub/index.js';
import {
  NotFoundError,
  PrestaShopError,
  type PsPermission,
  type WriteOptions,
} from '../../webservice/index.js';
import { UndeliverableError } from '../outbox/outbox-failure.js';
import type { DecodedOutboxEntry, OutboxHandler, OutboxSendContext } from '../outbox/outbox-handler.js';
import { findStockRow } from './stock-row-reader.js';
import { parseVariantExternalId } from './store-stock-row.js';

/** The outbox kind of stock quantities. */
export const STOCK_OUTBOX_KIND = 'stock';

/** What pushing a quantity takes: the variant's row is read, then written (read-merge PUT). */
export const STOCK_PUSH_NEEDS: readonly PsPermission[] = [
  { resource: 'stock_availables', verb: 'GET' },
  { resource: 'stock_availables', verb: 'PUT' },
];

/** PrestaShop's code for "this stock row depends on the warehouses' stock" on a write. */
const DEPENDS_ON_STOCK_CODE = 133;

const payloadSchema = z.object({
  variantId: z.int().min(1),
  externalId: z.string().regex(/^\d+:\d+$/),
  quantity: z.int().min(0),
});

export type StockEntry = DecodedOutboxEntry<StockOutboxPayload>;

/**
 * What became of each entry, for a feed that reports it (`export-stock`, `stock-check`); the
 * generic drainer does without.
 */
export interface StockPushObserver {
  /** The store row was written: it held `from`, it holds `to`. */
  pushed?(entry: StockEntry, from: number, to: number): void;
  /** The store already holds the value (as last read or written): nothing was sent. */
  unchanged?(entry: StockEntry): void;
  /** The store's warehouses drive this row (`depends_on_stock`): a push would be ignored, none was sent. */
  dependsOnStock?(entry: StockEntry, productId: number): void;
}

function writeOptions(store: Pick<Store, 'shopId'>): WriteOptions {
  return store.shopId === null ? {} : { idShop: store.shopId };
}

function isDependsOnStockRefusal(error: unknown): boolean {
  return error instanceof PrestaShopError && error.errors.some((e) => e.code === DEPENDS_ON_STOCK_CODE);
}

/** The store row an entry writes: remembered from the last read, else looked up (and remembered). */
async function rowFor(entry: StockEntry, context: OutboxSendContext): Promise<StoreStockRow> {
  const { client, hub, store } = context;
  const pair = parseVariantExternalId(entry.payload.externalId);
  if (pair === undefined) throw new UndeliverableError(`'${entry.payload.externalId}' is not a variant id`);
  const known = await hub.stock.storeRows(store.id, [pair]);
  const remembered = known.get(entry.payload.externalId);
  if (remembered !== undefined) return remembered;
  const found = await findStockRow(client, store, pair.productId, pair.combinationId);
  if (found === undefined) {
    throw new UndeliverableError(
      `The store has no stock row for product ${pair.productId}` +
        (pair.combinationId === 0 ? '' : `, combination ${pair.combinationId}`) +
        ' (deleted in the store?); its quantity cannot be written.',
    );
  }
  await hub.stock.rememberStoreRows(store.id, [found]);
  return found;
}

/**
 * Delivers `stock` entries: writes the entry's sellable quantity to the variant's own
 * `stock_availables` row — the combination's row, or attribute 0 for a product without
 * combinations; never the product-level sum of one with combinations, which the store recomputes —
 * in the store's shop. A value the store already holds (as last read or written) is not sent; a row
 * driven by the store's warehouses (`depends_on_stock`) is reported and not sent. The write is the
 * client's read-merge-PUT (two requests): the other fields of the row stay as the store has them.
 *
 * @example
 * const handlers = outboxHandlerSet([createStockOutboxHandler({ pushed: (entry, from, to) => log(from, to) })]);
 */
export function createStockOutboxHandler(
  observer: StockPushObserver = {},
): OutboxHandler<StockOutboxPayload> {
  return {
    kind: STOCK_OUTBOX_KIND,
    purpose: 'push stock',
    needs: STOCK_PUSH_NEEDS,
    decode: (payload) => payloadSchema.parse(payload),
    async send(entry, context) {
      const { client, hub, store } = context;
      const row = await rowFor(entry, context);
      const quantity = entry.payload.quantity;
      if (row.dependsOnStock) {
        observer.dependsOnStock?.(entry, row.productId);
        return 'done';
      }
      if (row.quantity === quantity) {
        observer.unchanged?.(entry);
        return 'done';
      }
      try {
        await client.update(
          'stock_availables',
          row.stockAvailableId,
          { quantity: String(quantity) },
          writeOptions(store),
        );
      } catch (error) {
        if (isDependsOnStockRefusal(error)) {
          await hub.stock.rememberStoreRows(store.id, [{ ...row, dependsOnStock: true }]);
          observer.dependsOnStock?.(entry, row.productId);
          return 'done';
        }
        if (error instanceof NotFoundError) {
          // The next change of this variant looks its row up again.
          await hub.stock.forgetStoreRow(store.id, row.stockAvailableId);
          throw new UndeliverableError(
            `The store's stock row ${row.stockAvailableId} (product ${row.productId}) no longer exists: ${error.message}`,
          );
        }
        throw error;
      }
      await hub.stock.recordPushed(store.id, row.stockAvailableId, quantity);
      observer.pushed?.(entry, row.quantity, quantity);
      return 'done';
    },
  };
}

/** The `stock` handler of the generic drainer (`drain-outbox`, the serve loop). */
export const stockOutboxHandler: OutboxHandler<StockOutboxPayload> = createStockOutboxHandler();
