import type { Kysely, Migration } from 'kysely';

import { columnTypes, type EngineKind } from '../engine/engine.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations work on the untyped schema of their time */

/**
 * Scale-out: `workers`, one row per live process that runs jobs (`prestabridge worker`, `serve`),
 * renewed by its heartbeat and listed by `prestabridge workers`; and `host_paces`, the request pace
 * of each store host shared by every worker (the next free instant and the current spacing, which
 * widens when the host answers 429/503 and narrows back as it answers normally).
 */
export function scaleOutMigration(kind: EngineKind): Migration {
  const t = columnTypes(kind);
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('workers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('host', 'text', (c) => c.notNull())
        .addColumn('pid', 'integer', (c) => c.notNull())
        .addColumn('runner', 'text', (c) => c.notNull())
        .addColumn('queues', t.json, (c) => c.notNull())
        .addColumn('concurrency', 'integer', (c) => c.notNull())
        .addColumn('running', t.json, (c) => c.notNull())
        .addColumn('started_at', t.instant, (c) => c.notNull())
        .addColumn('heartbeat_at', t.instant, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('host_paces')
        .addColumn('host', 'text', (c) => c.primaryKey())
        .addColumn('next_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('spacing_ms', 'integer', (c) => c.notNull())
        .execute();
    },
  };
}
