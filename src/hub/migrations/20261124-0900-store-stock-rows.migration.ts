import type { Kysely, Migration } from 'kysely';

import { columnTypes, type EngineKind } from '../engine/engine.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations work on the untyped schema of their time */

/**
 * `store_stock_rows`: the store's `stock_availables` rows as the hub last saw them — read by
 * import-stock and stock-check, or written by a push. They give a push the row to write (one
 * (product, combination) pair is one row) and the quantity the store holds, so that a push of the
 * value the store already has is skipped, and rows driven by the store's warehouses
 * (`depends_on_stock`) are never pushed.
 */
export function storeStockRowsMigration(kind: EngineKind): Migration {
  const t = columnTypes(kind);
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('store_stock_rows')
        .addColumn('store_id', 'integer', (c) => c.notNull().references('stores.id').onDelete('cascade'))
        .addColumn('stock_available_id', 'integer', (c) => c.notNull())
        .addColumn('product_id', 'integer', (c) => c.notNull())
        .addColumn('combination_id', 'integer', (c) => c.notNull())
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addColumn('depends_on_stock', 'integer', (c) => c.notNull())
        .addColumn('read_at', t.instant)
        .addColumn('pushed_at', t.instant)
        .addPrimaryKeyConstraint('store_stock_rows_pk', ['store_id', 'stock_available_id'])
        .execute();
      await db.schema
        .createIndex('store_stock_rows_pair')
        .on('store_stock_rows')
        .columns(['store_id', 'product_id', 'combination_id'])
        .unique()
        .execute();
    },
  };
}
