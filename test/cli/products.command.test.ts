import { beforeAll, expect, it } from 'vitest';

import type { Hub, Product, ProductRecord, VariantListItem } from '../../src/hub/index.js';
import { describeEachEngine } from '../support/databases.js';
import { runCli } from './hub-cli-harness.js';

function shirt(id: number, price: string): ProductRecord {
  return {
    externalId: id,
    kind: 'combinations',
    name: `Shirt ${id}`,
    names: { en: `Shirt ${id}`, fr: `Chemise ${id}` },
    reference: `SH-${id}`,
    price,
    family: 'SHIRTS',
    variants: [
      {
        externalId: `${id}:1`,
        sku: `SH-${id}-S`,
        barcode: `40000000${id}01`,
        attributes: [{ name: { en: 'Size' }, value: { en: 'S' } }],
      },
      {
        externalId: `${id}:2`,
        sku: `SH-${id}-M`,
        barcode: `40000000${id}02`,
        priceImpact: '1.5',
        attributes: [{ name: { en: 'Size' }, value: { en: 'M' } }],
      },
    ],
  };
}

const mug: ProductRecord = {
  externalId: 30,
  kind: 'simple',
  name: 'Mug',
  price: '9.166667',
  variants: [{ externalId: '30:0', sku: 'MUG' }],
};

describeEachEngine('prestabridge products list', (engine) => {
  let hub: Hub;
  const cli = (...args: string[]) => runCli(engine, ['products', 'list', ...args]);
  beforeAll(async () => {
    hub = await engine.openHub();
    const fr = await hub.stores.create({ name: 'shop-fr', url: 'https://fr.test' });
    const de = await hub.stores.create({ name: 'shop-de', url: 'https://de.test' });
    await hub.masterData.upsert('families', [{ code: 'SHIRTS', name: 'Shirts' }]);
    const { variantIds } = await hub.catalog.upsertProducts(fr.id, [shirt(11, '23.900000'), mug]);
    // The same shirt sold in a second store: its variants are bound to both.
    await hub.bindings.upsert(de.id, 'variants', [
      { externalId: '7:1', localId: variantIds.get('11:1')! },
      { externalId: '7:2', localId: variantIds.get('11:2')! },
    ]);
  });

  it('prints one row per variant: SKU, barcode, name, price excl. tax, family, stores', async () => {
    const { code, out } = await cli();
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^id\s+sku\s+barcode\s+name\s+price\s+family\s+stores$/);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(
        /^id:\d+\s+SH-11-S\s+400000001101\s+Shirt 11 - S\s+23\.90\s+SHIRTS\s+shop-fr, shop-de$/,
      ),
      expect.stringMatching(
        /^id:\d+\s+SH-11-M\s+400000001102\s+Shirt 11 - M\s+25\.40\s+SHIRTS\s+shop-fr, shop-de$/,
      ),
      expect.stringMatching(/^id:\d+\s+MUG\s+Mug\s+9\.166667\s+shop-fr$/),
    ]);
  });

  it('filters by store and by text', async () => {
    const de = await cli('--store', 'shop-de');
    expect(de.out).toContain('SH-11-M');
    expect(de.out).not.toContain('MUG');
    const search = await cli('--search', 'mu');
    expect(search.out.trimEnd().split('\n')).toHaveLength(2);
    expect(search.out).toContain('MUG');
    const none = await cli('--search', 'nothing like this');
    expect(none.out).toBe('No products match.\n');
    const unknown = await cli('--store', 'nope');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain("No store named 'nope'");
  });

  it('--limit stops at that many rows and says there may be more', async () => {
    const { out, err } = await cli('--limit', '2');
    expect(out.trimEnd().split('\n')).toHaveLength(3);
    expect(err).toContain('2 rows shown; there may be more');
  });

  it('--json prints an array with every field, prices as decimal strings', async () => {
    const { code, out } = await cli('--json');
    expect(code).toBe(0);
    const rows = JSON.parse(out) as Array<VariantListItem & { stores: string[] }>;
    const stores = await hub.stores.list();
    const id = (name: string): number => stores.find((store) => store.name === name)!.id;
    expect(rows).toHaveLength(3);
    expect(rows[1]).toMatchObject({
      sku: 'SH-11-M',
      barcode: '400000001102',
      name: 'Shirt 11 - M',
      price: '25.400000',
      family: 'SHIRTS',
      active: true,
      storeIds: [id('shop-fr'), id('shop-de')].sort((a, b) => a - b),
    });
    expect(rows[1]!.stores.sort()).toEqual(['shop-de', 'shop-fr']);
    expect(rows[2]).toMatchObject({ sku: 'MUG', barcode: null, family: null, price: '9.166667' });
  });
});

