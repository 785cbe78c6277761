/**
 * stock: first, requests per isolated change (one variant's quantity pushed alone by the serve loop's
 * drainer) on every PrestaShop version the emulator can be (bench/support/isolated-stock-changes.ts);
 * then the stock feeds against a store of about 300,000 variants (120,000 products, 4 combinations
 * each where a product has combinations), the emulator in its own process answering every request
 * 20 ms late, the hub on SQLite:
 * - import-stock (the one-time initial import);
 * - stock-check with 1% of the store's rows changed behind the hub's back: requests, wall time, and the
 *   ratio to the request-bound limit (the longer of: the pages one after another × 20 ms; every
 *   request × 20 ms ÷ the client's 4 requests in flight — the repairs go out during the sweep);
 * - the push of 10,000 changed quantities by export-stock at the default concurrency (rows batched 200
 *   per write: the emulator's key has no PATCH, as 8.1.2 keys are created, so rows are PUT whole — as
 *   stock-check read them moments before, so without a read): requests per pushed quantity and the
 *   ratio to the goal (≤ 0.02), time against the same limit; and what one direct PUT of a whole row
 *   per change would cost instead.
 * `STOCK_BENCH_ONLY=isolated` prints the first part alone (a few seconds).
 * Run alone: node --import tsx --expose-gc bench/stock.bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

import { type Hub, openHub, type ProductRecord, type Store } from '../src/hub/index.js';
import { FeedRunner, type RunOutcome } from '../src/jobs/index.js';
import { exportStockFeed, type Feed, importStockFeed, stockCheckFeed } from '../src/sync/index.js';
import { readStockRowPages } from '../src/sync/stock/index.js';
import { PrestaShopClient } from '../src/webservice/index.js';
import {
  type EmulatorProcess,
  type RequestCounts,
  startEmulatorProcess,
  totalRequests,
} from './support/emulator-process.js';
import { isolatedStockChanges } from './support/isolated-stock-changes.js';
import {
  directStockPut,
  directStockPutMany,
  type FullStockRow,
  inParallel,
  seededRandom,
} from './support/stock-bench-tools.js';

/** `STOCK_BENCH_PRODUCTS` makes a smaller store for a quick try (the pushes shrink with it). */
const PRODUCTS = Number(process.env.STOCK_BENCH_PRODUCTS ?? 120_000);
const COMBINATIONS = 4;
const LATENCY_MS = 20;
const DIFFERENCE_SHARE = 0.01;
const PUSHES = Math.min(10_000, Math.floor(PRODUCTS / 12));
const DIRECT_SAMPLE = Math.min(1_000, Math.floor(PRODUCTS / 120));
/** The client's default requests in flight (and the drainer's default deliveries in flight). */
const CONCURRENCY = 4;
const PRODUCT_PAGE = 1_000;
/** Issue 16's goal for bursts of changes: requests per pushed quantity (10,000 pushes in 200 requests). */
const PUSH_GOAL = 0.02;

const whole = (value: number): string => Math.round(value).toLocaleString('en-US');
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const line = (label: string, value: string): void => console.log(`  ${label.padEnd(44)} ${value}`);

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  globalThis.gc?.();
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}

/** The store's rows, read once without latency to build the hub's catalog. */
async function readRows(emulator: EmulatorProcess): Promise<FullStockRow[]> {
  const client = new PrestaShopClient({ url: emulator.url, key: emulator.key });
  const rows: FullStockRow[] = [];
  for await (const page of readStockRowPages(client, { shopId: null, shop: null })) {
    for (const row of page.rows)
      rows.push({
        id: row.stockAvailableId,
        productId: row.productId,
        combinationId: row.combinationId,
        quantity: row.quantity,
      });
  }
  await client.close();
  return rows;
}

/** The variant rows: a product's combination rows, or its only row when it has no combinations. */
function variantRows(rows: readonly FullStockRow[]): FullStockRow[] {
  const withCombinations = new Set(rows.filter((row) => row.combinationId !== 0).map((row) => row.productId));
  return rows.filter((row) => row.combinationId !== 0 || !withCombinations.has(row.productId));
}

