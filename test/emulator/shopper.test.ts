import { describe, expect, it } from 'vitest';

import { createEmulatorStore, Shopper, textOf } from '../../src/emulator/index.js';

function currentState(store: ReturnType<typeof createEmulatorStore>, orderId: number): string {
  return textOf(store.get('orders', orderId)?.values.current_state);
}

describe('shopper', () => {
  it('places an order with one to three lines that the store serves like any other', () => {
    const store = createEmulatorStore({ seed: 'small' });
    const before = store.count('orders');
    const [placed] = new Shopper(store, { seed: 1 }).step();
    expect(placed?.kind).toBe('placed');
    expect(store.count('orders')).toBe(before + 1);
    const order = store.get('orders', placed!.orderId)!;
    const rows = order.associations.order_rows ?? [];
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.length).toBeLessThanOrEqual(3);
  });

  it('pays orders waiting for payment on a later step', () => {
    const store = createEmulatorStore({ seed: 'small' });
    // Check payment leaves the order awaiting payment, so the next step settles it.
    const shopper = new Shopper(store, { seed: 7, payShare: 1, cancelShare: 0 });
    let unpaid: number | undefined;
    for (let i = 0; i < 20 && unpaid === undefined; i += 1) {
      const placed = shopper.step().find((action) => action.kind === 'placed');
      if (placed && ['1', '10', '13'].includes(currentState(store, placed.orderId))) unpaid = placed.orderId;
    }
    expect(unpaid).toBeDefined();
    const actions = shopper.step();
    expect(actions).toContainEqual({ kind: 'paid', orderId: unpaid });
    expect(currentState(store, unpaid!)).toBe(store.config('PS_OS_PAYMENT') ?? '2');
  });

  it('carries on after a restart: its step count and the orders it has yet to settle', () => {
    const store = createEmulatorStore({ seed: 'small' });
    const first = new Shopper(store, { seed: 7, payShare: 0, cancelShare: 0 });
    for (let i = 0; i < 20 && first.awaitingPayment.length === 0; i += 1) first.step();
    const waiting = first.awaitingPayment;
    expect(waiting.length).toBeGreaterThan(0);

    // The same store (kept by persistStore), a new process: the shopper resumes from what was saved.
    const resumed = new Shopper(store, {
      seed: 7,
      payShare: 1,
      cancelShare: 0,
      resume: { steps: first.steps, awaitingPayment: waiting },
    });
    const actions = resumed.step();
    expect(resumed.steps).toBe(first.steps + 1);
    for (const orderId of waiting) expect(actions).toContainEqual({ kind: 'paid', orderId });
  });

  it('cancels orders waiting for payment when told to', () => {
    const store = createEmulatorStore({ seed: 'small' });
    const shopper = new Shopper(store, { seed: 3, payShare: 0, cancelShare: 1 });
    const cancelled: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      for (const action of shopper.step()) if (action.kind === 'cancelled') cancelled.push(action.orderId);
    }
    expect(cancelled.length).toBeGreaterThan(0);
    for (const orderId of cancelled)
      expect(currentState(store, orderId)).toBe(store.config('PS_OS_CANCELED') ?? '6');
  });

  it('does the same thing twice from the same seed', () => {
    const run = (): unknown[] => {
      const shopper = new Shopper(createEmulatorStore({ seed: 'small' }), { seed: 42 });
      return Array.from({ length: 5 }, () => shopper.step());
    };
    expect(run()).toEqual(run());
  });

  it('replays its earlier steps on a store rebuilt from the same seed: the same orders again', () => {
    const first = createEmulatorStore({ seed: 'small' });
    const shopper = new Shopper(first, { seed: 5 });
    for (let i = 0; i < 8; i += 1) shopper.step();
    const rebuilt = createEmulatorStore({ seed: 'small' });
    const again = new Shopper(rebuilt, { seed: 5 });
    again.replay(shopper.steps);
    expect(rebuilt.count('orders')).toBe(first.count('orders'));
    for (let id = first.count('orders') - 10; id <= first.count('orders'); id += 1) {
      const a = first.get('orders', id)!;
      const b = rebuilt.get('orders', id)!;
      for (const field of ['reference', 'current_state', 'total_paid', 'id_customer'])
        expect(textOf(b.values[field]), `order ${id} ${field}`).toBe(textOf(a.values[field]));
    }
    // And it goes on from there exactly as the first shopper does.
    expect(again.step()).toEqual(shopper.step());
  });
});
