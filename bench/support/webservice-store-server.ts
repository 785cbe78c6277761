/**
 * Runs the fake catalog store in its own process, so that a benchmark measures the client's
 * memory and time only. Prints `{"url":…,"key":…}` on one line once listening; stops when its
 * standard input closes (the benchmark ended) or on SIGTERM.
 *
 *   node --import tsx bench/support/webservice-store-server.ts <products> <latencyMs>
 */
import { serveUntilStdinCloses } from './child-server.js';
import { FakeCatalogStore } from './webservice-fake-store.js';

const products = Number(process.argv[2] ?? 100_000);
const latencyMs = Number(process.argv[3] ?? 20);
serveUntilStdinCloses(await FakeCatalogStore.start({ products, latencyMs }));
