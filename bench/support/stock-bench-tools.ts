import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** Helpers of the stock benchmark: the emulator's process and its control API, a direct PUT. */

export interface StockEmulator {
  readonly url: string;
  readonly key: string;
  /** Webservice requests by resource and verb since the last reset. */
  counts(): Promise<Record<string, Record<string, number>>>;
  resetCounts(): Promise<void>;
  setLatency(latencyMs: number): Promise<void>;
  /** Changes a store quantity behind the hub's back (as a sale or a back-office edit would). */
  setStock(productId: number, combinationId: number, quantity: number): Promise<void>;
  stop(): Promise<void>;
}

const benchFolder = fileURLToPath(new URL('.', import.meta.url));

/** Starts the emulator in its own process (no latency yet) and waits until it listens. */
export async function startStockEmulator(products: number, combinations: number): Promise<StockEmulator> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--max-old-space-size=8192',
      `${benchFolder}stock-emulator-server.ts`,
      String(products),
      String(combinations),
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
    async counts() {
      return ((await control('GET', 'requests')) as { counts: Record<string, Record<string, number>> })
        .counts;
    },
    async resetCounts() {
      await control('DELETE', 'requests');
    },
    async setLatency(latencyMs) {
      await control('PUT', 'faults', { latencyMs });
    },
    async setStock(productId, combinationId, quantity) {
      await control('PUT', 'stock', { productId, combinationId, quantity });
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin?.end();
      await exited;
    },
  };
}

/** Sum of every verb's count. */
export function totalRequests(counts: Record<string, Record<string, number>>): number {
  return Object.values(counts)
    .flatMap((verbs) => Object.values(verbs))
    .reduce((sum, count) => sum + count, 0);
}

/** A full stock row, as a direct PUT must send it (PUT replaces the record). */
export interface FullStockRow {
  readonly id: number;
  readonly productId: number;
  readonly combinationId: number;
  readonly quantity: number;
}

/**
 * One PUT of a whole `stock_availables` row without reading it first — what a push would cost if
 * the client offered a direct replace. Measured here only: the hub pushes through the client's
 * read-merge-PUT. The row's other fields are those the emulator seeds (shop 1, out_of_stock 2).
 */
export async function directStockPut(apiUrl: string, key: string, row: FullStockRow): Promise<void> {
  await putRows(`${apiUrl}stock_availables/${row.id}`, key, [row]);
}

/**
 * One PUT carrying several whole rows (the webservice saves every record of a body): what a push of
 * many changes at once would cost. Measured here only, like {@link directStockPut}.
 */
export async function directStockPutMany(
  apiUrl: string,
  key: string,
  rows: readonly FullStockRow[],
): Promise<void> {
  await putRows(`${apiUrl}stock_availables`, key, rows);
}

async function putRows(url: string, key: string, rows: readonly FullStockRow[]): Promise<void> {
  const records = rows.map(
    (row) =>
      '<stock_available>' +
      `<id>${row.id}</id><id_product>${row.productId}</id_product>` +
      `<id_product_attribute>${row.combinationId}</id_product_attribute>` +
      '<id_shop>1</id_shop><id_shop_group>0</id_shop_group>' +
      `<quantity>${row.quantity}</quantity><depends_on_stock>0</depends_on_stock>` +
      '<out_of_stock>2</out_of_stock><location></location>' +
      '</stock_available>',
  );
  const response = await fetch(url, {
    method: 'PUT',
    body: `<prestashop>${records.join('')}</prestashop>`,
    headers: { Authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` },
  });
  await response.arrayBuffer();
  if (response.status !== 200)
    throw new Error(`direct PUT of ${rows.length} stock row(s): ${response.status}`);
}

/** Runs `work` over `items`, `concurrency` at a time. */
export async function inParallel<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next] as T;
        next += 1;
        await work(item);
      }
    }),
  );
}

/** A deterministic pseudo-random source (the same picks on every run). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
