/**
 * A proxy between a pushing process and the emulator that logs every stock write the store saw and
 * can kill the pusher at its n-th stock write: before the store saw it (the request is never passed
 * on), or after the store saved it but before the pusher heard so (the answer is never passed back).
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A write of stock rows that reached the store, with the store's answer. */
export interface StockWriteSeen {
  /** The n-th stock write the proxy received (1-based). */
  readonly n: number;
  readonly method: string;
  readonly rows: readonly { readonly id: number; readonly quantity: number }[];
  readonly status: number;
}

/** Where to kill the pusher: at its `at`-th stock write, before or after the store handled it. */
export interface KillTrap {
  readonly at: number;
  readonly when: 'before the store' | 'after the store';
  /** Kills the pusher (SIGKILL) and resolves when it is gone. */
  readonly kill: () => Promise<void>;
}

export interface StockWriteProxy {
  readonly url: string;
  /** Every stock write passed on to the store, in the order the store answered. */
  readonly writes: StockWriteSeen[];
  /** Stock reads passed on. */
  readonly reads: () => number;
  /** Arms a kill; requests after it fired are dropped until {@link revive}. */
  arm(trap: KillTrap): void;
  /** Resolves once the armed kill has fired. */
  fired(): Promise<number>;
  /** Passes requests on again (a new pusher). */
  revive(): void;
  close(): Promise<void>;
}

function rowsOf(body: string): { id: number; quantity: number }[] {
  const rows: { id: number; quantity: number }[] = [];
  const value = (record: string, field: string): number =>
    Number(
      /<!\[CDATA\[(-?\d+)\]\]>/.exec(
        new RegExp(`<${field}>(.*?)</${field}>`, 's').exec(record)?.[1] ?? '',
      )?.[1],
    );
  for (const match of body.matchAll(/<stock_available>(.*?)<\/stock_available>/gs)) {
    rows.push({ id: value(match[1]!, 'id'), quantity: value(match[1]!, 'quantity') });
  }
  return rows;
}

export async function startStockWriteProxy(target: string): Promise<StockWriteProxy> {
  const upstream = new URL(target);
  const writes: StockWriteSeen[] = [];
  let reads = 0;
  let received = 0;
  let trap: KillTrap | undefined;
  let dead = false;
  let firedAt: (n: number) => void = () => undefined;
  let firing = new Promise<number>((resolve) => (firedAt = resolve));

  const pass = (
    method: string,
    url: string,
    headers: Record<string, string | string[] | undefined>,
    body: Buffer,
  ): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const forward = httpRequest(
        { host: upstream.hostname, port: upstream.port, path: url, method, headers },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.on('end', () =>
            resolve({
              status: answer.statusCode ?? 502,
              headers: answer.headers,
              body: Buffer.concat(chunks),
            }),
          );
          answer.on('error', reject);
        },
      );
      forward.on('error', reject);
      forward.end(body);
    });

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void (async () => {
        if (dead) {
          response.destroy();
          return;
        }
        const body = Buffer.concat(chunks);
        const url = request.url ?? '/';
        const method = request.method ?? 'GET';
        const stock = /^\/api\/stock_availables(\/|\?|$)/.test(url);
        const write = stock && (method === 'PUT' || method === 'PATCH');
        const n = write ? (received += 1) : 0;
        const trapped = write && trap !== undefined && trap.at === n ? trap : undefined;
        if (trapped?.when === 'before the store') {
          dead = true;
          await trapped.kill();
          response.destroy();
          firedAt(n);
          return;
        }
        if (stock && method === 'GET') reads += 1;
        const answer = await pass(method, url, request.headers, body);
        if (write) writes.push({ n, method, rows: rowsOf(body.toString('utf8')), status: answer.status });
        if (trapped !== undefined) {
          dead = true;
          await trapped.kill();
          response.destroy();
          firedAt(n);
          return;
        }
        if (dead) {
          response.destroy();
          return;
        }
        response.writeHead(answer.status, answer.headers);
        response.end(answer.body);
      })().catch(() => response.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    writes,
    reads: () => reads,
    arm(next) {
      trap = next;
      firing = new Promise<number>((resolve) => (firedAt = resolve));
    },
    fired: () => firing,
    revive() {
      dead = false;
      trap = undefined;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
