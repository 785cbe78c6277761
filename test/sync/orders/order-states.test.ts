import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator, textOf } from '../../../src/emulator/index.js';
import type { Hub, Store } from '../../../src/hub/index.js';
import {
  importOrdersFeed,
  OrderStateRules,
  retryOrdersFeed,
  StoreOrderStates,
} from '../../../src/sync/orders/index.js';
import { describeEachEngine } from '../../support/databases.js';
import { addEmulatorStore } from '../../support/emulator-store.js';
import { type Emulator, runFeed } from './support/order-harness.js';

const RULES = {
  orderStates: { '1': 'retry', '8': 'skip', '10': 'retry', '12': 'skip', '13': 'retry', '14': 'retry' },
  orderStateDefault: 'import',
  autoApproveStates: [2, 11],
} as const;

describe('order state rules', () => {
  const states = new StoreOrderStates(
    [
      { id: 2, name: 'Payment accepted', paid: true, shipped: false, delivery: false, deleted: false },
      { id: 4, name: 'Shipped', paid: true, shipped: true, delivery: true, deleted: false },
      { id: 6, name: 'Canceled', paid: false, shipped: false, delivery: false, deleted: false },
      {
        id: 10,
        name: 'Awaiting bank wire payment',
        paid: false,
        shipped: false,
        delivery: false,
        deleted: false,
      },
      { id: 21, name: 'Void', paid: false, shipped: false, delivery: false, deleted: false },
    ],
    { PS_OS_CANCELED: 6, PS_OS_REFUND: 7, PS_OS_ERROR: 21 },
  );
  const rules = new OrderStateRules(
    {
      ...RULES,
      orderStates: { ...RULES.orderStates, '6': 'retry' },
      autoApproveStates: [...RULES.autoApproveStates],
    },
    states,
  );

  it('takes the final states from the store configuration and finds states by id or name', () => {
    expect([6, 7, 21, 8].map((id) => states.isFinal(id))).toEqual([true, true, true, false]);
    expect(states.find(' payment ACCEPTED ')?.id).toBe(2);
    expect(states.find('10')?.name).toBe('Awaiting bank wire payment');
    expect(states.find('Lost')).toBeUndefined();
  });

  it('decides per state, a retry rule on a final state being a skip', () => {
    expect(rules.decide(2)).toEqual({ action: 'import', status: 'approved' });
    expect(rules.decide(4)).toEqual({ action: 'import', status: 'shipped' });
    expect(rules.decide(10)).toMatchObject({ action: 'retry' });
    expect(rules.decide(6)).toEqual({
      action: 'skip',
      reason: "in state 6 'Canceled', a final state (rule retry: nothing left to wait for)",
    });
    expect(rules.retryOutcome(21)).toMatchObject({ action: 'forget' });
    expect(rules.retryOutcome(10)).toEqual({
      action: 'wait',
      reason: "still in state 10 'Awaiting bank wire payment'",
    });
  });
});

