import { beforeAll, expect, it } from 'vitest';

import type { Hub, Store } from '../../src/hub/index.js';
import { describeEachEngine } from '../support/databases.js';
import { runCli } from './hub-cli-harness.js';

describeEachEngine('prestabridge stock', (engine) => {
  let hub: Hub;
  let store: Store;
  let mug: number;
  let shirts: number[] = [];
  const cli = (...args: string[]) => runCli(engine, args);

  beforeAll(async () => {
    hub = await engine.openHub();
    store = await hub.stores.create({
      name: 'shop',
      url: 'https://shop.test',
      // Export locations are set once the first test has created them (a setting naming a code
      // the hub lacks is refused).
      settings: { exportFields: { quantity: true, bomQuantity: true } },
    });
    const products = await hub.catalog.upsertProducts(store.id, [
      {
        externalId: 1,
        kind: 'simple',
        name: 'Mug',
        price: '8',
        variants: [{ externalId: '1:0', sku: 'MUG' }],
      },
      {
        externalId: 2,
        kind: 'kit',
        name: 'Mug pair',
        price: '15',
        variants: [{ externalId: '2:0', sku: 'PAIR' }],
      },
      {
        externalId: 3,
        kind: 'simple',
        name: 'Cup',
        price: '5',
        variants: [{ externalId: '3:0', sku: 'TWIN' }],
      },
      {
        externalId: 4,
        kind: 'simple',
        name: 'Cup',
        price: '5',
        variants: [{ externalId: '4:0', sku: 'TWIN' }],
      },
      {
        // As in PrestaShop's demo catalog: the combinations carry their product's reference.
        externalId: 5,
        kind: 'combinations',
        name: 'T-shirt',
        price: '19',
        variants: [
          {
            externalId: '5:1',
            sku: 'demo_1',
            attributes: [
              { name: { en: 'Color' }, value: { en: 'White' } },
              { name: { en: 'Size' }, value: { en: 'S' } },
            ],
          },
          {
            externalId: '5:2',
            sku: 'demo_1',
            attributes: [
              { name: { en: 'Color' }, value: { en: 'White' } },
              { name: { en: 'Size' }, value: { en: 'M' } },
            ],
          },
        ],
      },
    ]);
    shirts = [products.variantIds.get('5:1')!, products.variantIds.get('5:2')!];
    mug = products.variantIds.get('1:0')!;
    await hub.catalog.setKitComponents([
      { kitVariantId: products.variantIds.get('2:0')!, components: [{ variantId: mug, quantity: 2 }] },
    ]);
    await hub.stores.markInitialStockImported(store.id);
  });

  it('adds and lists locations', async () => {
    expect((await cli('stock', 'locations', 'list')).out).toMatch(
      /No locations yet: prestabridge stock locations add/,
    );
    expect((await cli('stock', 'locations', 'add', 'MAIN', '--name', 'Main warehouse')).out).toBe(
      'Location MAIN (Main warehouse, warehouse) saved.\n',
    );
    await cli('stock', 'locations', 'add', 'SHOP', '--name', 'Shop floor', '--kind', 'sales');
    const listed = await cli('stock', 'locations', 'list', '--json');
    expect(JSON.parse(listed.out)).toMatchObject([
      { code: 'MAIN', name: 'Main warehouse', kind: 'warehouse' },
      { code: 'SHOP', name: 'Shop floor', kind: 'sales' },
    ]);
    store = await hub.stores.update(store.id, { settings: { stockExportLocations: ['MAIN', 'SHOP'] } });
  });

  it('adjusts stock with a reason, queues the new quantity for the store, and keeps it in the ledger', async () => {
    const added = await cli('stock', 'adjust', 'MUG', 'MAIN', '+7', '--reason', 'delivery');
    expect(added).toMatchObject({ code: 0, err: '' });
    expect(added.out).toBe(
      'MUG at MAIN: on hand 7. New quantity queued for 2 store variant(s); export-stock pushes it.\n',
    );
    const removed = await cli('stock', 'adjust', 'MUG', 'MAIN', '-2', '--reason', 'broken', '--json');
    expect(JSON.parse(removed.out)).toEqual({
      sku: 'MUG',
      location: 'MAIN',
      onHand: 5,
      changed: true,
      queued: 2,
    });
    expect((await hub.stock.movements(mug))[0]).toMatchObject({
      kind: 'adjustment',
      quantity: -2,
      note: 'broken',
    });
    const queued = await hub.outbox.list({ storeId: store.id, kind: 'stock' });
    // The mug, and the kit of two mugs.
    const payloads = queued.map((entry) => entry.payload as { externalId: string; quantity: number });
    expect(payloads.sort((a, b) => a.externalId.localeCompare(b.externalId))).toEqual([
      { variantId: mug, externalId: '1:0', quantity: 5 },
      expect.objectContaining({ externalId: '2:0', quantity: 2 }),
    ]);
  });

  it('sets a counted quantity as the difference', async () => {
    const { out } = await cli('stock', 'set', 'MUG', 'SHOP', '3', '--reason', 'inventory');
    expect(out).toMatch(/^MUG at SHOP: on hand 3\./);
    expect((await hub.stock.movements(mug))[0]).toMatchObject({
      quantity: 3,
      note: 'inventory',
      reference: null,
    });
    expect((await cli('stock', 'set', 'MUG', 'SHOP', '3')).out).toBe('MUG at SHOP: unchanged (3).\n');
  });

  it('lists on hand per location, reserved and sellable per store', async () => {
    const table = await cli('stock', 'list');
    expect(table.out.split('\n')[0]).toMatch(/^sku\s+name\s+on hand\s+reserved\s+sellable$/);
    expect(table.out).toMatch(/MUG\s+Mug\s+MAIN 5, SHOP 3\s+0\s+shop 8/);
    const [item] = JSON.parse((await cli('stock', 'list', '--sku', 'PAIR', '--json')).out) as unknown[];
    expect(item).toMatchObject({
      sku: 'PAIR',
      kit: true,
      onHand: [],
      reserved: 0,
      sellable: [{ store: 'shop', quantity: 4 }],
    });
    expect(JSON.parse((await cli('stock', 'list', '--location', 'SHOP', '--json')).out)).toHaveLength(1);
  });

  it('names variants by hub id (id:N) and by the SKUs the hub derived for shared or missing references', async () => {
    // Two products with one reference, combinations carrying their product's: each variant got a SKU of its own.
    const twins = await hub.stock.variantsBySku('TWIN');
    expect(twins).toHaveLength(1);
    const [white, medium] = (await hub.catalog.variants(shirts)).values();
    expect([white?.sku, medium?.sku]).toEqual(['demo_1-White-S', 'demo_1-White-M']);
    expect([white?.skuDerived, medium?.skuDerived]).toEqual([true, true]);
    const bySku = await cli('stock', 'adjust', 'demo_1-White-S', 'MAIN', '+2', '--reason', 'delivery');
    expect(bySku.out).toMatch(/^demo_1-White-S at MAIN: on hand 2\./);
    // A variant the store gives no reference at all is adjusted by its id.
    const bare = await hub.catalog.upsertProducts(store.id, [
      { externalId: 6, kind: 'simple', name: 'Plain cup', price: '4', variants: [{ externalId: '6:0' }] },
    ]);
    const plain = bare.variantIds.get('6:0')!;
    const byId = await cli('stock', 'adjust', `id:${plain}`, 'MAIN', '+4', '--reason', 'delivery', '--json');
    expect(byId.code).toBe(0);
    expect(JSON.parse(byId.out)).toMatchObject({ sku: `id:${plain}`, onHand: 4, queued: 1 });
    expect(await hub.stock.onHand([plain])).toEqual([{ variantId: plain, location: 'MAIN', onHand: 4 }]);
    const listed = JSON.parse(
      (await cli('stock', 'list', '--sku', `id:${plain}`, '--json')).out,
    ) as unknown[];
    expect(listed).toMatchObject([{ variantId: plain, sku: `V${plain}` }]);
    expect((await cli('stock', 'adjust', '--help')).out).toContain('id:N for the hub variant id');
  });

  it('refuses what it cannot do, saying why', async () => {
    expect(await cli('stock', 'adjust', 'NOPE', 'MAIN', '1', '--reason', 'x')).toMatchObject({
      code: 2,
      err: "prestabridge: No variant has the SKU 'NOPE'. Look it up with: prestabridge products list --search NOPE\n",
    });
    expect((await cli('stock', 'adjust', 'PAIR', 'MAIN', '1', '--reason', 'x')).err).toMatch(
      /'PAIR' is a kit: its stock is computed from its components/,
    );
    expect(await cli('stock', 'adjust', 'id:999999', 'MAIN', '1', '--reason', 'x')).toMatchObject({
      code: 2,
      err: 'prestabridge: No variant has the id 999999. Look it up with: prestabridge products list\n',
    });
    expect((await cli('stock', 'adjust', 'MUG', 'ATTIC', '1', '--reason', 'x')).err).toMatch(
      /No location with code 'ATTIC'. Create it first: prestabridge locations add ATTIC --name NAME --kind warehouse\|sales/,
    );
    const zero = await cli('stock', 'adjust', 'MUG', 'MAIN', '0', '--reason', 'x');
    expect(zero.code).toBe(2);
    expect(zero.err).toMatch(/expected a whole number other than 0/);
    expect((await cli('stock', 'adjust', 'MUG', 'MAIN', '1')).err).toMatch(/--reason <text>/);
  });
});
