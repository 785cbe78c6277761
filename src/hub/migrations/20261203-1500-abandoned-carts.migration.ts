import type { Kysely, Migration } from 'kysely';

import { columnTypes, type EngineKind } from '../engine/engine.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations work on the untyped schema of their time */

/**
 * Abandoned carts: `abandoned_carts`, one row per store cart the `watch-carts` feed reported as
 * abandoned (a `cart.abandoned` event), with the store's `date_upd` it had then — so that the next
 * sweep does not report it again, and a cart changed since (a new `date_upd`) may be reported once more.
 */
export function abandonedCartsMigration(kind: EngineKind): Migration {
  const t = columnTypes(kind);
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('abandoned_carts')
        .addColumn('store_id', 'integer', (c) => c.notNull().references('stores.id').onDelete('cascade'))
        .addColumn('cart_id', 'integer', (c) => c.notNull())
        .addColumn('customer_id', 'integer', (c) => c.notNull())
        // The store's own text (`2026-12-03 14:05:00`, store-local): compared exactly with what it sends.
        .addColumn('store_date_upd', 'text', (c) => c.notNull())
        .addColumn('event_id', 'integer', (c) => c.notNull())
        .addColumn('reported_at', t.instant, (c) => c.notNull())
        .addPrimaryKeyConstraint('abandoned_carts_pk', ['store_id', 'cart_id'])
        .execute();
    },
  };
}