describeEachEngine('order state rules and retries against the emulator', (engine) => {
  let emulator: Emulator;
  let hub: Hub;
  let store: Store;
  /** Store order id by the state it was placed in. */
  const placed = new Map<number, number>();
  const clock = { now: new Date() };

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
    hub = await engine.openHub();
    const stateIds = [...emulator.store.records('order_states')].map((state) => state.id);
    expect(stateIds.length).toBeGreaterThanOrEqual(17);
    for (const stateId of stateIds) {
      const { order } = emulator.store.placeOrder({
        customerId: 2 + (stateId % 5),
        lines: [{ productId: 1, quantity: 1 }],
        stateId,
      });
      placed.set(stateId, order.id);
    }
    store = await addEmulatorStore(hub, emulator, 'rules', {
      ...RULES,
      orderStates: { ...RULES.orderStates },
      autoApproveStates: [...RULES.autoApproveStates],
      importOrdersFromId: placed.get(1)!,
    });
  });
  afterAll(async () => emulator.close());

  const standing = async (stateId: number) =>
    (await hub.orders.findByExternalId(store.id, placed.get(stateId)!))?.hubStatus ?? null;

  it('imports, skips or remembers an order in every default state, each entering the hub in the right status', async () => {
    const { report } = await runFeed(hub, importOrdersFeed, store, { clock: () => clock.now });
    const statuses: Record<number, string | null> = {};
    for (const stateId of placed.keys()) statuses[stateId] = await standing(stateId);
    expect(statuses).toEqual({
      1: null, // awaiting check payment: retry
      2: 'approved', // payment accepted: auto-approve
      3: 'pending_approval', // processing
      4: 'shipped', // shipped by the store: nothing left to ship or reserve
      5: 'shipped', // delivered
      6: 'cancelled',
      7: 'cancelled', // refunded
      8: null, // payment error: skip
      9: 'pending_approval', // backorder (paid)
      10: null, // awaiting bank wire: retry
      11: 'approved', // remote payment accepted: auto-approve
      12: null, // backorder (not paid): skip
      13: null, // awaiting cash on delivery: retry
      14: null, // waiting for payment (module state): retry
      15: 'pending_approval',
      16: 'pending_approval',
      17: 'pending_approval',
    });
    expect(report.counts).toMatchObject({ created: 11, skipped: 6 });
    const retries = await hub.orders.dueRetries(store.id, { at: new Date('9999-01-01') });
    expect(
      retries.map((retry) => [Number(retry.externalOrderId), retry.stateId]).sort((a, b) => a[1]! - b[1]!),
    ).toEqual([
      [placed.get(1), 1],
      [placed.get(10), 10],
      [placed.get(13), 13],
      [placed.get(14), 14],
    ]);
    expect(report.skips.map((skip) => skip.reason)).toContain(
      "waiting in state 10 'Awaiting bank wire payment' (rule retry): checked again by retry-orders",
    );
  });

  it('reserves stock for the open orders only, waiting for approval or approved, not shipped or cancelled ones', async () => {
    const approved = await hub.orders.findByExternalId(store.id, placed.get(2)!);
    const variantId = approved!.lines[0]!.variantId!;
    const reserved = await hub.stock.reserved([variantId]);
    // One unit each of the same product: states 2 and 11 entered approved, 3, 9, 15, 16 and 17 wait
    // for approval; 4 and 5 (shipped), 6 and 7 (cancelled) reserve nothing.
    expect(reserved.get(variantId)).toBe(7);
  });

  it('imports a remembered order once paid, forgets a cancelled one, and checks the others again later', async () => {
    emulator.store.payOrder(placed.get(10)!);
    emulator.store.cancelOrder(placed.get(13)!);
    emulator.store.changeOrderState(placed.get(14)!, 12);

    const early = await runFeed(hub, retryOrdersFeed, store, { clock: () => clock.now });
    expect(early.report.counts).toMatchObject({ created: 0, skipped: 0 });

    const later = new Date(clock.now.getTime() + 16 * 60_000);
    const { report } = await runFeed(hub, retryOrdersFeed, store, { clock: () => later });
    expect(report.counts).toMatchObject({ created: 1, skipped: 3 });
    expect(await standing(10)).toBe('approved');
    expect(await standing(13)).toBeNull();
    const left = await hub.orders.dueRetries(store.id, { at: new Date('9999-01-01') });
    expect(left.map((retry) => [Number(retry.externalOrderId), retry.stateId, retry.attempts])).toEqual(
      expect.arrayContaining([
        [placed.get(1), 1, 2],
        [placed.get(14), 12, 2],
      ]),
    );
    expect(left).toHaveLength(2);
    expect(report.skips.map((skip) => skip.reason)).toEqual(
      expect.arrayContaining(["reached state 6 'Canceled', a final state: not imported"]),
    );
    const imported = await hub.orders.findByExternalId(store.id, placed.get(10)!);
    expect(imported?.storeStateId).toBe(2);
    expect(imported?.stateHistory.map((entry) => entry.stateId)).toEqual([10, 2]);
    expect(textOf(emulator.store.get('orders', placed.get(10)!)?.values.current_state)).toBe('2');
  });
});
