import { z } from 'zod';

import type { StockOutboxPayload, Store, StoreStockRow } from '../../hub/index.js';
import {
  NotFoundError,
  type PrestaShopClient,
  PrestaShopError,
  type PsPermission,
  ServerError,
  storeVersionTraits,
  ValidationError,
  type WriteOptions,
} from '../../webservice/index.js';
import { UndeliverableError } from '../outbox/outbox-failure.js';
import type {
  DecodedOutboxEntry,
  OutboxBatchResult,
  OutboxHandler,
  OutboxSendContext,
} from '../outbox/outbox-handler.js';
import { findStockRows, readStockRowsById } from './stock-row-reader.js';
import { parseVariantExternalId, rowExternalId } from './store-stock-row.js';

/** The outbox kind of stock quantities. */
export const STOCK_OUTBOX_KIND = 'stock';

/**
 * What pushing a quantity takes: PUT of whole rows, and reads of the rows (before a PUT of a row not
 * read lately, of rows the hub never saw, of rows a refused batch left in doubt). PATCH, when the key
 * holds it on 8.0+, saves every read before a write.
 */
export const STOCK_PUSH_NEEDS: readonly PsPermission[] = [
  { resource: 'stock_availables', verb: 'GET' },
  { resource: 'stock_availables', verb: 'PUT' },
];

/**
 * Rows written per request. The store saves each row of a body as it would alone (a few
 * milliseconds of PHP each), so a body of this many stays far inside a request's time limit; 10,000
 * changes go out in 50 writes.
 */
export const STOCK_ROWS_PER_PUT = 200;

/**
 * How long after the hub read a store row it PUTs that row back whole from what it read, without
 * reading it again first — one request for a change alone instead of two (read, PUT) on a store
 * without PATCH. A PUT replaces the whole row, so what it sends besides the quantity is written over
 * whatever the store holds now:
 * - `out_of_stock` (back orders) and `location` are the merchant's, changed in the back office's
 *   product page (or a product CSV import); `depends_on_stock` (1.6's advanced stock management)
 *   too; `id_product`, `id_product_attribute`, `id_shop`, `id_shop_group` never change for a row id.
 * - A PUT from memory therefore sends what the store showed at most this long ago: a back-office
 *   change made in that window, to a row the hub pushes before the window ends, would be undone.
 *   Past it, the row is read first, and a change made before that read is sent back as it is. The
 *   window is short against how rarely those settings change, and a change alone is 1 request in it
 *   (the read of a row's first push opens the window for the pushes that follow within it).
 * - The quantity itself is the hub's to write in any case (stock is the hub's), so a stale
 *   remembered quantity only decides whether a write is skipped as unchanged: a row is skipped only
 *   when the hub's last read or write of it holds the value (see `recordPushed`).
 * - The window runs from the read only: a PUT does not extend it (the store then holds what the hub
 *   sent, but a back-office change after it would be undone by the next PUT from memory).
 * - A row in doubt is always read: an entry claimed before (its earlier attempt may have reached the
 *   store — a process killed, an answer lost), and a batch the store refused part of.
 */
export const STOCK_ROW_TRUSTED_FOR_MS = 15 * 60_000;

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

/**
 * An answer after which some rows of a batch may be saved and others not: the store refused one row
 * (a bad value, an unknown id, a row its warehouses drive) or failed saving it. Anything else — no
 * answer, a wrong key, too many requests — is the same for every row of the batch.
 */
function leavesBatchInDoubt(error: unknown): boolean {
  return (
    error instanceof ValidationError ||
    error instanceof NotFoundError ||
    (error instanceof ServerError && error.status === 500)
  );
}

function describeRow(row: StoreStockRow): string {
  return (
    `stock row ${row.stockAvailableId} (product ${row.productId}` +
    (row.combinationId === 0 ? ')' : `, combination ${row.combinationId})`)
  );
}

/** A write of one entry: its row, and the quantity to put there. */
interface RowWrite {
  readonly index: number;
  readonly entry: StockEntry;
  readonly row: StoreStockRow;
  readonly quantity: number;
}

