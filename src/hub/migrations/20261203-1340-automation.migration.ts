import type { ColumnDefinitionBuilder, Kysely, Migration } from 'kysely';

import { columnTypes, type EngineKind } from '../engine/engine.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations work on the untyped schema of their time */

/**
 * Automation: `events` (written in the transaction of the change that caused them),
 * `webhook_subscriptions` (with their signing secrets sealed like the webservice keys and a lease
 * that one deliverer holds at a time), `webhook_messages` (what is sent, with a stable
 * `webhook-id`, retried until delivered), `webhook_queue` (events waiting for the next cycle of a
 * subscription that batches them, the `order-updated` trigger's `items`), `webhook_attempts` (every
 * attempt: status, duration, response excerpt), and `sellable_levels` (the last sellable quantity
 * known per store and variant, so that `stock.changed` says what it changed from).
 */
export function automationMigration(kind: EngineKind): Migration {
  const t = columnTypes(kind);
  const sqlite = kind === 'sqlite';
  const id = (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    sqlite ? col.primaryKey().autoIncrement() : col.primaryKey().generatedByDefaultAsIdentity();
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('events')
        .addColumn('id', 'integer', id)
        .addColumn('type', 'text', (c) => c.notNull())
        // No foreign key: an event outlives the store it names (store.unreachable of a removed store).
        .addColumn('store_id', 'integer')
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('data', t.json, (c) => c.notNull())
        .addColumn('occurred_at', t.instant, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('events_type').on('events').columns(['type', 'id']).execute();

      await db.schema
        .createTable('webhook_subscriptions')
        .addColumn('id', 'integer', id)
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('event_types', t.json, (c) => c.notNull())
        .addColumn('store_id', 'integer', (c) => c.references('stores.id').onDelete('cascade'))
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('poll_interval_seconds', 'integer', (c) => c.notNull())
        .addColumn('ceiling', 'integer', (c) => c.notNull())
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('previous_secret', 'text')
        .addColumn('previous_secret_expires_at', t.instant)
        .addColumn('allow_private', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('failing_since', t.instant)
        .addColumn('description', 'text')
        .addColumn('watermark_event_id', 'integer')
        .addColumn('next_cycle_at', t.instant, (c) => c.notNull())
        .addColumn('lease_owner', 'text')
        .addColumn('lease_expires_at', t.instant)
        .addColumn('created_at', t.instant, (c) => c.notNull())
        .addColumn('updated_at', t.instant, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('webhook_messages')
        .addColumn('id', 'integer', id)
        .addColumn('subscription_id', 'integer', (c) =>
          c.notNull().references('webhook_subscriptions.id').onDelete('cascade'),
        )
        .addColumn('webhook_id', 'text', (c) => c.notNull().unique())
        .addColumn('event_type', 'text', (c) => c.notNull())
        .addColumn('event_ids', t.json, (c) => c.notNull())
        .addColumn('item_count', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', t.instant, (c) => c.notNull())
        .addColumn('first_attempt_at', t.instant)
        .addColumn('last_status_code', 'integer')
        .addColumn('last_error', 'text')
        .addColumn('created_at', t.instant, (c) => c.notNull())
        .addColumn('delivered_at', t.instant)
        .execute();
      await db.schema
        .createIndex('webhook_messages_open')
        .on('webhook_messages')
        .columns(['subscription_id', 'status', 'id'])
        .execute();

      await db.schema
        .createTable('webhook_queue')
        .addColumn('subscription_id', 'integer', (c) =>
          c.notNull().references('webhook_subscriptions.id').onDelete('cascade'),
        )
        .addColumn('event_id', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('webhook_queue_pk', ['subscription_id', 'event_id'])
        .execute();

      await db.schema
        .createTable('webhook_attempts')
        .addColumn('id', 'integer', id)
        .addColumn('message_id', 'integer', (c) =>
          c.notNull().references('webhook_messages.id').onDelete('cascade'),
        )
        .addColumn('attempt', 'integer', (c) => c.notNull())
        .addColumn('at', t.instant, (c) => c.notNull())
        .addColumn('ok', 'integer', (c) => c.notNull())
        .addColumn('status_code', 'integer')
        .addColumn('duration_ms', 'integer', (c) => c.notNull())
        .addColumn('response_excerpt', 'text')
        .addColumn('error', 'text')
        .execute();
      await db.schema
        .createIndex('webhook_attempts_message')
        .on('webhook_attempts')
        .columns(['message_id', 'id'])
        .execute();

      await db.schema
        .createTable('sellable_levels')
        .addColumn('store_id', 'integer', (c) => c.notNull().references('stores.id').onDelete('cascade'))
        .addColumn('variant_id', 'integer', (c) => c.notNull())
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addColumn('updated_at', t.instant, (c) => c.notNull())
        .addPrimaryKeyConstraint('sellable_levels_pk', ['store_id', 'variant_id'])
        .execute();
    },
  };
}
