import { afterAll, beforeAll, expect, it } from 'vitest';

import { DEFAULT_FULL_KEY, startEmulator, textOf } from '../../src/emulator/index.js';
import type { Hub, Store } from '../../src/hub/index.js';
import { FeedRunner } from '../../src/jobs/index.js';
import { importOrdersFeed } from '../../src/sync/orders/index.js';
import { describeEachEngine } from '../support/databases.js';
import { runCli } from './hub-cli-harness.js';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

/** Every verb everywhere except the confirmation writes: orders import, their shipments cannot be told. */
const NO_CONFIRM_KEY = 'PRESTABRIDGEKEYWITHOUTCONFIRMS03';

describeEachEngine('prestabridge orders, with a key that may not confirm', (engine) => {
  let emulator: Emulator;
  let hub: Hub;
  let store: Store;
  const paid = { id: 0 };

  beforeAll(async () => {
    emulator = await startEmulator({
      port: 0,
      seed: 'small',
      keys: [
        DEFAULT_FULL_KEY,
        `${NO_CONFIRM_KEY}:*=GET|PUT|POST|DELETE|HEAD,order_carriers=GET|HEAD,order_histories=GET|HEAD`,
      ],
    });
    hub = await engine.openHub();
    paid.id = emulator.store.placeOrder({
      customerId: 2,
      lines: [{ productId: 1, quantity: 2 }],
      stateId: 2,
    }).order.id;
    store = await hub.stores.create({
      name: 'shop',
      url: emulator.url,
      webserviceKey: NO_CONFIRM_KEY,
      timeZone: 'Europe/Paris',
      settings: { autoApproveStates: [2], importOrdersFromId: paid.id, shipmentStates: { full: 4 } },
    });
    const { run } = await new FeedRunner({ hub, clientOverrides: { retry: { maxRetries: 0 } } }).run({
      feed: importOrdersFeed,
      store,
      trigger: 'manual',
    });
    expect(run.status).toBe('succeeded');
  });
  afterAll(async () => emulator.close());

  it('orders ship says which permissions the key lacks, never that the store did not answer', async () => {
    const shipped = await runCli(engine, [
      'orders',
      'ship',
      String(paid.id),
      '--store',
      'shop',
      '--tracking',
      'LP7FR',
      // The store has no stock location (made without `stores add`'s defaults): this test is about the store.
      '--no-stock',
    ]);
    expect(shipped.code).toBe(0);
    expect(shipped.out).toContain(
      'Store: confirmation queued, not delivered (the key lacks PUT on order_carriers, POST on order_histories — ' +
        "give the webservice key those permissions in the store's back office (Advanced Parameters > Webservice)): " +
        '`prestabridge serve` does not send it while the store does not export',
    );
    expect(shipped.out).not.toContain('did not answer');
    expect(textOf(emulator.store.get('orders', paid.id)?.values.current_state)).toBe('2');

    const moved = await runCli(engine, ['orders', 'set-state', String(paid.id), '5', '--store', 'shop']);
    expect(moved.code).toBe(0);
    expect(moved.out).toContain(
      "is queued, not delivered (the key lacks PUT on order_carriers, POST on order_histories — give the webservice key those permissions in the store's back office (Advanced Parameters > Webservice)): ",
    );
    expect(moved.out).not.toContain('did not answer');
  });
});
