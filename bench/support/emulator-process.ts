/**
 * The emulator in its own process, for the benchmarks that measure the hub (catalog, orders, stock):
 * rendering pages takes no CPU from the process being measured. Its seed and sizes go to the child
 * script (`emulator-process-server.ts`) as JSON; request counts, latency and store changes go through
 * the emulator's control API (`/__emulator/…`).
 */
import { fileURLToPath } from 'node:url';

import { startChildServer } from './child-server.js';
import { processCpuSeconds } from './process-usage.js';

/** What the child process seeds and serves. */
export interface EmulatorProcessOptions {
  readonly seed: 'small' | 'large';
  readonly sizes: {
    readonly products: number;
    readonly combinations: number;
    readonly customers: number;
    readonly orders: number;
  };
  /** Latency on every answer from the start (default none; {@link EmulatorProcess.setLatency} changes it). */
  readonly latencyMs?: number;
}

/** Webservice requests by resource and verb (`''` is `/api/`). */
export type RequestCounts = Record<string, Record<string, number>>;

export interface EmulatorProcess {
  readonly url: string;
  readonly key: string;
  /** Webservice requests by resource and verb since the last reset. */
  counts(): Promise<RequestCounts>;
  resetCounts(): Promise<void>;
  setLatency(latencyMs: number): Promise<void>;
  /** CPU seconds the emulator's process has used so far (Linux `/proc`), or undefined elsewhere. */
  cpuSeconds(): number | undefined;
  /** Sets some fields of a product, as a back-office edit would (moves its `date_upd`). */
  updateProduct(productId: number, changes: Record<string, unknown>): Promise<void>;
  /** Changes a store quantity behind the hub's back (as a sale or a back-office edit would). */
  setStock(productId: number, combinationId: number, quantity: number): Promise<void>;
  /** Places an order as a shopper would (one product, paid by card). */
  placeOrder(customerId: number, productId: number, combinationId: number): Promise<void>;
  stop(): Promise<void>;
}

const childScript = fileURLToPath(new URL('./emulator-process-server.ts', import.meta.url));

/**
 * Starts the emulator in its own process and waits until it listens.
 *
 * @example
 * const emulator = await startEmulatorProcess({
 *   seed: 'small',
 *   sizes: { products: 1000, combinations: 3, customers: 1, orders: 0 },
 *   latencyMs: 20,
 * });
 * await emulator.resetCounts();
 * // … run a feed against emulator.url with emulator.key …
 * console.log(totalRequests(await emulator.counts()));
 * await emulator.stop();
 */
export async function startEmulatorProcess(options: EmulatorProcessOptions): Promise<EmulatorProcess> {
  const server = await startChildServer(childScript, [JSON.stringify(options)]);
  const { url } = server;
  const control = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${url}/__emulator/${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    if (!response.ok)
      throw new Error(`control ${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  return {
    url,
    key: server.key,
    async counts() {
      return ((await control('GET', 'requests')) as { counts: RequestCounts }).counts;
    },
    async resetCounts() {
      await control('DELETE', 'requests');
    },
    async setLatency(latencyMs) {
      await control('PUT', 'faults', { latencyMs });
    },
    cpuSeconds() {
      const { pid } = server.process;
      return pid === undefined ? undefined : processCpuSeconds(pid);
    },
    async updateProduct(productId, changes) {
      await control('PATCH', `products/${productId}`, changes);
    },
    async setStock(productId, combinationId, quantity) {
      await control('PUT', 'stock', { productId, combinationId, quantity });
    },
    async placeOrder(customerId, productId, combinationId) {
      await control('POST', 'orders', {
        customerId,
        lines: [{ productId, combinationId, quantity: 1 }],
        paymentModule: 'ps_checkout',
      });
    },
    stop: () => server.stop(),
  };
}

/** Sum of every verb's count. */
export function totalRequests(counts: RequestCounts): number {
  return Object.values(counts)
    .flatMap((verbs) => Object.values(verbs))
    .reduce((sum, count) => sum + count, 0);
}
