/**
 * realstore-catalog: import-products against a real store, set by
 * PRESTABRIDGE_BENCH_STORE_URL and PRESTABRIDGE_BENCH_STORE_KEY (skipped, with a message, when unset):
 * its wall time against fetching the very URLs it requested with curl, with the same concurrency
 * (`--parallel --parallel-max 4`) and one after another; requests per variant; then an empty
 * update-products (after the first of the day, which lists every id).
 *
 *   PRESTABRIDGE_BENCH_STORE_URL=http://127.0.0.1:8088 PRESTABRIDGE_BENCH_STORE_KEY=… npm run bench -- realstore-catalog
 *
 * Each round connects the store in a fresh SQLite hub, so every import reads and creates the whole
 * catalog; the rounds alternate with the curl fetches (`--rounds N`, default 3), and the
 * medians are compared. The store's own load (other work on the machine) moves every figure: the load
 * average is printed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

import { type Hub, openHub, type Store } from '../src/hub/index.js';
import { FeedRunner } from '../src/jobs/index.js';
import { connectStore, findFeed } from '../src/sync/index.js';
import type { RequestEvent } from '../src/webservice/index.js';

/** The webservice client's default: requests in flight at once per store. */
const CONCURRENCY = 4;

const storeUrl = process.env.PRESTABRIDGE_BENCH_STORE_URL;
const storeKey = process.env.PRESTABRIDGE_BENCH_STORE_KEY;
if (!storeUrl || !storeKey) {
  console.log(
    'realstore-catalog skipped: set PRESTABRIDGE_BENCH_STORE_URL and PRESTABRIDGE_BENCH_STORE_KEY ' +
      '(a store with a full-access webservice key, e.g. ../shared/realstore/).',
  );
  process.exit(0);
}

function flag(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index < 0 ? undefined : process.argv[index + 1];
}
const rounds = Number(flag('rounds') ?? 3);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds must be a whole number ≥ 1');

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const load = (): string =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

/** Fetches `urls` with curl (key as user, empty password), `parallel` at once or one after another; ms. */
function curlFetch(urls: readonly string[], parallel: number | undefined, folder: string): number {
  const config = join(folder, 'urls.curl');
  writeFileSync(config, urls.map((url) => `url = "${url}"\noutput = "/dev/null"\n`).join(''));
  const args = [
    '--globoff',
    '--silent',
    '--show-error',
    '--fail',
    '--user',
    `${storeKey}:`,
    '--config',
    config,
  ];
  if (parallel !== undefined) args.push('--parallel', '--parallel-max', String(parallel));
  const started = performance.now();
  // stderr piped: with --parallel curl draws its progress meter even when silent; a failure still throws.
  execFileSync('curl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  return performance.now() - started;
}

const folder = mkdtempSync(join(tmpdir(), 'prestabridge-realstore-bench-'));
/** A fresh hub per round: every import creates the whole catalog (no product to match or skip). */
const openRoundHub = (round: number): Promise<Hub> =>
  openHub({ databaseUrl: join(folder, `hub-${round}.sqlite`), secret: 'bench', env: {} });
let hub = await openRoundHub(0);
try {
  console.log(
    `Real store ${storeUrl}: import-products against curl, ${rounds} round(s), concurrency ${CONCURRENCY}`,
  );
  console.log(`  load average at start ${load()}`);
  const imports: number[] = [];
  const parallel: number[] = [];
  const serial: number[] = [];
  let requests: string[] = [];
  let store: Store | undefined;
  let products = 0;
  for (let round = 1; round <= rounds; round += 1) {
    await hub.close();
    hub = await openRoundHub(round);
    const { store: connected } = await connectStore(hub, {
      name: 'real',
      url: storeUrl,
      key: storeKey,
    });
    store = connected;
    await new FeedRunner({ hub }).run({ feed: findFeed('import-categories'), store, trigger: 'manual' });
    const urls: string[] = [];
    const onRequest = (event: RequestEvent): void => {
      if (event.attempt === 1 && event.status !== undefined && event.status < 300) urls.push(event.url);
    };
    const started = performance.now();
    const { run, report } = await new FeedRunner({ hub, clientOverrides: { onRequest } }).run({
      feed: findFeed('import-products'),
      store,
      trigger: 'manual',
    });
    imports.push(performance.now() - started);
    if (run.status !== 'succeeded') throw new Error(`import-products ${run.status}: ${report.error ?? ''}`);
    products = report.counts.created + report.counts.updated + report.counts.unchanged;
    requests = urls;
    parallel.push(curlFetch(urls, CONCURRENCY, folder));
    serial.push(curlFetch(urls, undefined, folder));
    console.log(
      `  round ${round}: import ${seconds(imports.at(-1) ?? 0)} (${urls.length} requests, ${report.counts.created} created, ` +
        `${report.counts.failed} failed), curl ×${CONCURRENCY} ${seconds(parallel.at(-1) ?? 0)}, ` +
        `curl one by one ${seconds(serial.at(-1) ?? 0)}; load ${load()}`,
    );
  }
  if (store === undefined) throw new Error('no round ran');

  let variants = 0;
  for (let after = 0; ;) {
    const page = await hub.bindings.page(store.id, 'products', { afterLocalId: after, limit: 1000 });
    if (page.length === 0) break;
    for (const binding of page) variants += (await hub.catalog.getProduct(binding.localId)).variants.length;
    after = page.at(-1)?.localId ?? after;
  }

  const emptyRuns: number[] = [];
  for (let run = 0; run < 2; run += 1) {
    let count = 0;
    const outcome = await new FeedRunner({ hub, clientOverrides: { onRequest: () => (count += 1) } }).run({
      feed: findFeed('update-products'),
      store,
      trigger: 'manual',
    });
    if (outcome.run.status !== 'succeeded')
      throw new Error(`update-products ${outcome.run.status}: ${outcome.report.error ?? ''}`);
    emptyRuns.push(count);
    console.log(
      `  update-products run ${run + 1}: ${count} requests, counts ${JSON.stringify(outcome.report.counts)}` +
        (run === 0 ? ' (first of the day: lists every id for deletions)' : ''),
    );
  }

  const importMs = median(imports);
  const parallelMs = median(parallel);
  const serialMs = median(serial);
  console.log('\nMedians');
  console.log(`  products / variants          ${products} / ${variants}`);
  console.log(`  import-products              ${seconds(importMs)}, ${requests.length} requests`);
  console.log(`  curl, ${CONCURRENCY} in flight           ${seconds(parallelMs)}`);
  console.log(`  curl, one after another      ${seconds(serialMs)}`);
  console.log(
    `  import ÷ curl ×${CONCURRENCY}             ${(importMs / parallelMs).toFixed(2)} (goal ≤ 1.1)`,
  );
  console.log(`  import ÷ curl one by one     ${(importMs / serialMs).toFixed(2)} (goal ≤ 0.6)`);
  console.log(`  requests per variant         ${(requests.length / variants).toFixed(4)} (goal ≤ 0.006)`);
  console.log(`  empty update-products        ${emptyRuns.at(-1) ?? 0} requests (goal ≤ 3)`);
  console.log(`  load average at end          ${load()}`);
} finally {
  await hub.close();
  rmSync(folder, { recursive: true, force: true });
}
