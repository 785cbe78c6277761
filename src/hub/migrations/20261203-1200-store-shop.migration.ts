import type { Kysely, Migration } from 'kysely';

import type { EngineKind } from '../engine/engine.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations work on the untyped schema of their time */

/**
 * The shop of a multistore a store is connected to, beside `stores.shop_id`: its name, its shop
 * group, and whether that group shares its stock — then the store's stock rows are the group's, one
 * row for all its shops. All nullable: unknown for stores added before, or whose key cannot read
 * `shops` and `shop_groups`.
 */
export function storeShopMigration(_kind: EngineKind): Migration {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('stores').addColumn('shop_name', 'text').execute();
      await db.schema.alterTable('stores').addColumn('shop_group_id', 'integer').execute();
      await db.schema.alterTable('stores').addColumn('shop_stock_shared', 'integer').execute();
    },
  };
}
