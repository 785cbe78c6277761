/**
 * The emulator of the stock benchmark, in its own process so that rendering pages does not take CPU
 * from the hub being measured. Prints `{"url":…,"key":…}` once listening; stops when its standard
 * input closes or on SIGTERM. Latency, request counts and stock changes go through the emulator's
 * control API (`/__emulator/faults`, `/__emulator/requests`, `/__emulator/stock`).
 *
 *   node --import tsx bench/support/stock-emulator-server.ts <products> <combinations per product>
 */
import { startEmulator } from '../../src/emulator/index.js';

const products = Number(process.argv[2] ?? 120_000);
const combinations = Number(process.argv[3] ?? 4);
const emulator = await startEmulator({
  port: 0,
  seed: 'large',
  sizes: { products, combinations, customers: 1, orders: 0 },
});
process.stdout.write(`${JSON.stringify({ url: emulator.url, key: emulator.keys[0] })}\n`);

const stop = (): void => {
  void emulator.close().then(() => process.exit(0));
};
process.stdin.on('end', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