/**
 * Whether quantities go out as PATCH (8.0+, when the key holds it): only the id and the quantity
 * are sent, and the store saves each row as it holds it now with the new quantity — nothing the
 * hub read earlier is written back. Otherwise rows are PUT whole, as read lately
 * ({@link STOCK_ROW_TRUSTED_FOR_MS}) or just before.
 */
async function patchesStock(client: PrestaShopClient): Promise<boolean> {
  if (!storeVersionTraits(client.storeVersion).patch) return false;
  const missing = await client.missingPermissions([{ resource: 'stock_availables', verb: 'PATCH' }]);
  return missing.length === 0;
}

/**
 * Whether a remembered row may be PUT whole without reading it first: the hub has the rest of it,
 * from a read at most {@link STOCK_ROW_TRUSTED_FOR_MS} ago (a read stamped later than `now`, by a
 * process whose clock runs ahead, is not trusted either).
 */
function readLately(row: StoreStockRow, now: Date): boolean {
  if (row.rest === undefined || row.readAt === undefined) return false;
  const age = now.getTime() - Date.parse(row.readAt);
  return age >= 0 && age <= STOCK_ROW_TRUSTED_FOR_MS;
}

/**
 * The body of a row: the id and quantity for a PATCH; for a PUT, every writable field as the store
 * showed it (just before, or lately), the quantity changed (a PUT empties what it leaves out).
 */
function rowBody(write: RowWrite, patch: boolean): { id: number; fields: Record<string, string | number> } {
  const { row, quantity } = write;
  if (patch || row.rest === undefined) return { id: row.stockAvailableId, fields: { quantity } };
  return {
    id: row.stockAvailableId,
    fields: {
      id_product: row.productId,
      id_product_attribute: row.combinationId,
      id_shop: row.rest.shopId,
      id_shop_group: row.rest.shopGroupId,
      quantity,
      depends_on_stock: row.dependsOnStock ? 1 : 0,
      out_of_stock: row.rest.outOfStock,
      location: row.rest.location,
    },
  };
}

/**
 * Delivers `stock` entries: writes each entry's sellable quantity to the variant's own
 * `stock_availables` row — the combination's row, or attribute 0 for a product without
 * combinations; never the product-level sum of one with combinations, which the store recomputes —
 * in the store's shop. A value the store already holds (as last read or written) is not sent; a row
 * driven by the store's warehouses (`depends_on_stock`) is reported and not sent.
 *
 * Several rows go in one request, up to {@link STOCK_ROWS_PER_PUT}. On 8.0+ with a key that holds
 * PATCH, a row is written as its id and quantity, without reading it (one request for a change
 * alone); otherwise rows are PUT whole, quantity changed, as the hub read them — rows it read within
 * {@link STOCK_ROW_TRUSTED_FOR_MS} as it remembers them (one request for a change alone), the others
 * read first (one request for the batch's). The store saves a batch's rows in order and stops at the first it refuses,
 * without saying which: the batch's rows are then read again — those that hold their new quantity
 * are done, the first that does not is written alone (and fails alone, named), and the rest are
 * sent again.
 *
 * @example
 * const handlers = outboxHandlerSet([createStockOutboxHandler({ pushed: (entry, from, to) => log(from, to) })]);
 */
