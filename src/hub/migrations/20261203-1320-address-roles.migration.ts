import type { Kysely, Migration } from 'kysely';

import type { EngineKind } from '../engine/engine.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations work on the untyped schema of their time */

/**
 * Which address of a customer bills and which delivers: `customer_addresses.role` (`billing`,
 * `delivery`, `both`, or null for the others), and `customers.address_choice`, how the roles were
 * chosen (`last-order`, `store-default` by the store's `customers.addressChoice` rule at import, or
 * `user` when someone chose them — then imports leave them alone). Null for rows from before.
 */
export function addressRolesMigration(_kind: EngineKind): Migration {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('customer_addresses').addColumn('role', 'text').execute();
      await db.schema.alterTable('customers').addColumn('address_choice', 'text').execute();
    },
  };
}
