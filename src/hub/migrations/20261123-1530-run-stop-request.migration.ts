import type { Kysely, Migration } from 'kysely';

import { columnTypes, type EngineKind } from '../engine/engine.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations work on the untyped schema of their time */

/**
 * `runs.stop_requested_at`: a stop asked from another process (`prestabridge sync stop RUN_ID`, the
 * console). The process running the feed reads it with its heartbeat and stops at the next page.
 */
export function runStopRequestMigration(kind: EngineKind): Migration {
  const t = columnTypes(kind);
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('runs').addColumn('stop_requested_at', t.instant).execute();
    },
  };
}