/** The hub's catalog as the catalog import would leave it: one variant per variant row, bound. */
async function mirrorCatalog(hub: Hub, store: Store, variants: readonly FullStockRow[]): Promise<void> {
  const byProduct = new Map<number, FullStockRow[]>();
  for (const row of variants) byProduct.set(row.productId, [...(byProduct.get(row.productId) ?? []), row]);
  const records: ProductRecord[] = [...byProduct].map(([productId, own]) => ({
    externalId: productId,
    kind: own.some((row) => row.combinationId !== 0) ? 'combinations' : 'simple',
    name: `Product ${productId}`,
    price: '10',
    variants: own.map((row) => ({
      externalId: `${productId}:${row.combinationId}`,
      sku: `P${productId}-${row.combinationId}`,
    })),
  }));
  for (let start = 0; start < records.length; start += PRODUCT_PAGE)
    await hub.catalog.upsertProducts(store.id, records.slice(start, start + PRODUCT_PAGE));
}

/** `count` distinct rows drawn from `rows`, deterministically. */
function pick<T>(rows: readonly T[], count: number, random: () => number): T[] {
  const chosen = new Set<number>();
  while (chosen.size < Math.min(count, rows.length)) chosen.add(Math.floor(random() * rows.length));
  return [...chosen].map((index) => rows[index] as T);
}

async function runFeed(
  hub: Hub,
  emulator: EmulatorProcess,
  feed: Feed,
  storeId: number,
): Promise<{
  outcome: RunOutcome;
  ms: number;
  counts: RequestCounts;
  /** Time spent in each step the feed reported (`compare`, `push`, …). */
  steps: Map<string, number>;
}> {
  const store = await hub.stores.get(storeId);
  await emulator.resetCounts();
  const steps = new Map<string, number>();
  let current: { step: string; since: number } | undefined;
  const enter = (step: string | null): void => {
    const now = performance.now();
    if (current !== undefined) steps.set(current.step, (steps.get(current.step) ?? 0) + now - current.since);
    current = step === null ? undefined : { step, since: now };
  };
  const { value: outcome, ms } = await timed(() =>
    new FeedRunner({ hub }).run({
      feed,
      store,
      trigger: 'manual',
      onProgress: (event) => {
        if (event.step !== (current?.step ?? null)) enter(event.step);
      },
    }),
  );
  enter(null);
  if (outcome.report.status !== 'succeeded')
    throw new Error(`${feed.name} ${outcome.report.status}: ${outcome.report.error ?? ''}`);
  return { outcome, ms, counts: await emulator.counts(), steps };
}

function stepTimes(steps: ReadonlyMap<string, number>): string {
  return [...steps].map(([step, ms]) => `${step} ${seconds(ms)}`).join(', ');
}

async function printIsolatedChanges(): Promise<void> {
  console.log(
    'Requests per isolated change (one quantity pushed alone by the drainer; every request counted, reads included)',
  );
  console.log(
    `  ${'store'.padEnd(26)} ${'write'.padEnd(6)} ${'row read <15 min ago'.padEnd(21)} ${'read longer ago'.padEnd(16)} ` +
      `${'one variant ×10, 1 min apart'.padEnd(29)} entry claimed before`,
  );
  for (const figures of await isolatedStockChanges()) {
    console.log(
      `  ${figures.store.padEnd(26)} ${(figures.patch ? 'PATCH' : 'PUT').padEnd(6)} ` +
        `${figures.readLately.toFixed(2).padEnd(21)} ${figures.readLongAgo.toFixed(2).padEnd(16)} ` +
        `${figures.hotVariant.toFixed(2).padEnd(29)} ${figures.claimedBefore.toFixed(2)}`,
    );
  }
  console.log(
    '  (goal: 1. Without PATCH a row is PUT whole from what the hub read of it within 15 minutes, else read first;\n' +
      '   an entry claimed before — its earlier attempt may have reached the store — is always read first.)\n',
  );
}

