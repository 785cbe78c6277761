/**
 * Emulator benchmark (large seed: 100,000 products, 1,000,000 orders): seeding time, memory after
 * seeding, and requests per second for `display=full` pages of 100 products and of 500 orders
 * (id-range pages, as a sync tool reads them), in XML and JSON, plus a `date_upd` page.
 *
 *   node --import tsx --expose-gc bench/emulator.bench.ts
 */
import { createEmulatorStore, startEmulator } from '../src/emulator/index.js';
import { megabytes, runLoad } from './support/emulator-load.js';

/** Heap, typed arrays (where the generated stores keep their columns) and resident memory, in MB. */
function heap(): { heapMb: number; arraysMb: number; rssMb: number } {
  globalThis.gc?.();
  const usage = process.memoryUsage();
  return {
    heapMb: Math.round(usage.heapUsed / 1e6),
    arraysMb: Math.round(usage.arrayBuffers / 1e6),
    rssMb: Math.round(usage.rss / 1e6),
  };
}

const before = heap();
const seedStart = performance.now();
const store = createEmulatorStore({ seed: 'large' });
const seedMs = performance.now() - seedStart;
const afterSeed = heap();
console.log(
  `large seed: ${store.count('products')} products, ${store.count('combinations')} combinations, ` +
    `${store.count('stock_availables')} stock rows, ${store.count('customers')} customers, ${store.count('orders')} orders, ` +
    `${store.count('order_details')} order rows, ${store.count('order_histories')} history rows`,
);
console.log(
  `seeding: ${Math.round(seedMs)} ms; memory after seeding: heap ${afterSeed.heapMb} MB (+${afterSeed.heapMb - before.heapMb}), ` +
    `typed arrays ${afterSeed.arraysMb} MB (+${afterSeed.arraysMb - before.arraysMb}), rss ${afterSeed.rssMb} MB (+${afterSeed.rssMb - before.rssMb})`,
);

const emulator = await startEmulator({ port: 0, store });
const key = emulator.keys[0] ?? '';
const products = store.count('products');
const orders = store.count('orders');

const scenarios: Array<{ name: string; path: (i: number) => string; total: number }> = [
  {
    name: 'products display=full limit=100 (XML)',
    path: (i) =>
      `products?display=full&limit=100&filter[id]=>[${(i * 7919) % (products - 100)}]&sort=[id_ASC]`,
    total: 200,
  },
  {
    name: 'products display=full limit=100 (JSON)',
    path: (i) =>
      `products?display=full&limit=100&filter[id]=>[${(i * 7919) % (products - 100)}]&sort=[id_ASC]&output_format=JSON`,
    total: 200,
  },
  {
    name: 'orders display=full limit=500 (XML)',
    path: (i) =>
      `orders?display=full&limit=500&filter[id]=>[${(i * 104_729) % (orders - 500)}]&sort=[id_ASC]`,
    total: 100,
  },
  {
    name: 'orders display=full limit=500 (JSON)',
    path: (i) =>
      `orders?display=full&limit=500&filter[id]=>[${(i * 104_729) % (orders - 500)}]&sort=[id_ASC]&output_format=JSON`,
    total: 100,
  },
  {
    name: 'orders date_upd>[last 30 days] sorted, limit=500',
    path: () =>
      'orders?display=[id,date_upd]&limit=500&filter[date_upd]=>[2026-10-01 00:00:00]&date=1&sort=[date_upd_ASC]',
    total: 10,
  },
];

const rates: Record<string, number> = {};
for (const scenario of scenarios) {
  await runLoad(emulator.apiUrl, key, scenario.path, 5, 1); // warm-up
  const result = await runLoad(emulator.apiUrl, key, scenario.path, scenario.total, 2);
  const perSecond = result.requests / result.seconds;
  rates[scenario.name] = perSecond;
  console.log(
    `${scenario.name}: ${perSecond.toFixed(1)} req/s, ${((result.seconds / result.requests) * 1000).toFixed(1)} ms/request, ` +
      `${megabytes(result.bytes / result.requests)} MB/page, failures ${result.failures}`,
  );
}
const productsRate = rates['products display=full limit=100 (XML)'] ?? 0;
const ordersRate = rates['orders display=full limit=500 (XML)'] ?? 0;
console.log(`records/s: products ${Math.round(productsRate * 100)}, orders ${Math.round(ordersRate * 500)}`);
console.log(
  `ratio orders-page / products-page time: ${(productsRate / Math.max(ordersRate, 1e-9)).toFixed(2)}×`,
);
const end = heap();
console.log(
  `memory after the run: heap ${end.heapMb} MB, typed arrays ${end.arraysMb} MB, rss ${end.rssMb} MB`,
);
await emulator.close();
