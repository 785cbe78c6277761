/**
 * Runs the fake catalog store in its own process, so that a benchmark measures the client's
 * memory and time only. Prints `{"url":…,"key":…}` on one line once listening; stops when its
 * standard input closes (the benchmark ended) or on SIGTERM.
 *
 *   node --import tsx bench/support/webservice-store-server.ts <products> <latencyMs>
 */
import { FakeCatalogStore } from './webservice-fake-store.js';

const products = Number(process.argv[2] ?? 100_000);
const latencyMs = Number(process.argv[3] ?? 20);
const store = await FakeCatalogStore.start({ products, latencyMs });
process.stdout.write(`${JSON.stringify({ url: store.url, key: store.key })}\n`);

const stop = (): void => {
  void store.close().then(() => process.exit(0));
};
process.stdin.on('end', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
