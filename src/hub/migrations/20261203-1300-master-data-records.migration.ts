import type { ColumnDefinitionBuilder, Kysely, Migration } from 'kysely';

import { columnTypes, type EngineKind } from '../engine/engine.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations work on the untyped schema of their time */

const CODED_TABLES = [
  'units_of_measure',
  'tax_rates',
  'locations',
  'families',
  'shipping_methods',
  'payment_methods',
] as const;

/**
 * Master data a user keeps: `accounts` (bank and ledger accounts, the journal settings name them by
 * number), `archived_at` on every master-data table (archived records stay for the records that use
 * them, but settings may no longer name them and lists hide them), and `orders.sales_location_id`,
 * the sales location an order was taken at (the store's `defaults.salesLocation` when imported).
 */
export function masterDataRecordsMigration(kind: EngineKind): Migration {
  const t = columnTypes(kind);
  const sqlite = kind === 'sqlite';
  const id = (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    sqlite ? col.primaryKey().autoIncrement() : col.primaryKey().generatedByDefaultAsIdentity();
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('accounts')
        .addColumn('id', 'integer', id)
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('archived_at', t.instant)
        .addColumn('created_at', t.instant, (c) => c.notNull())
        .addColumn('updated_at', t.instant, (c) => c.notNull())
        .execute();
      for (const table of CODED_TABLES)
        await db.schema.alterTable(table).addColumn('archived_at', t.instant).execute();
      await db.schema
        .alterTable('orders')
        .addColumn('sales_location_id', 'integer', (c) => c.references('locations.id').onDelete('set null'))
        .execute();
    },
  };
}
