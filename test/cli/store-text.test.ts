import { afterAll, beforeAll, expect, it } from 'vitest';

import { escapeTerminal } from '../../src/cli/terminal-text.js';
import { startEmulator, textOf } from '../../src/emulator/index.js';
import type { Hub, Store } from '../../src/hub/index.js';
import { describeEachEngine } from '../support/databases.js';
import { addEmulatorStore } from '../support/emulator-store.js';
import { type HostileStore, type JsonRecord, startHostileStore } from '../support/hostile-store.js';
import { runCli } from './hub-cli-harness.js';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

/** Control characters a terminal would obey: C0 but tab and line feed, DEL, C1. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** Text a hostile store sends: it would recolour, retitle, clear or rewrite the terminal. */
const hostileText = {
  firstname: '\u001b[31mAda',
  note: 'Leave at the door\u001b]0;pwned\u0007\u001b[2J',
  city: 'Paris\r\u001b[Kspoofed',
  product: '<img src=x onerror=alert(1)> \u009b31mMug',
};

describeEachEngine('store text on the terminal', (engine) => {
  let emulator: Emulator;
  let hostile: HostileStore;
  let hub: Hub;
  let store: Store;
  let orderId: number;
  const cli = (...args: string[]) => runCli(engine, args);
  const expectNoControl = (output: { out: string; err: string }) => {
    expect(output.out).not.toMatch(CONTROL);
    expect(output.err).not.toMatch(CONTROL);
  };

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
    hostile = await startHostileStore(emulator);
    hub = await engine.openHub();
    const order = [...emulator.store.records('orders')][0]!;
    orderId = order.id;
    const customerId = Number(textOf(order.values.id_customer));
    const addressId = Number(textOf(order.values.id_address_delivery));
    const productId = Number(order.associations.order_rows?.[0]?.product_id);
    hostile.alter('orders', orderId, (record) => {
      record.note = hostileText.note;
      (record.associations as { order_rows: JsonRecord[] }).order_rows[0]!.product_name = hostileText.product;
    });
    hostile.alter('customers', customerId, (record) => (record.firstname = hostileText.firstname));
    hostile.alter('addresses', addressId, (record) => (record.city = hostileText.city));
    hostile.alter('products', productId, (record) => {
      record.name = [
        { id: '1', value: hostileText.product },
        { id: '2', value: hostileText.product },
      ];
    });
    // An unreadable value whose reason quotes it: the report shows it escaped too.
    hostile.alter('orders', [...emulator.store.records('orders')][1]!.id, (record) => {
      record.total_paid = '\u009b31mNaN';
    });
    store = await addEmulatorStore(hub, hostile, 'hostile');
  });
  afterAll(async () => {
    await hostile.close();
    await emulator.close();
  });

  it('a run report quotes the store values it could not read escaped', async () => {
    const run = await cli('sync', 'run', 'import-orders', '--store', 'hostile');
    expect(run.code).toBe(0);
    expectNoControl(run);
    expect(run.out).toContain("total_paid is '\\u009b31mNaN', not a decimal number");
    const [latest] = await hub.runs.list({ storeId: store.id, limit: 1 });
    const shown = await cli('runs', 'show', String(latest!.id));
    expectNoControl(shown);
    expect(shown.out).toContain("total_paid is '\\u009b31mNaN', not a decimal number");
  });

  it('orders, customers and products show names, notes and addresses escaped, never obeyed', async () => {
    const list = await cli('orders', 'list', '--store', 'hostile');
    expectNoControl(list);
    expect(list.out).toContain('\\x1b[31mAda');

    const shown = await cli('orders', 'show', String(orderId), '--store', 'hostile');
    expectNoControl(shown);
    expect(shown.out).toContain('Leave at the door\\x1b]0;pwned\\x07\\x1b[2J');
    // A carriage return cannot take the line back to its start: flattened in a table, escaped elsewhere.
    expect(shown.out).toContain('Paris \\x1b[Kspoofed');
    expect(shown.out).toContain('<img src=x onerror=alert(1)> \\u009b31mMug');

    const customers = await cli('customers', 'list');
    expectNoControl(customers);
    expect(customers.out).toContain('\\x1b[31mAda');

    const products = await cli('products', 'list');
    expectNoControl(products);
    expect(products.out).toContain('<img src=x onerror=alert(1)> \\u009b31mMug');
  });

  it('JSON output stays valid JSON and gives back the exact text', async () => {
    const shown = await cli('orders', 'show', String(orderId), '--store', 'hostile', '--json');
    expectNoControl(shown);
    const order = JSON.parse(shown.out) as { note: string; customerName: string; lines: { name: string }[] };
    expect(order.note).toBe(hostileText.note);
    expect(order.customerName).toContain(hostileText.firstname);
    expect(order.lines[0]?.name).toBe(hostileText.product);
  });
});

it('escapes C0 and C1 controls and escape sequences, keeping tabs and line ends', () => {
  expect(escapeTerminal('a\u001b[31mb\u0007c\u0000d\u007fe\u009bf')).toBe(
    'a\\x1b[31mb\\x07c\\x00d\\x7fe\\u009bf',
  );
  expect(escapeTerminal('one\r\ntwo\tthree\rfour\n')).toBe('one\ntwo\tthree\\rfour\n');
  expect(escapeTerminal('Crème brûlée — 日本')).toBe('Crème brûlée — 日本');
});
