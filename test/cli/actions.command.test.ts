import { afterAll, beforeAll, expect, it } from 'vitest';

import { startEmulator, textOf } from '../../src/emulator/index.js';
import { describeEachEngine } from '../support/databases.js';
import { addEmulatorStore } from '../support/emulator-store.js';
import type { Emulator } from '../sync/orders/support/order-harness.js';
import { runCli } from './hub-cli-harness.js';

interface JsonPage {
  source: string;
  items: Array<{ id: number; orderId?: number | null }>;
  next: string | null;
}

describeEachEngine('prestabridge actions', (engine) => {
  let emulator: Emulator;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
    const hub = await engine.openHub();
    await addEmulatorStore(hub, emulator, 'emu');
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('lists products a page at a time, follows the cursor with --pages, and says when more follow', async () => {
    const total = emulator.store.count('products');
    const first = await runCli(engine, ['actions', 'products', '--store', 'emu', '--limit', '5', '--json']);
    expect(first.code, first.err).toBe(0);
    const page = JSON.parse(first.out) as JsonPage;
    expect(page.source).toBe('store');
    expect(page.items).toHaveLength(5);
    expect(page.next).not.toBeNull();
    const rest = await runCli(engine, [
      'actions',
      'products',
      '--store',
      'emu',
      '--limit',
      '5',
      '--pages',
      '10',
      '--cursor',
      page.next!,
      '--json',
    ]);
    const after = JSON.parse(rest.out) as JsonPage;
    expect(after.next).toBeNull();
    expect([...page.items, ...after.items].map((item) => item.id)).toEqual(
      [...emulator.store.records('products')].map((record) => record.id).sort((a, b) => a - b),
    );
    expect(page.items.length + after.items.length).toBe(total);

    const table = await runCli(engine, ['actions', 'products', '--store', 'emu', '--limit', '2']);
    expect(table.out.split('\n')[0]).toMatch(/^id\s+reference\s+name\s+price\s+active\s+updated$/);
    expect(table.err).toMatch(/2 shown, read from the store; more follow: --pages N, or --cursor \S+/);
  });

  it('lists abandoned carts, sets a state and a tracking number, and refuses a foreign cursor', async () => {
    const ordered = new Set(
      [...emulator.store.records('orders')].map((order) => textOf(order.values.id_cart)),
    );
    const abandoned = [...emulator.store.records('carts')]
      .filter((cart) => !ordered.has(String(cart.id)) && textOf(cart.values.id_customer) !== '0')
      .map((cart) => cart.id);
    const carts = await runCli(engine, ['actions', 'carts', '--store', 'emu', '--abandoned', '--json']);
    expect((JSON.parse(carts.out) as JsonPage).items.map((cart) => cart.id)).toEqual(abandoned);

    const state = await runCli(engine, [
      'actions',
      'set-state',
      '7',
      'Shipped',
      '--store',
      'emu',
      '--no-email',
    ]);
    expect(state.code, state.err).toBe(0);
    expect(state.out).toBe("Store order 7: state 'Shipped' (4) — the store has it.\n");
    expect(textOf(emulator.store.get('orders', 7)!.values.current_state)).toBe('4');

    const tracking = await runCli(engine, [
      'actions',
      'set-tracking',
      '7',
      'LP-CLI-7',
      '--store',
      'emu',
      '--json',
    ]);
    expect(JSON.parse(tracking.out)).toMatchObject({
      orderId: 7,
      trackingNumber: 'LP-CLI-7',
      delivered: true,
    });

    const page = JSON.parse(
      (await runCli(engine, ['actions', 'customers', '--store', 'emu', '--limit', '1', '--json'])).out,
    ) as JsonPage;
    const foreign = await runCli(engine, ['actions', 'orders', '--store', 'emu', '--cursor', page.next!]);
    expect(foreign.code).toBe(2);
    expect(foreign.err).toMatch(/belongs to another listing or other filters/);
    const hubCarts = await runCli(engine, ['actions', 'carts', '--store', 'emu', '--source', 'hub']);
    expect(hubCarts.code).toBe(2);
    expect(hubCarts.err).toMatch(/The hub keeps no carts/);
  });

  it('has help that names every action', async () => {
    const help = await runCli(engine, ['actions', '--help']);
    for (const name of [
      'products',
      'product',
      'orders',
      'order',
      'customers',
      'carts',
      'set-state',
      'set-tracking',
    ])
      expect(help.out).toMatch(new RegExp(`^ {2}${name} `, 'm'));
  });
});
