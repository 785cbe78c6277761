import { afterAll, beforeAll, expect, it } from 'vitest';

import { startEmulator, textOf } from '../../src/emulator/index.js';
import type { Hub, Store } from '../../src/hub/index.js';
import { FeedRunner } from '../../src/jobs/index.js';
import { importOrdersFeed } from '../../src/sync/orders/index.js';
import { describeEachEngine } from '../support/databases.js';
import { runCli } from './hub-cli-harness.js';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

describeEachEngine('prestabridge orders', (engine) => {
  let emulator: Emulator;
  let hub: Hub;
  let store: Store;
  /** Store order ids: one paid (approved in the hub), one awaiting payment. */
  const ids = { paid: 0, awaiting: 0 };
  const cli = (...args: string[]) => runCli(engine, args);

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
    hub = await engine.openHub();
    ids.paid = emulator.store.placeOrder({
      customerId: 2,
      lines: [
        { productId: 1, quantity: 2 },
        { productId: 10, combinationId: 17, quantity: 1 },
      ],
      stateId: 2,
    }).order.id;
    ids.awaiting = emulator.store.placeOrder({
      customerId: 3,
      lines: [{ productId: 1, quantity: 1 }],
      stateId: 10,
    }).order.id;
    store = await hub.stores.create({
      name: 'shop',
      url: emulator.url,
      webserviceKey: emulator.keys[0]!,
      timeZone: 'Europe/Paris',
      settings: {
        autoApproveStates: [2],
        importOrdersFromId: ids.paid,
        shipmentStates: { full: 4, partial: 3 },
      },
      defaultLocations: true,
    });
    const { run } = await new FeedRunner({ hub, clientOverrides: { retry: { maxRetries: 0 } } }).run({
      feed: importOrdersFeed,
      store,
      trigger: 'manual',
    });
    expect(run.status).toBe('succeeded');
  });
  afterAll(async () => emulator.close());

  const hubId = async (storeOrderId: number) =>
    (await hub.orders.findByExternalId(store.id, storeOrderId))!.id;

  it('lists one row per order with store, ids, customer, statuses, total and lines', async () => {
    const { code, out } = await cli('orders', 'list', '--store', 'shop');
    expect(code).toBe(0);
    const [header, ...rows] = out.trim().split('\n');
    expect(header).toMatch(
      /^id\s+store\s+order\s+reference\s+customer\s+status\s+state\s+total paid\s+lines$/,
    );
    expect(rows).toHaveLength(2);
    const paid = emulator.store.get('orders', ids.paid)!;
    const total = Number(textOf(paid.values.total_paid_tax_incl)).toFixed(2);
    expect(rows[1]).toMatch(
      new RegExp(
        `^\\s*\\d+\\s+shop\\s+${ids.paid}\\s+${textOf(paid.values.reference)}\\s+.+\\s+approved\\s+2\\s+${total} EUR\\s+2$`,
      ),
    );
    expect(rows[0]).toMatch(/pending_approval\s+10\s+/);

    const json = await cli('orders', 'list', '--status', 'approved', '--json');
    const listed = JSON.parse(json.out) as Array<{ externalId: string; store: string; lineCount: number }>;
    expect(listed.map((row) => [row.externalId, row.store, row.lineCount])).toEqual([
      [String(ids.paid), 'shop', 2],
    ]);
  });

  it('shows an order with its lines, by hub id or by store order id', async () => {
    const byStore = await cli('orders', 'show', String(ids.paid), '--store', 'shop');
    expect(byStore.code).toBe(0);
    expect(byStore.out).toContain(`shop, order ${ids.paid}, reference`);
    expect(byStore.out).toMatch(/^status\s+approved$/m);
    expect(byStore.out).toMatch(/^Lines$/m);
    expect(byStore.out).toMatch(/^1\s+product\s+PB-000001\s+.+\s+2\s+0\s+20\.28\s+16\.90$/m);
    expect(byStore.out).toMatch(/^3\s+shipping\s+Shipping: My carrier\s+1\s+0\s+8\.40\s+7\.00$/m);
    const byHub = await cli('orders', 'show', String(await hubId(ids.paid)), '--json');
    const shown = JSON.parse(byHub.out) as {
      externalId: string;
      lines: Array<{ kind: string }>;
      store: string;
    };
    expect(shown).toMatchObject({ externalId: String(ids.paid), store: 'shop' });
    expect(shown.lines.map((line) => line.kind)).toEqual(['product', 'product', 'shipping']);
    const missing = await cli('orders', 'show', '999999', '--store', 'shop');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("Store 'shop' has no order 999999 in the hub.");
  });

  it('ships part of an order then the rest, telling the store each time', async () => {
    const partial = await cli('orders', 'ship', String(ids.paid), '--store', 'shop', '--lines', '1:1');
    expect(partial.code).toBe(0);
    expect(partial.out).toContain('1 item(s), order now partially shipped.');
    expect(partial.out).toContain('Store: told (tracking number and shipment state).');
    expect(textOf(emulator.store.get('orders', ids.paid)?.values.current_state)).toBe('3');

    const rest = await cli(
      'orders',
      'ship',
      String(ids.paid),
      '--store',
      'shop',
      '--tracking',
      'LP42FR',
      '--carrier',
      'La Poste',
    );
    expect(rest.code).toBe(0);
    expect(rest.out).toContain('2 item(s), order now shipped.');
    expect(textOf(emulator.store.get('orders', ids.paid)?.values.current_state)).toBe('4');
    expect(textOf(emulator.store.get('orders', ids.paid)?.values.shipping_number)).toBe('LP42FR');

    const again = await cli('orders', 'ship', String(ids.paid), '--store', 'shop');
    expect(again.code).toBe(2);
    expect(again.err).toContain('is shipped: only approved or partially shipped orders can ship.');
  });

  it('approves an order waiting for approval, and moves an order to a store state by name', async () => {
    const approve = await cli('orders', 'approve', String(ids.awaiting), '--store', 'shop');
    expect(approve.out).toBe('Approved 1 of 1 order(s) (the others were not waiting for approval).\n');
    expect((await hub.orders.findByExternalId(store.id, ids.awaiting))?.hubStatus).toBe('approved');

    const moved = await cli(
      'orders',
      'set-state',
      String(ids.awaiting),
      'payment accepted',
      '--store',
      'shop',
    );
    expect(moved.code).toBe(0);
    expect(moved.out).toMatch(/^Store order \d+ \(\w+\) of shop is now 'Payment accepted' \(2\)\.$/m);
    expect(textOf(emulator.store.get('orders', ids.awaiting)?.values.current_state)).toBe('2');

    // A store that cannot send e-mail makes the change and answers 500, code 46: said as such.
    emulator.faults.update({ mailBroken: true });
    const noMail = await cli('orders', 'set-state', String(ids.awaiting), '3', '--store', 'shop', '--email');
    emulator.faults.update({ mailBroken: false });
    expect(noMail.code).toBe(0);
    expect(noMail.out).toMatch(
      new RegExp(
        `^Store order ${ids.awaiting} \\(\\w+\\) of shop is now 'Processing in progress' \\(3\\)\\. Warning: the store changed ` +
          `the state of order ${ids.awaiting} to 3 but could not send the e-mail \\(code 46\\): check its mail settings`,
        'm',
      ),
    );
    expect(noMail.out).not.toContain('queued');
    expect(textOf(emulator.store.get('orders', ids.awaiting)?.values.current_state)).toBe('3');

    const unknown = await cli('orders', 'set-state', String(ids.awaiting), 'Lost at sea', '--store', 'shop');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain(
      "Store 'shop' has no order state 'Lost at sea'. Its states: 1 Awaiting check payment",
    );
  });

  it('never only queues in silence: a confirmation not sent now says why and when it leaves; a partial one names the partial state', async () => {
    const placed = emulator.store.placeOrder({
      customerId: 4,
      lines: [
        { productId: 1, quantity: 2 },
        { productId: 10, combinationId: 17, quantity: 1 },
      ],
      stateId: 2,
    }).order.id;
    const { run } = await new FeedRunner({ hub, clientOverrides: { retry: { maxRetries: 0 } } }).run({
      feed: importOrdersFeed,
      store,
      trigger: 'manual',
    });
    expect(run.status).toBe('succeeded');
    const state = () => textOf(emulator.store.get('orders', placed)?.values.current_state);

    // A store without a stock location is refused, with the fix, and nothing is shipped.
    await hub.stores.update(store.id, { settings: { defaults: { stockLocation: null } } });
    const unlocated = await cli('orders', 'ship', String(placed), '--store', 'shop', '--lines', '1:1');
    expect(unlocated.code).toBe(2);
    expect(unlocated.err).toContain("Store 'shop' has no stock location, so shipping order");
    expect(unlocated.err).toContain('prestabridge stores set shop defaults.stockLocation=CODE');
    const local = (await hub.orders.findByExternalId(store.id, placed))!;
    expect(local.hubStatus).toBe('approved');

    // No partial-shipment state: the advice names that setting, not the full one. --from names the location.
    const firstVariant = local.lines.find((line) => line.lineNo === 1)!.variantId!;
    const atMain = async () =>
      (await hub.stock.onHand([firstVariant])).find((level) => level.location === 'MAIN')?.onHand ?? 0;
    const before = await atMain();
    await hub.stores.update(store.id, { settings: { shipmentStates: { full: 4, partial: null } } });
    const partial = await cli(
      'orders',
      'ship',
      String(placed),
      '--store',
      'shop',
      '--lines',
      '1:1',
      '--from',
      'MAIN',
    );
    expect(partial.code).toBe(0);
    expect(await atMain()).toBe(before - 1);
    expect(partial.out).toContain(
      'Store: not told: no partial-shipment state configured, so the store order keeps its state ' +
        '(prestabridge stores set shop shipmentStates.partial=ID).',
    );
    expect(state()).toBe('2');

    await hub.stores.update(store.id, { settings: { shipmentStates: { partial: 3 } } });
    // Without the secret the key cannot be read: queued, and the line says so and when it is sent.
    const noSecret = await runCli(
      engine,
      ['orders', 'ship', String(placed), '--store', 'shop', '--lines', '2', '--no-stock'],
      {
        env: { PRESTABRIDGE_SECRET: undefined },
      },
    );
    expect(noSecret.code).toBe(0);
    expect(noSecret.out).toContain(
      "Store: confirmation queued, not sent now (PRESTABRIDGE_SECRET is not set, so the store's key cannot be read here): " +
        '`prestabridge serve` does not send it while the store does not export (export.enabled=false): ' +
        'send it with `prestabridge sync run shipping-confirmation --store shop`, or turn export on ' +
        '(`prestabridge stores set shop export.enabled=true`).',
    );
    expect(state()).toBe('2');
    // --no-send on an exporting store: serve sends it.
    await hub.stores.update(store.id, {
      settings: { export: { enabled: true }, defaults: { stockLocation: 'MAIN' } },
    });
    const held = await cli('orders', 'ship', String(placed), '--store', 'shop', '--no-send');
    expect(held.code).toBe(0);
    expect(held.out).toContain(
      'Store: confirmation queued, not sent now (asked with --no-send): `prestabridge serve` sends it within ' +
        'seconds while it runs; or send it now with `prestabridge sync run shipping-confirmation --store shop`.',
    );
    expect(state()).toBe('2');
    const sent = await cli('sync', 'run', 'shipping-confirmation', '--store', 'shop');
    expect(sent.code).toBe(0);
    expect(state()).toBe('4');
  });
});
