/**
 * Paging benchmark of the webservice client, against a local fake store (own process) holding
 * 100,000 products and answering after ~20 ms, like a store across the internet:
 *
 * 1. parse speed of one page of 500 full products, JSON vs XML codec (in process);
 * 2. a full `iterate()` sweep (pages of 500 full products, id ranges) in JSON and in XML;
 * 3. prefetch on vs off with a caller that works 20 ms on every page;
 * 4. the naive sweep (list ids, then one GET per id, 4 at a time), measured on a sample and
 *    projected to the whole catalog.
 *
 *   node --import tsx --expose-gc bench/webservice-paging.bench.ts
 *   BENCH_PRODUCTS=20000 BENCH_NAIVE_SAMPLE=500 … for a quicker run
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

import { recordsFromJson } from '../src/webservice/json-record-decoder.js';
import { PrestaShopClient, type PrestaShopClientOptions } from '../src/webservice/prestashop-client.js';
import { XmlListDecoder } from '../src/webservice/xml-record-decoder.js';
import { type ChildServer, startChildServer } from './support/child-server.js';
import { measureUsage, peakGrowthMb } from './support/process-usage.js';
import { renderProductsPage } from './support/webservice-fake-store.js';

const products = Number(process.env.BENCH_PRODUCTS ?? 100_000);
const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 20);
const naiveSample = Number(process.env.BENCH_NAIVE_SAMPLE ?? 2_000);
const pageSize = 500;

interface SweepResult {
  readonly label: string;
  readonly records: number;
  readonly requests: number;
  readonly wallMs: number;
  readonly peakHeapMb: number;
  readonly peakRssMb: number;
}

/** Wall time of `work`, and how far heap and RSS peaked above where they started. */
async function measure<T>(
  work: () => Promise<T>,
): Promise<{ value: T; wallMs: number; peakHeapMb: number; peakRssMb: number }> {
  const usage = await measureUsage(work);
  const growth = peakGrowthMb(usage);
  return { value: usage.result, wallMs: usage.ms, peakHeapMb: growth.heapMb, peakRssMb: growth.rssMb };
}

function startStore(): Promise<ChildServer> {
  const script = fileURLToPath(new URL('./support/webservice-store-server.ts', import.meta.url));
  return startChildServer(script, [String(products), String(latencyMs)]);
}

function parseSpeed(): void {
  const xml = renderProductsPage(pageSize, 'xml');
  const json = renderProductsPage(pageSize, 'json');
  const decodeXml = (): number => {
    const decoder = new XmlListDecoder();
    let count = 0;
    for (let start = 0; start < xml.length; start += 65_536) {
      decoder.write(xml.slice(start, start + 65_536));
      count += decoder.take().length;
    }
    decoder.close();
    return count + decoder.take().length;
  };
  const decodeJson = (): number =>
    recordsFromJson(JSON.parse(json), {
      resource: 'products',
      displayedAssociations: ['categories', 'images'],
    }).length;
  const time = (decode: () => number): number => {
    for (let index = 0; index < 5; index += 1) decode();
    const rounds = 30;
    const started = performance.now();
    for (let index = 0; index < rounds; index += 1)
      if (decode() !== pageSize) throw new Error('wrong record count');
    return (performance.now() - started) / rounds;
  };
  const xmlMs = time(decodeXml);
  const jsonMs = time(decodeJson);
  console.log(`\nParse one page of ${pageSize} full products (in process, 30 rounds after warm-up)`);
  console.log(
    `  XML : ${(xml.length / 2 ** 20).toFixed(2)} MB, ${xmlMs.toFixed(1)} ms/page, ${Math.round((pageSize / xmlMs) * 1000).toLocaleString('en')} records/s`,
  );
  console.log(
    `  JSON: ${(json.length / 2 ** 20).toFixed(2)} MB, ${jsonMs.toFixed(1)} ms/page, ${Math.round((pageSize / jsonMs) * 1000).toLocaleString('en')} records/s`,
  );
  console.log(
    `  JSON is ${(xmlMs / jsonMs).toFixed(1)}× faster to parse, ${(xml.length / json.length).toFixed(1)}× smaller`,
  );
}

