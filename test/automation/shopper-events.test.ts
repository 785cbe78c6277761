import { afterAll, beforeAll, expect, it } from 'vitest';

import { EVENT_DATA_SCHEMAS } from '../../src/automation/index.js';
import { Shopper, type ShopperAction, startEmulator } from '../../src/emulator/index.js';
import type { Hub, Store } from '../../src/hub/index.js';
import { importOrdersFeed, updateOrdersFeed } from '../../src/sync/orders/index.js';
import { describeEachEngine } from '../support/databases.js';
import { addEmulatorStore } from '../support/emulator-store.js';
import { type Emulator, runFeed } from '../sync/orders/support/order-harness.js';

describeEachEngine('events from a shopper at work', (engine) => {
  let emulator: Emulator;
  let hub: Hub;
  let store: Store;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
    hub = await engine.openHub();
    const next = Math.max(0, ...emulator.store.table('orders')!.ids()) + 1;
    store = await addEmulatorStore(hub, emulator, 'shopper-events', { importOrdersFromId: next });
  });
  afterAll(async () => emulator.close());

  it('placing, paying and cancelling orders produce exactly the expected order events', async () => {
    const shopper = new Shopper(emulator.store, { seed: 7, payShare: 0.5, cancelShare: 0.3 });
    const actions: ShopperAction[] = [];
    const expected: string[] = [];
    const cancelledState = new Set<number>();
    for (let step = 0; step < 10; step += 1) {
      const taken = shopper.step();
      actions.push(...taken);
      for (const action of taken) {
        if (action.kind === 'placed') expected.push(`order.created ${action.orderId}`);
        else {
          expected.push(`order.updated ${action.orderId}`, `order.state_changed ${action.orderId}`);
          if (action.kind === 'cancelled') {
            expected.push(`order.cancelled ${action.orderId}`);
            cancelledState.add(action.orderId);
          }
        }
      }
      expect((await runFeed(hub, importOrdersFeed, store)).report.status).toBe('succeeded');
      expect((await runFeed(hub, updateOrdersFeed, store)).report.status).toBe('succeeded');
    }
    // The run covers every kind of action.
    expect(new Set(actions.map((action) => action.kind))).toEqual(new Set(['placed', 'paid', 'cancelled']));

    const events = await hub.events.list({
      types: ['order.created', 'order.updated', 'order.state_changed', 'order.cancelled', 'order.shipped'],
      afterId: 0,
      limit: 1000,
    });
    const seen = events.map((event) => `${event.type} ${(event.data as { externalId: string }).externalId}`);
    expect(seen.sort()).toEqual(expected.sort());

    for (const event of events.filter((e) => e.type === 'order.state_changed')) {
      const data = event.data as { previousStateId: number | null; storeStateId: number | null };
      expect(data.previousStateId).not.toBe(data.storeStateId);
    }
    for (const event of events.filter((e) => e.type === 'order.updated'))
      expect((event.data as { changes: string[] }).changes).toContain('state');
    // Every event the hub wrote (customers too) matches its published schema.
    const all = await hub.events.list({ afterId: 0, limit: 1000 });
    expect(all.some((event) => event.type === 'customer.created')).toBe(true);
    for (const event of all)
      expect(() => EVENT_DATA_SCHEMAS[event.type].parse(event.data), event.type).not.toThrow();
    for (const event of events.filter((e) => e.type === 'order.cancelled'))
      expect(cancelledState.has(Number((event.data as { externalId: string }).externalId))).toBe(true);
  });
});
