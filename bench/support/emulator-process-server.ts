/**
 * The child script of `emulator-process.ts`: seeds the emulator from the options given as JSON, serves
 * it, prints `{"url":…,"key":…}` once listening and stops when its standard input closes or on SIGTERM.
 *
 *   node --import tsx bench/support/emulator-process-server.ts '{"seed":"small","sizes":{…},"latencyMs":20}'
 */
import { startEmulator } from '../../src/emulator/index.js';
import { serveUntilStdinCloses } from './child-server.js';
import type { EmulatorProcessOptions } from './emulator-process.js';

const options = JSON.parse(process.argv[2] ?? '') as EmulatorProcessOptions;
const emulator = await startEmulator({
  port: 0,
  seed: options.seed,
  sizes: options.sizes,
  ...(options.latencyMs === undefined ? {} : { faults: { latencyMs: options.latencyMs } }),
});
serveUntilStdinCloses({ url: emulator.url, key: emulator.keys[0] ?? '', close: () => emulator.close() });
