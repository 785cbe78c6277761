import { afterAll, beforeAll, expect, it } from 'vitest';

import { DEFAULT_FULL_KEY, DEFAULT_READ_ONLY_KEY, startEmulator, textOf } from '../../src/emulator/index.js';
import { describeEachEngine } from '../support/databases.js';
import { addEmulatorStore } from '../support/emulator-store.js';
import type { Emulator, ServerUnderTest } from './server-harness.js';
import { startTestServer } from './server-harness.js';

/** A key that reads everything but carts. */
const NO_CARTS_KEY = 'PRESTABRIDGEKEYWITHOUTCARTSAPI05';

interface Page {
  source: 'store' | 'hub';
  items: Array<{ id: number; orderId?: number | null; lines?: unknown[] }>;
  next: string | null;
  limit: number;
}

describeEachEngine('API: automation actions', (engine) => {
  let emulator: Emulator;
  let api: ServerUnderTest;

  beforeAll(async () => {
    emulator = await startEmulator({
      port: 0,
      seed: 'small',
      keys: [
        DEFAULT_FULL_KEY,
        `${DEFAULT_READ_ONLY_KEY}:*=GET|HEAD`,
        `${NO_CARTS_KEY}:*=GET|HEAD,carts=HEAD`,
      ],
    });
    api = await startTestServer(engine);
    await addEmulatorStore(api.hub, emulator, 'emu');
    await api.hub.stores.create({
      name: 'read-only',
      url: emulator.url,
      webserviceKey: DEFAULT_READ_ONLY_KEY,
      timeZone: 'Europe/Paris',
      languages: [{ id: 1, iso: 'en' }],
      languageId: 1,
    });
  });
  afterAll(async () => {
    await api.server.close();
    await emulator.close();
  });

  const get = async (url: string): Promise<Page> => {
    const answer = await api.call('GET', url);
    expect(answer.statusCode, answer.body).toBe(200);
    return answer.json<Page>();
  };

  it('pages orders by cursor with the same filters, to a last page whose next is null', async () => {
    const orders = [...emulator.store.records('orders')];
    const customer = textOf(orders[0]!.values.id_customer);
    const expected = orders
      .filter((order) => textOf(order.values.id_customer) === customer)
      .map((order) => order.id)
      .sort((a, b) => a - b);
    const seen: number[] = [];
    let url = `/stores/emu/actions/orders?customer=${customer}&limit=1`;
    for (let pages = 0; pages < 50; pages += 1) {
      const page = await get(url);
      expect(page).toMatchObject({ source: 'store', limit: 1 });
      seen.push(...page.items.map((item) => item.id));
      expect(page.items.every((item) => Array.isArray(item.lines) && item.lines.length > 0)).toBe(true);
      if (page.next === null) break;
      url = `/stores/emu/actions/orders?customer=${customer}&limit=1&cursor=${encodeURIComponent(page.next)}`;
    }
    expect(seen).toEqual(expected);
  });

  it('answers 400 to a cursor sent with other filters, to carts from the hub and to a limit above the ceiling', async () => {
    const page = await get('/stores/emu/actions/products?active=true&limit=2');
    const foreign = await api.call(
      'GET',
      `/stores/emu/actions/products?active=false&cursor=${encodeURIComponent(page.next!)}`,
    );
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json()).toMatchObject({
      error: { code: 'bad-request', message: expect.stringContaining('other filters') as string },
    });
    const carts = await api.call('GET', '/stores/emu/actions/carts?source=hub');
    expect(carts.statusCode).toBe(400);
    expect(carts.json()).toMatchObject({
      error: { message: expect.stringContaining('keeps no carts') as string },
    });
    expect((await api.call('GET', '/stores/emu/actions/products?limit=501')).statusCode).toBe(400);
    expect((await get('/stores/emu/actions/products?limit=500')).items.length).toBe(
      emulator.store.count('products'),
    );
  });

  it('lists abandoned carts, and reads products and orders one by one, saying where from', async () => {
    const ordered = new Set(
      [...emulator.store.records('orders')].map((order) => textOf(order.values.id_cart)),
    );
    const abandoned = [...emulator.store.records('carts')]
      .filter((cart) => !ordered.has(String(cart.id)) && textOf(cart.values.id_customer) !== '0')
      .map((cart) => cart.id);
    const page = await get('/stores/emu/actions/carts?abandoned=true&idleMinutes=30');
    expect(page.items.map((cart) => cart.id)).toEqual(abandoned);
    expect(page.items.every((cart) => cart.orderId === null)).toBe(true);
    expect((await api.call('GET', '/stores/emu/actions/products/1')).json()).toMatchObject({
      source: 'store',
      item: { id: 1 },
    });
    await api.hub.stores.create({
      name: 'no-carts',
      url: emulator.url,
      webserviceKey: NO_CARTS_KEY,
      timeZone: 'Europe/Paris',
      languages: [{ id: 1, iso: 'en' }],
      languageId: 1,
    });
    const refused = await api.call('GET', '/stores/no-carts/actions/carts?abandoned=true');
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({
      error: {
        code: 'missing-permissions',
        message: expect.stringContaining(
          "Listing carts in store 'no-carts' cannot be done: the key lacks GET on carts",
        ) as string,
      },
    });
    expect(refused.body).not.toContain(NO_CARTS_KEY);
    const missing = await api.call('GET', '/stores/emu/actions/orders/999999');
    expect(missing.statusCode).toBe(404);
    expect((await api.call('GET', '/stores/emu/actions/orders/1?source=hub')).statusCode).toBe(404);
    expect((await api.call('GET', '/stores/nope/actions/orders')).statusCode).toBe(404);
  });

  it('sets a state and a tracking number, and says what a read-only key lacks to do it', async () => {
    const state = await api.call('POST', '/stores/emu/actions/orders/3/state', { state: 'Shipped' });
    expect(state.statusCode, state.body).toBe(200);
    expect(state.json()).toMatchObject({
      orderId: 3,
      hubOrderId: null,
      state: { id: 4, name: 'Shipped' },
      delivered: true,
      why: null,
    });
    expect(textOf(emulator.store.get('orders', 3)!.values.current_state)).toBe('4');
    const tracking = await api.call('POST', '/stores/emu/actions/orders/3/tracking', {
      trackingNumber: 'LP-API-1',
    });
    expect(tracking.json()).toMatchObject({ orderId: 3, trackingNumber: 'LP-API-1', delivered: true });

    const refused = await api.call('POST', '/stores/read-only/actions/orders/3/state', { state: 2 });
    expect(refused.statusCode, refused.body).toBe(200);
    expect(refused.json()).toMatchObject({
      delivered: false,
      why: expect.stringContaining('the key lacks POST on order_histories') as string,
    });
    expect(textOf(emulator.store.get('orders', 3)!.values.current_state)).toBe('4');
    const entries = await api.hub.outbox.list({ storeId: (await api.hub.stores.get('read-only')).id });
    expect(entries).toMatchObject([{ kind: 'order_state', target: 'order:3', status: 'pending' }]);
  });
});
