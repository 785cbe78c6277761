/** Load helpers for the emulator benchmark: timed runs of page requests at a fixed concurrency. */

export interface LoadResult {
  readonly requests: number;
  readonly seconds: number;
  readonly bytes: number;
  readonly failures: number;
}

/** Sends `total` GETs built by `path(i)`, `concurrency` at a time, and measures the whole run. */
export async function runLoad(
  apiUrl: string,
  key: string,
  path: (i: number) => string,
  total: number,
  concurrency: number,
): Promise<LoadResult> {
  const headers = { Authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` };
  let next = 0;
  let bytes = 0;
  let failures = 0;
  const started = process.hrtime.bigint();
  const worker = async (): Promise<void> => {
    while (next < total) {
      const i = next;
      next += 1;
      const response = await fetch(`${apiUrl}${path(i)}`, { headers });
      const body = await response.arrayBuffer();
      bytes += body.byteLength;
      if (response.status !== 200) failures += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, () => worker()));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { requests: total, seconds, bytes, failures };
}

export function megabytes(bytes: number): string {
  return (bytes / 1_000_000).toFixed(1);
}
