import { type Migration, type MigrationProvider, Migrator, sql } from 'kysely';

import type { Engine, EngineKind } from '../engine/engine.js';
import { NewerDatabaseError } from '../hub-errors.js';
import { initialMigration } from './0001-initial.migration.js';
import { runStopRequestMigration } from './20261123-1530-run-stop-request.migration.js';
import { storeStockRowsMigration } from './20261124-0900-store-stock-rows.migration.js';
import { consoleUsersMigration } from './20261202-1000-console-users.migration.js';
import { storeShopMigration } from './20261203-1200-store-shop.migration.js';
import { masterDataRecordsMigration } from './20261203-1300-master-data-records.migration.js';
import { catalogMatchingMigration } from './20261203-1310-catalog-matching.migration.js';
import { addressRolesMigration } from './20261203-1320-address-roles.migration.js';
import { invoicingMigration } from './20261203-1330-invoicing.migration.js';
import { automationMigration } from './20261203-1340-automation.migration.js';
import { scaleOutMigration } from './20261203-1400-scale-out.migration.js';
import { abandonedCartsMigration } from './20261203-1500-abandoned-carts.migration.js';
import { orderListIndexesMigration } from './20261203-1640-order-list-indexes.migration.js';
import { storeStockRowRestMigration } from './20261203-1850-store-stock-row-rest.migration.js';

const MIGRATION_TABLE = 'hub_migration';
const MIGRATION_LOCK_TABLE = 'hub_migration_lock';

/**
 * The migrations this build knows, in order, defined in code (never read from files at run time,
 * so the compiled package carries them). Names only ever get added at the end.
 */
function hubMigrations(kind: EngineKind): Record<string, Migration> {
  return {
    '0001-initial': initialMigration(kind),
    '20261123-1530-run-stop-request': runStopRequestMigration(kind),
    '20261124-0900-store-stock-rows': storeStockRowsMigration(kind),
    '20261202-1000-console-users': consoleUsersMigration(kind),
    '20261203-1200-store-shop': storeShopMigration(kind),
    '20261203-1310-catalog-matching': catalogMatchingMigration(kind),
    '20261203-1320-address-roles': addressRolesMigration(kind),
    '20261203-1300-master-data-records': masterDataRecordsMigration(kind),
    '20261203-1330-invoicing': invoicingMigration(kind),
    '20261203-1340-automation': automationMigration(kind),
    '20261203-1400-scale-out': scaleOutMigration(kind),
    '20261203-1500-abandoned-carts': abandonedCartsMigration(kind),
    '20261203-1640-order-list-indexes': orderListIndexesMigration(),
    '20261203-1850-store-stock-row-rest': storeStockRowRestMigration(),
  };
}

/** Names of the migrations this build knows. */
export function knownMigrations(kind: EngineKind): string[] {
  return Object.keys(hubMigrations(kind)).sort();
}

class InCodeMigrationProvider implements MigrationProvider {
  readonly #kind: EngineKind;

  constructor(kind: EngineKind) {
    this.#kind = kind;
  }

  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(hubMigrations(this.#kind));
  }
}

/**
 * Brings the schema up to date. Safe to run twice and from two processes at once: PostgreSQL takes an
 * advisory lock, SQLite migrates inside one `BEGIN IMMEDIATE` transaction. A database holding a
 * migration this build does not know is refused with {@link NewerDatabaseError}.
 *
 * @returns the names of the migrations applied now (empty when already up to date).
 */
export async function migrateHub(engine: Engine): Promise<string[]> {
  await refuseNewerDatabase(engine);
  const migrator = new Migrator({
    db: engine.db,
    provider: new InCodeMigrationProvider(engine.kind),
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    // A newer process may have migrated between our check and the migrator's own read.
    const message = error instanceof Error ? error.message : '';
    const missing = /previously executed migration (\S+) is missing/.exec(message);
    if (missing?.[1]) throw new NewerDatabaseError(missing[1]);
    throw engine.translateError(error);
  }
  return results.filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

/** The migrations recorded in the database (empty for a new database). */
export async function appliedMigrations(engine: Engine): Promise<string[]> {
  const exists =
    engine.kind === 'sqlite'
      ? (
          await sql<{ found: number }>`
            select count(*) as found from sqlite_master where type = 'table' and name = ${MIGRATION_TABLE}`.execute(
            engine.db,
          )
        ).rows[0]?.found === 1
      : (
          await sql<{ found: string | null }>`select to_regclass(${MIGRATION_TABLE}) as found`.execute(
            engine.db,
          )
        ).rows[0]?.found != null;
  if (!exists) return [];
  const { rows } = await sql<{
    name: string;
  }>`select name from ${sql.table(MIGRATION_TABLE)} order by name`.execute(engine.db);
  return rows.map((row) => row.name);
}

async function refuseNewerDatabase(engine: Engine): Promise<void> {
  const known = new Set(knownMigrations(engine.kind));
  const unknown = (await appliedMigrations(engine)).filter((name) => !known.has(name));
  const newest = unknown.sort().at(-1);
  if (newest !== undefined) throw new NewerDatabaseError(newest);
}
