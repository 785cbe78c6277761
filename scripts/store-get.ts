/**
 * One GET to a store's webservice with its key, as the recording scripts need it: the status, the
 * raw status line and headers in the order the store sent them, and the body.
 */
import { request } from 'node:http';

export interface StoreAnswer {
  readonly status: number;
  /** `HTTP/1.1 200 OK` and each header line, CRLF-separated and ended. */
  readonly head: string;
  readonly body: Buffer;
}

export function storeGet(url: URL, key: string): Promise<StoreAnswer> {
  return new Promise((resolvePromise, reject) => {
    const req = request(
      url,
      { method: 'GET', headers: { Authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const lines = [`HTTP/${res.httpVersion} ${res.statusCode ?? 0} ${res.statusMessage ?? ''}`];
          for (let i = 0; i < res.rawHeaders.length; i += 2)
            lines.push(`${res.rawHeaders[i] ?? ''}: ${res.rawHeaders[i + 1] ?? ''}`);
          resolvePromise({
            status: res.statusCode ?? 0,
            head: `${lines.join('\r\n')}\r\n`,
            body: Buffer.concat(chunks),
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}
