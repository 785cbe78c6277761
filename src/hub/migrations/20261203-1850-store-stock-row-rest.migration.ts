import type { Kysely, Migration } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations work on the untyped schema of their time */

/**
 * The rest of a remembered store stock row — `out_of_stock`, `id_shop`, `id_shop_group`, `location`
 * as the store showed them when the row was read (`read_at`) — so that a push to a store without
 * PATCH can PUT a row it read a short while ago without reading it again. All nullable: null when
 * the read did not show them (rows remembered before, a JSON record that left a field out); such a
 * row is read before it is written, as before.
 */
export function storeStockRowRestMigration(): Migration {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('store_stock_rows').addColumn('out_of_stock', 'integer').execute();
      await db.schema.alterTable('store_stock_rows').addColumn('shop_id', 'integer').execute();
      await db.schema.alterTable('store_stock_rows').addColumn('shop_group_id', 'integer').execute();
      await db.schema.alterTable('store_stock_rows').addColumn('location', 'text').execute();
    },
  };
}
