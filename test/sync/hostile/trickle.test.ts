import { afterAll, beforeAll, expect, it } from 'vitest';

import { startEmulator } from '../../../src/emulator/index.js';
import type { Hub } from '../../../src/hub/index.js';
import { FeedRunner } from '../../../src/jobs/index.js';
import { importOrdersFeed } from '../../../src/sync/orders/index.js';
import { describeEachEngine } from '../../support/databases.js';
import { addEmulatorStore } from '../../support/emulator-store.js';
import { type HostileStore, startHostileStore } from '../../support/hostile-store.js';
import type { Emulator } from '../orders/support/order-harness.js';

describeEachEngine('a store whose answer trickles forever', (engine) => {
  let emulator: Emulator;
  let hostile: HostileStore;
  let hub: Hub;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
    hostile = await startHostileStore(emulator);
    hub = await engine.openHub();
  });
  afterAll(async () => {
    await hostile.close();
    await emulator.close();
  });

  it('import-orders fails at the deadline of its page, naming the store, the request and how long it waited', async () => {
    const store = await addEmulatorStore(hub, hostile, 'trickling');
    // A byte every 100 ms: the one-second idle timeout never fires, the deadline does.
    hostile.trickle('orders', { bytes: 1, intervalMs: 100, match: /display=full/ });
    const runner = new FeedRunner({
      hub,
      clientOverrides: {
        timeoutMs: 1000,
        deadline: { baseMs: 1500, perRecordMs: 10 },
        retry: { maxRetries: 0 },
      },
    });
    const started = Date.now();
    const { run, report } = await runner.run({
      feed: importOrdersFeed,
      store,
      trigger: 'manual',
      options: { pageSize: 20 },
    });
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(run.status).toBe('failed');
    expect(report.error).toContain(
      `GET orders: the answer from ${hostile.url}/api/orders?display=full&filter[id]=>[0]&sort=[id_ASC]&limit=20&output_format=JSON was still not complete after `,
    );
    expect(report.error).toMatch(/still not complete after [12]\.\d s \(\d+ bytes received\)/);
    expect(report.error).toContain(
      'past the deadline of 1.7 s for a request of 20 records (1.5 s + 10 ms a record)',
    );
    expect(report.counts).toMatchObject({ created: 0, failed: 0 });
    expect(await hub.orders.list({ storeId: store.id })).toHaveLength(0);
  });
});
