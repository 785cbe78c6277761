/**
 * The emulator's multistore against a real one: answers recorded from a PrestaShop 8.2.1 made a
 * multistore like the emulator's (shop 1 in group 1; shops 2 and 3 in group 2, which shares its
 * stock and customers), in test/fixtures/realstore/multistore. Ids and quantities differ between
 * the two stores, so each answer is compared by what a client relies on: the status, the error
 * code, and which shops' records a list holds.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type RunningEmulator, startEmulator, textOf } from '../../src/emulator/index.js';
import { projectRecordingsDir } from '../support/fixtures.js';
import { call } from './emulator-test-client.js';

const recordings = join(projectRecordingsDir, 'multistore');

type Row = Record<string, string | number>;

function recorded(file: string): { status: number; body: string } {
  const head = readFileSync(join(recordings, `${file}.headers`), 'utf8');
  const status = Number(/^HTTP\/\S+ (\d{3})/.exec(head)?.[1]);
  return { status, body: readFileSync(join(recordings, file), 'utf8') };
}

/** `0/2`, `1/0`: the (id_shop, id_shop_group) pairs of a list's rows, sorted. */
function scopes(rows: readonly Row[]): string[] {
  return [...new Set(rows.map((row) => `${String(row.id_shop)}/${String(row.id_shop_group)}`))].sort();
}

describe('the emulator’s multistore answers as a real 8.2.1 multistore does', () => {
  let emulator: RunningEmulator;
  const list = async (path: string): Promise<Row[]> => {
    const answer = await call(emulator, path);
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.text) as Record<string, Row[]>;
    return Object.values(body)[0] ?? [];
  };

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small', storeOptions: { multistore: true } });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('has the recorded store’s shops and groups', async () => {
    const shops = JSON.parse(recorded('shops.json').body) as { shops: Row[] };
    const groups = JSON.parse(recorded('shop-groups.json').body) as { shop_groups: Row[] };
    const emulated = await list('shops?display=full&output_format=JSON');
    expect(emulated.map((shop) => [shop.id, shop.id_shop_group])).toEqual(
      shops.shops.map((shop) => [shop.id, Number(shop.id_shop_group)]),
    );
    const emulatedGroups = await list('shop_groups?display=full&output_format=JSON');
    const sharing = (rows: Row[]) =>
      rows.map((row) => [row.id, String(row.share_stock), String(row.share_customer)]);
    expect(sharing(emulatedGroups)).toEqual(sharing(groups.shop_groups));
  });

  it('lists every shop’s stock rows to a shop that asks, unless the filter names the scope', async () => {
    const real = JSON.parse(recorded('stock-list-shop2.json').body) as { stock_availables: Row[] };
    const realFiltered = JSON.parse(recorded('stock-list-shop2-filtered.json').body) as {
      stock_availables: Row[];
    };
    const fields = 'display=[id,id_product,id_product_attribute,id_shop,id_shop_group,quantity]';
    const emulated = await list(
      `stock_availables?${fields}&filter[id_product]=[1]&id_shop=2&output_format=JSON`,
    );
    expect(scopes(emulated)).toEqual(scopes(real.stock_availables));
    const filtered = await list(
      `stock_availables?${fields}&filter[id_product]=[1]&filter[id_shop]=[0]&filter[id_shop_group]=[2]&id_shop=2&output_format=JSON`,
    );
    expect(scopes(filtered)).toEqual(scopes(realFiltered.stock_availables));
  });

  it('refuses one stock row of another shop with 404, code 131', async () => {
    const real = recorded('stock-one-outside-shop2.xml');
    const shop1Row = [...emulator.store.records('stock_availables')].find(
      (row) => textOf(row.values.id_shop) === '1',
    )!;
    const answer = await call(emulator, `stock_availables/${String(shop1Row.id)}?id_shop=2`);
    expect(answer.status).toBe(real.status);
    const code = (body: string) => /<code><!\[CDATA\[(\d+)\]\]><\/code>/.exec(body)?.[1];
    expect(code(answer.text)).toBe(code(real.body));
  });

  it('lists the orders of the shop asked for only', async () => {
    const real = JSON.parse(recorded('orders-shop2.json').body) as { orders: Row[] };
    const emulated = await list('orders?display=[id,id_shop,id_shop_group]&id_shop=2&output_format=JSON');
    expect(emulated.length).toBeGreaterThan(0);
    expect(scopes(emulated)).toEqual(scopes(real.orders));
  });
});
