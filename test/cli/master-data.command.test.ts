import { beforeAll, expect, it } from 'vitest';

import type { Hub } from '../../src/hub/index.js';
import { describeEachEngine } from '../support/databases.js';
import { runCli } from './hub-cli-harness.js';

describeEachEngine('prestabridge master data commands', (engine) => {
  let hub: Hub;
  const cli = (...args: string[]) => runCli(engine, args);

  beforeAll(async () => {
    hub = await engine.openHub();
    await hub.stores.create({ name: 'shop', url: 'https://shop.test' });
  });

  it('adds, lists, renames and archives shipping methods, and a store may then map carriers to them', async () => {
    expect((await cli('shipping-methods', 'list')).out).toBe(
      'No shipping method records in use yet: prestabridge shipping-methods add CODE --name NAME\n',
    );
    const refused = await cli('stores', 'set', 'shop', 'carriers.12=POSTNL', 'payments.ps_wirepayment=WIRE');
    expect(refused.code).toBe(2);
    expect(refused.err).toBe(
      "prestabridge: Invalid settings: carriers.12 names shipping method 'POSTNL', which the hub lacks: create it with " +
        '`prestabridge shipping-methods add POSTNL --name NAME`; payments.ps_wirepayment names payment method ' +
        "'WIRE', which the hub lacks: create it with `prestabridge payment-methods add WIRE --name NAME`\n",
    );
    expect((await hub.stores.get('shop')).settings.carriers).toEqual({});

    expect((await cli('shipping-methods', 'add', 'POSTNL', '--name', 'PostNL')).out).toBe(
      'Added shipping method POSTNL (PostNL).\n',
    );
    expect((await cli('payment-methods', 'add', 'WIRE', '--name', 'Wire transfer')).code).toBe(0);
    const saved = await cli('stores', 'set', 'shop', 'carriers.12=POSTNL', 'payments.ps_wirepayment=WIRE');
    expect(saved.code, saved.err).toBe(0);
    expect((await hub.stores.get('shop')).settings.carriers).toEqual({ '12': 'POSTNL' });

    expect((await cli('shipping-methods', 'set', 'POSTNL', '--name', 'PostNL parcels')).out).toBe(
      'Updated shipping method POSTNL (PostNL parcels).\n',
    );
    const again = await cli('shipping-methods', 'add', 'POSTNL', '--name', 'Other');
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already has a shipping method 'POSTNL'/);

    expect((await cli('shipping-methods', 'archive', 'POSTNL')).out).toBe(
      "Archived shipping method POSTNL: what uses it keeps it; settings saved from now on may not name it.\n  store 'shop' still names it in carriers.12\n",
    );
    expect((await cli('shipping-methods', 'list')).out).toMatch(/^No shipping method records in use yet/);
    const all = JSON.parse((await cli('shipping-methods', 'list', '--all', '--json')).out) as unknown;
    expect(all).toMatchObject([
      { code: 'POSTNL', name: 'PostNL parcels', archivedAt: expect.any(String) as string },
    ]);
    const archivedRefused = await cli('stores', 'set', 'shop', 'carriers.13=POSTNL');
    expect(archivedRefused.err).toMatch(
      /which is archived: bring it back with `prestabridge shipping-methods archive POSTNL --undo`/,
    );
    expect((await cli('shipping-methods', 'archive', 'POSTNL', '--undo')).out).toBe(
      'Restored shipping method POSTNL: settings may name it again.\n',
    );

    // The journal's account maps name the payment method too (a save does not check them).
    await hub.stores.update('shop', { settings: { journal: { paymentAccounts: { WIRE: '512100' } } } });
    expect((await cli('payment-methods', 'archive', 'WIRE')).out).toMatch(
      /still names it in payments\.ps_wirepayment, journal\.paymentAccounts\.WIRE\n$/,
    );
  });

  it('keeps tax rates, families, locations, units and accounts with their own fields', async () => {
    expect(
      (await cli('tax-rates', 'add', 'VAT21', '--name', 'VAT 21 %', '--rate', '21', '--country', 'NL')).out,
    ).toBe('Added tax rate VAT21 (VAT 21 %, rate % 21, country NL).\n');
    const noRate = await cli('tax-rates', 'add', 'VAT9', '--name', 'VAT 9 %');
    expect(noRate.code).toBe(2);
    expect(noRate.err).toMatch(/--rate <percent>/);
    await cli('families', 'add', 'CLOTHES', '--name', 'Clothes');
    expect((await cli('families', 'add', 'SHIRTS', '--name', 'Shirts', '--parent', 'CLOTHES')).out).toBe(
      'Added family SHIRTS (Shirts, parent CLOTHES).\n',
    );
    const loop = await cli('families', 'set', 'CLOTHES', '--parent', 'SHIRTS');
    expect(loop.code).toBe(2);
    expect(loop.err).toMatch(/cannot have 'SHIRTS' as parent/);
    expect((await cli('locations', 'add', 'WEB', '--name', 'Web shop', '--kind', 'sales')).out).toBe(
      'Added location WEB (Web shop, kind sales).\n',
    );
    expect((await cli('units', 'add', 'PCS', '--name', 'Pieces')).code).toBe(0);
    expect((await cli('accounts', 'add', '512000', '--name', 'Bank', '--kind', 'bank')).code).toBe(0);
    const noKind = await cli('accounts', 'add', '706000', '--name', 'Sales');
    expect(noKind.code).toBe(2);
    expect((await cli('accounts', 'list')).out).toBe('code    name  kind\n512000  Bank  bank\n');
    const listed = JSON.parse((await cli('families', 'list', '--json')).out) as unknown;
    expect(listed).toMatchObject([
      { code: 'CLOTHES', parentCode: null },
      { code: 'SHIRTS', parentCode: 'CLOTHES' },
    ]);
    const nothing = await cli('units', 'set', 'PCS');
    expect(nothing).toMatchObject({ code: 2, err: 'prestabridge: nothing to change: give --name\n' });
    const saved = await cli(
      'stores',
      'set',
      'shop',
      'defaults.tax=VAT21',
      'defaults.unitOfMeasure=PCS',
      'defaults.salesLocation=WEB',
      'categoryFamilies.4=SHIRTS',
      'journal.bankAccount=512000',
    );
    expect(saved.code, saved.err).toBe(0);
  });
});
