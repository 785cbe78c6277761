/**
 * orders-import: import-orders against an emulated store with 20 ms of latency on every answer, in
 * its own process (1,000,000 orders of about three rows, 100,000 customers, 5,000 products with three
 * combinations each by default), on SQLite and on PostgreSQL: requests, wall time, CPU time of the
 * importing process and of the emulator, peak memory of the importing process, orders per second and
 * the goals of issue 16 as ratios — importer CPU per order (goal ≤ 250 µs), wall time ÷ the
 * request-bound limit (requests × latency ÷ the client's concurrency; goal ≤ 3×), peak RSS (goal
 * ≤ 300 MB) — for a full import; then an incremental run after 1,000 new orders. The catalog is
 * imported first, without latency and unmeasured, so that the figures are the orders' own (customers
 * come with their orders). The machine's load average is printed next to each figure: on a shared
 * machine, wall time is only meaningful with it.
 *
 *   node --import tsx --expose-gc bench/orders-import.bench.ts [--orders 1000000] [--page-size 250]
 *     [--engine sqlite|postgres|both]
 *
 * PostgreSQL: PRESTABRIDGE_BENCH_PG_URL (default PRESTABRIDGE_TEST_PG_URL, then
 * postgres://postgres@127.0.0.1:5432/postgres); a fresh database is created and dropped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

import { type Hub, openHub } from '../src/hub/index.js';
import { FeedRunner, type RunOutcome } from '../src/jobs/index.js';
import { findFeed } from '../src/sync/index.js';
import { temporaryPostgres } from './support/bench-database.js';
import { startEmulatorProcess, totalRequests } from './support/emulator-process.js';
import { measureUsage } from './support/process-usage.js';

const LATENCY_MS = 20;
/** The webservice client's default: requests in flight at once per store. */
const CONCURRENCY = 4;
const NEW_ORDERS = 1_000;
/** Issue 16's goals for the full import. */
const GOALS = { cpuMicrosPerOrder: 250, wallToLimit: 3, peakRssMb: 300 } as const;

function flag(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index < 0 ? undefined : process.argv[index + 1];
}

const orders = Number(flag('orders') ?? 1_000_000);
const pageSize = Number(flag('page-size') ?? 250);
const products = Number(flag('products') ?? 5_000);
const customers = Number(flag('customers') ?? 100_000);
const engineFlag = flag('engine') ?? 'both';
if (!Number.isInteger(orders) || orders < 1) throw new Error('--orders must be a whole number ≥ 1');
if (!['sqlite', 'postgres', 'both'].includes(engineFlag))
  throw new Error('--engine must be sqlite, postgres or both');
const engines =
  engineFlag === 'both' ? (['sqlite', 'postgres'] as const) : [engineFlag as 'sqlite' | 'postgres'];

const number = (value: number): string => Math.round(value).toLocaleString('en-US');
const mb = (bytes: number): string => `${number(bytes / 1_000_000)} MB`;
const load = (): string => `load ${loadavg()[0]!.toFixed(1)}`;
const goal = (value: number, limit: number): string => (value <= limit ? 'met' : 'NOT met');

async function openBenchHub(
  engine: 'sqlite' | 'postgres',
): Promise<{ hub: Hub; cleanup: () => Promise<void> }> {
  if (engine === 'sqlite') {
    const folder = mkdtempSync(join(tmpdir(), 'prestabridge-orders-bench-'));
    const hub = await openHub({ databaseUrl: join(folder, 'hub.sqlite'), secret: 'bench', env: {} });
    return {
      hub,
      cleanup: () => {
        rmSync(folder, { recursive: true, force: true });
        return Promise.resolve();
      },
    };
  }
  const database = await temporaryPostgres('prestabridge_orders_bench');
  const hub = await openHub({ databaseUrl: database.url, secret: 'bench', env: {} });
  return { hub, cleanup: database.drop };
}

async function benchEngine(engine: 'sqlite' | 'postgres'): Promise<void> {
  console.log(
    `\norders-import on ${engine}: ${number(orders)} orders, ${number(customers)} customers, ` +
      `${number(products)} products × 3 combinations; ${LATENCY_MS} ms latency; pages of ${pageSize}`,
  );
  const started = Date.now();
  const emulator = await startEmulatorProcess({
    seed: 'large',
    sizes: { products, combinations: 3, customers, orders },
  });
  console.log(`  emulator ready in ${((Date.now() - started) / 1000).toFixed(1)} s (own process)`);
  const { hub, cleanup } = await openBenchHub(engine);
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
    console.log(`  catalog imported first (not measured): ${number(catalog.run.counts.created)} products`);
    await emulator.setLatency(LATENCY_MS);

    const measure = async (label: string, expected: number): Promise<void> => {
      await emulator.resetCounts();
      const emulatorBefore = emulator.cpuSeconds();
      const { result, ms, peak, start, cpuSeconds } = await measureUsage(() => run('import-orders'));
      const emulatorAfter = emulator.cpuSeconds();
      const after = process.memoryUsage();
      const loadAfter = load();
      const seconds = ms / 1000;
      const requests = totalRequests(await emulator.counts());
      const limit = (requests * LATENCY_MS) / 1000 / CONCURRENCY;
      const { counts } = result.run;
      if (result.run.status !== 'succeeded' || counts.created + counts.skipped !== expected) {
        throw new Error(
          `${label}: ${result.run.status}, ${JSON.stringify(counts)} (expected ${expected} orders)`,
        );
      }
      const cpuPerOrder = (cpuSeconds / expected) * 1e6;
      const ratio = seconds / limit;
      const emulatorCpu =
        emulatorBefore === undefined || emulatorAfter === undefined
          ? 'n/a'
          : `${(emulatorAfter - emulatorBefore).toFixed(1)} s`;
      console.log(`\n  ${label}`);
      console.log(
        `    orders               ${number(counts.created)} created, ${number(counts.skipped)} skipped`,
      );
      console.log(
        `    requests             ${number(requests)} (${(requests / expected).toFixed(3)} per order)`,
      );
      console.log(
        `    wall time            ${seconds.toFixed(1)} s, ${number(expected / seconds)} orders/s (${loadAfter})`,
      );
      console.log(
        `    CPU time             importer ${cpuSeconds.toFixed(1)} s, emulator ${emulatorCpu} (2 cores)`,
      );
      console.log(
        `    peak memory          rss ${mb(peak.rss)}, heap ${mb(peak.heap)} (importing process; at the start ` +
          `rss ${mb(start.rss)}, heap ${mb(start.heap)}; at the end heap reserved ${mb(after.heapTotal)}, ` +
          `outside the heap ${mb(after.external)})`,
      );
      console.log(
        `    request-bound limit  ${limit.toFixed(1)} s (${number(requests)} × ${LATENCY_MS} ms ÷ ${CONCURRENCY})`,
      );
      console.log(
        `    goals                importer CPU ${number(cpuPerOrder)} µs/order (≤ ${GOALS.cpuMicrosPerOrder}: ${goal(cpuPerOrder, GOALS.cpuMicrosPerOrder)}), ` +
          `wall ${ratio.toFixed(2)}× the limit (≤ ${GOALS.wallToLimit}×: ${goal(ratio, GOALS.wallToLimit)}), ` +
          `peak rss ${mb(peak.rss)} (≤ ${GOALS.peakRssMb} MB: ${goal(peak.rss / 1_000_000, GOALS.peakRssMb)}) — ${loadAfter}`,
      );
    };

    await measure('full import', orders);

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
    await cleanup();
    await emulator.stop();
  }
}

for (const engine of engines) await benchEngine(engine);
