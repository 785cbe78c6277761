import type { Kysely, Migration } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations work on the untyped schema of their time */

/**
 * Indexes for the console's order list (`GET /orders`), which pages newest first by id under any
 * mix of filters and must answer a page in well under 200 ms with a million orders
 * (bench/console-api.bench.ts): one index per filter that can narrow the list, each ending with the
 * id so that the engine walks it in page order instead of sorting every match. Hub status and
 * customer had theirs from the start (`orders_store_status`, `orders_status`, `orders_customer`).
 */
export function orderListIndexesMigration(): Migration {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.createIndex('orders_store_id').on('orders').columns(['store_id', 'id']).execute();
      await db.schema
        .createIndex('orders_store_state')
        .on('orders')
        .columns(['store_state_id', 'id'])
        .execute();
      await db.schema.createIndex('orders_placed').on('orders').columns(['placed_at', 'id']).execute();
      await db.schema
        .createIndex('orders_store_updated')
        .on('orders')
        .columns(['store_updated_at', 'id'])
        .execute();
      await db.schema.createIndex('orders_reference').on('orders').columns(['reference', 'id']).execute();
    },
  };
}
