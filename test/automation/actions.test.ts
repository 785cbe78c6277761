import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  type ActionContext,
  ActionInputError,
  type ActionPage,
  ActionPermissionError,
  getOrder,
  getProduct,
  listCarts,
  listCustomers,
  listOrders,
  listProducts,
  setOrderStateAction,
  setTrackingAction,
} from '../../src/automation/actions/index.js';
import { DEFAULT_FULL_KEY, type EmuRecord, startEmulator, textOf } from '../../src/emulator/index.js';
import { type Hub, NotFoundError, type Store } from '../../src/hub/index.js';
import { findFeed } from '../../src/sync/index.js';
import { describeEachEngine } from '../support/databases.js';
import { addEmulatorStore } from '../support/emulator-store.js';
import { type Emulator, runFeed } from '../sync/orders/support/order-harness.js';

/** Every permission but reading carts: what a key made before abandoned-cart workflows looks like. */
const NO_CARTS_KEY = 'PRESTABRIDGEKEYWITHOUTCARTSRD004';
const NO_CARTS = `${NO_CARTS_KEY}:*=GET|PUT|POST|DELETE|HEAD,carts=HEAD`;

const FAST = { retry: { maxRetries: 0 }, timeoutMs: 10_000 } as const;

/** Every page of a listing, following `next`, with how many pages it took. */
async function allPages<T>(
  read: (cursor: string | undefined) => Promise<ActionPage<T>>,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | undefined;
  let pages = 0;
  for (;;) {
    const page = await read(cursor);
    pages += 1;
    items.push(...page.items);
    if (page.next === null) return { items, pages };
    cursor = page.next;
    if (pages > 100) throw new Error('paging does not end');
  }
}