async function sweep(
  label: string,
  connection: { url: string; key: string },
  options: Partial<PrestaShopClientOptions>,
  iterate: { prefetch: boolean; workMs: number },
): Promise<SweepResult> {
  let requests = 0;
  const client = new PrestaShopClient({ ...connection, onRequest: () => (requests += 1), ...options });
  try {
    const result = await measure(async () => {
      let records = 0;
      for await (const page of client.iterate(
        'products',
        { display: 'full' },
        { pageSize, prefetch: iterate.prefetch },
      )) {
        records += page.length;
        if (iterate.workMs > 0) await sleep(iterate.workMs);
      }
      return records;
    });
    return { label, records: result.value, requests, ...result };
  } finally {
    await client.close();
  }
}

async function naiveSweep(connection: {
  url: string;
  key: string;
}): Promise<SweepResult & { projectedMs: number; sampled: number }> {
  let requests = 0;
  const client = new PrestaShopClient({ ...connection, onRequest: () => (requests += 1) });
  try {
    const result = await measure(async () => {
      const ids = (await client.list('products')).map((record) => record.id);
      const sample = ids.slice(0, naiveSample);
      let next = 0;
      // 4 workers: the client's concurrency limit.
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (next < sample.length) {
            const id = sample[next++]!;
            await client.get('products', id);
          }
        }),
      );
      return { total: ids.length, sampled: sample.length };
    });
    const perRecordMs = result.wallMs / result.value.sampled;
    return {
      label: `naive: list ids + GET per id (${result.value.sampled.toLocaleString('en')} sampled)`,
      records: result.value.sampled,
      requests,
      sampled: result.value.sampled,
      projectedMs: perRecordMs * result.value.total,
      wallMs: result.wallMs,
      peakHeapMb: result.peakHeapMb,
      peakRssMb: result.peakRssMb,
    };
  } finally {
    await client.close();
  }
}

function report(result: SweepResult): void {
  const rate = Math.round((result.records / result.wallMs) * 1000);
  console.log(
    `  ${result.label.padEnd(52)} ${String(result.requests).padStart(6)} req  ${(result.wallMs / 1000).toFixed(2).padStart(7)} s  ` +
      `${rate.toLocaleString('en').padStart(8)} rec/s  heap +${result.peakHeapMb.toFixed(0).padStart(4)} MB  rss +${result.peakRssMb.toFixed(0).padStart(4)} MB`,
  );
}

async function main(): Promise<void> {
  parseSpeed();
  const store = await startStore();
  try {
    const connection = { url: store.url, key: store.key };
    console.log(
      `\nFull sweep of ${products.toLocaleString('en')} products, pages of ${pageSize}, ${latencyMs} ms latency per request`,
    );
    const json = await sweep('iterate, JSON (auto), prefetch', connection, {}, { prefetch: true, workMs: 0 });
    report(json);
    const xml = await sweep(
      'iterate, XML (streamed), prefetch',
      connection,
      { format: 'xml' },
      { prefetch: true, workMs: 0 },
    );
    report(xml);

    console.log(`\nPrefetch, with a caller working ${latencyMs} ms on each page (a feed committing it)`);
    const withPrefetch = await sweep(
      'iterate, JSON, prefetch on',
      connection,
      {},
      { prefetch: true, workMs: latencyMs },
    );
    report(withPrefetch);
    const withoutPrefetch = await sweep(
      'iterate, JSON, prefetch off',
      connection,
      {},
      { prefetch: false, workMs: latencyMs },
    );
    report(withoutPrefetch);
    console.log(
      `  prefetch saves ${(((withoutPrefetch.wallMs - withPrefetch.wallMs) / withoutPrefetch.wallMs) * 100).toFixed(0)}% of the sweep time`,
    );

    console.log('\nNaive sweep');
    const naive = await naiveSweep(connection);
    report(naive);
    const projectedRequests = 1 + products;
    console.log(
      `  projected to ${products.toLocaleString('en')} products: ${projectedRequests.toLocaleString('en')} requests, ` +
        `${(naive.projectedMs / 1000).toFixed(0)} s`,
    );
    console.log(
      `  iterate (JSON) vs naive: ${(projectedRequests / json.requests).toFixed(0)}× fewer requests, ` +
        `${(naive.projectedMs / json.wallMs).toFixed(0)}× faster`,
    );
  } finally {
    await store.stop();
  }
}

await main();