export function createStockOutboxHandler(
  observer: StockPushObserver = {},
): OutboxHandler<StockOutboxPayload> {
  const sendBatch = async (
    entries: readonly StockEntry[],
    context: OutboxSendContext,
  ): Promise<OutboxBatchResult[]> => {
    const { client, hub, store } = context;
    const results: OutboxBatchResult[] = entries.map(() => ({
      thrown: new Error('not delivered (the push stopped before it)'),
    }));
    const undeliverable = (index: number, message: string): void => {
      results[index] = { thrown: new UndeliverableError(message) };
    };

    const patch = await patchesStock(client);
    const pairs = entries.map((entry) => parseVariantExternalId(entry.payload.externalId));
    const wanted = pairs.filter((pair) => pair !== undefined);
    const rows = await hub.stock.storeRows(store.id, wanted);
    /** Remembered rows the store no longer has (looked up again by product below). */
    const vanished = new Map<string, StoreStockRow>();
    // Rows of entries claimed before: an earlier attempt may have written them (and died, or lost the
    // answer, before the hub recorded it), so what the hub remembers of them is not trusted — read
    // again, a row that already holds its value is not written twice (PATCH or PUT).
    const inDoubt = new Set(
      entries.flatMap((entry, index) => {
        const pair = pairs[index];
        return entry.attempts > 1 && pair !== undefined ? [rowExternalId(pair)] : [];
      }),
    );
    const now = context.now();
    // A PUT replaces the row: a row not read lately is read again now, so that what the store
    // changed since (back orders allowed, its warehouses driving the row) is sent back as it is.
    const toRead = [...rows].filter(([key, row]) => inDoubt.has(key) || (!patch && !readLately(row, now)));
    if (toRead.length > 0) {
      const current = await readStockRowsById(
        client,
        store,
        toRead.map(([, row]) => row.stockAvailableId),
      );
      await hub.stock.rememberStoreRows(store.id, [...current.values()]);
      for (const [key, row] of toRead) {
        const fresh = current.get(row.stockAvailableId);
        if (fresh !== undefined && rowExternalId(fresh) === key) {
          rows.set(key, fresh);
          continue;
        }
        rows.delete(key);
        if (fresh === undefined) {
          await hub.stock.forgetStoreRow(store.id, row.stockAvailableId);
          vanished.set(key, row);
        }
      }
    }
    // Rows the hub never saw (or that moved): looked up by product, a few hundred per request.
    const unknown = wanted.filter((pair) => !rows.has(rowExternalId(pair)));
    if (unknown.length > 0) {
      const found = await findStockRows(client, store, unknown);
      await hub.stock.rememberStoreRows(store.id, [...found.values()]);
      for (const [key, row] of found) rows.set(key, row);
    }

    const writes: RowWrite[] = [];
    const rowsTaken = new Set<number>();
    const later: StockEntry[] = [];
    for (const [index, entry] of entries.entries()) {
      const pair = pairs[index];
      if (pair === undefined) {
        undeliverable(index, `'${entry.payload.externalId}' is not a variant id`);
        continue;
      }
      const row = rows.get(rowExternalId(pair));
      const gone = vanished.get(rowExternalId(pair));
      if (row === undefined && gone !== undefined) {
        undeliverable(index, `The store's ${describeRow(gone)} no longer exists (deleted in the store?).`);
        continue;
      }
      if (row === undefined) {
        undeliverable(
          index,
          `The store has no stock row for product ${pair.productId}` +
            (pair.combinationId === 0 ? '' : `, combination ${pair.combinationId}`) +
            ' (deleted in the store?); its quantity cannot be written.',
        );
        continue;
      }
      const quantity = entry.payload.quantity;
      if (row.dependsOnStock) {
        observer.dependsOnStock?.(entry, row.productId);
        results[index] = 'done';
      } else if (row.quantity === quantity) {
        observer.unchanged?.(entry);
        results[index] = 'done';
      } else if (rowsTaken.has(row.stockAvailableId)) {
        // Two entries for one row (two variants bound to one store variant): one body cannot carry
        // a record twice (400, code 89); the second goes in a request of its own.
        later.push(entry);
      } else {
        rowsTaken.add(row.stockAvailableId);
        writes.push({ index, entry, row, quantity });
      }
    }

    const pushed = (write: RowWrite, from: number): void => {
      results[write.index] = 'done';
      observer.pushed?.(write.entry, from, write.quantity);
    };

    /** One row alone: what the store says is about this row. */
    const writeAlone = async (write: RowWrite): Promise<void> => {
      try {
        await client.putRecords('stock_availables', [rowBody(write, patch)], {
          ...writeOptions(store),
          method: patch ? 'PATCH' : 'PUT',
        });
      } catch (error) {
        if (isDependsOnStockRefusal(error)) {
          // Remembered without its rest: the next write of this row (if it ever changes back) reads it.
          const { rest: _rest, ...known } = write.row;
          await hub.stock.rememberStoreRows(store.id, [{ ...known, dependsOnStock: true }]);
          observer.dependsOnStock?.(write.entry, write.row.productId);
          results[write.index] = 'done';
          return;
        }
        if (error instanceof NotFoundError) {
          // The next change of this variant looks its row up again.
          await hub.stock.forgetStoreRow(store.id, write.row.stockAvailableId);
          undeliverable(
            write.index,
            `The store's ${describeRow(write.row)} no longer exists: ${error.message}`,
          );
          return;
        }
        if (error instanceof ValidationError) {
          undeliverable(
            write.index,
            `The store refused quantity ${write.quantity} for its ${describeRow(write.row)}: ${error.message}`,
          );
          return;
        }
        results[write.index] = { thrown: error };
        return;
      }
      await hub.stock.recordPushed(store.id, write.row.stockAvailableId, write.quantity);
      pushed(write, write.row.quantity);
    };

    let pending = writes;
    while (pending.length > 1) {
      try {
        await client.putRecords(
          'stock_availables',
          pending.map((write) => rowBody(write, patch)),
          { ...writeOptions(store), method: patch ? 'PATCH' : 'PUT' },
        );
      } catch (error) {
        if (!leavesBatchInDoubt(error)) {
          for (const write of pending) results[write.index] = { thrown: error };
          pending = [];
          break;
        }
        pending = await afterRefusedBatch(pending);
        continue;
      }
      await hub.stock.recordPushedMany(
        store.id,
        pending.map((write) => ({ stockAvailableId: write.row.stockAvailableId, quantity: write.quantity })),
      );
      for (const write of pending) pushed(write, write.row.quantity);
      pending = [];
    }
    if (pending[0] !== undefined) await writeAlone(pending[0]);

    /**
     * The store saved the batch's rows up to one it refused, and not the rest: reads them again,
     * settles those that hold their quantity (saved) or are gone or driven by the warehouses now,
     * writes the first that is not saved alone, and returns the rest to be sent again.
     */
    async function afterRefusedBatch(batch: readonly RowWrite[]): Promise<RowWrite[]> {
      let now: Map<number, StoreStockRow>;
      try {
        now = await readStockRowsById(
          client,
          store,
          batch.map((write) => write.row.stockAvailableId),
        );
      } catch (error) {
        for (const write of batch) results[write.index] = { thrown: error };
        return [];
      }
      await hub.stock.rememberStoreRows(store.id, [...now.values()]);
      const rest: RowWrite[] = [];
      let suspect: RowWrite | undefined;
      for (const write of batch) {
        const row = now.get(write.row.stockAvailableId);
        if (row === undefined) {
          await hub.stock.forgetStoreRow(store.id, write.row.stockAvailableId);
          undeliverable(
            write.index,
            `The store's ${describeRow(write.row)} no longer exists (a PUT of it answered 404, code 92).`,
          );
        } else if (row.dependsOnStock) {
          observer.dependsOnStock?.(write.entry, row.productId);
          results[write.index] = 'done';
        } else if (row.quantity === write.quantity) {
          await hub.stock.recordPushed(store.id, row.stockAvailableId, write.quantity);
          pushed(write, write.row.quantity);
        } else if (suspect === undefined) suspect = { ...write, row };
        else rest.push({ ...write, row });
      }
      if (suspect === undefined) return rest;
      await writeAlone(suspect);
      const alone = results[suspect.index];
      if (typeof alone === 'object' && 'thrown' in alone && !(alone.thrown instanceof UndeliverableError)) {
        // Not this row's fault (no answer, the store failing): the rest would fare no better now.
        for (const write of rest) results[write.index] = alone;
        return [];
      }
      return rest;
    }

    if (later.length > 0) {
      const again = await sendBatch(later, context);
      for (const [position, entry] of later.entries())
        results[entries.indexOf(entry)] = again[position] ?? { thrown: new Error('not delivered') };
    }
    return results;
  };

  return {
    kind: STOCK_OUTBOX_KIND,
    purpose: 'push stock',
    needs: STOCK_PUSH_NEEDS,
    batchSize: STOCK_ROWS_PER_PUT,
    decode: (payload) => payloadSchema.parse(payload),
    sendBatch,
    async send(entry, context) {
      const [result] = await sendBatch([entry], context);
      if (result === undefined) throw new Error('the stock push returned no result');
      if (typeof result === 'object' && 'thrown' in result) throw result.thrown;
      return result;
    },
  };
}

/** The `stock` handler of the generic drainer (`drain-outbox`, the serve loop). */
export const stockOutboxHandler: OutboxHandler<StockOutboxPayload> = createStockOutboxHandler();
