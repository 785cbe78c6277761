/**
 * The emulator for the orders benchmark, in its own process so that its CPU does not count against
 * the importing process. Prints `{"url":…,"key":…}` on one line once listening; stops when its
 * standard input closes (the benchmark ended) or on SIGTERM. Request counts, faults and new orders go
 * through the emulator's control API (`/__emulator/requests`, `/__emulator/faults`, `/__emulator/orders`).
 *
 *   node --import tsx bench/support/orders-emulator-server.ts <orders> <products> <customers>
 */
import { startEmulator } from '../../src/emulator/index.js';

const orders = Number(process.argv[2] ?? 1_000_000);
const products = Number(process.argv[3] ?? 5_000);
const customers = Number(process.argv[4] ?? 100_000);
const emulator = await startEmulator({
  port: 0,
  seed: 'large',
  sizes: { products, combinations: 3, customers, orders },
});
process.stdout.write(`${JSON.stringify({ url: emulator.url, key: emulator.keys[0] })}\n`);

const stop = (): void => {
  void emulator.close().then(() => process.exit(0));
};
process.stdin.on('end', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