async function main(): Promise<void> {
  await printIsolatedChanges();
  if (process.env.STOCK_BENCH_ONLY === 'isolated') return;
  const folder = mkdtempSync(join(tmpdir(), 'prestabridge-stock-bench-'));
  // No latency yet: the hub's catalog is read from the store first, unmeasured.
  const seeding = await timed(() =>
    startEmulatorProcess({
      seed: 'large',
      sizes: { products: PRODUCTS, combinations: COMBINATIONS, customers: 1, orders: 0 },
    }),
  );
  const emulator = seeding.value;
  const hub = await openHub({
    databaseUrl: join(folder, 'hub.sqlite'),
    env: { PRESTABRIDGE_SECRET: 'stock-benchmark-secret-not-for-production' },
  });
  try {
    await hub.masterData.upsert('locations', [{ code: 'MAIN', name: 'Main warehouse', kind: 'warehouse' }]);
    const store = await hub.stores.create({
      name: 'bench',
      url: emulator.url,
      webserviceKey: emulator.key,
      settings: { stockImportLocation: 'MAIN', stockExportLocations: ['MAIN'] },
    });
    const rows = await readRows(emulator);
    const variants = variantRows(rows);
    const mirror = await timed(() => mirrorCatalog(hub, store, variants));
    console.log(
      `Store: ${whole(rows.length)} stock rows, ${whole(variants.length)} variants ` +
        `(emulator seeded in ${seconds(seeding.ms)}; hub catalog written in ${seconds(mirror.ms)}); ` +
        `${LATENCY_MS} ms per request; hub on SQLite; load average ${loadavg()[0]!.toFixed(1)}`,
    );
    await emulator.setLatency(LATENCY_MS);

    console.log('\nimport-stock (initial import)');
    const imported = await runFeed(hub, emulator, importStockFeed, store.id);
    const importPages = imported.counts.stock_availables?.GET ?? 0;
    const importBound = importPages * LATENCY_MS;
    line('requests', whole(totalRequests(imported.counts)));
    line('wall time', seconds(imported.ms));
    line('request-bound limit (pages × 20 ms)', seconds(importBound));
    line('ratio to the limit', `${(imported.ms / importBound).toFixed(2)}×`);
    line('variants imported', whole(imported.outcome.report.counts.created));

    const random = seededRandom(7);
    const changed = pick(variants, Math.round(variants.length * DIFFERENCE_SHARE), random);
    for (const row of changed)
      await emulator.setStock(row.productId, row.combinationId, row.quantity + 1 + Math.floor(random() * 5));

    console.log(
      `\nstock-check, ${whole(changed.length)} rows (${DIFFERENCE_SHARE * 100}%) changed behind the hub's back`,
    );
    const checked = await runFeed(hub, emulator, stockCheckFeed, store.id);
    const checkRequests = totalRequests(checked.counts);
    const checkPuts = checked.counts.stock_availables?.PUT ?? 0;
    // The repairs are PUT from the rows the sweep has just read (no read first): the stock GETs are
    // the pages.
    const checkPages = checked.counts.stock_availables?.GET ?? 0;
    const pushRequests = checkPuts;
    // The repairs go out while the sweep goes on: the bound is the longer of the sequential pages and
    // all the requests at 4 in flight.
    const checkBound = Math.max(checkPages * LATENCY_MS, (checkRequests * LATENCY_MS) / CONCURRENCY);
    line(
      'requests',
      `${whole(checkRequests)} (${whole(checkPages)} pages, ${whole(pushRequests)} for the repairs: PUTs of up to 200 rows, no read, ` +
        `${whole(checkRequests - checkPages - pushRequests)} permission probe)`,
    );
    line(
      'rows repaired',
      `${whole(checked.outcome.report.counts.updated)} of ${whole(changed.length)} changed, in ${whole(checkPuts)} PUT`,
    );
    line('wall time', `${seconds(checked.ms)} (${stepTimes(checked.steps)})`);
    line(
      'request-bound limit',
      `${seconds(checkBound)} (the longer of: pages one after another ${seconds(checkPages * LATENCY_MS)}; ` +
        `every request at ${CONCURRENCY} in flight ${seconds((checkRequests * LATENCY_MS) / CONCURRENCY)})`,
    );
    line('ratio to the limit', `${(checked.ms / checkBound).toFixed(2)}×`);

    const used = new Set<FullStockRow>(changed);
    const pushed = pick(
      variants.filter((row) => !used.has(row)),
      PUSHES,
      random,
    );
    for (const row of pushed) used.add(row);
    const ids = await hub.catalog.variantIdsByExternal(
      store.id,
      pushed.map((row) => `${row.productId}:${row.combinationId}`),
    );
    const queueing = await timed(async () => {
      const variantIds = [...ids.values()];
      for (let start = 0; start < variantIds.length; start += 1000) {
        const slice = variantIds.slice(start, start + 1000);
        await hub.transaction(async (tx) => {
          await tx.stock.recordMovements(
            slice.map((variantId) => ({
              variantId,
              location: 'MAIN',
              kind: 'receipt' as const,
              quantity: 3,
            })),
          );
          await tx.stock.queueSellableUpdates(slice);
        });
      }
    });
    console.log(
      `\nexport-stock, ${whole(PUSHES)} changed quantities (queued in ${seconds(queueing.ms)}, 10 transactions)`,
    );
    const exported = await runFeed(hub, emulator, exportStockFeed, store.id);
    const exportRequests = totalRequests(exported.counts);
    const exportBound = (exportRequests * LATENCY_MS) / CONCURRENCY;
    const written = exported.outcome.report.counts.updated;
    const perQuantity = exportRequests / Math.max(1, written);
    line(
      'requests',
      `${whole(exportRequests)} (${whole(exported.counts.stock_availables?.PUT ?? 0)} PUT, ` +
        `${whole(exported.counts.stock_availables?.PATCH ?? 0)} PATCH, ` +
        `${whole(exported.counts.stock_availables?.GET ?? 0)} GET: up to 200 rows per write)`,
    );
    line('quantities written', whole(written));
    line(
      'requests per pushed quantity',
      `${perQuantity.toFixed(4)} (goal ≤ ${PUSH_GOAL}: ${(perQuantity / PUSH_GOAL).toFixed(2)}× the goal)`,
    );
    line('wall time', `${seconds(exported.ms)} (${whole((PUSHES / exported.ms) * 1000)} changes/s)`);
    line('request-bound limit (requests × 20 ms ÷ 4)', seconds(exportBound));
    line('ratio to the limit', `${(exported.ms / exportBound).toFixed(2)}×`);

    const sample = pick(
      variants.filter((row) => !used.has(row)),
      DIRECT_SAMPLE,
      random,
    );
    await emulator.resetCounts();
    const direct = await timed(() =>
      inParallel(sample, CONCURRENCY, (row) =>
        directStockPut(`${emulator.url}/api/`, emulator.key, { ...row, quantity: row.quantity + 2 }),
      ),
    );
    const directPerChange = direct.ms / sample.length;
    console.log(
      `\nDirect PUT of the whole row (no read first), ${whole(sample.length)} changes, ${CONCURRENCY} in flight`,
    );
    line('requests', whole(totalRequests(await emulator.counts())));
    line(
      'wall time',
      `${seconds(direct.ms)} → ${seconds(directPerChange * PUSHES)} for ${whole(PUSHES)} changes`,
    );

    const ROWS_PER_PUT = 100;
    const batches: FullStockRow[][] = [];
    for (let start = 0; start < sample.length; start += ROWS_PER_PUT)
      batches.push(
        sample.slice(start, start + ROWS_PER_PUT).map((row) => ({ ...row, quantity: row.quantity + 4 })),
      );
    await emulator.resetCounts();
    const many = await timed(() =>
      inParallel(batches, CONCURRENCY, (batch) =>
        directStockPutMany(`${emulator.url}/api/`, emulator.key, batch),
      ),
    );
    line(
      `the same in PUTs of ${ROWS_PER_PUT} rows`,
      `${whole(totalRequests(await emulator.counts()))} requests, ${seconds(many.ms)} → ` +
        `${seconds((many.ms / sample.length) * PUSHES)} for ${whole(PUSHES)} changes`,
    );
    line(
      'export-stock (batched) vs one direct PUT per change',
      `${(exported.ms / (directPerChange * PUSHES)).toFixed(2)}× the time`,
    );
    console.log(
      `\nLoad average at the end: ${loadavg()[0]!.toFixed(1)} (2 cores: other work on the machine slows every figure)`,
    );
  } finally {
    await hub.close();
    await emulator.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

await main();
