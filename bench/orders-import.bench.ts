/**
 * orders-import: import-orders against an emulated store with 20 ms of latency on every answer, in
 * its own process (1,000,000 orders of about three rows, 100,000 customers, 5,000 products with three
 * combinations each by default): requests, wall time, peak memory of the importing process, orders per
 * second and the ratio to the request-bound limit (requests × latency ÷ the client's concurrency) for a
 * full import; then an incremental run after 1,000 new orders. The catalog is imported first, without
 * latency and unmeasured, so that the figures are the orders' own (customers come with their orders).
 *
 *   node --import tsx --expose-gc bench/orders-import.bench.ts [--orders 1000000] [--page-size 250]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { openHub } from '../src/hub/index.js';
import { FeedRunner, type RunOutcome } from '../src/jobs/index.js';
import { findFeed } from '../src/sync/index.js';
import { startEmulatorProcess, totalRequests } from './support/emulator-process.js';
import { measureUsage } from './support/process-usage.js';

const LATENCY_MS = 20;
/** The webservice client's default: requests in flight at once per store. */
const CONCURRENCY = 4;
const NEW_ORDERS = 1_000;

function flag(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index < 0 ? undefined : process.argv[index + 1];
}

const orders = Number(flag('orders') ?? 1_000_000);
const pageSize = Number(flag('page-size') ?? 250);
const products = Number(flag('products') ?? 5_000);
const customers = Number(flag('customers') ?? 100_000);
if (!Number.isInteger(orders) || orders < 1) throw new Error('--orders must be a whole number ≥ 1');

const number = (value: number): string => Math.round(value).toLocaleString('en-US');
const mb = (bytes: number): string => `${number(bytes / 1_000_000)} MB`;

console.log(
  `orders-import: ${number(orders)} orders, ${number(customers)} customers, ${number(products)} products × 3 combinations; ` +
    `${LATENCY_MS} ms latency; pages of ${pageSize}; SQLite hub`,
);
const started = Date.now();
const emulator = await startEmulatorProcess({
  seed: 'large',
  sizes: { products, combinations: 3, customers, orders },
});
console.log(`emulator ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
const folder = mkdtempSync(join(tmpdir(), 'prestabridge-orders-bench-'));
const databaseFile = join(folder, 'hub.sqlite');
const hub = await openHub({ databaseUrl: databaseFile, secret: 'bench', env: {} });
try {
  const store = await hub.stores.create({
    name: 'bench',
    url: emulator.url,
    webserviceKey: emulator.key,
    timeZone: 'Europe/Paris',
    languageId: 1,
    languages: [
      { id: 1, iso: 'en' },
      { id: 2, iso: 'fr' },
    ],
    settings: { autoApproveStates: [2, 3, 11], extras: { syncCategories: false } },
  });
  const runner = new FeedRunner({ hub });
  const run = (feed: string): Promise<RunOutcome> =>
    runner.run({ feed: findFeed(feed), store, trigger: 'manual', options: { pageSize } });

  await emulator.setLatency(0);
  const catalog = await run('import-products');
  console.log(`catalog imported first (not measured): ${number(catalog.run.counts.created)} products`);
  await emulator.setLatency(LATENCY_MS);

  const measure = async (label: string, expected: number): Promise<void> => {
    await emulator.resetCounts();
    const { result, ms, peak } = await measureUsage(() => run('import-orders'));
    const seconds = ms / 1000;
    const requests = totalRequests(await emulator.counts());
    const limit = (requests * LATENCY_MS) / 1000 / CONCURRENCY;
    const { counts } = result.run;
    if (result.run.status !== 'succeeded' || counts.created + counts.skipped !== expected) {
      throw new Error(
        `${label}: ${result.run.status}, ${JSON.stringify(counts)} (expected ${expected} orders)`,
      );
    }
    console.log(
      `${label.padEnd(28)} ${number(counts.created).padStart(9)} created ${number(counts.skipped).padStart(7)} skipped  ` +
        `${number(requests).padStart(6)} req  ${seconds.toFixed(1).padStart(7)} s  ` +
        `${number(expected / seconds).padStart(6)} orders/s  ${(requests / expected).toFixed(3)} req/order  ` +
        `peak rss ${mb(peak.rss)}, heap ${mb(peak.heap)}  ` +
        `request-bound limit ${limit.toFixed(1)} s → ${(seconds / limit).toFixed(2)}× the limit`,
    );
  };

  await measure('full import', orders);
  console.log(`hub database: ${mb(statSync(databaseFile).size)}`);

  // 1,000 shoppers check out (simple products the hub knows), then the next scheduled run.
  const variants = await hub.bindings.page(store.id, 'variants', { afterLocalId: 0, limit: 5_000 });
  const sellable = variants.map((binding) => binding.externalId.split(':').map(Number));
  for (let i = 0; i < NEW_ORDERS; i += 1) {
    const [productId, combinationId] = sellable[i % sellable.length]!;
    await emulator.placeOrder(1 + (i % customers), productId!, combinationId!);
  }
  await measure(`incremental (+${number(NEW_ORDERS)} orders)`, NEW_ORDERS);
} finally {
  await hub.close();
  await emulator.stop();
  rmSync(folder, { recursive: true, force: true });
}
