/**
 * export-products: the hub as product master writes its catalog to an empty emulated store (in this
 * process; the run is bound by the 20 ms of latency on every answer, not by CPU), on SQLite. Products are half simple, half with three
 * combinations (Size S/M/L). Prints, for the first export (every product created), an empty rerun
 * and a rerun after price changes in the hub: requests by verb, requests per product, wall time,
 * products per second, and the ratio to the request-bound limit (requests × latency ÷ concurrency).
 *
 *   node --import tsx --expose-gc bench/export-products.bench.ts [--products 400]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startEmulator } from '../src/emulator/index.js';
import { openHub, type ProductRecord } from '../src/hub/index.js';
import { FeedRunner, type RunOutcome } from '../src/jobs/index.js';
import { findFeed } from '../src/sync/index.js';
import { totalRequests } from './support/emulator-process.js';

const LATENCY_MS = 20;
/** The webservice client's default: requests in flight at once per store. */
const CONCURRENCY = 4;
const CHANGED = 20;

function flag(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index < 0 ? undefined : process.argv[index + 1];
}

const products = Number(flag('products') ?? 400);
const whole = (value: number): string => Math.round(value).toLocaleString('en-US');

function hubProduct(index: number, price: string): ProductRecord {
  const reference = `BENCH-${index}`;
  const base = { externalId: reference, name: `Bench product ${index}`, reference, price };
  if (index % 2 === 0)
    return { ...base, kind: 'simple', variants: [{ externalId: `${reference}:0`, sku: reference }] };
  return {
    ...base,
    kind: 'combinations',
    variants: ['S', 'M', 'L'].map((size) => ({
      externalId: `${reference}:${size}`,
      sku: `${reference}-${size}`,
      attributes: [{ name: { en: 'Size', fr: 'Taille' }, value: { en: size, fr: size } }],
    })),
  };
}

const folder = mkdtempSync(join(tmpdir(), 'prestabridge-export-bench-'));
const emulator = await startEmulator({
  port: 0,
  seed: 'small',
  sizes: { products: 0, combinations: 3, customers: 1, orders: 0 },
  faults: { latencyMs: LATENCY_MS },
});
const hub = await openHub({
  databaseUrl: join(folder, 'hub.sqlite'),
  secret: 'bench-secret-for-export-products',
  env: {},
});
try {
  const source = await hub.stores.create({ name: 'catalog', url: 'https://catalog.example' });
  const records = Array.from({ length: products }, (_, index) => hubProduct(index + 1, '10.000000'));
  for (let start = 0; start < records.length; start += 500) {
    await hub.catalog.upsertProducts(source.id, records.slice(start, start + 500));
  }
  const store = await hub.stores.create({
    name: 'shop',
    url: emulator.url,
    webserviceKey: emulator.keys[0]!,
    timeZone: 'Europe/Paris',
    languages: [
      { id: 1, iso: 'en' },
      { id: 2, iso: 'fr' },
    ],
    languageId: 1,
    settings: { productMaster: 'hub', exportFields: { price: true } },
  });
  const runner = new FeedRunner({ hub });
  const feed = findFeed('export-products');

  const measure = async (title: string): Promise<void> => {
    emulator.resetCounts();
    globalThis.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const began = performance.now();
    const result: RunOutcome = await runner.run({ feed, store, trigger: 'manual' });
    const ms = performance.now() - began;
    const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1_048_576;
    const counts = emulator.requestCounts();
    const requests = totalRequests(counts);
    const verbs = ['GET', 'POST', 'PUT']
      .map((verb) => `${verb} ${Object.values(counts).reduce((sum, byVerb) => sum + (byVerb[verb] ?? 0), 0)}`)
      .join(', ');
    const touched = result.report.counts.created + result.report.counts.updated;
    const bound = (requests * LATENCY_MS) / CONCURRENCY;
    console.log(`${title}`);
    console.log(
      `  ${result.run.status}: created ${result.report.counts.created}, updated ${result.report.counts.updated}, ` +
        `failed ${result.report.counts.failed}`,
    );
    console.log(
      `  ${whole(requests)} requests (${verbs})` +
        (touched > 0 ? `, ${(requests / touched).toFixed(1)} per product written` : ''),
    );
    console.log(
      `  ${whole(ms)} ms` +
        (touched > 0 ? `, ${whole((touched / ms) * 1000)} products/s` : '') +
        `, request-bound limit ${whole(bound)} ms (×${(ms / Math.max(bound, 1)).toFixed(2)}), heap ${heapMb >= 0 ? '+' : ''}${whole(heapMb)} MB after the run`,
    );
  };

  console.log(
    `${products} hub products (${products / 2} simple, ${products / 2} with 3 combinations) → an empty store, ` +
      `${LATENCY_MS} ms latency, ${CONCURRENCY} requests at once`,
  );
  await measure('First export (every product created with its combinations)');
  await measure('Rerun, nothing changed');
  await hub.catalog.upsertProducts(
    source.id,
    records.slice(0, CHANGED).map((record) => ({ ...record, price: '12.500000' })),
  );
  await measure(`Rerun after ${CHANGED} price changes in the hub`);
} finally {
  await hub.close();
  await emulator.close();
  rmSync(folder, { recursive: true, force: true });
}
