import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** Helpers of the orders benchmark: the emulator's process and its control API, memory peaks. */

export interface OrdersEmulator {
  readonly url: string;
  readonly key: string;
  /** Webservice requests since the last reset. */
  requests(): Promise<number>;
  resetCounts(): Promise<void>;
  setLatency(latencyMs: number): Promise<void>;
  /** Places an order as a shopper would (one product, paid by card). */
  placeOrder(customerId: number, productId: number, combinationId: number): Promise<void>;
  stop(): Promise<void>;
}

const benchFolder = fileURLToPath(new URL('.', import.meta.url));

export async function startOrdersEmulator(
  orders: number,
  products: number,
  customers: number,
): Promise<OrdersEmulator> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--max-old-space-size=8192',
      `${benchFolder}orders-emulator-server.ts`,
      String(orders),
      String(products),
      String(customers),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the emulator process exited (${code ?? 'signal'})`)));
  });
  const { url, key } = JSON.parse(first) as { url: string; key: string };
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
    key,
    async requests() {
      const { counts } = (await control('GET', 'requests')) as {
        counts: Record<string, Record<string, number>>;
      };
      return Object.values(counts).reduce(
        (sum, verbs) => sum + Object.values(verbs).reduce((total, count) => total + count, 0),
        0,
      );
    },
    async resetCounts() {
      await control('DELETE', 'requests');
    },
    async setLatency(latencyMs) {
      await control('PUT', 'faults', { latencyMs });
    },
    async placeOrder(customerId, productId, combinationId) {
      await control('POST', 'orders', {
        customerId,
        lines: [{ productId, combinationId, quantity: 1 }],
        paymentModule: 'ps_checkout',
      });
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin?.end();
      await exited;
    },
  };
}

/** Runs `work` while sampling this process's memory; returns its result and the peaks (bytes). */
export async function withMemoryPeak<T>(
  work: () => Promise<T>,
): Promise<{ result: T; rss: number; heap: number }> {
  let rss = 0;
  let heap = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    rss = Math.max(rss, usage.rss);
    heap = Math.max(heap, usage.heapUsed);
  };
  const timer = setInterval(sample, 100);
  try {
    const result = await work();
    sample();
    return { result, rss, heap };
  } finally {
    clearInterval(timer);
  }
}
