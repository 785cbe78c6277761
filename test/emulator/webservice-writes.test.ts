import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { type RunningEmulator, startEmulator, textOf } from '../../src/emulator/index.js';
import { projectRecordingsDir } from '../support/fixtures.js';
import { call, errorCodes, xmlValue } from './emulator-test-client.js';

let emu: RunningEmulator;
let now = new Date('2026-11-23T10:00:00Z');

beforeEach(async () => {
  now = new Date('2026-11-23T10:00:00Z');
  emu = await startEmulator({ port: 0, seed: 'small', storeOptions: { clock: () => now } });
});

afterEach(async () => {
  await emu.close();
});

const xml = (inner: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<prestashop>${inner}</prestashop>`;

/** The record as a GET shows it, sent back with the read-only fields removed (what a client PUTs). */
async function roundTrip(resource: string, id: number, change: (body: string) => string): Promise<string> {
  const body = (await call(emu, `${resource}/${id}`)).text
    .replace(/\t<manufacturer_name[^\n]*\n/, '')
    .replace(/\t<quantity notFilterable[^\n]*\n/, '')
    .replace(/\t<position_in_category[^\n]*\n/, '');
  return change(body);
}

describe('POST', () => {
  it('creates a product with its stock row, dated now, and answers 201 with the record', async () => {
    const answer = await call(emu, 'products', {
      method: 'POST',
      body: xml(
        '<product><price>12.50</price><reference>NEW-1</reference><id_category_default>2</id_category_default>' +
          '<name><language id="1">New</language><language id="2">Nouveau</language></name>' +
          '<associations><categories><category><id>2</id></category></categories></associations></product>',
      ),
    });
    expect(answer.status).toBe(201);
    expect(xmlValue(answer.text, 'price')).toBe('12.50');
    const id = Number(xmlValue(answer.text, 'id'));
    expect(id).toBe(13);
    const stored = emu.store.get('products', id);
    expect(textOf(stored?.values.price)).toBe('12.500000');
    expect(textOf(stored?.values.date_add)).toBe('2026-11-23 11:00:00');
    const stockRow = stored?.associations.stock_availables?.[0];
    expect(stockRow?.id_product_attribute).toBe('0');
    expect(textOf(emu.store.get('stock_availables', Number(stockRow?.id))?.values.quantity)).toBe('0');
  });

  it('refuses an id (91), a missing required field (41) and an invalid value (85)', async () => {
    const withId = await call(emu, 'products', {
      method: 'POST',
      body: xml('<product><id>3</id><price>1</price></product>'),
    });
    expect([withId.status, errorCodes(withId.text)]).toEqual([400, [91]]);
    const noPrice = await call(emu, 'products', {
      method: 'POST',
      body: xml('<product><reference>X</reference></product>'),
    });
    expect([noPrice.status, xmlValue(noPrice.text, 'message')]).toEqual([400, 'parameter "price" required']);
    const badEmail = await call(emu, 'customers', {
      method: 'POST',
      body: xml(
        '<customer><passwd>secret123</passwd><lastname>Doe</lastname><firstname>Jo</firstname><email>nope</email></customer>',
      ),
    });
    expect([badEmail.status, xmlValue(badEmail.text, 'message')]).toEqual([
      400,
      'Validation error: "Property Customer-&gt;email is not valid"',
    ]);
  });

  it('refuses a customer e-mail already in use (500, 140)', async () => {
    const email = textOf(emu.store.get('customers', 1)?.values.email);
    const answer = await call(emu, 'customers', {
      method: 'POST',
      body: xml(
        `<customer><passwd>secret123</passwd><lastname>Doe</lastname><firstname>Jo</firstname><email>${email}</email></customer>`,
      ),
    });
    expect([answer.status, errorCodes(answer.text)]).toEqual([500, [140]]);
  });

  it('answers unreadable bodies with PHP warnings and code 127 (500)', async () => {
    const broken = await call(emu, 'customers', { method: 'POST', body: '<prestashop><customer>' });
    expect(broken.status).toBe(500);
    expect(errorCodes(broken.text).at(-1)).toBe(127);
    const json = await call(emu, 'customers', { method: 'POST', body: '{"customer":{}}' });
    expect(errorCodes(json.text)).toEqual([3, 3, 3, 127]);
    const doctype = await call(emu, 'customers', {
      method: 'POST',
      body: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><prestashop><customer>&e;</customer></prestashop>',
    });
    expect(errorCodes(doctype.text).at(-1)).toBe(127);
  });

  it('moves an order when a history row is posted', async () => {
    const before = emu.store.get('orders', 1);
    now = new Date('2026-11-24T08:30:00Z');
    const answer = await call(emu, 'order_histories', {
      method: 'POST',
      body: xml('<order_history><id_order_state>6</id_order_state><id_order>1</id_order></order_history>'),
    });
    expect(answer.status).toBe(201);
    const after = emu.store.get('orders', 1);
    expect(textOf(after?.values.current_state)).toBe('6');
    expect(textOf(after?.values.date_upd)).toBe('2026-11-24 09:30:00');
    expect(textOf(after?.values.date_upd) > textOf(before?.values.date_upd)).toBe(true);
    const histories = (
      await call(emu, 'order_histories?filter[id_order]=[1]&display=full&output_format=JSON')
    ).text;
    expect(histories).toContain('"id_order_state":6');
  });

  it('with mail broken, moves the order and writes its history, then answers 500 with code 46 (sendemail=1, a state that e-mails)', async () => {
    const { order } = emu.store.placeOrder({
      customerId: 2,
      lines: [{ productId: 1, quantity: 1 }],
      stateId: 2,
    });
    const historyOf = () =>
      [...emu.store.records('order_histories')]
        .filter((row) => textOf(row.values.id_order) === String(order.id))
        .map((row) => textOf(row.values.id_order_state));
    const post = (stateId: number, query: string, json = false) =>
      call(emu, `order_histories${query}${json ? `${query === '' ? '?' : '&'}output_format=JSON` : ''}`, {
        method: 'POST',
        body: xml(
          `<order_history><id_order_state>${stateId}</id_order_state><id_order>${order.id}</id_order></order_history>`,
        ),
      });
    emu.faults.update({ mailBroken: true });

    const shipped = await post(4, '?sendemail=1');
    expect(shipped.status).toBe(500);
    // Byte for byte what the development 8.1.2 store answered (test/fixtures/realstore/mail-broken.*).
    expect(shipped.text).toBe(
      readFileSync(join(projectRecordingsDir, 'mail-broken.order_histories.post.xml'), 'utf8'),
    );
    expect(textOf(emu.store.get('orders', order.id)?.values.current_state)).toBe('4');
    expect(historyOf()).toEqual(['2', '4']);

    // JSON, as the same error document.
    const json = await post(3, '?sendemail=1', true);
    expect([json.status, JSON.parse(json.text)]).toEqual([
      500,
      { errors: [{ code: 46, message: 'Unable to save resource' }] },
    ]);
    expect(historyOf()).toEqual(['2', '4', '3']);

    // No e-mail asked (or sendemail=0), or a state that sends none: nothing to fail.
    expect((await post(2, '')).status).toBe(201);
    expect((await post(4, '?sendemail=0')).status).toBe(201);
    expect((await post(5, '?sendemail=1')).status).toBe(201);
    expect(historyOf()).toEqual(['2', '4', '3', '2', '4', '5']);

    emu.faults.clear();
    expect((await post(4, '?sendemail=1')).status).toBe(201);
  });
});

describe('brands', () => {
  const address = (brand: number, alias: string): string =>
    xml(
      `<address><id_manufacturer>${brand}</id_manufacturer><id_country>8</id_country><alias>${alias}</alias>` +
        '<lastname>Brand</lastname><firstname>Office</firstname><address1>1 rue de la Paix</address1>' +
        '<postcode>75002</postcode><city>Paris</city></address>',
    );
  const addressesOf = async (brand: number): Promise<string[]> =>
    [...(await call(emu, `manufacturers/${brand}`)).text.matchAll(/<address xlink:href="[^"]*\/(\d+)"/g)].map(
      (match) => match[1] ?? '',
    );

  it('derive link_rewrite from the name and refuse it in a write (93), as the getter it is', async () => {
    const created = await call(emu, 'manufacturers', {
      method: 'POST',
      body: xml('<manufacturer><name>Café Élan &amp; Fils</name><active>1</active></manufacturer>'),
    });
    expect(created.status).toBe(201);
    const id = Number(xmlValue(created.text, 'id'));
    expect(xmlValue((await call(emu, `manufacturers/${id}`)).text, 'link_rewrite')).toBe('cafe-elan-fils');
    const refused = await call(emu, 'manufacturers', {
      method: 'POST',
      body: xml('<manufacturer><name>X</name><link_rewrite>x</link_rewrite></manufacturer>'),
    });
    expect([refused.status, errorCodes(refused.text)]).toEqual([400, [93]]);
  });

  it('link an address to its warehouse the way Address declares it (warehouse/N)', async () => {
    const created = await call(emu, 'addresses', {
      method: 'POST',
      body: address(1, 'W').replace('<alias>', '<id_warehouse>3</id_warehouse><alias>'),
    });
    const id = Number(xmlValue(created.text, 'id'));
    expect((await call(emu, `addresses/${id}`)).text).toMatch(
      /<id_warehouse xlink:href="http:\/\/[^"]+\/api\/warehouse\/3"><!\[CDATA\[3\]\]><\/id_warehouse>/,
    );
  });

  it('list the addresses that name them, and re-link addresses when the association is written', async () => {
    const first = Number(
      xmlValue((await call(emu, 'addresses', { method: 'POST', body: address(1, 'A') })).text, 'id'),
    );
    const second = Number(
      xmlValue((await call(emu, 'addresses', { method: 'POST', body: address(0, 'B') })).text, 'id'),
    );
    expect(await addressesOf(1)).toEqual([String(first)]);
    const put = await call(emu, 'manufacturers/1', {
      method: 'PUT',
      body: xml(
        '<manufacturer><id>1</id><name>Studio Design</name><active>1</active>' +
          `<associations><addresses><address><id>${second}</id></address></addresses></associations></manufacturer>`,
      ),
    });
    expect(put.status).toBe(200);
    expect(await addressesOf(1)).toEqual([String(second)]);
    expect(textOf(emu.store.get('addresses', first)?.values.id_manufacturer)).toBe('0');
    expect(textOf(emu.store.get('addresses', second)?.values.id_manufacturer)).toBe('1');
  });
});

describe('PUT', () => {
  it('loads the record named in the body, ignores the URL id, and moves date_upd', async () => {
    now = new Date('2026-11-25T12:00:00Z');
    const body = await roundTrip('products', 2, (text) =>
      text.replace(/<price><!\[CDATA\[[^\]]*\]\]>/, '<price><![CDATA[36.5]]>'),
    );
    const answer = await call(emu, 'products/999', { method: 'PUT', body });
    expect(answer.status).toBe(200);
    expect(xmlValue(answer.text, 'price')).toBe('36.5');
    const stored = emu.store.get('products', 2);
    expect(textOf(stored?.values.price)).toBe('36.500000');
    expect(textOf(stored?.values.date_upd)).toBe('2026-11-25 13:00:00');
  });

  it('empties what the body leaves out: optional fields, and every language of a multilingual field', async () => {
    const answer = await call(emu, 'products/3', {
      method: 'PUT',
      body: xml(
        '<product><id>3</id><price>10</price><name><language id="1">Only English</language></name></product>',
      ),
    });
    expect(answer.status).toBe(200);
    const stored = emu.store.get('products', 3);
    expect(textOf(stored?.values.reference)).toBe('');
    expect(stored?.values.description).toEqual({ 1: '', 2: '' });
    expect(textOf(stored?.values.name, 1)).toBe('Only English');
  });

  it('refuses read-only fields (93), a missing id (90), duplicate ids (89), an unknown id (92)', async () => {
    const readOnly = await call(emu, 'products/2', {
      method: 'PUT',
      body: xml('<product><id>2</id><price>1</price><manufacturer_name>X</manufacturer_name></product>'),
    });
    expect([readOnly.status, errorCodes(readOnly.text)]).toEqual([400, [93]]);
    expect(
      errorCodes(
        (await call(emu, 'products/2', { method: 'PUT', body: xml('<product><price>1</price></product>') }))
          .text,
      ),
    ).toEqual([90]);
    const twice = xml(
      '<product><id>2</id><price>1</price></product><product><id>2</id><price>1</price></product>',
    );
    expect(errorCodes((await call(emu, 'products/2', { method: 'PUT', body: twice })).text)).toEqual([89]);
    const unknown = await call(emu, 'products/2', {
      method: 'PUT',
      body: xml('<product><id>9999</id><price>1</price></product>'),
    });
    expect([unknown.status, errorCodes(unknown.text)]).toEqual([404, [92]]);
  });

  it('saves but answers 500 with the PHP warning when position_in_category is sent', async () => {
    const body = await roundTrip('products', 4, (text) =>
      text.replace(
        '\t<type notFilterable',
        '\t<position_in_category><![CDATA[1]]></position_in_category>\n\t<type notFilterable',
      ),
    );
    const answer = await call(emu, 'products/4', { method: 'PUT', body });
    expect([answer.status, errorCodes(answer.text)]).toEqual([500, [3]]);
  });

  it('replaces an association set: combinations left out are deleted', async () => {
    const product = [...emu.store.records('products')].find(
      (p) => (p.associations.combinations?.length ?? 0) >= 2,
    );
    if (product === undefined) throw new Error('the small seed has a product with combinations');
    const [keep, drop] = product.associations.combinations ?? [];
    const body = await roundTrip('products', product.id, (text) =>
      text.replace(
        /<combinations [^>]*>[\s\S]*?<\/combinations>/,
        `<combinations><combination><id>${keep?.id ?? ''}</id></combination></combinations>`,
      ),
    );
    expect((await call(emu, `products/${product.id}`, { method: 'PUT', body })).status).toBe(200);
    expect(emu.store.get('combinations', Number(drop?.id))).toBeUndefined();
    expect(emu.store.get('products', product.id)?.associations.combinations).toEqual([{ id: keep?.id }]);
  });

  it('refuses an unknown association (86)', async () => {
    const answer = await call(emu, 'products/2', {
      method: 'PUT',
      body: xml(
        '<product><id>2</id><price>1</price><associations><wishes><wish><id>1</id></wish></wishes></associations></product>',
      ),
    });
    expect([answer.status, errorCodes(answer.text)]).toEqual([400, [86]]);
  });
});

describe('stock', () => {
  function combinationProduct(): { product: number; rows: Array<{ id: number; attribute: number }> } {
    const product = [...emu.store.records('products')].find(
      (p) => (p.associations.combinations?.length ?? 0) >= 2,
    );
    const rows = (product?.associations.stock_availables ?? []).map((row) => ({
      id: Number(row.id),
      attribute: Number(row.id_product_attribute),
    }));
    return { product: product?.id ?? 0, rows };
  }

  const quantity = (id: number): number =>
    Number(textOf(emu.store.get('stock_availables', id)?.values.quantity));

  it('recomputes the product-level row as the sum of the combination rows', async () => {
    const { rows } = combinationProduct();
    const combinationRow = rows.find((row) => row.attribute !== 0);
    const productRow = rows.find((row) => row.attribute === 0);
    if (combinationRow === undefined || productRow === undefined) throw new Error('rows expected');
    const body = (await call(emu, `stock_availables/${combinationRow.id}`)).text.replace(
      /<quantity><!\[CDATA\[\d+\]\]>/,
      '<quantity><![CDATA[77]]>',
    );
    expect((await call(emu, `stock_availables/${combinationRow.id}`, { method: 'PUT', body })).status).toBe(
      200,
    );
    expect(quantity(combinationRow.id)).toBe(77);
    const sum = rows.filter((row) => row.attribute !== 0).reduce((total, row) => total + quantity(row.id), 0);
    expect(quantity(productRow.id)).toBe(sum);
  });

  it('takes stock when an order is placed and moves it on state changes as PrestaShop does', async () => {
    const { product, rows } = combinationProduct();
    const row = rows.find((entry) => entry.attribute !== 0)!;
    const productRow = rows.find((entry) => entry.attribute === 0)!;
    emu.store.setStock(product, row.attribute, 23);
    const placed = (stateId: number) =>
      emu.store.placeOrder({
        customerId: 2,
        lines: [{ productId: product, combinationId: row.attribute, quantity: 2 }],
        stateId,
      }).order.id;
    const move = async (orderId: number, stateId: number) => {
      const answer = await call(emu, 'order_histories', {
        method: 'POST',
        body: xml(
          `<order_history><id_order_state>${stateId}</id_order_state><id_order>${orderId}</id_order></order_history>`,
        ),
      });
      expect(answer.status).toBe(201);
    };

    // Placed: 2 taken, whatever the state (awaiting payment or paid); the product row follows.
    const paid = placed(2);
    expect(quantity(row.id)).toBe(21);
    const waiting = placed(10);
    expect(quantity(row.id)).toBe(19);
    const sum = rows
      .filter((entry) => entry.attribute !== 0)
      .reduce((total, entry) => total + quantity(entry.id), 0);
    expect(quantity(productRow.id)).toBe(sum);
    // Shipping and refunding move nothing; cancelling gives back, from a paid or a waiting state.
    await move(paid, 4);
    await move(paid, 7);
    expect(quantity(row.id)).toBe(19);
    await move(waiting, 6);
    expect(quantity(row.id)).toBe(21);
    // Back from cancelled to a validated state: taken again. Payment error gives back.
    await move(waiting, 2);
    expect(quantity(row.id)).toBe(19);
    await move(waiting, 8);
    expect(quantity(row.id)).toBe(21);
    // Placed in payment error: nothing taken.
    placed(8);
    expect(quantity(row.id)).toBe(21);
    // The control API's cancel goes through the same rule: once.
    const third = placed(2);
    expect(quantity(row.id)).toBe(19);
    emu.store.cancelOrder(third);
    expect(quantity(row.id)).toBe(21);
  });

  it('refuses a write to a row that depends on stock (500, 133 and 46)', async () => {
    const body = (await call(emu, 'stock_availables/1')).text.replace(
      /<depends_on_stock><!\[CDATA\[0\]\]>/,
      '<depends_on_stock><![CDATA[1]]>',
    );
    const answer = await call(emu, 'stock_availables/1', { method: 'PUT', body });
    expect([answer.status, errorCodes(answer.text)]).toEqual([500, [133, 46]]);
  });
});

describe('DELETE and PATCH', () => {
  it('deletes with an empty 200, and refuses missing ids with 87 deleting nothing', async () => {
    const deleted = await call(emu, 'products/5', { method: 'DELETE' });
    expect([deleted.status, deleted.text, deleted.headers.get('content-type')]).toEqual([200, '', null]);
    expect(emu.store.get('products', 5)).toBeUndefined();
    const again = await call(emu, 'products/5', { method: 'DELETE' });
    expect([again.status, xmlValue(again.text, 'message')]).toEqual([404, 'Id(s) not exists: 5']);
    const several = await call(emu, 'products?id=[6,9998]', { method: 'DELETE' });
    expect(xmlValue(several.text, 'message')).toBe('Id(s) not exists: 9998');
    expect(emu.store.get('products', 6)).toBeDefined();
  });

  it('refuses PATCH on 8.1 (the key holds no PATCH) and writes only the sent fields on 9.0', async () => {
    const refused = await call(emu, 'products/2', {
      method: 'PATCH',
      body: xml('<product><id>2</id><price>5</price></product>'),
    });
    expect([refused.status, errorCodes(refused.text)]).toEqual([405, [25]]);
    const nine = await startEmulator({ port: 0, seed: 'small', version: '9.0' });
    try {
      const reference = textOf(nine.store.get('products', 2)?.values.reference);
      const patched = await call(nine, 'products/2', {
        method: 'PATCH',
        body: xml('<product><id>2</id><price>5</price></product>'),
      });
      expect(patched.status).toBe(200);
      expect(textOf(nine.store.get('products', 2)?.values.price)).toBe('5.000000');
      expect(textOf(nine.store.get('products', 2)?.values.reference)).toBe(reference);
    } finally {
      await nine.close();
    }
  });
});
