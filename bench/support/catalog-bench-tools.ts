import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** Helpers of the catalog benchmark: the emulator's process, its control API, memory peaks. */

export interface EmulatorProcess {
  readonly url: string;
  readonly key: string;
  /** Webservice requests by resource and verb since the last reset. */
  counts(): Promise<Record<string, Record<string, number>>>;
  resetCounts(): Promise<void>;
  /** CPU seconds the emulator's process has used so far (Linux `/proc`), or undefined elsewhere. */
  cpuSeconds(): number | undefined;
  /** Sets some emulator products' fields, through the control API (moves their `date_upd`). */
  updateProduct(productId: number, changes: Record<string, unknown>): Promise<void>;
  stop(): Promise<void>;
}

const benchFolder = fileURLToPath(new URL('.', import.meta.url));

/** Starts the emulator in its own process and waits until it listens. */
export async function startEmulatorProcess(
  products: number,
  combinations: number,
  latencyMs: number,
): Promise<EmulatorProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--max-old-space-size=8192',
      `${benchFolder}catalog-emulator-server.ts`,
      String(products),
      String(combinations),
      String(latencyMs),
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
    cpuSeconds() {
      return child.pid === undefined ? undefined : processCpuSeconds(child.pid);
    },
    async updateProduct(productId, changes) {
      await control('PATCH', `products/${productId}`, changes);
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

/** Samples this process's memory while `work` runs; returns its result with the peaks above the start. */
export async function withMemoryPeak<T>(
  work: () => Promise<T>,
): Promise<{ result: T; peakRssMb: number; peakHeapMb: number; ms: number; cpuSeconds: number }> {
  globalThis.gc?.();
  const start = process.memoryUsage();
  let rss = start.rss;
  let heap = start.heapUsed;
  const sample = (): void => {
    const now = process.memoryUsage();
    rss = Math.max(rss, now.rss);
    heap = Math.max(heap, now.heapUsed);
  };
  const timer = setInterval(sample, 25);
  const began = performance.now();
  const cpu = process.cpuUsage();
  try {
    const result = await work();
    sample();
    const used = process.cpuUsage(cpu);
    return {
      result,
      cpuSeconds: (used.user + used.system) / 1e6,
      ms: performance.now() - began,
      peakRssMb: (rss - start.rss) / 1_048_576,
      peakHeapMb: (heap - start.heapUsed) / 1_048_576,
    };
  } finally {
    clearInterval(timer);
  }
}

/** Clock ticks per second of `/proc/<pid>/stat` (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** User + system CPU seconds of another process, from `/proc/<pid>/stat`; undefined when unreadable. */
export function processCpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}
