import { beforeAll, expect, it } from 'vitest';

import { type Hub, NotFoundError } from '../../src/hub/index.js';
import { describeEachEngine } from '../support/databases.js';

describeEachEngine('run stop requests', (engine) => {
  let hub: Hub;
  let other: Hub;
  let storeId: number;
  beforeAll(async () => {
    hub = await engine.openHub();
    // A second hub on the same database: another process.
    other = await engine.openHub();
    storeId = (await hub.stores.create({ name: 'stops', url: 'https://stops.test' })).id;
  });

  it('carries a stop asked in one hub to the process running the feed in another', async () => {
    const run = await hub.runs.start({ storeId, feed: 'import-products', trigger: 'manual' });
    expect(await hub.runs.stopRequested(run.id)).toBe(false);
    expect(await other.runs.requestStop(run.id)).toBe(true);
    expect(await hub.runs.stopRequested(run.id)).toBe(true);
    expect((await hub.runs.get(run.id)).stopRequestedAt).not.toBeNull();
    // Asking again is harmless: the stop is still pending.
    expect(await other.runs.requestStop(run.id)).toBe(true);
  });

  it('has nothing to stop once a run has finished, and names a run that does not exist', async () => {
    const run = await hub.runs.start({ storeId, feed: 'import-orders', trigger: 'manual' });
    await hub.runs.finish(run.id, { status: 'succeeded' });
    expect(await other.runs.requestStop(run.id)).toBe(false);
    expect(await hub.runs.stopRequested(run.id)).toBe(false);
    await expect(other.runs.requestStop(999_999)).rejects.toThrow(NotFoundError);
  });
});
