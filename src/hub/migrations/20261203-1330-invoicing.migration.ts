import type { Kysely, Migration } from 'kysely';

import { columnTypes, type EngineKind } from '../engine/engine.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations work on the untyped schema of their time */

/**
 * Invoices of imported orders and their journal entries (docs/accounting.md):
 *
 * - `invoices`: the store they belong to, their kind (`invoice` or `credit_note`, a credit note
 *   pointing at the invoice it cancels), a unique `source_key` (`order:<id>:invoice`) that makes
 *   invoicing idempotent, the store's own totals beside the invoice's and their difference (flagged,
 *   never patched over), and the payment method and label of the payment.
 * - `invoice_lines`: the order line's kind (`product`, `shipping`, `discount`) and its product's family
 *   code when issued (the sales account follows the family).
 * - `journal_entries`: the store, the journal (`VE` sales, `BQ` bank), the entry's number in its
 *   journal (FEC `EcritureNum`) and a unique `source_key` (`invoice:<id>:sale`).
 * - `journal_lines`: the line's label, the account's label, and the auxiliary (customer) account.
 */
export function invoicingMigration(kind: EngineKind): Migration {
  const t = columnTypes(kind);
  return {
    async up(db: Kysely<any>): Promise<void> {
      const invoices = () => db.schema.alterTable('invoices');
      await invoices()
        .addColumn('store_id', 'integer', (c) => c.references('stores.id').onDelete('set null'))
        .execute();
      await invoices()
        .addColumn('kind', 'text', (c) => c.notNull().defaultTo('invoice'))
        .execute();
      await invoices().addColumn('source_key', 'text').execute();
      await invoices()
        .addColumn('credited_invoice_id', 'integer', (c) => c.references('invoices.id').onDelete('set null'))
        .execute();
      await invoices().addColumn('store_total_tax_excl', t.decimal).execute();
      await invoices().addColumn('store_total_tax_incl', t.decimal).execute();
      await invoices().addColumn('totals_difference', t.decimal).execute();
      await invoices().addColumn('payment_method', 'text').execute();
      await invoices().addColumn('payment_label', 'text').execute();
      await db.schema
        .createIndex('invoices_source_key')
        .on('invoices')
        .column('source_key')
        .unique()
        .execute();
      await db.schema
        .createIndex('invoices_store_issued')
        .on('invoices')
        .columns(['store_id', 'issued_at'])
        .execute();

      await db.schema
        .alterTable('invoice_lines')
        .addColumn('kind', 'text', (c) => c.notNull().defaultTo('product'))
        .execute();
      await db.schema.alterTable('invoice_lines').addColumn('family_code', 'text').execute();

      const entries = () => db.schema.alterTable('journal_entries');
      await entries()
        .addColumn('store_id', 'integer', (c) => c.references('stores.id').onDelete('set null'))
        .execute();
      await entries()
        .addColumn('journal_code', 'text', (c) => c.notNull().defaultTo('OD'))
        .execute();
      await entries().addColumn('entry_number', 'text').execute();
      await entries().addColumn('source_key', 'text').execute();
      await db.schema
        .createIndex('journal_entries_source_key')
        .on('journal_entries')
        .column('source_key')
        .unique()
        .execute();
      await db.schema
        .createIndex('journal_entries_date')
        .on('journal_entries')
        .columns(['entry_date', 'id'])
        .execute();

      const lines = () => db.schema.alterTable('journal_lines');
      await lines().addColumn('label', 'text').execute();
      await lines().addColumn('account_label', 'text').execute();
      await lines().addColumn('aux_account', 'text').execute();
      await lines().addColumn('aux_label', 'text').execute();
    },
  };
}
