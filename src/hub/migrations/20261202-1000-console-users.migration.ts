import type { ColumnDefinitionBuilder, Kysely, Migration } from 'kysely';

import { columnTypes, type EngineKind } from '../engine/engine.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations work on the untyped schema of their time */

/**
 * Who may use the console and the API: `users` with a role and an scrypt password hash, browser
 * `user_sessions`, per-user `api_tokens` for scripts, and one-time `sign_in_links`. Sessions, tokens
 * and links are kept as SHA-256 digests only: a copy of the database opens no session.
 *
 * Also two indexes for the console's dashboard, which counts orders imported and stock pushed per
 * hour: without them those counts scan every order and every outbox entry of a store.
 */
export function consoleUsersMigration(kind: EngineKind): Migration {
  const t = columnTypes(kind);
  const sqlite = kind === 'sqlite';
  const id = (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    sqlite ? col.primaryKey().autoIncrement() : col.primaryKey().generatedByDefaultAsIdentity();
  const userRef = (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    col.notNull().references('users.id').onDelete('cascade');
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('users')
        .addColumn('id', 'integer', id)
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text')
        .addColumn('disabled_at', t.instant)
        .addColumn('last_sign_in_at', t.instant)
        .addColumn('created_at', t.instant, (c) => c.notNull())
        .addColumn('updated_at', t.instant, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('user_sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', userRef)
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', t.instant, (c) => c.notNull())
        .addColumn('last_seen_at', t.instant, (c) => c.notNull())
        .addColumn('expires_at', t.instant, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('user_sessions_user').on('user_sessions').column('user_id').execute();
      await db.schema.createIndex('user_sessions_expiry').on('user_sessions').column('expires_at').execute();
      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'integer', id)
        .addColumn('user_id', 'integer', userRef)
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', t.instant, (c) => c.notNull())
        .addColumn('last_used_at', t.instant)
        .addColumn('revoked_at', t.instant)
        .execute();
      await db.schema.createIndex('api_tokens_user').on('api_tokens').column('user_id').execute();
      await db.schema
        .createTable('sign_in_links')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', userRef)
        .addColumn('created_at', t.instant, (c) => c.notNull())
        .addColumn('expires_at', t.instant, (c) => c.notNull())
        .addColumn('used_at', t.instant)
        .execute();
      await db.schema
        .createIndex('orders_store_created')
        .on('orders')
        .columns(['store_id', 'created_at'])
        .execute();
      await db.schema
        .createIndex('outbox_store_completed')
        .on('outbox')
        .columns(['store_id', 'completed_at'])
        .execute();
    },
  };
}
