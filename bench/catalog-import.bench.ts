/**
 * catalog-import: the catalog import feeds against an emulated store with 20 ms of latency on every
 * answer, in its own process (100,000 products by default, three combinations for each product that
 * has some): requests, wall time, peak memory of the importing process and records per second for a
 * full import-products, its ratio to the request-bound limit (requests × latency ÷ concurrency), then
 * empty reruns of import-products and update-products, and update-products after five changes.
 *
 *   node --import tsx --expose-gc bench/catalog-import.bench.ts [--products 100000] [--engine sqlite|postgres]
 *
 * PostgreSQL: PRESTABRIDGE_BENCH_PG_URL (default PRESTABRIDGE_TEST_PG_URL, then
 * postgres://postgres@127.0.0.1:5432/postgres); a fresh database is created and dropped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

import { type Hub, openHub, type Store } from '../src/hub/index.js';
import { FeedRunner, type RunOutcome } from '../src/jobs/index.js';
import { findFeed } from '../src/sync/index.js';
import { temporaryPostgres } from './support/bench-database.js';
import {
  type EmulatorProcess,
  type RequestCounts,
  startEmulatorProcess,
  totalRequests,
} from './support/emulator-process.js';
import { measureUsage, peakGrowthMb } from './support/process-usage.js';

const LATENCY_MS = 20;
/** The webservice client's default: requests in flight at once per store. */
const CONCURRENCY = 4;
const COMBINATIONS = 3;
/**
 * The emulator renders in one process: with four full pages in flight on a loaded 2-core machine an
 * answer can take longer than the client's default 30 s, which would fail the run, not measure it.
 */
const REQUEST_TIMEOUT_MS = 180_000;

function flag(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index < 0 ? undefined : process.argv[index + 1];
}

const products = Number(flag('products') ?? 100_000);
const engine = flag('engine') ?? 'sqlite';
if (!Number.isInteger(products) || products < 1) throw new Error('--products must be a whole number ≥ 1');
if (engine !== 'sqlite' && engine !== 'postgres') throw new Error('--engine must be sqlite or postgres');

const number = (value: number): string => Math.round(value).toLocaleString('en-US');

async function openBenchHub(): Promise<{ hub: Hub; cleanup: () => Promise<void> }> {
  if (engine === 'sqlite') {
    const folder = mkdtempSync(join(tmpdir(), 'prestabridge-catalog-bench-'));
    const hub = await openHub({ databaseUrl: join(folder, 'hub.sqlite'), secret: 'bench', env: {} });
    return {
      hub,
      cleanup: () => {
        rmSync(folder, { recursive: true, force: true });
        return Promise.resolve();
      },
    };
  }
  const database = await temporaryPostgres('prestabridge_catalog_bench');
  const hub = await openHub({ databaseUrl: database.url, secret: 'bench', env: {} });
  return { hub, cleanup: database.drop };
}

interface TimedRun {
  readonly outcome: RunOutcome;
  readonly ms: number;
  readonly peakRssMb: number;
  /** Peak resident memory of this (importing) process, in all. */
  readonly peakRssTotalMb: number;
  readonly peakHeapMb: number;
  /** This process's resident memory and V8 heap in use when the run began (after a collection). */
  readonly startRssMb: number;
  readonly startHeapMb: number;
  /** CPU seconds of this (importing) process and of the emulator's, during the run. */
  readonly importerCpu: number;
  readonly emulatorCpu: number | undefined;
  readonly counts: RequestCounts;
}

async function timedRun(hub: Hub, emulator: EmulatorProcess, store: Store, feed: string): Promise<TimedRun> {
  await emulator.resetCounts();
  const current = await hub.stores.get(store.id);
  const emulatorBefore = emulator.cpuSeconds();
  const usage = await measureUsage(() =>
    new FeedRunner({ hub, clientOverrides: { timeoutMs: REQUEST_TIMEOUT_MS } }).run({
      feed: findFeed(feed),
      store: current,
      trigger: 'manual',
    }),
  );
  const emulatorAfter = emulator.cpuSeconds();
  const { result } = usage;
  if (result.run.status !== 'succeeded')
    throw new Error(`${feed} ${result.run.status}: ${result.report.error ?? ''}`);
  const growth = peakGrowthMb(usage);
  return {
    outcome: result,
    ms: usage.ms,
    peakRssMb: growth.rssMb,
    peakRssTotalMb: usage.peak.rss / (1024 * 1024),
    peakHeapMb: growth.heapMb,
    startRssMb: usage.start.rss / (1024 * 1024),
    startHeapMb: usage.start.heap / (1024 * 1024),
    importerCpu: usage.cpuSeconds,
    emulatorCpu:
      emulatorBefore === undefined || emulatorAfter === undefined
        ? undefined
        : emulatorAfter - emulatorBefore,
    counts: await emulator.counts(),
  };
}

/** The store's variants in the hub (bound by the import): the unit of the per-variant goals. */
async function countVariants(hub: Hub, store: Store): Promise<number> {
  let count = 0;
  for (let after = 0; ;) {
    const page = await hub.bindings.page(store.id, 'variants', { afterLocalId: after, limit: 10_000 });
    if (page.length === 0) return count;
    count += page.length;
    after = page.at(-1)?.localId ?? after;
  }
}

function cpu(run: TimedRun): string {
  const emulatorCpu = run.emulatorCpu === undefined ? 'n/a' : `${run.emulatorCpu.toFixed(1)} s`;
  return `importer ${run.importerCpu.toFixed(1)} s, emulator ${emulatorCpu}`;
}

function describeRequests(counts: RequestCounts): string {
  return Object.entries(counts)
    .map(([resource, verbs]) => `${resource || '/api/'} ${Object.values(verbs).reduce((a, b) => a + b, 0)}`)
    .join(', ');
}

