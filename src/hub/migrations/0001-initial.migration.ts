import {
  type ColumnDefinitionBuilder,
  type CreateTableBuilder,
  type Kysely,
  type Migration,
  sql,
} from 'kysely';

import { columnTypes, type EngineKind } from '../engine/engine.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations work on the untyped schema of their time */
type AnyTable = CreateTableBuilder<any, any>;

/**
 * The first schema: stores and settings, master data, catalog, customers, orders and fulfilment,
 * accounting, stock, and sync state. docs/hub.md explains each table.
 */
export function initialMigration(kind: EngineKind): Migration {
  const t = columnTypes(kind);
  const sqlite = kind === 'sqlite';

  /** An auto-increment id; `bigint` on PostgreSQL for tables that grow without bound. */
  const withId = (table: AnyTable, big = false): AnyTable =>
    table.addColumn('id', sqlite ? 'integer' : big ? 'bigint' : 'integer', (col: ColumnDefinitionBuilder) =>
      sqlite ? col.primaryKey().autoIncrement() : col.primaryKey().generatedByDefaultAsIdentity(),
    );
  const timestamps = (table: AnyTable): AnyTable =>
    table
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('updated_at', t.instant, (c) => c.notNull());
  const coded = (db: Kysely<any>, name: string): AnyTable =>
    timestamps(
      withId(db.schema.createTable(name))
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull()),
    );

  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('hub_meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();

      await timestamps(
        withId(db.schema.createTable('stores'))
          .addColumn('name', 'text', (c) => c.notNull().unique())
          .addColumn('url', 'text', (c) => c.notNull())
          .addColumn('ws_key', 'text')
          .addColumn('auth_mode', 'text', (c) => c.notNull().defaultTo('header'))
          .addColumn('language_id', 'integer')
          .addColumn('shop_id', 'integer')
          .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('UTC'))
          .addColumn('ps_version', 'text')
          .addColumn('languages', t.json, (c) => c.notNull())
          .addColumn('settings', t.json, (c) => c.notNull())
          .addColumn('last_import_at', t.instant)
          .addColumn('last_export_at', t.instant)
          .addColumn('initial_stock_imported_at', t.instant),
      ).execute();

      // Master data
      await coded(db, 'units_of_measure').execute();
      await coded(db, 'tax_rates')
        .addColumn('rate', t.decimal, (c) => c.notNull())
        .addColumn('country', 'text')
        .execute();
      await coded(db, 'locations')
        .addColumn('kind', 'text', (c) => c.notNull())
        .execute();
      await coded(db, 'families')
        .addColumn('parent_id', 'integer', (c) => c.references('families.id').onDelete('set null'))
        .execute();
      await coded(db, 'shipping_methods').execute();
      await coded(db, 'payment_methods').execute();

      // Catalog
      await timestamps(
        withId(db.schema.createTable('products'))
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('names', t.json, (c) => c.notNull())
          .addColumn('descriptions', t.json, (c) => c.notNull())
          .addColumn('reference', 'text')
          .addColumn('ean13', 'text')
          .addColumn('upc', 'text')
          .addColumn('isbn', 'text')
          .addColumn('mpn', 'text')
          .addColumn('price', t.decimal, (c) => c.notNull())
          .addColumn('wholesale_price', t.decimal)
          .addColumn('tax_rate_id', 'integer', (c) => c.references('tax_rates.id').onDelete('set null'))
          .addColumn('family_id', 'integer', (c) => c.references('families.id').onDelete('set null'))
          .addColumn('unit_of_measure_id', 'integer', (c) =>
            c.references('units_of_measure.id').onDelete('set null'),
          )
          .addColumn('manufacturer', 'text')
          .addColumn('weight', t.decimal)
          .addColumn('active', 'integer', (c) => c.notNull())
          .addColumn('archived_at', t.instant)
          .addColumn('content_hash', 'text', (c) => c.notNull()),
      ).execute();
      await timestamps(
        withId(db.schema.createTable('variants'))
          .addColumn('product_id', 'integer', (c) =>
            c.notNull().references('products.id').onDelete('cascade'),
          )
          .addColumn('position', 'integer', (c) => c.notNull())
          .addColumn('sku', 'text')
          .addColumn('barcode', 'text')
          .addColumn('upc', 'text')
          .addColumn('isbn', 'text')
          .addColumn('mpn', 'text')
          .addColumn('attributes', t.json, (c) => c.notNull())
          .addColumn('price_impact', t.decimal, (c) => c.notNull())
          .addColumn('wholesale_price', t.decimal)
          .addColumn('weight_impact', t.decimal)
          .addColumn('active', 'integer', (c) => c.notNull()),
      ).execute();
      await db.schema
        .createIndex('variants_product')
        .on('variants')
        .columns(['product_id', 'position'])
        .execute();
      await db.schema.createIndex('variants_sku').on('variants').column('sku').execute();
      await db.schema.createIndex('variants_barcode').on('variants').column('barcode').execute();

      await timestamps(
        withId(db.schema.createTable('categories'))
          .addColumn('parent_id', 'integer', (c) => c.references('categories.id').onDelete('set null'))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('names', t.json, (c) => c.notNull())
          .addColumn('position', 'integer', (c) => c.notNull())
          .addColumn('active', 'integer', (c) => c.notNull()),
      ).execute();
      await db.schema
        .createTable('product_categories')
        .addColumn('product_id', 'integer', (c) => c.notNull().references('products.id').onDelete('cascade'))
        .addColumn('category_id', 'integer', (c) =>
          c.notNull().references('categories.id').onDelete('cascade'),
        )
        .addPrimaryKeyConstraint('product_categories_pk', ['product_id', 'category_id'])
        .execute();
      await db.schema
        .createIndex('product_categories_category')
        .on('product_categories')
        .column('category_id')
        .execute();

      await db.schema
        .createTable('image_blobs')
        .addColumn('hash', 'text', (c) => c.primaryKey())
        .addColumn('mime', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('bytes', t.bytes, (c) => c.notNull())
        .addColumn('created_at', t.instant, (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable('product_images'))
        .addColumn('product_id', 'integer', (c) => c.notNull().references('products.id').onDelete('cascade'))
        .addColumn('blob_hash', 'text', (c) => c.notNull().references('image_blobs.hash'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('is_cover', 'integer', (c) => c.notNull())
        .addColumn('created_at', t.instant, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('product_images_product')
        .on('product_images')
        .column('product_id')
        .execute();
      await db.schema.createIndex('product_images_blob').on('product_images').column('blob_hash').execute();
      await db.schema
        .createTable('variant_images')
        .addColumn('variant_id', 'integer', (c) => c.notNull().references('variants.id').onDelete('cascade'))
        .addColumn('image_id', 'integer', (c) =>
          c.notNull().references('product_images.id').onDelete('cascade'),
        )
        .addPrimaryKeyConstraint('variant_images_pk', ['variant_id', 'image_id'])
        .execute();

      await timestamps(
        withId(db.schema.createTable('suppliers')).addColumn('name', 'text', (c) => c.notNull()),
      ).execute();
      await withId(db.schema.createTable('product_suppliers'))
        .addColumn('variant_id', 'integer', (c) => c.notNull().references('variants.id').onDelete('cascade'))
        .addColumn('supplier_id', 'integer', (c) =>
          c.notNull().references('suppliers.id').onDelete('cascade'),
        )
        .addColumn('reference', 'text')
        .addColumn('price', t.decimal)
        .addColumn('currency', 'text')
        .addColumn('updated_at', t.instant, (c) => c.notNull())
        .addUniqueConstraint('product_suppliers_variant_supplier', ['variant_id', 'supplier_id'])
        .execute();
      await db.schema
        .createTable('kit_components')
        .addColumn('kit_variant_id', 'integer', (c) =>
          c.notNull().references('variants.id').onDelete('cascade'),
        )
        .addColumn('component_variant_id', 'integer', (c) => c.notNull().references('variants.id'))
        .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0`))
        .addPrimaryKeyConstraint('kit_components_pk', ['kit_variant_id', 'component_variant_id'])
        .execute();
      await db.schema
        .createIndex('kit_components_component')
        .on('kit_components')
        .column('component_variant_id')
        .execute();

      // Customers
      await timestamps(
        withId(db.schema.createTable('customers'))
          .addColumn('email', 'text', (c) => c.notNull())
          .addColumn('first_name', 'text', (c) => c.notNull())
          .addColumn('last_name', 'text', (c) => c.notNull())
          .addColumn('company', 'text')
          .addColumn('gender', 'text', (c) => c.notNull())
          .addColumn('birthday', 'text')
          .addColumn('newsletter', 'integer', (c) => c.notNull())
          .addColumn('active', 'integer', (c) => c.notNull())
          .addColumn('content_hash', 'text', (c) => c.notNull()),
      ).execute();
      await db.schema.createIndex('customers_email').on('customers').column('email').execute();
      await timestamps(
        withId(db.schema.createTable('customer_addresses'))
          .addColumn('customer_id', 'integer', (c) =>
            c.notNull().references('customers.id').onDelete('cascade'),
          )
          .addColumn('alias', 'text')
          .addColumn('first_name', 'text', (c) => c.notNull())
          .addColumn('last_name', 'text', (c) => c.notNull())
          .addColumn('company', 'text')
          .addColumn('address1', 'text', (c) => c.notNull())
          .addColumn('address2', 'text')
          .addColumn('postcode', 'text')
          .addColumn('city', 'text', (c) => c.notNull())
          .addColumn('state', 'text')
          .addColumn('country_iso', 'text')
          .addColumn('phone', 'text')
          .addColumn('phone_mobile', 'text')
          .addColumn('vat_number', 'text')
          .addColumn('deleted', 'integer', (c) => c.notNull()),
      ).execute();
      await db.schema
        .createIndex('customer_addresses_customer')
        .on('customer_addresses')
        .column('customer_id')
        .execute();

      // Orders and fulfilment
      await timestamps(
        withId(db.schema.createTable('orders'))
          .addColumn('store_id', 'integer', (c) => c.notNull().references('stores.id').onDelete('cascade'))
          .addColumn('reference', 'text')
          .addColumn('customer_id', 'integer', (c) => c.references('customers.id').onDelete('set null'))
          .addColumn('billing_address', t.json, (c) => c.notNull())
          .addColumn('delivery_address', t.json, (c) => c.notNull())
          .addColumn('currency', 'text', (c) => c.notNull())
          .addColumn('payment_module', 'text')
          .addColumn('payment_label', 'text')
          .addColumn('payment_method_id', 'integer', (c) =>
            c.references('payment_methods.id').onDelete('set null'),
          )
          .addColumn('carrier_id', 'text')
          .addColumn('shipping_method_id', 'integer', (c) =>
            c.references('shipping_methods.id').onDelete('set null'),
          )
          .addColumn('total_products_tax_excl', t.decimal, (c) => c.notNull())
          .addColumn('total_products_tax_incl', t.decimal, (c) => c.notNull())
          .addColumn('total_shipping_tax_excl', t.decimal, (c) => c.notNull())
          .addColumn('total_shipping_tax_incl', t.decimal, (c) => c.notNull())
          .addColumn('total_discounts_tax_excl', t.decimal, (c) => c.notNull())
          .addColumn('total_discounts_tax_incl', t.decimal, (c) => c.notNull())
          .addColumn('total_paid_tax_excl', t.decimal, (c) => c.notNull())
          .addColumn('total_paid_tax_incl', t.decimal, (c) => c.notNull())
          .addColumn('total_paid', t.decimal, (c) => c.notNull())
          .addColumn('totals_mismatch', 'integer', (c) => c.notNull())
          .addColumn('store_state_id', 'integer')
          .addColumn('hub_status', 'text', (c) => c.notNull())
          .addColumn('placed_at', t.instant, (c) => c.notNull())
          .addColumn('placed_at_local', 'text', (c) => c.notNull())
          .addColumn('store_updated_at', t.instant)
          .addColumn('store_updated_at_local', 'text')
          .addColumn('note', 'text')
          .addColumn('content_hash', 'text', (c) => c.notNull()),
      ).execute();
      await db.schema
        .createIndex('orders_store_status')
        .on('orders')
        .columns(['store_id', 'hub_status', 'id'])
        .execute();
      await db.schema.createIndex('orders_status').on('orders').columns(['hub_status', 'id']).execute();
      await db.schema.createIndex('orders_customer').on('orders').column('customer_id').execute();
      await withId(db.schema.createTable('order_lines'))
        .addColumn('order_id', 'integer', (c) => c.notNull().references('orders.id').onDelete('cascade'))
        .addColumn('line_no', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('variant_id', 'integer', (c) => c.references('variants.id').onDelete('set null'))
        .addColumn('sku', 'text')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addColumn('quantity_shipped', 'integer', (c) => c.notNull())
        .addColumn('unit_price_tax_excl', t.decimal, (c) => c.notNull())
        .addColumn('unit_price_tax_incl', t.decimal, (c) => c.notNull())
        .addColumn('discount_tax_excl', t.decimal, (c) => c.notNull())
        .addColumn('discount_tax_incl', t.decimal, (c) => c.notNull())
        .addColumn('tax_rate', t.decimal)
        .addUniqueConstraint('order_lines_order_line_no', ['order_id', 'line_no'])
        .execute();
      await db.schema.createIndex('order_lines_variant').on('order_lines').column('variant_id').execute();
      await withId(db.schema.createTable('order_messages'))
        .addColumn('order_id', 'integer', (c) => c.notNull().references('orders.id').onDelete('cascade'))
        .addColumn('external_id', 'text')
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('private', 'integer', (c) => c.notNull())
        .addColumn('written_at', t.instant, (c) => c.notNull())
        .addUniqueConstraint('order_messages_external', ['order_id', 'external_id'])
        .execute();
      await withId(db.schema.createTable('order_state_history'))
        .addColumn('order_id', 'integer', (c) => c.notNull().references('orders.id').onDelete('cascade'))
        .addColumn('external_id', 'text')
        .addColumn('state_id', 'integer', (c) => c.notNull())
        .addColumn('state_name', 'text')
        .addColumn('changed_at', t.instant, (c) => c.notNull())
        .addColumn('changed_at_local', 'text')
        .addUniqueConstraint('order_state_history_external', ['order_id', 'external_id'])
        .execute();
      await db.schema
        .createTable('order_retries')
        .addColumn('store_id', 'integer', (c) => c.notNull().references('stores.id').onDelete('cascade'))
        .addColumn('external_order_id', 'text', (c) => c.notNull())
        .addColumn('state_id', 'integer', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_check_at', t.instant, (c) => c.notNull())
        .addColumn('created_at', t.instant, (c) => c.notNull())
        .addPrimaryKeyConstraint('order_retries_pk', ['store_id', 'external_order_id'])
        .execute();

      await withId(db.schema.createTable('shipments'))
        .addColumn('order_id', 'integer', (c) => c.notNull().references('orders.id').onDelete('cascade'))
        .addColumn('carrier', 'text')
        .addColumn('tracking_number', 'text')
        .addColumn('tracking_url', 'text')
        .addColumn('complete', 'integer', (c) => c.notNull())
        .addColumn('shipped_at', t.instant, (c) => c.notNull())
        .addColumn('created_at', t.instant, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('shipments_order').on('shipments').column('order_id').execute();
      await db.schema
        .createTable('shipment_lines')
        .addColumn('shipment_id', 'integer', (c) =>
          c.notNull().references('shipments.id').onDelete('cascade'),
        )
        .addColumn('order_line_id', 'integer', (c) =>
          c.notNull().references('order_lines.id').onDelete('cascade'),
        )
        .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0`))
        .addPrimaryKeyConstraint('shipment_lines_pk', ['shipment_id', 'order_line_id'])
        .execute();

      // Accounting
      await withId(db.schema.createTable('invoices'))
        .addColumn('number', 'text', (c) => c.notNull().unique())
        .addColumn('order_id', 'integer', (c) => c.references('orders.id').onDelete('set null'))
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('issued_at', t.instant, (c) => c.notNull())
        .addColumn('total_tax_excl', t.decimal, (c) => c.notNull())
        .addColumn('total_tax', t.decimal, (c) => c.notNull())
        .addColumn('total_tax_incl', t.decimal, (c) => c.notNull())
        .addColumn('paid_at', t.instant)
        .addColumn('created_at', t.instant, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('invoices_order').on('invoices').column('order_id').execute();
      await withId(db.schema.createTable('invoice_lines'))
        .addColumn('invoice_id', 'integer', (c) => c.notNull().references('invoices.id').onDelete('cascade'))
        .addColumn('line_no', 'integer', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addColumn('unit_price_tax_excl', t.decimal, (c) => c.notNull())
        .addColumn('tax_rate', t.decimal, (c) => c.notNull())
        .addColumn('total_tax_excl', t.decimal, (c) => c.notNull())
        .addColumn('total_tax', t.decimal, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('invoice_lines_invoice').on('invoice_lines').column('invoice_id').execute();
      await db.schema
        .createTable('invoice_taxes')
        .addColumn('invoice_id', 'integer', (c) => c.notNull().references('invoices.id').onDelete('cascade'))
        .addColumn('tax_rate', t.decimal, (c) => c.notNull())
        .addColumn('base', t.decimal, (c) => c.notNull())
        .addColumn('amount', t.decimal, (c) => c.notNull())
        .addPrimaryKeyConstraint('invoice_taxes_pk', ['invoice_id', 'tax_rate'])
        .execute();
      await withId(db.schema.createTable('journal_entries'))
        .addColumn('entry_date', 'text', (c) => c.notNull())
        .addColumn('reference', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('invoice_id', 'integer', (c) => c.references('invoices.id').onDelete('set null'))
        .addColumn('order_id', 'integer', (c) => c.references('orders.id').onDelete('set null'))
        .addColumn('created_at', t.instant, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('journal_lines')
        .addColumn('entry_id', 'integer', (c) =>
          c.notNull().references('journal_entries.id').onDelete('cascade'),
        )
        .addColumn('line_no', 'integer', (c) => c.notNull())
        .addColumn('account', 'text', (c) => c.notNull())
        .addColumn('debit', t.decimal, (c) => c.notNull())
        .addColumn('credit', t.decimal, (c) => c.notNull())
        .addPrimaryKeyConstraint('journal_lines_pk', ['entry_id', 'line_no'])
        .execute();
      await db.schema
        .createTable('number_sequences')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('next_value', 'integer', (c) => c.notNull())
        .execute();

      // Stock
      await db.schema
        .createTable('stock_levels')
        .addColumn('variant_id', 'integer', (c) => c.notNull().references('variants.id').onDelete('cascade'))
        .addColumn('location_id', 'integer', (c) =>
          c.notNull().references('locations.id').onDelete('cascade'),
        )
        .addColumn('on_hand', 'integer', (c) => c.notNull())
        .addColumn('updated_at', t.instant, (c) => c.notNull())
        .addPrimaryKeyConstraint('stock_levels_pk', ['variant_id', 'location_id'])
        .execute();
      await withId(db.schema.createTable('stock_movements'), true)
        .addColumn('variant_id', 'integer', (c) => c.notNull().references('variants.id').onDelete('cascade'))
        .addColumn('location_id', 'integer', (c) =>
          c.notNull().references('locations.id').onDelete('cascade'),
        )
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addColumn('reference', 'text')
        .addColumn('note', 'text')
        .addColumn('occurred_at', t.instant, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('stock_movements_variant_location')
        .on('stock_movements')
        .columns(['variant_id', 'location_id'])
        .execute();

      // Sync state
      let bindings = db.schema
        .createTable('bindings')
        .addColumn('store_id', 'integer', (c) => c.notNull().references('stores.id').onDelete('cascade'))
        .addColumn('resource', 'text', (c) => c.notNull())
        .addColumn('external_id', 'text', (c) => c.notNull())
        .addColumn('local_id', 'integer', (c) => c.notNull())
        .addColumn('external_updated_at', t.instant)
        .addColumn('content_hash', 'text')
        .addColumn('synced_at', t.instant, (c) => c.notNull())
        .addColumn('deleted_at', t.instant)
        .addPrimaryKeyConstraint('bindings_pk', ['store_id', 'resource', 'external_id']);
      if (sqlite) bindings = bindings.modifyEnd(sql`without rowid`);
      await bindings.execute();
      await db.schema
        .createIndex('bindings_local')
        .on('bindings')
        .columns(['resource', 'local_id'])
        .execute();

      await db.schema
        .createTable('watermarks')
        .addColumn('store_id', 'integer', (c) => c.notNull().references('stores.id').onDelete('cascade'))
        .addColumn('feed', 'text', (c) => c.notNull())
        .addColumn('value', t.json, (c) => c.notNull())
        .addColumn('updated_at', t.instant, (c) => c.notNull())
        .addPrimaryKeyConstraint('watermarks_pk', ['store_id', 'feed'])
        .execute();

      await withId(db.schema.createTable('runs'), true)
        .addColumn('store_id', 'integer', (c) => c.references('stores.id').onDelete('cascade'))
        .addColumn('feed', 'text', (c) => c.notNull())
        .addColumn('trigger', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('owner', 'text')
        .addColumn('created', 'integer', (c) => c.notNull())
        .addColumn('updated', 'integer', (c) => c.notNull())
        .addColumn('unchanged', 'integer', (c) => c.notNull())
        .addColumn('skipped', 'integer', (c) => c.notNull())
        .addColumn('failed', 'integer', (c) => c.notNull())
        .addColumn('progress_done', 'integer', (c) => c.notNull())
        .addColumn('progress_total', 'integer')
        .addColumn('step', 'text')
        .addColumn('started_at', t.instant, (c) => c.notNull())
        .addColumn('heartbeat_at', t.instant, (c) => c.notNull())
        .addColumn('finished_at', t.instant)
        .addColumn('report', t.json)
        .addColumn('error', 'text')
        .execute();
      await db.schema.createIndex('runs_store_feed').on('runs').columns(['store_id', 'feed', 'id']).execute();
      await db.schema.createIndex('runs_status').on('runs').columns(['status', 'id']).execute();
      await withId(db.schema.createTable('run_failures'), true)
        .addColumn('run_id', sqlite ? 'integer' : 'bigint', (c) =>
          c.notNull().references('runs.id').onDelete('cascade'),
        )
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('at', t.instant, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('run_failures_run').on('run_failures').column('run_id').execute();

      await db.schema
        .createTable('locks')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('acquired_at', t.instant, (c) => c.notNull())
        .addColumn('expires_at', t.instant, (c) => c.notNull())
        .execute();

      await withId(db.schema.createTable('outbox'), true)
        .addColumn('store_id', 'integer', (c) => c.notNull().references('stores.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('payload', t.json, (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('coalesce_slot', 'text')
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', t.instant, (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('lease_owner', 'text')
        .addColumn('lease_expires_at', t.instant)
        .addColumn('created_at', t.instant, (c) => c.notNull())
        .addColumn('updated_at', t.instant, (c) => c.notNull())
        .addColumn('completed_at', t.instant)
        // NULL slots never conflict: only open coalescing entries (one per store and target) are unique.
        .addUniqueConstraint('outbox_coalesce_slot', ['store_id', 'coalesce_slot'])
        .execute();
      await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();
      await db.schema
        .createIndex('outbox_target')
        .on('outbox')
        .columns(['store_id', 'target', 'id'])
        .execute();

      await withId(db.schema.createTable('request_log'), true)
        .addColumn('store_id', 'integer', (c) => c.references('stores.id').onDelete('cascade'))
        .addColumn('at', t.instant, (c) => c.notNull())
        .addColumn('method', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('status', 'integer')
        .addColumn('duration_ms', 'integer', (c) => c.notNull())
        .addColumn('bytes_sent', 'integer', (c) => c.notNull())
        .addColumn('bytes_received', 'integer', (c) => c.notNull())
        .addColumn('request_body', 'text')
        .addColumn('response_body', 'text')
        .addColumn('error', 'text')
        .addColumn('stored_bytes', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('request_log_store_at')
        .on('request_log')
        .columns(['store_id', 'at'])
        .execute();
      await db.schema.createIndex('request_log_at').on('request_log').column('at').execute();
    },
  };
}