describeEachEngine('prestabridge products add, set and show', (engine) => {
  let hub: Hub;
  const cli = (...args: string[]) => runCli(engine, ['products', ...args]);
  beforeAll(async () => {
    hub = await engine.openHub();
    await hub.masterData.upsert('families', [{ code: 'MUGS', name: 'Mugs' }]);
  });

  it('creates a hub product with variants, derived SKUs marked, and a kit of it', async () => {
    const added = await cli(
      'add',
      '--name',
      'Mug',
      '--reference',
      'MUG',
      '--price',
      '9.90',
      '--family',
      'MUGS',
      '--variant',
      'sku=MUG-RED,barcode=2000000000992,Color=Red',
      '--variant',
      'Color=Blue,price=0.50',
      '--json',
    );
    expect(added).toMatchObject({ code: 0, err: '' });
    const mug = JSON.parse(added.out) as Product;
    expect(mug).toMatchObject({ kind: 'combinations', family: 'MUGS', price: '9.900000' });
    expect(
      mug.variants.map(({ sku, skuDerived, priceImpact }) => ({ sku, skuDerived, priceImpact })),
    ).toEqual([
      { sku: 'MUG-RED', skuDerived: false, priceImpact: '0.000000' },
      { sku: 'MUG-Blue', skuDerived: true, priceImpact: '0.500000' },
    ]);
    const shown = await cli('show', String(mug.id));
    expect(shown.out).toMatch(/^product\s+\d+ Mug$/m);
    expect(shown.out).toMatch(
      new RegExp(`^id:${mug.variants[1]!.id}\\s+MUG-Blue\\*\\s+Color=Blue\\s+0\\.50\\s+yes$`, 'm'),
    );
    expect(shown.out).toContain('* SKU derived by the hub');

    const kit = await cli(
      'add',
      '--name',
      'Two mugs',
      '--reference',
      'MUG-2',
      '--price',
      '18',
      '--component',
      'MUG-RED:2',
      '--json',
    );
    const pair = JSON.parse(kit.out) as Product;
    expect(pair.kind).toBe('kit');
    expect(await hub.catalog.kitComponents(pair.variants[0]!.id)).toEqual([
      { variantId: mug.variants[0]!.id, quantity: 2 },
    ]);
    const listed = await runCli(engine, ['products', 'list', '--search', 'mug']);
    expect(listed.out).toMatch(/^id:\d+\s+MUG-Blue\*\s+Mug - Blue/m);
    expect(listed.out).toMatch(/\* SKU derived by the hub/);
  });

  it('edits a product: fields, variants by id, a new variant', async () => {
    const [mug] = (await hub.catalog.listVariants({ search: 'MUG-RED' })).map((row) => row.productId);
    const before = await hub.catalog.getProduct(mug!);
    const red = before.variants[0]!.id;
    const blue = before.variants[1]!.id;
    const set = await cli(
      'set',
      String(mug),
      '--price',
      '10.50',
      '--variant',
      `id=${red},barcode=2000000001005`,
      '--variant',
      `id=${blue}`,
      '--variant',
      'sku=MUG-GREEN,Color=Green',
      '--json',
    );
    expect(set.code).toBe(0);
    const after = JSON.parse(set.out) as Product;
    expect(after.price).toBe('10.500000');
    expect(after.variants.map(({ id, sku, barcode }) => ({ id, sku, barcode }))).toEqual([
      { id: red, sku: 'MUG-RED', barcode: '2000000001005' },
      { id: blue, sku: 'MUG-Blue', barcode: null },
      { id: expect.any(Number) as number, sku: 'MUG-GREEN', barcode: null },
    ]);
    expect(await cli('set', String(mug))).toMatchObject({
      code: 2,
      err: expect.stringContaining('Nothing to change') as string,
    });
    expect((await cli('set', String(mug), '--family', 'NOPE')).err).toMatch(/no family with code 'NOPE'/);
    expect((await cli('set', '99999', '--price', '1')).err).toMatch(/No product with id 99999/);
  });
});
