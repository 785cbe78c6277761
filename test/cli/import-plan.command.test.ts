import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator } from '../../src/emulator/index.js';
import type { Hub, Store } from '../../src/hub/index.js';
import type { ImportPlan } from '../../src/sync/index.js';
import { describeEachEngine } from '../support/databases.js';
import { addEmulatorStore } from '../support/emulator-store.js';
import { runCli } from './hub-cli-harness.js';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

describe('prestabridge sync run --plan / --only, sync reset, requests', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
  });
  afterAll(async () => {
    await emulator.close();
  });

  describeEachEngine('cli', (engine) => {
    let hub: Hub;
    let store: Store;
    const cli = (...args: string[]) => runCli(engine, args);
    beforeAll(async () => {
      hub = await engine.openHub();
      store = await addEmulatorStore(hub, emulator, 'shop');
    });

    it('plans import-customers, imports the selection, and lists the rest as not imported', async () => {
      const ids = [...emulator.store.records('customers')].map((customer) => customer.id);
      const planned = await cli('sync', 'run', 'import-customers', '--store', 'shop', '--plan');
      expect(planned.code, planned.err).toBe(0);
      expect(planned.out).toContain(
        `Plan of import-customers for 'shop': ${ids.length} add to hub. Nothing was written.`,
      );
      expect(planned.out).toContain(`  add to hub: store customer ${ids[0]} `);
      expect(planned.out).toContain(
        `Import a selection: prestabridge sync run import-customers --store shop --only ${ids.slice(0, 5).join(',')}`,
      );
      expect(await hub.customers.list()).toEqual([]);

      const run = await cli(
        'sync',
        'run',
        'import-customers',
        '--store',
        'shop',
        '--only',
        `${ids[0]},${ids[1]}`,
      );
      expect(run.code, run.err).toBe(0);
      expect(run.out).toContain('created 2');

      const rest = await cli(
        'sync',
        'run',
        'import-customers',
        '--store',
        'shop',
        '--plan',
        '--not-imported',
        '--json',
      );
      expect(rest.code, rest.err).toBe(0);
      const plan = JSON.parse(rest.out) as ImportPlan;
      expect(plan.notImportedOnly).toBe(true);
      expect(plan.entries.map((entry) => entry.externalId)).toEqual(ids.slice(2));
    });

    it('customers addresses shows the roles, chooses them for one customer, and hands them back', async () => {
      const [customer] = (await hub.customers.list()).filter((candidate) => candidate.addresses.length > 0);
      const address = customer!.addresses[0]!.id;
      const shown = await cli('customers', 'addresses', String(customer!.id));
      expect(shown.code, shown.err).toBe(0);
      expect(shown.out).toContain(`Customer ${customer!.id} `);
      expect(shown.out).toMatch(/^id\s+role\s+alias\s+address\s+city\s+country\s+deleted$/m);
      const chosen = await cli(
        'customers',
        'addresses',
        String(customer!.id),
        '--billing',
        String(address),
        '--delivery',
        String(address),
      );
      expect(chosen.code, chosen.err).toBe(0);
      expect(chosen.out).toContain(
        'chosen by a user (imports leave them alone; --auto hands them back to the rule)',
      );
      expect(chosen.out).toMatch(new RegExp(`^\\s*${address}\\s+both\\s`, 'm'));
      const half = await cli('customers', 'addresses', String(customer!.id), '--billing', String(address));
      expect(half.code).toBe(2);
      const wrong = await cli(
        'customers',
        'addresses',
        String(customer!.id),
        '--billing',
        '999999',
        '--delivery',
        String(address),
      );
      expect(wrong.code).toBe(2);
      expect(wrong.err).toContain('address 999999 cannot be the billing address');
      const auto = await cli('customers', 'addresses', String(customer!.id), '--auto', '--json');
      expect((JSON.parse(auto.out) as { addressChoice: string | null }).addressChoice).toBeNull();
    });

    it('refuses --not-imported without --plan, --plan with --only, and an --only that is not ids (exit 2)', async () => {
      const alone = await cli('sync', 'run', 'import-customers', '--store', 'shop', '--not-imported');
      expect(alone).toMatchObject({ code: 2 });
      expect(alone.err).toContain('--not-imported goes with --plan');
      const both = await cli('sync', 'run', 'import-customers', '--store', 'shop', '--plan', '--only', '3');
      expect(both.code).toBe(2);
      const bad = await cli('sync', 'run', 'import-customers', '--store', 'shop', '--only', '3,abc');
      expect(bad.code).toBe(2);
      expect(bad.err).toContain('--only takes ids separated by commas (--only 12,15)');
      const other = await cli('sync', 'run', 'import-orders', '--store', 'shop', '--only', '3');
      expect(other.code).toBe(2);
    });

    it('sync reset sets the order counter back, or refuses --to-id for a feed without one', async () => {
      await hub.watermarks.set(store.id, 'import-orders', { lastId: 40, since: '2026-01-01 00:00:00' });
      const reset = await cli('sync', 'reset', 'import-orders', '--store', 'shop', '--to-id', '12');
      expect(reset.code, reset.err).toBe(0);
      expect(reset.out).toBe(
        'import-orders for shop: last imported order id set to 12 (it was at 40); the next run imports from order 13.\n',
      );
      expect((await hub.watermarks.get(store.id, 'import-orders'))?.value).toEqual({
        lastId: 12,
        since: '2026-01-01 00:00:00',
      });
      const refused = await cli('sync', 'reset', 'update-orders', '--store', 'shop', '--to-id', '12');
      expect(refused.code).toBe(2);
      const forget = await cli('sync', 'reset', 'import-orders', '--store', 'shop');
      expect(forget.out).toContain('watermark forgotten (it was at 12)');
      expect(await hub.watermarks.get(store.id, 'import-orders')).toBeUndefined();
    });

    it('requests lists what the runs above sent, newest first, and only failures with --failed', async () => {
      await hub.requestLog.record([
        {
          storeId: store.id,
          at: new Date(Date.now() - 3 * 3_600_000),
          method: 'GET',
          url: `${emulator.url}/api/old`,
          status: 500,
          durationMs: 9,
        },
        {
          storeId: store.id,
          method: 'PUT',
          url: `${emulator.url}/api/products/1?ws_key=SECRETKEY`,
          status: 404,
          durationMs: 12,
        },
      ]);
      const all = await cli('requests', '--store', 'shop', '--json', '--limit', '500');
      expect(all.code, all.err).toBe(0);
      const entries = JSON.parse(all.out) as {
        method: string;
        status: number | null;
        url: string;
        at: string;
      }[];
      expect(entries.some((entry) => entry.url.includes('/api/customers') && entry.status === 200)).toBe(
        true,
      );
      expect(all.out).not.toContain('SECRETKEY');
      const failed = await cli('requests', '--store', 'shop', '--failed', '--since', '2h');
      expect(failed.code, failed.err).toBe(0);
      const lines = failed.out.trim().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^id\s+at\s+store\s+method\s+status\s+ms\s+url$/);
      expect(lines[1]).toMatch(/shop\s+PUT\s+404\s+12\s+http:\/\/.*\/api\/products\/1/);
      const bad = await cli('requests', '--since', 'yesterday');
      expect(bad.code).toBe(2);
    });
  });
});