describeEachEngine('automation actions against the emulator', (engine) => {
  let emulator: Emulator;
  let hub: Hub;
  let store: Store;
  let ctx: ActionContext;

  const records = (resource: string): EmuRecord[] => [...emulator.store.records(resource)];
  const value = (record: EmuRecord, field: string): string => textOf(record.values[field]);
  const idsOf = (items: readonly { id: number }[]): number[] => items.map((item) => item.id);
  const storeGets = (resource: string): number => emulator.requestCounts()[resource]?.GET ?? 0;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small', keys: [DEFAULT_FULL_KEY, NO_CARTS] });
    hub = await engine.openHub();
    store = await addEmulatorStore(hub, emulator, 'emu');
    ctx = { hub, store, clientOverrides: FAST };
  });
  afterAll(async () => {
    await emulator.close();
  });

  describe('products', () => {
    it('pages through every product by cursor, one store request per page, to a last page without next', async () => {
      const before = storeGets('products');
      const { items, pages } = await allPages((cursor) =>
        listProducts(ctx, {}, { limit: 5, ...(cursor === undefined ? {} : { cursor }) }),
      );
      const expected = records('products')
        .map((record) => record.id)
        .sort((a, b) => a - b);
      expect(expected.length).toBeGreaterThan(10);
      expect(idsOf(items)).toEqual(expected);
      expect(pages).toBe(Math.ceil(expected.length / 5));
      expect(storeGets('products') - before).toBe(pages);
    });

    it('answers a product as the store has it: reference, default-language name, 6-place price, flag, UTC date', async () => {
      const record = records('products')[0]!;
      const { source, item } = await getProduct(ctx, record.id);
      expect(source).toBe('store');
      expect(item).toEqual({
        id: record.id,
        reference: value(record, 'reference') || null,
        name: textOf(record.values.name, 1),
        price: expect.stringMatching(/^\d+\.\d{6}$/) as string,
        active: value(record, 'active') === '1',
        updatedAt: new Date(`${value(record, 'date_upd').replace(' ', 'T')}+01:00`).toISOString(),
      });
      await expect(getProduct(ctx, 999_999)).rejects.toThrow(NotFoundError);
    });

    it('filters by reference, by active flag, and by date_upd window', async () => {
      const [first, second, third] = records('products');
      emulator.store.update('products', first!.id, { reference: 'ACT-REF-UNIQUE' });
      emulator.store.update('products', second!.id, { active: '0' });
      emulator.store.update('products', third!.id, { date_upd: '2027-03-01 10:00:00' }, {}, false);

      const byReference = await listProducts(ctx, { reference: 'ACT-REF-UNIQUE' });
      expect(idsOf(byReference.items)).toEqual([first!.id]);

      const inactive = await listProducts(ctx, { active: false });
      const expectedInactive = records('products')
        .filter((record) => value(record, 'active') === '0')
        .map((record) => record.id);
      expect(idsOf(inactive.items)).toEqual(expectedInactive);
      expect(expectedInactive).toContain(second!.id);
      const active = await listProducts(ctx, { active: true }, { limit: 500 });
      expect(active.items.every((product) => product.active)).toBe(true);
      expect(active.items.length + inactive.items.length).toBe(records('products').length);

      // 10:00 in Paris is 09:00 UTC.
      const window = await listProducts(ctx, {
        updatedFrom: '2027-03-01T08:59:59Z',
        updatedTo: '2027-03-01T09:00:00Z',
      });
      expect(window.items).toMatchObject([{ id: third!.id, updatedAt: '2027-03-01T09:00:00.000Z' }]);
      expect((await listProducts(ctx, { updatedFrom: '2027-03-01T09:00:01+00:00' })).items).toEqual([]);
    });

    it('refuses a cursor sent with other filters, and a window that ends before it starts', async () => {
      const page = await listProducts(ctx, { active: true }, { limit: 2 });
      expect(page.next).not.toBeNull();
      await expect(listProducts(ctx, { active: false }, { cursor: page.next! })).rejects.toThrow(
        /belongs to another listing or other filters/,
      );
      await expect(listProducts(ctx, {}, { cursor: 'not-a-cursor' })).rejects.toThrow(ActionInputError);
      await expect(
        listProducts(ctx, { updatedFrom: '2026-12-02T00:00:00Z', updatedTo: '2026-12-01T00:00:00Z' }),
      ).rejects.toThrow(/is after updatedTo/);
      await expect(listProducts(ctx, {}, { limit: 501 })).rejects.toThrow(/from 1 to 500/);
    });
  });

  describe('orders', () => {
    it('pages every order with its lines, as many as the store has', async () => {
      const { items, pages } = await allPages((cursor) =>
        listOrders(ctx, {}, { limit: 7, ...(cursor === undefined ? {} : { cursor }) }),
      );
      const expected = records('orders').sort((a, b) => a.id - b.id);
      expect(idsOf(items)).toEqual(expected.map((record) => record.id));
      expect(pages).toBe(Math.ceil(expected.length / 7));
      for (const [index, order] of items.entries()) {
        const record = expected[index]!;
        expect(order.lines.length, `order ${order.id}`).toBe(record.associations.order_rows?.length);
        expect(order.customerId).toBe(Number(value(record, 'id_customer')));
        expect(order.stateId).toBe(Number(value(record, 'current_state')));
        expect(order.currency).toBe('EUR');
      }
    });

    it('filters by state id, by state name, by customer and by date_upd window', async () => {
      const orders = records('orders');
      const state = Number(value(orders[0]!, 'current_state'));
      const inState = orders.filter((record) => Number(value(record, 'current_state')) === state);
      expect(idsOf((await listOrders(ctx, { states: [String(state)] }, { limit: 500 })).items)).toEqual(
        inState.map((record) => record.id).sort((a, b) => a - b),
      );
      const stateName = textOf(emulator.store.get('order_states', state)!.values.name, 1);
      expect(
        idsOf((await listOrders(ctx, { states: [stateName.toUpperCase()] }, { limit: 500 })).items),
      ).toEqual(inState.map((record) => record.id).sort((a, b) => a - b));
      const other = Number(
        value(
          orders.find((record) => Number(value(record, 'current_state')) !== state)!,
          'current_state',
        ),
      );
      const inEither = orders.filter((record) =>
        [state, other].includes(Number(value(record, 'current_state'))),
      );
      expect(
        (await listOrders(ctx, { states: [String(state), String(other)] }, { limit: 500 })).items.length,
      ).toBe(inEither.length);
      await expect(listOrders(ctx, { states: ['No such state'] })).rejects.toThrow(
        /has no order state 'No such state'/,
      );

      const customer = Number(value(orders[0]!, 'id_customer'));
      const ofCustomer = await listOrders(ctx, { customerId: customer }, { limit: 500 });
      expect(idsOf(ofCustomer.items)).toEqual(
        orders
          .filter((record) => Number(value(record, 'id_customer')) === customer)
          .map((record) => record.id)
          .sort((a, b) => a - b),
      );

      const moved = orders[1]!;
      emulator.store.update('orders', moved.id, { date_upd: '2027-04-01 12:00:00' }, {}, false);
      const window = await listOrders(ctx, {
        updatedFrom: '2027-04-01T10:00:00Z',
        updatedTo: '2027-04-01T11:00:00Z',
      });
      expect(idsOf(window.items)).toEqual([moved.id]);
      expect((await getOrder(ctx, moved.id)).item.updatedAt).toBe('2027-04-01T10:00:00.000Z');
      await expect(getOrder(ctx, 999_999)).rejects.toThrow(/has no order 999999/);
    });
  });

  describe('customers', () => {
    it('filters by e-mail and by active flag, and pages the rest', async () => {
      const customers = records('customers');
      const target = customers[2]!;
      const found = await listCustomers(ctx, { email: value(target, 'email') });
      expect(found.items).toMatchObject([
        { id: target.id, email: value(target, 'email'), firstName: value(target, 'firstname') },
      ]);
      emulator.store.update('customers', customers[3]!.id, { active: '0' });
      const inactive = await listCustomers(ctx, { active: false });
      expect(idsOf(inactive.items)).toEqual(
        [...emulator.store.records('customers')]
          .filter((record) => value(record, 'active') === '0')
          .map((record) => record.id),
      );
      const { items, pages } = await allPages((cursor) =>
        listCustomers(ctx, { active: true }, { limit: 3, ...(cursor === undefined ? {} : { cursor }) }),
      );
      expect(items.length + inactive.items.length).toBe(customers.length);
      // One more record than a page holds is asked for: a full last page already knows it is the last.
      expect(pages).toBe(Math.ceil(items.length / 3));
      await expect(listCustomers(ctx, { email: 'a,b@example.com' })).rejects.toThrow(ActionInputError);

      const moved = customers[4]!;
      emulator.store.update('customers', moved.id, { date_upd: '2027-05-01 08:30:00' }, {}, false);
      const window = await listCustomers(ctx, {
        updatedFrom: '2027-05-01T06:30:00Z',
        updatedTo: '2027-05-01T06:30:00Z',
      });
      expect(window.items).toMatchObject([{ id: moved.id, updatedAt: '2027-05-01T06:30:00.000Z' }]);
    });
  });

  describe('carts', () => {
    /** Carts with a customer and no order: what the shop left abandoned. */
    const abandonedIds = (): number[] => {
      const ordered = new Set(records('orders').map((order) => Number(value(order, 'id_cart'))));
      return records('carts')
        .filter((cart) => !ordered.has(cart.id) && Number(value(cart, 'id_customer')) > 0)
        .map((cart) => cart.id)
        .sort((a, b) => a - b);
    };

    it('joins each cart to the order placed from it, and filters by customer', async () => {
      const { items } = await allPages((cursor) =>
        listCarts(ctx, {}, { limit: 10, ...(cursor === undefined ? {} : { cursor }) }),
      );
      expect(items.length).toBe(records('carts').length);
      for (const order of records('orders')) {
        const cart = items.find((candidate) => candidate.id === Number(value(order, 'id_cart')));
        expect(cart?.orderId, `cart of order ${order.id}`).toBe(order.id);
      }
      expect(items.filter((cart) => cart.orderId === null).map((cart) => cart.id)).toEqual(abandonedIds());
      const customer = items[0]!.customerId!;
      const ofCustomer = await listCarts(ctx, { customerId: customer }, { limit: 500 });
      expect(idsOf(ofCustomer.items)).toEqual(
        items.filter((cart) => cart.customerId === customer).map((cart) => cart.id),
      );
      expect(ofCustomer.items[0]!.lines.length).toBeGreaterThan(0);

      const moved = items[3]!;
      emulator.store.update('carts', moved.id, { date_upd: '2027-06-01 12:00:00' }, {}, false);
      const window = await listCarts(ctx, {
        updatedFrom: '2027-06-01T09:00:00Z',
        updatedTo: '2027-06-01T11:00:00Z',
      });
      expect(idsOf(window.items)).toEqual([moved.id]);
    });

    it('lists abandoned carts only, idle long enough, across pages that sift the store’s carts', async () => {
      const expected = abandonedIds();
      expect(expected.length).toBeGreaterThanOrEqual(2);
      const abandoned = await listCarts(ctx, { abandoned: true }, { limit: 500 });
      expect(idsOf(abandoned.items)).toEqual(expected);
      expect(abandoned.items.every((cart) => cart.orderId === null)).toBe(true);

      const paged = await allPages((cursor) =>
        listCarts(ctx, { abandoned: true }, { limit: 1, ...(cursor === undefined ? {} : { cursor }) }),
      );
      expect(idsOf(paged.items)).toEqual(expected);

      // A cart touched just now is not abandoned yet; an hour later it is.
      const touched = expected[0]!;
      emulator.store.update('carts', touched, { gift: '0' });
      expect(idsOf((await listCarts(ctx, { abandoned: true }, { limit: 500 })).items)).toEqual(
        expected.slice(1),
      );
      const later = { ...ctx, clock: () => new Date(Date.now() + 61 * 60_000) };
      expect(idsOf((await listCarts(later, { abandoned: true }, { limit: 500 })).items)).toEqual(expected);
      expect(
        idsOf((await listCarts(ctx, { abandoned: true, idleMinutes: 0 }, { limit: 500 })).items),
      ).toEqual(expected);
    });

    it('refuses carts from the hub, and names the permission a key without carts lacks', async () => {
      await expect(listCarts(ctx, {}, { source: 'hub' })).rejects.toThrow(/The hub keeps no carts/);
      const limited = await hub.stores.create({
        name: 'no-carts',
        url: emulator.url,
        webserviceKey: NO_CARTS_KEY,
        timeZone: 'Europe/Paris',
        languages: [
          { id: 1, iso: 'en' },
          { id: 2, iso: 'fr' },
        ],
        languageId: 1,
      });
      const refusal = listCarts({ hub, store: limited, clientOverrides: FAST }, { abandoned: true });
      await expect(refusal).rejects.toThrow(ActionPermissionError);
      await expect(refusal).rejects.toThrow(
        "Listing carts in store 'no-carts' cannot be done: the key lacks GET on carts — give the webservice key " +
          "that permission in the store's back office (Advanced Parameters > Webservice).",
      );
      // The same key lists products.
      expect(
        (await listProducts({ hub, store: limited, clientOverrides: FAST }, {})).items.length,
      ).toBeGreaterThan(0);
    });
  });

  describe("the hub's copy", () => {
    beforeAll(async () => {
      for (const feed of ['import-products', 'import-customers', 'import-orders']) {
        const outcome = await runFeed(hub, findFeed(feed), store);
        expect(outcome.run.status, feed).toBe('succeeded');
      }
    });

    it('answers the same as the store, filter for filter, saying where it came from', async () => {
      const compare = async <T>(read: (source: 'store' | 'hub') => Promise<ActionPage<T>>) => {
        const [live, copy] = await Promise.all([read('store'), read('hub')]);
        expect(live.source).toBe('store');
        expect(copy.source).toBe('hub');
        expect(copy.items).toEqual(live.items);
        return live.items;
      };
      expect(
        (await compare((source) => listProducts(ctx, {}, { source, limit: 500 }))).length,
      ).toBeGreaterThan(10);
      await compare((source) => listProducts(ctx, { active: false }, { source }));
      await compare((source) => listProducts(ctx, { reference: 'ACT-REF-UNIQUE' }, { source }));
      expect(
        await compare((source) =>
          listProducts(
            ctx,
            { updatedFrom: '2027-03-01T08:00:00Z', updatedTo: '2027-03-01T10:00:00Z' },
            { source },
          ),
        ),
      ).toHaveLength(1);
      expect((await compare((source) => listOrders(ctx, {}, { source, limit: 500 }))).length).toBe(
        records('orders').length,
      );
      const first = records('orders')[0]!;
      await compare((source) =>
        listOrders(ctx, { states: [value(first, 'current_state')] }, { source, limit: 500 }),
      );
      await compare((source) =>
        listOrders(ctx, { customerId: Number(value(first, 'id_customer')) }, { source, limit: 500 }),
      );
      expect(
        await compare((source) =>
          listOrders(
            ctx,
            { updatedFrom: '2027-04-01T09:00:00Z', updatedTo: '2027-04-01T11:00:00Z' },
            { source },
          ),
        ),
      ).toHaveLength(1);
      expect(
        await compare((source) =>
          listCustomers(
            ctx,
            { updatedFrom: '2027-05-01T06:00:00Z', updatedTo: '2027-05-01T07:00:00Z' },
            { source },
          ),
        ),
      ).toHaveLength(1);
      await compare((source) => listCustomers(ctx, {}, { source, limit: 500 }));
      await compare((source) => listCustomers(ctx, { active: false }, { source }));
      await compare((source) =>
        listCustomers(ctx, { email: value(records('customers')[2]!, 'email') }, { source }),
      );
      expect(await getOrder(ctx, first.id, { source: 'hub' })).toEqual({
        source: 'hub',
        item: (await getOrder(ctx, first.id)).item,
      });
      expect((await getProduct(ctx, records('products')[0]!.id, { source: 'hub' })).source).toBe('hub');
    });

    it('pages the hub copy with the store’s cursors, and makes no store request', async () => {
      const before = emulator.requestCounts();
      const storePage = await listOrders(ctx, {}, { limit: 4 });
      const after = JSON.stringify(emulator.requestCounts());
      const fromHub = await allPages((cursor) =>
        listOrders(ctx, {}, { source: 'hub', limit: 4, cursor: cursor ?? storePage.next! }),
      );
      expect(JSON.stringify(emulator.requestCounts())).toBe(after);
      expect(JSON.stringify(before)).not.toBe(after);
      expect(idsOf([...storePage.items, ...fromHub.items])).toEqual(
        records('orders')
          .map((record) => record.id)
          .sort((a, b) => a - b),
      );
    });
  });

  describe('writes', () => {
    it('sets an imported order’s state by name through the outbox, and the store has it', async () => {
      const order = records('orders').find((record) => value(record, 'current_state') !== '4')!;
      const change = await setOrderStateAction(ctx, order.id, { state: 'shipped', sendEmail: false });
      expect(change).toMatchObject({
        orderId: order.id,
        hubOrderId: expect.any(Number) as number,
        state: { id: 4, name: 'Shipped' },
        delivered: true,
        why: null,
      });
      expect(value(emulator.store.get('orders', order.id)!, 'current_state')).toBe('4');
      const entries = await hub.outbox.list({ storeId: store.id, limit: 50 });
      expect(entries).toContainEqual(
        expect.objectContaining({ kind: 'order_state', target: `order:${order.id}`, status: 'done' }),
      );
    });

    it('sets the state of an order the hub has not imported, still through the outbox', async () => {
      const placed = emulator.store.placeOrder({
        customerId: 1,
        lines: [{ productId: records('products')[0]!.id, quantity: 1 }],
      });
      const change = await setOrderStateAction(ctx, placed.order.id, { state: 2 });
      expect(change).toMatchObject({
        orderId: placed.order.id,
        hubOrderId: null,
        delivered: true,
        state: { id: 2 },
      });
      expect(value(emulator.store.get('orders', placed.order.id)!, 'current_state')).toBe('2');
      const entries = await hub.outbox.list({ storeId: store.id, limit: 50 });
      expect(entries).toContainEqual(
        expect.objectContaining({ kind: 'order_state', target: `order:${placed.order.id}`, status: 'done' }),
      );
      await expect(setOrderStateAction(ctx, 999_999, { state: 2 })).rejects.toThrow(NotFoundError);
      await expect(setOrderStateAction(ctx, placed.order.id, { state: 'No such state' })).rejects.toThrow(
        /has no order state/,
      );
    });

    it("puts a tracking number on the order's carrier row, leaving its state alone", async () => {
      const order = records('orders')[5]!;
      const stateBefore = value(order, 'current_state');
      const change = await setTrackingAction(ctx, order.id, { trackingNumber: ' 3SACT0001 ' });
      expect(change).toMatchObject({
        orderId: order.id,
        trackingNumber: '3SACT0001',
        delivered: true,
        why: null,
      });
      const carrierRows = records('order_carriers').filter(
        (row) => Number(value(row, 'id_order')) === order.id,
      );
      expect(carrierRows.map((row) => value(row, 'tracking_number'))).toContain('3SACT0001');
      expect(value(emulator.store.get('orders', order.id)!, 'current_state')).toBe(stateBefore);
      // Again: nothing to write, delivered all the same.
      const puts = emulator.requestCounts().order_carriers?.PUT ?? 0;
      expect((await setTrackingAction(ctx, order.id, { trackingNumber: '3SACT0001' })).delivered).toBe(true);
      expect(emulator.requestCounts().order_carriers?.PUT ?? 0).toBe(puts);
      await expect(setTrackingAction(ctx, order.id, { trackingNumber: ' ' })).rejects.toThrow(
        ActionInputError,
      );

      // An order without a carrier row cannot hold a number: given up at once, saying why.
      const bare = records('orders')[6]!;
      for (const row of records('order_carriers').filter((row) => Number(value(row, 'id_order')) === bare.id))
        emulator.store.remove('order_carriers', row.id);
      const refused = await setTrackingAction(ctx, bare.id, { trackingNumber: '3SACT0002' });
      expect(refused).toMatchObject({
        delivered: false,
        why: expect.stringContaining('has no carrier row') as string,
      });
      const entries = await hub.outbox.list({ storeId: store.id, kind: 'order_tracking', limit: 50 });
      expect(entries.find((entry) => entry.target === `order:${bare.id}`)?.status).toBe('failed');
    });
  });
});
