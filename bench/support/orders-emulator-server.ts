/**
 * The emulator for the orders benchmark, in its own process so that its CPU does not count against
 * the importing process. It stands in for a store's database indexes the emulator lacks: a real
 * PrestaShop indexes `customer_thread.id_order` and `customer_message.id_customer_thread`; the
 * emulator scans those tables (seconds per request at a million orders), so this process gives the
 * two tables an index, built once, before it listens. Prints `{"url":…,"key":…}` on one line once listening; stops when its
 * standard input closes (the benchmark ended) or on SIGTERM. Request counts, faults and new orders go
 * through the emulator's control API (`/__emulator/requests`, `/__emulator/faults`, `/__emulator/orders`).
 *
 *   node --import tsx bench/support/orders-emulator-server.ts <orders> <products> <customers>
 */
import { type EmulatorStore, startEmulator, textOf } from '../../src/emulator/index.js';

/**
 * Answers equality filters on `field` of `resource` from an index of the rows as seeded; rows added
 * later are always candidates (the list executor checks every candidate's value).
 */
function indexField(store: EmulatorStore, resource: string, field: string): void {
  const table = store.table(resource);
  if (table === undefined) return;
  const index = new Map<string, number[]>();
  let lastSeeded = 0;
  for (const record of store.records(resource)) {
    const value = textOf(record.values[field]);
    const ids = index.get(value);
    if (ids === undefined) index.set(value, [record.id]);
    else ids.push(record.id);
    lastSeeded = record.id;
  }
  const original = table.candidates.bind(table);
  table.candidates = (name, value) => {
    if (name !== field) return original(name, value);
    return [...(index.get(value) ?? []), ...table.ids(lastSeeded + 1)].filter((id) => table.has(id));
  };
}

const orders = Number(process.argv[2] ?? 1_000_000);
const products = Number(process.argv[3] ?? 5_000);
const customers = Number(process.argv[4] ?? 100_000);
const emulator = await startEmulator({
  port: 0,
  seed: 'large',
  sizes: { products, combinations: 3, customers, orders },
});
indexField(emulator.store, 'customer_threads', 'id_order');
indexField(emulator.store, 'customer_messages', 'id_customer_thread');
process.stdout.write(`${JSON.stringify({ url: emulator.url, key: emulator.keys[0] })}\n`);

const stop = (): void => {
  void emulator.close().then(() => process.exit(0));
};
process.stdin.on('end', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
