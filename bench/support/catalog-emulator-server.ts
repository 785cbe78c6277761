/**
 * The emulator for the catalog benchmark, in its own process so that its CPU does not count against
 * the importing process. Prints `{"url":…,"key":…}` on one line once listening; stops when its standard
 * input closes (the benchmark ended) or on SIGTERM. Request counts and faults are read and changed
 * through the emulator's control API (`/__emulator/requests`, `/__emulator/faults`).
 *
 *   node --import tsx bench/support/catalog-emulator-server.ts <products> <combinations> <latencyMs>
 */
import { startEmulator } from '../../src/emulator/index.js';

const products = Number(process.argv[2] ?? 100_000);
const combinations = Number(process.argv[3] ?? 3);
const latencyMs = Number(process.argv[4] ?? 20);
const emulator = await startEmulator({
  port: 0,
  seed: 'small',
  sizes: { products, combinations, customers: 1, orders: 0 },
  faults: { latencyMs },
});
process.stdout.write(`${JSON.stringify({ url: emulator.url, key: emulator.keys[0] })}\n`);

const stop = (): void => {
  void emulator.close().then(() => process.exit(0));
};
process.stdin.on('end', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