console.log(
  `Catalog import: ${number(products)} products (${COMBINATIONS} combinations each for those that have some), ` +
    `${LATENCY_MS} ms latency, client concurrency ${CONCURRENCY}, hub on ${engine}`,
);
const started = performance.now();
const emulator = await startEmulatorProcess({
  seed: 'small',
  sizes: { products, combinations: COMBINATIONS, customers: 1, orders: 0 },
  latencyMs: LATENCY_MS,
});
console.log(
  `  emulator ready in ${(performance.now() - started) / 1000 < 1 ? '<1' : ((performance.now() - started) / 1000).toFixed(1)} s (own process)`,
);
const { hub, cleanup } = await openBenchHub();
try {
  await hub.masterData.upsert('taxRates', [
    { code: 'VAT20', name: 'VAT 20 %', rate: '20', country: 'FR' },
    { code: 'VAT5.5', name: 'VAT 5.5 %', rate: '5.5', country: 'FR' },
  ]);
  const store = await hub.stores.create({
    name: 'bench',
    url: emulator.url,
    webserviceKey: emulator.key,
    timeZone: 'Europe/Paris',
    languages: [
      { id: 1, iso: 'en' },
      { id: 2, iso: 'fr' },
    ],
    languageId: 1,
  });
  await timedRun(hub, emulator, store, 'import-categories');

  const full = await timedRun(hub, emulator, store, 'import-products');
  const requests = totalRequests(full.counts);
  const pages = (full.counts.products?.GET ?? 0) + (full.counts.combinations?.GET ?? 0);
  const limitMs = (requests * LATENCY_MS) / CONCURRENCY;
  const created = full.outcome.report.counts.created;
  console.log('\nFull import (import-products)');
  console.log(`  products created     ${number(created)}`);
  console.log(`  requests             ${number(requests)} (${describeRequests(full.counts)})`);
  console.log(
    `  of which pages       ${number(pages)} (products ${number(full.counts.products?.GET ?? 0)}, combinations ${number(full.counts.combinations?.GET ?? 0)})`,
  );
  console.log(`  requests per product ${(requests / created).toFixed(4)}`);
  console.log(`  wall time            ${(full.ms / 1000).toFixed(1)} s`);
  console.log(`  records/s            ${number((created / full.ms) * 1000)} products/s`);
  console.log(
    `  peak memory          rss +${number(full.peakRssMb)} MB, heap +${number(full.peakHeapMb)} MB`,
  );
  console.log(
    `  request-bound limit  ${(limitMs / 1000).toFixed(1)} s (${number(requests)} × ${LATENCY_MS} ms ÷ ${CONCURRENCY})`,
  );
  console.log(`  ratio to the limit   ${(full.ms / limitMs).toFixed(1)}×`);
  console.log(`  CPU time             ${cpu(full)} (2 cores: the wall time is bounded below by the larger)`);
  const variants = await countVariants(hub, store);
  const microsPerVariant = (full.importerCpu * 1e6) / variants;
  const emulatorShare =
    full.emulatorCpu === undefined ? 'n/a' : `${((full.emulatorCpu * 1000) / full.ms).toFixed(2)} of a core`;
  console.log(
    `\nGoals (issue 16), hub on ${engine}; load average ${loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')}`,
  );
  console.log(`  variants             ${number(variants)}`);
  console.log(`  importer CPU         ${microsPerVariant.toFixed(1)} µs per variant (goal ≤ 20)`);
  console.log(`  wall ÷ limit         ${(full.ms / limitMs).toFixed(1)}× (goal ≤ 8)`);
  console.log(
    `  peak RSS             ${number(full.peakRssTotalMb)} MB (goal ≤ 250), ${number(full.peakRssMb)} MB above the start`,
  );
  // Most of the start is code, not data: node, tsx and the transpiled modules (compiled JS, as the
  // CLI runs, loads the same modules in about 60 MB less).
  console.log(
    `  at the start         rss ${number(full.startRssMb)} MB, of which V8 heap in use ${number(full.startHeapMb)} MB`,
  );
  console.log(
    `  emulator busy        ${emulatorShare} during the import (its rendering bounds the wall time when near 1)`,
  );

  console.log('\nEmpty reruns (nothing changed in the store)');
  for (const feed of ['import-products', 'update-products', 'update-products']) {
    const rerun = await timedRun(hub, emulator, store, feed);
    const counts = rerun.outcome.report.counts;
    console.log(
      `  ${feed.padEnd(16)} ${String(totalRequests(rerun.counts)).padStart(3)} requests  ${(rerun.ms / 1000).toFixed(2)} s  ` +
        `created ${counts.created}, updated ${counts.updated}, unchanged ${counts.unchanged}  ` +
        `(${describeRequests(rerun.counts)}; CPU ${cpu(rerun)})`,
    );
  }

  const changed = [
    1,
    Math.floor(products / 4),
    Math.floor(products / 2),
    Math.floor((3 * products) / 4),
    products,
  ];
  for (const id of changed) await emulator.updateProduct(id, { price: '99.900000' });
  const update = await timedRun(hub, emulator, store, 'update-products');
  console.log('\nupdate-products after five products changed in the store');
  console.log(
    `  ${totalRequests(update.counts)} requests  ${(update.ms / 1000).toFixed(2)} s  updated ${update.outcome.report.counts.updated}, ` +
      `unchanged ${update.outcome.report.counts.unchanged}  (${describeRequests(update.counts)}; CPU ${cpu(update)})`,
  );
} finally {
  await hub.close();
  await cleanup();
  await emulator.stop();
}
