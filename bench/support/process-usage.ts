/**
 * What a benchmark's work costs the process running it: wall time, CPU time, and the peaks of its
 * resident memory and heap (sampled every 25 ms); and the CPU time of another process (the emulator's).
 */
import { readFileSync } from 'node:fs';

export interface MemoryFigures {
  /** Resident set size, bytes. */
  readonly rss: number;
  /** V8 heap in use, bytes. */
  readonly heap: number;
}

export interface Usage<T> {
  readonly result: T;
  readonly ms: number;
  /** User + system CPU seconds of this process during the work. */
  readonly cpuSeconds: number;
  /** Memory when the work began (after a collection, when `--expose-gc` is on). */
  readonly start: MemoryFigures;
  /** The highest memory seen while the work ran (the start included). */
  readonly peak: MemoryFigures;
}

const SAMPLE_MS = 25;
const MIB = 1_048_576;

/**
 * Runs `work` while sampling this process's memory.
 *
 * @example
 * const { result, ms, peak, start } = await measureUsage(() => runner.run(request));
 * console.log(`rss +${((peak.rss - start.rss) / 1_048_576).toFixed(0)} MB in ${ms.toFixed(0)} ms`);
 */
export async function measureUsage<T>(work: () => Promise<T>): Promise<Usage<T>> {
  globalThis.gc?.();
  const first = process.memoryUsage();
  const start = { rss: first.rss, heap: first.heapUsed };
  let rss = start.rss;
  let heap = start.heap;
  const sample = (): void => {
    const now = process.memoryUsage();
    rss = Math.max(rss, now.rss);
    heap = Math.max(heap, now.heapUsed);
  };
  const timer = setInterval(sample, SAMPLE_MS);
  const began = performance.now();
  const cpu = process.cpuUsage();
  try {
    const result = await work();
    sample();
    const used = process.cpuUsage(cpu);
    return {
      result,
      ms: performance.now() - began,
      cpuSeconds: (used.user + used.system) / 1e6,
      start,
      peak: { rss, heap },
    };
  } finally {
    clearInterval(timer);
  }
}

/** How far the peaks rose above the start, in MiB. */
export function peakGrowthMb(usage: Usage<unknown>): { rssMb: number; heapMb: number } {
  return {
    rssMb: (usage.peak.rss - usage.start.rss) / MIB,
    heapMb: (usage.peak.heap - usage.start.heap) / MIB,
  };
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
