import { type Kysely, type Migration, sql } from 'kysely';

import type { EngineKind } from '../engine/engine.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations work on the untyped schema of their time */

/**
 * One catalog for several stores:
 * - `variants.sku_derived`: 1 when the hub made the SKU up (the store gave the variant no reference,
 *   or one its siblings or another product share), so that a SKU names one variant;
 * - `products.hub_owned`: 1 for products created in the hub (`products add`, `POST /products`) —
 *   removing a store never archives them;
 * - indexes for matching a new store product with the hub's by reference or EAN-13.
 *
 * Variants imported before, without a SKU or sharing one, get a derived one here:
 * `<SKU>-<variant id>` for a shared SKU, `V<variant id>` for none (stable: ids never change).
 */
export function catalogMatchingMigration(_kind: EngineKind): Migration {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .alterTable('variants')
        .addColumn('sku_derived', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .alterTable('products')
        .addColumn('hub_owned', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('products_reference').on('products').column('reference').execute();
      await db.schema.createIndex('products_ean13').on('products').column('ean13').execute();
      await sql`
        update variants set sku = sku || '-' || cast(id as text), sku_derived = 1
        where sku in (select sku from variants where sku is not null group by sku having count(*) > 1)
      `.execute(db);
      await sql`
        update variants set sku = 'V' || cast(id as text), sku_derived = 1 where sku is null
      `.execute(db);
    },
  };
}
